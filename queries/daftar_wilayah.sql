-- Kecamatan and kelurahan for the filters, in code order: the whole region, or one kecamatan and
-- its kelurahan (the scope of a camat).
-- params:
--   kecamatan: VARCHAR = NULL, kecamatan code, NULL (or omitted) for the whole region
-- columns:
--   tingkat: VARCHAR, kecamatan | kelurahan
--   kode: VARCHAR, Kemendagri code
--   nama: VARCHAR, official name
--   kode_induk: VARCHAR, parent code
SELECT tingkat, kode, nama, kode_induk
FROM wilayah
WHERE CAST($kecamatan AS VARCHAR) IS NULL
    OR (tingkat = 'kecamatan' AND kode = $kecamatan)
    OR (tingkat = 'kelurahan' AND kode_induk = $kecamatan)
ORDER BY tingkat, kode
