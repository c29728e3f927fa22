-- Store the readiness rows of one as-of date (Store.siapkan).
-- params:
--   tanggal: DATE, as-of date
INSERT INTO kesiapan_simpan
SELECT CAST($tanggal AS DATE) AS tanggal, *  -- the columns of kesiapan_wilayah, as in the table -- noqa: AM04
FROM kesiapan_wilayah($tanggal)
