-- Logistics items (logistik_item.csv) for the Lapor page's receipt picker, in display order.
-- columns:
--   kode_item: VARCHAR, item code
--   nama_item: VARCHAR, item name
--   satuan: VARCHAR, unit
SELECT
    kode_item,
    nama_item,
    satuan
FROM logistik_item
ORDER BY urutan, kode_item
