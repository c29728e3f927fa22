-- Readiness per kecamatan as of a date, ranked from least to most ready, with the
-- components behind each score (for the map and the ranking table).
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for all
-- columns:
--   peringkat: BIGINT, 1 = least ready in the region
--   kode: VARCHAR, kecamatan code
--   nama: VARCHAR, kecamatan name
--   jumlah_tps: BIGINT, polling stations
--   dpt: BIGINT, registered voters
--   tps_logistik_lengkap: BIGINT, TPS with every item complete at the TPS
--   tps_bermasalah: BIGINT, TPS whose latest report says bermasalah
--   skor_logistik: DOUBLE, 0..100
--   skor_checklist: DOUBLE, 0..100
--   skor_insiden: DOUBLE, 0..100
--   skor_netralitas: DOUBLE, 0..100
--   insiden_terbuka: BIGINT, open incidents
--   insiden_serius: BIGINT, open high-severity incidents
--   netralitas_terbuka: BIGINT, open neutrality cases
--   w_logistik: DOUBLE, weight
--   w_checklist: DOUBLE, weight
--   w_insiden: DOUBLE, weight
--   w_netralitas: DOUBLE, weight
--   skor: DOUBLE, readiness score 0..100
--   level: VARCHAR, siap | perlu_perhatian | rawan
WITH kec AS (
    SELECT
        rank() OVER (ORDER BY skor ASC, kode ASC) AS peringkat,
        *
    FROM kesiapan_wilayah($tanggal)
    WHERE tingkat = 'kecamatan'
)
SELECT
    peringkat,
    kode,
    nama,
    jumlah_tps,
    dpt,
    tps_logistik_lengkap,
    tps_bermasalah,
    skor_logistik,
    skor_checklist,
    skor_insiden,
    skor_netralitas,
    insiden_terbuka,
    insiden_serius,
    netralitas_terbuka,
    w_logistik,
    w_checklist,
    w_insiden,
    w_netralitas,
    skor,
    level
FROM kec
WHERE $kecamatan IS NULL OR kode = $kecamatan
ORDER BY peringkat
