-- The polling stations of one kecamatan as of a date, least ready first: the overview's last
-- drill-down level. Reads only the kecamatan's places (komponen_tps with a code prefix), so it
-- stays quick on national data.
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code
-- columns:
--   kode_tps: VARCHAR, TPS code
--   nomor_tps: BIGINT, TPS number within the kelurahan
--   kode_kelurahan: VARCHAR, kelurahan code
--   nama_kelurahan: VARCHAR, kelurahan name
--   dpt: BIGINT, registered voters
--   skor_logistik: DOUBLE, 0..100
--   logistik_lengkap: BOOLEAN, every item complete at the TPS
--   skor_checklist: DOUBLE, 0..100
--   status_laporan: VARCHAR, latest reporter's assessment (siap | belum | bermasalah), NULL when none
--   waktu_laporan: TIMESTAMP, latest checklist report
--   insiden_terbuka: BIGINT, open incidents at the TPS
--   insiden_serius: BIGINT, open high-severity incidents at the TPS
SELECT
    kode_tps,
    nomor_tps,
    kode_kelurahan,
    nama_kelurahan,
    dpt,
    skor_logistik,
    logistik_lengkap,
    skor_checklist,
    status_laporan,
    waktu_laporan,
    insiden_terbuka,
    insiden_serius
FROM komponen_tps($tanggal, awalan := $kecamatan)
WHERE kode_kecamatan = $kecamatan
ORDER BY (skor_logistik + skor_checklist) / 2, kode_tps
