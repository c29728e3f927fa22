-- The readiness rows (kesiapan_wilayah) a process keeps per as-of date (Store.siapkan): a table of
-- its own, in memory, empty at first. Several page queries of a kab/kota desk read one date's rows,
-- so a date is computed once per snapshot instead of once per query.
CREATE TABLE memory.main.kesiapan_simpan AS
SELECT CAST(NULL AS DATE) AS tanggal, *  -- the columns of kesiapan_wilayah -- noqa: AM04
FROM kesiapan_wilayah(DATE '2000-01-01')
WHERE FALSE
