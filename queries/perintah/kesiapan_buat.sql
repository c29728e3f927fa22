-- The readiness rows (kesiapan_wilayah) a process keeps per as-of date and scope
-- (Store.siapkan_kesiapan): a table of its own, in memory, empty at first. Several page queries of
-- a view read one date's rows, so they are computed once per snapshot, date and scope instead of
-- once per query. The scope (`awalan`) is a kecamatan (its own rows, computed from its own places:
-- a kecamatan view of national data never computes the nation's TPS) or NULL for the whole region
-- (every row; a city keeps only these, one build per date serving every kecamatan).
CREATE TABLE memory.main.kesiapan_simpan AS
SELECT
    CAST(NULL AS DATE) AS tanggal,
    CAST(NULL AS VARCHAR) AS awalan,
    *  -- the columns of kesiapan_wilayah -- noqa: AM04
FROM kesiapan_wilayah(DATE '2000-01-01')
WHERE FALSE
