-- TPS with their kelurahan and kecamatan (codes and names). Static per data version.
-- columns:
--   kode_tps: VARCHAR, TPS code
--   kode_kelurahan: VARCHAR, kelurahan code
--   nama_kelurahan: VARCHAR, kelurahan name
--   kode_kecamatan: VARCHAR, kecamatan code
--   nama_kecamatan: VARCHAR, kecamatan name
--   nomor_tps: BIGINT, TPS number within the kelurahan
--   dpt: BIGINT, registered voters
--   jenis: VARCHAR, reguler or khusus
--   rawan_banjir: BOOLEAN, flood-prone site
CREATE OR REPLACE TABLE tps_wilayah AS
SELECT
    t.kode_tps,
    t.kode_kelurahan,
    kel.nama AS nama_kelurahan,
    kel.kode_induk AS kode_kecamatan,
    kec.nama AS nama_kecamatan,
    t.nomor_tps,
    t.dpt,
    t.jenis,
    t.rawan_banjir
FROM tps AS t
INNER JOIN wilayah AS kel ON kel.kode = t.kode_kelurahan
INNER JOIN wilayah AS kec ON kec.kode = kel.kode_induk
ORDER BY t.kode_tps
