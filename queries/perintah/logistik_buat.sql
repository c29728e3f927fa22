-- The logistics completeness rows (logistik_wilayah) a process keeps per as-of date (Store.siapkan):
-- a table of its own, in memory, empty at first. The logistics page's queries read one date's rows,
-- so a date is computed once per snapshot instead of once per query.
CREATE TABLE memory.main.logistik_simpan AS
SELECT CAST(NULL AS DATE) AS tanggal, *  -- the columns of logistik_wilayah -- noqa: AM04
FROM logistik_wilayah(DATE '2000-01-01')
WHERE FALSE
