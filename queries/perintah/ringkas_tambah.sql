-- Store the per-kecamatan summary of one as-of date (Store.siapkan).
-- params:
--   tanggal: DATE, as-of date
INSERT INTO ringkas_simpan
SELECT CAST($tanggal AS DATE), *
FROM ringkas_kecamatan($tanggal)
