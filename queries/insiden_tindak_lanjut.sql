-- Open incidents of a scope whose follow-up is overdue or due within $hari_tempo days as of
-- the date, most overdue first (then higher severity, then oldest report). Independent of the
-- time window: an old incident still open and overdue must stay visible.
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
--   kelurahan: VARCHAR, kelurahan code, NULL for every kelurahan
--   hari_tempo: INTEGER, days ahead that count as due soon
-- columns:
--   id_insiden: VARCHAR, incident id
--   waktu_lapor: TIMESTAMP, first report
--   waktu: TIMESTAMP, latest update
--   kode_kecamatan: VARCHAR, kecamatan code
--   nama_kecamatan: VARCHAR, kecamatan name
--   kode_kelurahan: VARCHAR, kelurahan code
--   nama_kelurahan: VARCHAR, kelurahan name
--   nomor_tps: BIGINT, TPS number within its kelurahan
--   nama_kategori: VARCHAR, category name
--   keparahan: VARCHAR, rendah | sedang | tinggi
--   status: VARCHAR, dilaporkan | diverifikasi | ditangani
--   pic: VARCHAR, responsible unit
--   batas_waktu: DATE, follow-up due date
--   hari_terlambat: BIGINT, days past the due date (0 = due today, negative = days left)
--   terlambat: BOOLEAN, past its due date
--   tindak_lanjut: VARCHAR, latest follow-up action
SELECT
    id_insiden,
    waktu_lapor,
    waktu,
    kode_kecamatan,
    nama_kecamatan,
    kode_kelurahan,
    nama_kelurahan,
    nomor_tps,
    nama_kategori,
    keparahan,
    status,
    pic,
    batas_waktu,
    hari_terlambat,
    terlambat,
    tindak_lanjut
FROM insiden_lengkap($tanggal)
WHERE terbuka
    AND hari_terlambat >= -$hari_tempo
    AND ($kecamatan IS NULL OR kode_kecamatan = $kecamatan)
    AND ($kelurahan IS NULL OR kode_kelurahan = $kelurahan)
ORDER BY
    hari_terlambat DESC,
    CASE keparahan WHEN 'tinggi' THEN 1 WHEN 'sedang' THEN 2 ELSE 3 END,
    waktu_lapor ASC,
    id_insiden ASC
