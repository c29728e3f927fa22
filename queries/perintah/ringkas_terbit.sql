-- The loader's per-kecamatan summary of one as-of date, published in the snapshot (every date of
-- multi-region data): ringkas_tanggal, the rows of ringkas_kecamatan from the state tables over time.
-- params:
--   tanggal: DATE, as-of date
INSERT INTO ringkas_simpan
SELECT CAST($tanggal AS DATE) AS tanggal, *  -- the columns of ringkas_tanggal, as in the table -- noqa: AM04
FROM ringkas_tanggal($tanggal)
