-- Kecamatan and kelurahan for the filters, in code order.
-- columns:
--   tingkat: VARCHAR, kecamatan | kelurahan
--   kode: VARCHAR, Kemendagri code
--   nama: VARCHAR, official name
--   kode_induk: VARCHAR, parent code
SELECT tingkat, kode, nama, kode_induk
FROM wilayah
ORDER BY tingkat, kode
