-- Publish the readiness rows of one as-of date in the snapshot (the loader, kesiapan_terbit_buat.sql).
-- params:
--   tanggal: DATE, as-of date
INSERT INTO kesiapan_terbit
SELECT CAST($tanggal AS DATE) AS tanggal, *  -- the columns of kesiapan_wilayah, as in the table -- noqa: AM04
FROM kesiapan_wilayah($tanggal)
