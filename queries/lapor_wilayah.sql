-- Kecamatan and kelurahan of a field reporter's scope with their other spellings, for reading a
-- report pasted from WhatsApp (names resolved to Kemendagri codes within the scope only).
-- params:
--   kecamatan: VARCHAR = NULL, kecamatan code, NULL for the whole region
--   kelurahan: VARCHAR = NULL, kelurahan code, NULL for every kelurahan
-- columns:
--   tingkat: VARCHAR, kecamatan | kelurahan
--   kode: VARCHAR, Kemendagri code
--   nama: VARCHAR, official name
--   kode_induk: VARCHAR, parent code
--   nama_lain: VARCHAR, other spellings separated by |
SELECT
    tingkat,
    kode,
    nama,
    kode_induk,
    nama_lain
FROM wilayah
WHERE
    tingkat IN ('kecamatan', 'kelurahan')
    AND (
        CAST($kecamatan AS VARCHAR) IS NULL
        OR (tingkat = 'kecamatan' AND kode = $kecamatan)
        OR (tingkat = 'kelurahan' AND kode_induk = $kecamatan)
    )
    AND (
        CAST($kelurahan AS VARCHAR) IS NULL
        OR (tingkat = 'kecamatan' AND kode = left($kelurahan, 8))
        OR kode = $kelurahan
    )
ORDER BY tingkat, kode
