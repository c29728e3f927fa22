-- Kecamatan and kelurahan for the filters, in code order: the whole region, one kecamatan and
-- its kelurahan (the scope of a camat), or one kelurahan and its kecamatan (the scope of a lurah).
-- params:
--   kecamatan: VARCHAR = NULL, kecamatan code, NULL (or omitted) for the whole region
--   kelurahan: VARCHAR = NULL, kelurahan code, NULL (or omitted) for every kelurahan
-- columns:
--   tingkat: VARCHAR, kecamatan | kelurahan
--   kode: VARCHAR, Kemendagri code
--   nama: VARCHAR, official name
--   kode_induk: VARCHAR, parent code
SELECT tingkat, kode, nama, kode_induk
FROM wilayah
WHERE
    (
        CAST($kecamatan AS VARCHAR) IS NULL
        OR (tingkat = 'kecamatan' AND kode = $kecamatan)
        OR (tingkat = 'kelurahan' AND kode_induk = $kecamatan)
    )
    AND (CAST($kelurahan AS VARCHAR) IS NULL OR tingkat <> 'kelurahan' OR kode = $kelurahan)
ORDER BY tingkat, kode
