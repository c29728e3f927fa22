-- Store the logistics completeness rows of one as-of date (Store.siapkan).
-- params:
--   tanggal: DATE, as-of date
INSERT INTO logistik_simpan
SELECT CAST($tanggal AS DATE) AS tanggal, *  -- the columns of logistik_wilayah, as in the table -- noqa: AM04
FROM logistik_wilayah($tanggal)
