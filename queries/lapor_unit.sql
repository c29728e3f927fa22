-- Public-service units a field reporter may report on (layanan.csv): those of a kecamatan or one
-- kelurahan, with their latest state.
-- params:
--   kecamatan: VARCHAR = NULL, kecamatan code, NULL for the whole region
--   kelurahan: VARCHAR = NULL, kelurahan code, NULL for every kelurahan
-- columns:
--   id_unit: VARCHAR, unit id
--   nama_unit: VARCHAR, unit name
--   jenis: VARCHAR, service type
--   kode_kecamatan: VARCHAR, kecamatan code
--   kode_kelurahan: VARCHAR, kelurahan code
--   status: VARCHAR, latest status
SELECT
    id_unit,
    arg_max(nama_unit, waktu) AS nama_unit,
    arg_max(jenis, waktu) AS jenis,
    arg_max(kode_kecamatan, waktu) AS kode_kecamatan,
    arg_max(kode_kelurahan, waktu) AS kode_kelurahan,
    arg_max(status, waktu) AS status
FROM layanan
GROUP BY id_unit
HAVING
    ($kecamatan IS NULL OR arg_max(kode_kecamatan, waktu) = $kecamatan)
    AND ($kelurahan IS NULL OR arg_max(kode_kelurahan, waktu) = $kelurahan)
ORDER BY id_unit
