-- Readiness index as of a date for every kecamatan, kelurahan and TPS.
-- Logistics and checklist: DPT-weighted mean of the TPS scores (plain mean when DPT is 0).
-- Incidents: 100 minus the penalties of open incidents located in the unit (capped at 100).
-- Neutrality: 100 minus the penalty per open case in the kecamatan (capped at 100), for a kecamatan
-- only (cases are recorded per kecamatan and OPD: a kelurahan or TPS does not inherit them); its
-- weight is 0 unless the config sets one.
-- Score: weighted sum with the config weights; level against the plan of the date (level_kesiapan).
-- With `awalan` (a kecamatan code) only that kecamatan, its kelurahan and its TPS are computed and
-- returned, from its own places, incidents and cases (the rows equal the unscoped model's rows of
-- that kecamatan): a kecamatan view of national data reads its own places, not the nation's.
-- params:
--   tanggal: DATE, as-of date
--   awalan: VARCHAR = NULL, only the units of this kecamatan (its code); NULL for all
-- columns:
--   tingkat: VARCHAR, kecamatan | kelurahan | tps
--   kode: VARCHAR, code of the unit
--   nama: VARCHAR, name of the unit (TPS nnn for a TPS)
--   kode_induk: VARCHAR, parent code
--   kode_kecamatan: VARCHAR, kecamatan code
--   nama_kecamatan: VARCHAR, kecamatan name
--   jumlah_tps: BIGINT, TPS in the unit
--   dpt: BIGINT, registered voters
--   c_pemberitahuan: BIGINT, voter notices delivered
--   tps_logistik_lengkap: BIGINT, TPS with every item complete at the TPS
--   tps_bermasalah: BIGINT, TPS whose latest report says bermasalah
--   skor_logistik: DOUBLE, 0..100
--   skor_checklist: DOUBLE, 0..100
--   skor_insiden: DOUBLE, 0..100
--   skor_netralitas: DOUBLE, 0..100
--   insiden_terbuka: BIGINT, open incidents in the unit
--   insiden_serius: BIGINT, open high-severity incidents in the unit
--   insiden_terlambat: BIGINT, open incidents past their due date
--   netralitas_terbuka: BIGINT, open neutrality cases in the kecamatan
--   w_logistik: DOUBLE, weight
--   w_checklist: DOUBLE, weight
--   w_insiden: DOUBLE, weight
--   w_netralitas: DOUBLE, weight
--   skor: DOUBLE, readiness score 0..100
--   skor_rencana: DOUBLE, the score the KPU plan asks for on the date (rencana_kesiapan)
--   level: VARCHAR, siap | perlu_perhatian | rawan, judged against skor_rencana
CREATE OR REPLACE MACRO kesiapan_wilayah(tanggal, awalan := NULL) AS TABLE
    WITH tps AS (
        SELECT * FROM komponen_tps(tanggal, awalan := awalan)
    ),
    ins AS (
        SELECT *
        FROM insiden_asof(tanggal, awalan := awalan)
        WHERE terbuka
    ),
    unit AS (
        SELECT
            'kecamatan' AS tingkat,
            kode_kecamatan AS kode,
            any_value(nama_kecamatan) AS nama,
            (SELECT p.kode_kabkota FROM param AS p) AS kode_induk,
            kode_kecamatan,
            any_value(nama_kecamatan) AS nama_kecamatan,
            count(*) AS jumlah_tps,
            sum(dpt) AS dpt,
            sum(c_pemberitahuan) AS c_pemberitahuan,
            count(*) FILTER (WHERE logistik_lengkap) AS tps_logistik_lengkap,
            count(*) FILTER (WHERE status_laporan = 'bermasalah') AS tps_bermasalah,
            coalesce(sum(skor_logistik * dpt) / nullif(sum(dpt), 0), avg(skor_logistik)) AS skor_logistik,
            coalesce(sum(skor_checklist * dpt) / nullif(sum(dpt), 0), avg(skor_checklist)) AS skor_checklist,
            max(netralitas_terbuka) AS netralitas_terbuka
        FROM tps
        GROUP BY kode_kecamatan
        UNION ALL
        SELECT
            'kelurahan' AS tingkat,
            kode_kelurahan AS kode,
            any_value(nama_kelurahan) AS nama,
            any_value(kode_kecamatan) AS kode_induk,
            any_value(kode_kecamatan) AS kode_kecamatan,
            any_value(nama_kecamatan) AS nama_kecamatan,
            count(*) AS jumlah_tps,
            sum(dpt) AS dpt,
            sum(c_pemberitahuan) AS c_pemberitahuan,
            count(*) FILTER (WHERE logistik_lengkap) AS tps_logistik_lengkap,
            count(*) FILTER (WHERE status_laporan = 'bermasalah') AS tps_bermasalah,
            coalesce(sum(skor_logistik * dpt) / nullif(sum(dpt), 0), avg(skor_logistik)) AS skor_logistik,
            coalesce(sum(skor_checklist * dpt) / nullif(sum(dpt), 0), avg(skor_checklist)) AS skor_checklist,
            max(netralitas_terbuka) AS netralitas_terbuka
        FROM tps
        GROUP BY kode_kelurahan
        UNION ALL
        SELECT
            'tps' AS tingkat,
            kode_tps AS kode,
            'TPS ' || lpad(CAST(nomor_tps AS VARCHAR), 3, '0') AS nama,
            kode_kelurahan AS kode_induk,
            kode_kecamatan,
            nama_kecamatan,
            1 AS jumlah_tps,
            dpt,
            c_pemberitahuan,
            CAST(logistik_lengkap AS INTEGER) AS tps_logistik_lengkap,
            CAST(status_laporan = 'bermasalah' AS INTEGER) AS tps_bermasalah,
            skor_logistik,
            skor_checklist,
            netralitas_terbuka
        FROM tps
    ),
    pen AS (
        SELECT
            'kecamatan' AS tingkat, kode_kecamatan AS kode, count(*) AS terbuka,
            count(*) FILTER (WHERE keparahan = 'tinggi') AS serius,
            count(*) FILTER (WHERE terlambat) AS terlambat, sum(penalti) AS penalti
        FROM ins
        GROUP BY kode_kecamatan
        UNION ALL
        SELECT
            'kelurahan' AS tingkat, kode_kelurahan AS kode, count(*) AS terbuka,
            count(*) FILTER (WHERE keparahan = 'tinggi') AS serius,
            count(*) FILTER (WHERE terlambat) AS terlambat, sum(penalti) AS penalti
        FROM ins
        WHERE kode_kelurahan IS NOT NULL
        GROUP BY kode_kelurahan
        UNION ALL
        SELECT
            'tps' AS tingkat, kode_tps AS kode, count(*) AS terbuka,
            count(*) FILTER (WHERE keparahan = 'tinggi') AS serius,
            count(*) FILTER (WHERE terlambat) AS terlambat, sum(penalti) AS penalti
        FROM ins
        WHERE kode_tps IS NOT NULL
        GROUP BY kode_tps
    )
    SELECT
        u.tingkat,
        u.kode,
        u.nama,
        u.kode_induk,
        u.kode_kecamatan,
        u.nama_kecamatan,
        u.jumlah_tps,
        u.dpt,
        u.c_pemberitahuan,
        u.tps_logistik_lengkap,
        u.tps_bermasalah,
        u.skor_logistik,
        u.skor_checklist,
        100 - least(100, coalesce(pen.penalti, 0)) AS skor_insiden,
        CASE
            WHEN u.tingkat = 'kecamatan' THEN 100 - least(100, u.netralitas_terbuka * p.penalti_netralitas)
            ELSE 100.0
        END AS skor_netralitas,
        coalesce(pen.terbuka, 0) AS insiden_terbuka,
        coalesce(pen.serius, 0) AS insiden_serius,
        coalesce(pen.terlambat, 0) AS insiden_terlambat,
        u.netralitas_terbuka,
        p.w_logistik,
        p.w_checklist,
        p.w_insiden,
        p.w_netralitas,
        p.w_logistik * u.skor_logistik + p.w_checklist * u.skor_checklist
        + p.w_insiden * skor_insiden + p.w_netralitas * skor_netralitas AS skor,
        r.rencana AS skor_rencana,
        level_kesiapan(skor, r.rencana, p.ambang_siap, p.ambang_perhatian) AS level
    FROM unit AS u
    LEFT JOIN pen USING (tingkat, kode)
    CROSS JOIN param AS p
    CROSS JOIN rencana_kesiapan(tanggal) AS r
