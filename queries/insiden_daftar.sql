-- Every incident of a scope first reported in the time window (at or after $mulai; NULL =
-- since the beginning) up to the as-of date, newest first: the incident table, its export
-- and the map points.
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
--   kelurahan: VARCHAR, kelurahan code, NULL for every kelurahan
--   mulai: TIMESTAMP, start of the time window, NULL since the beginning
-- columns:
--   id_insiden: VARCHAR, incident id
--   waktu_lapor: TIMESTAMP, first report
--   waktu_kejadian: TIMESTAMP, time of the event
--   waktu: TIMESTAMP, latest update
--   waktu_selesai: TIMESTAMP, when it was closed (NULL while open)
--   kode_kecamatan: VARCHAR, kecamatan code
--   nama_kecamatan: VARCHAR, kecamatan name
--   kode_kelurahan: VARCHAR, kelurahan code
--   nama_kelurahan: VARCHAR, kelurahan name
--   kode_tps: VARCHAR, TPS code
--   nomor_tps: BIGINT, TPS number within its kelurahan
--   lat: DOUBLE, latitude (incident, else its TPS)
--   lon: DOUBLE, longitude (incident, else its TPS)
--   lokasi_tps: BOOLEAN, the position is the TPS's
--   kategori: VARCHAR, category code
--   nama_kategori: VARCHAR, category name
--   kelompok: VARCHAR, category group
--   keparahan: VARCHAR, rendah | sedang | tinggi
--   status: VARCHAR, dilaporkan | diverifikasi | ditangani | selesai
--   sumber: VARCHAR, source
--   ringkasan: VARCHAR, summary
--   tindak_lanjut: VARCHAR, latest follow-up action
--   pic: VARCHAR, responsible unit
--   batas_waktu: DATE, follow-up due date
--   terbuka: BOOLEAN, not yet selesai
--   terlambat: BOOLEAN, open and past its due date
--   hari_terlambat: BIGINT, days past the due date (negative: days left)
SELECT
    id_insiden,
    waktu_lapor,
    waktu_kejadian,
    waktu,
    waktu_selesai,
    kode_kecamatan,
    nama_kecamatan,
    kode_kelurahan,
    nama_kelurahan,
    kode_tps,
    nomor_tps,
    lat,
    lon,
    lokasi_tps,
    kategori,
    nama_kategori,
    kelompok,
    keparahan,
    status,
    sumber,
    ringkasan,
    tindak_lanjut,
    pic,
    batas_waktu,
    terbuka,
    terlambat,
    hari_terlambat
FROM insiden_lengkap($tanggal)
WHERE ($kecamatan IS NULL OR kode_kecamatan = $kecamatan)
    AND ($kelurahan IS NULL OR kode_kelurahan = $kelurahan)
    AND ($mulai IS NULL OR waktu_lapor >= CAST($mulai AS TIMESTAMP))
ORDER BY waktu_lapor DESC, id_insiden ASC
