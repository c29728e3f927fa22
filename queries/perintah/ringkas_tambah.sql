-- Add the per-kecamatan summary of one as-of date to the process's own rows (Store.siapkan).
-- params:
--   tanggal: DATE, as-of date
INSERT INTO ringkas_proses
SELECT CAST($tanggal AS DATE) AS tanggal, *  -- the columns of ringkas_kecamatan, as in the table -- noqa: AM04
FROM ringkas_kecamatan($tanggal)
