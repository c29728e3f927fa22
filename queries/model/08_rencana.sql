-- The KPU plan per day (wilayah.toml [jadwal]): where the logistics should be (gudang 25, PPK 50,
-- PPS 75, TPS 100: the furthest stage planned by the day), which share of the nine checklist items
-- should be done, and the readiness score a unit on plan would have that day (no open incident,
-- no open case). Levels are judged against this score (level_kesiapan); see docs/readiness.md.
-- rencana_kesiapan(tanggal) is the one day of rencana_harian.
-- params:
--   awal: DATE, first day
--   akhir: DATE, last day
-- columns:
--   tanggal: DATE, day
--   hari_sebelum: BIGINT, days before voting day (negative after it)
--   rencana_logistik: DOUBLE, 0..100
--   rencana_checklist: DOUBLE, 0..100
--   rencana: DOUBLE, the planned readiness score 0..100
CREATE OR REPLACE MACRO rencana_harian(awal, akhir) AS TABLE
    WITH hari AS (
        SELECT CAST(unnest(generate_series(CAST(awal AS DATE), CAST(akhir AS DATE), INTERVAL 1 DAY)) AS DATE) AS tanggal
    ),
    h AS (
        SELECT
            p.*,
            d.tanggal,
            datediff('day', d.tanggal, p.hari_pemungutan) AS hari_sebelum
        FROM param AS p
        CROSS JOIN hari AS d
    ),
    r AS (
        SELECT
            h.*,
            CASE
                WHEN h.hari_sebelum <= h.jadwal_tps THEN 100.0
                WHEN h.hari_sebelum <= h.jadwal_pps THEN 75.0
                WHEN h.hari_sebelum <= h.jadwal_ppk THEN 50.0
                WHEN h.hari_sebelum <= h.jadwal_gudang THEN 25.0
                ELSE 0.0
            END AS rencana_logistik,
            100.0 * (
                CAST(h.hari_sebelum <= h.jadwal_kpps_dibentuk AS INTEGER)
                + CAST(h.hari_sebelum <= h.jadwal_kpps_dilantik AS INTEGER)
                + CAST(h.hari_sebelum <= h.jadwal_kpps_bimtek AS INTEGER)
                + CAST(h.hari_sebelum <= h.jadwal_lokasi_siap AS INTEGER)
                + CAST(h.hari_sebelum <= h.jadwal_akses_disabilitas AS INTEGER)
                + CAST(h.hari_sebelum <= h.jadwal_penerangan AS INTEGER)
                + CAST(h.hari_sebelum <= h.jadwal_pengamanan AS INTEGER)
                + CAST(h.hari_sebelum <= h.jadwal_c_pemberitahuan AS INTEGER)
                + CAST(h.hari_sebelum <= h.jadwal_linmas AS INTEGER)
            ) / 9 AS rencana_checklist
        FROM h
    )
    SELECT
        r.tanggal,
        r.hari_sebelum,
        r.rencana_logistik,
        r.rencana_checklist,
        r.w_logistik * r.rencana_logistik + r.w_checklist * r.rencana_checklist
        + 100 * (r.w_insiden + r.w_netralitas) AS rencana
    FROM r
