-- Incident categories (kategori_insiden.csv) for the pickers, in name order.
-- columns:
--   kode_kategori: VARCHAR, category code
--   nama: VARCHAR, category name
--   kelompok: VARCHAR, category group
SELECT
    kode_kategori,
    nama,
    kelompok
FROM kategori_insiden
ORDER BY nama
