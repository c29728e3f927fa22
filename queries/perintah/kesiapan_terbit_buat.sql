-- The readiness rows (kesiapan_wilayah) the loader publishes in a kab/kota snapshot for the last
-- days a desk moves over (terbit.KESIAPAN_TERBIT), so no app process computes them again: a
-- process copies a date's rows into its own kesiapan_simpan on first use (kesiapan_salin.sql).
-- Empty in a province or national snapshot (a date there is every TPS of the data).
CREATE TABLE kesiapan_terbit AS
SELECT CAST(NULL AS DATE) AS tanggal, *  -- the columns of kesiapan_wilayah -- noqa: AM04
FROM kesiapan_wilayah(DATE '2000-01-01')
WHERE FALSE
