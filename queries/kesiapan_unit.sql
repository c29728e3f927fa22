-- Readiness as of a date for a scope and the units one level down: the whole region and its
-- kecamatan, or one kecamatan and its kelurahan (the scope's own row first, then the units from
-- least to most ready). A unit without TPS is listed with no score (jumlah_tps 0).
-- The region's scores are the DPT-weighted means of its kecamatan (as on the Ringkasan page);
-- its counts are sums over the kecamatan.
-- reads: kesiapan_simpan
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   lingkup: BOOLEAN, true for the scope's own row (region or selected kecamatan)
--   tingkat: VARCHAR, kabkota | kecamatan | kelurahan
--   kode: VARCHAR, code of the unit
--   nama: VARCHAR, name of the unit (NULL for the kab/kota: its name is in the config)
--   kode_kecamatan: VARCHAR, kecamatan of the unit (NULL for the kab/kota)
--   peringkat: BIGINT, 1 = least ready unit of the scope (NULL for the scope's row and units without TPS)
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
--   insiden_terlambat: BIGINT, open incidents past their due date
--   netralitas_terbuka: BIGINT, open neutrality cases (in the kecamatan)
--   w_logistik: DOUBLE, weight
--   w_checklist: DOUBLE, weight
--   w_insiden: DOUBLE, weight
--   w_netralitas: DOUBLE, weight
--   skor: DOUBLE, readiness score 0..100 (NULL without TPS)
--   skor_rencana: DOUBLE, the score the KPU plan asks for on the date (the same for every unit)
--   rencana_logistik: DOUBLE, the logistics component the plan asks for on the date
--   rencana_checklist: DOUBLE, the checklist component the plan asks for on the date
--   level: VARCHAR, siap | perlu_perhatian | rawan (NULL without TPS)
WITH w AS (
    SELECT * EXCLUDE (tanggal, awalan)
    -- kesiapan_wilayah($tanggal), kept per date and scope: the whole region's rows, or the kecamatan's own
    FROM kesiapan_simpan
    WHERE tanggal = $tanggal AND (awalan IS NULL OR awalan = $kecamatan) AND (
            (CAST($kecamatan AS VARCHAR) IS NULL AND tingkat = 'kecamatan')
            OR (tingkat = 'kecamatan' AND kode = $kecamatan)
            OR (tingkat = 'kelurahan' AND kode_kecamatan = $kecamatan)
        )
),
anak AS (
    -- the units one level down, from the region list, so a unit without TPS still shows
    SELECT
        d.tingkat,
        d.kode,
        d.nama,
        CASE WHEN d.tingkat = 'kecamatan' THEN d.kode ELSE d.kode_induk END AS kode_kecamatan
    FROM wilayah AS d
    WHERE (CAST($kecamatan AS VARCHAR) IS NULL AND d.tingkat = 'kecamatan')
        OR (d.tingkat = 'kelurahan' AND d.kode_induk = $kecamatan)
),
unit AS (
    SELECT
        FALSE AS lingkup,
        a.tingkat,
        a.kode,
        a.nama,
        a.kode_kecamatan,
        CASE WHEN w.kode IS NOT NULL THEN rank() OVER (PARTITION BY w.kode IS NULL ORDER BY w.skor, a.kode) END
            AS peringkat,
        coalesce(w.jumlah_tps, 0) AS jumlah_tps,
        CAST(coalesce(w.dpt, 0) AS BIGINT) AS dpt,
        coalesce(w.tps_logistik_lengkap, 0) AS tps_logistik_lengkap,
        coalesce(w.tps_bermasalah, 0) AS tps_bermasalah,
        w.skor_logistik,
        w.skor_checklist,
        w.skor_insiden,
        w.skor_netralitas,
        coalesce(w.insiden_terbuka, 0) AS insiden_terbuka,
        coalesce(w.insiden_serius, 0) AS insiden_serius,
        coalesce(w.insiden_terlambat, 0) AS insiden_terlambat,
        coalesce(w.netralitas_terbuka, 0) AS netralitas_terbuka,
        w.skor,
        w.level
    FROM anak AS a
    LEFT JOIN w USING (tingkat, kode)
),
kabkota AS (
    SELECT
        TRUE AS lingkup,
        'kabkota' AS tingkat,
        (SELECT p.kode_kabkota FROM param AS p) AS kode,
        CAST(NULL AS VARCHAR) AS nama,
        CAST(NULL AS VARCHAR) AS kode_kecamatan,
        CAST(NULL AS BIGINT) AS peringkat,
        CAST(coalesce(sum(jumlah_tps), 0) AS BIGINT) AS jumlah_tps,
        CAST(coalesce(sum(dpt), 0) AS BIGINT) AS dpt,
        CAST(coalesce(sum(tps_logistik_lengkap), 0) AS BIGINT) AS tps_logistik_lengkap,
        CAST(coalesce(sum(tps_bermasalah), 0) AS BIGINT) AS tps_bermasalah,
        sum(skor_logistik * dpt) / nullif(sum(dpt), 0) AS skor_logistik,
        sum(skor_checklist * dpt) / nullif(sum(dpt), 0) AS skor_checklist,
        sum(skor_insiden * dpt) / nullif(sum(dpt), 0) AS skor_insiden,
        sum(skor_netralitas * dpt) / nullif(sum(dpt), 0) AS skor_netralitas,
        CAST(coalesce(sum(insiden_terbuka), 0) AS BIGINT) AS insiden_terbuka,
        CAST(coalesce(sum(insiden_serius), 0) AS BIGINT) AS insiden_serius,
        CAST(coalesce(sum(insiden_terlambat), 0) AS BIGINT) AS insiden_terlambat,
        CAST(coalesce(sum(netralitas_terbuka), 0) AS BIGINT) AS netralitas_terbuka,
        sum(skor * dpt) / nullif(sum(dpt), 0) AS skor,
        CAST(NULL AS VARCHAR) AS level
    FROM w
    WHERE CAST($kecamatan AS VARCHAR) IS NULL
),
kec AS (
    SELECT
        TRUE AS lingkup,
        tingkat,
        kode,
        nama,
        kode_kecamatan,
        CAST(NULL AS BIGINT) AS peringkat,
        jumlah_tps,
        CAST(dpt AS BIGINT) AS dpt,
        tps_logistik_lengkap,
        tps_bermasalah,
        skor_logistik,
        skor_checklist,
        skor_insiden,
        skor_netralitas,
        insiden_terbuka,
        insiden_serius,
        insiden_terlambat,
        netralitas_terbuka,
        skor,
        level
    FROM w
    WHERE tingkat = 'kecamatan' AND kode = $kecamatan
),
semua AS (
    SELECT *
    FROM kabkota
    WHERE jumlah_tps > 0
    UNION ALL
    SELECT * FROM kec
    UNION ALL
    SELECT * FROM unit
)
SELECT
    s.lingkup,
    s.tingkat,
    s.kode,
    s.nama,
    s.kode_kecamatan,
    s.peringkat,
    s.jumlah_tps,
    s.dpt,
    s.tps_logistik_lengkap,
    s.tps_bermasalah,
    s.skor_logistik,
    s.skor_checklist,
    s.skor_insiden,
    s.skor_netralitas,
    s.insiden_terbuka,
    s.insiden_serius,
    s.insiden_terlambat,
    s.netralitas_terbuka,
    p.w_logistik,
    p.w_checklist,
    p.w_insiden,
    p.w_netralitas,
    s.skor,
    r.rencana AS skor_rencana,
    r.rencana_logistik,
    r.rencana_checklist,
    CASE
        WHEN s.lingkup AND s.tingkat = 'kabkota' AND s.skor IS NOT NULL
            THEN level_kesiapan(s.skor, r.rencana, p.ambang_siap, p.ambang_perhatian)
        ELSE s.level
    END AS level
FROM semua AS s
CROSS JOIN param AS p
CROSS JOIN rencana_kesiapan($tanggal) AS r
ORDER BY s.lingkup DESC, s.peringkat ASC NULLS LAST, s.kode ASC
