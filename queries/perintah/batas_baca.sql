-- The boundaries of a snapshot, simplified once by the loader: WKB per level and Kemendagri code
-- (Snapshot.buka turns them back into siaga.masuk.geo.Batas).
-- columns:
--   tingkat: VARCHAR, provinsi | kabkota | kecamatan | kelurahan
--   kode: VARCHAR, Kemendagri code
--   wkb: BLOB, the simplified polygon (WGS84) as well-known binary
SELECT
    tingkat,
    kode,
    wkb
FROM batas_wilayah
ORDER BY tingkat, kode
