-- Readiness per day of every kecamatan of the scope and of the scope as a whole, in one pass:
-- the same series as kesiapan_harian (read its header: each day is the state at the end of that
-- day, accumulated from the changes on the days with an event), for all kecamatan at once, so a
-- desk moving from one kecamatan to another cuts its series from these rows instead of running
-- the query again (kesiapan.seri_harian). A kecamatan's rows are kesiapan_harian(kecamatan);
-- the rows with kode_kecamatan NULL are kesiapan_harian of the whole scope (its TPS weighted by
-- DPT across kecamatan, incidents and neutrality per kecamatan then DPT-weighted).
-- params:
--   tanggal: DATE, as-of date (last day with values)
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   kode_kecamatan: VARCHAR, kecamatan code; NULL for the whole scope
--   tanggal: DATE, day
--   skor: DOUBLE, readiness score 0..100 at the end of the day (NULL after the as-of date)
--   skor_logistik: DOUBLE, 0..100
--   skor_checklist: DOUBLE, 0..100
--   skor_insiden: DOUBLE, 0..100
--   skor_netralitas: DOUBLE, 0..100
--   jalur: DOUBLE, the score the KPU plan asks for on this day
WITH awal AS (
    SELECT min(d) AS awal
    FROM (
        SELECT CAST(min(waktu) AS DATE) AS d FROM logistik
        UNION ALL
        SELECT CAST(min(waktu) AS DATE) FROM checklist
        UNION ALL
        SELECT CAST(min(waktu) AS DATE) FROM insiden
        UNION ALL
        SELECT CAST(min(waktu) AS DATE) FROM netralitas
    ) AS pertama
),
hari AS (
    SELECT
        CAST(unnest(generate_series(
            a.awal, greatest(CAST($tanggal AS DATE), p.batas_logistik),
            INTERVAL 1 DAY
        )) AS DATE) AS tanggal
    FROM awal AS a
    CROSS JOIN param AS p
    WHERE a.awal <= CAST($tanggal AS DATE)
),
tps AS MATERIALIZED (
    SELECT
        kode_tps,
        kode_kelurahan,
        kode_kecamatan,
        dpt,
        CAST(row_number() OVER (ORDER BY kode_tps) AS INTEGER) AS t,
        CAST(dense_rank() OVER (ORDER BY kode_kelurahan) AS INTEGER) AS k
    FROM tps_wilayah
    WHERE (CAST($kecamatan AS VARCHAR) IS NULL OR kode_kecamatan = $kecamatan)
),
tps_bobot AS (
    -- DPT weights, w within the kecamatan and wr across the scope; every TPS weighs the same
    -- when the kecamatan (the scope) has no voters
    SELECT
        *,
        CASE WHEN sum(dpt) OVER (PARTITION BY kode_kecamatan) = 0 THEN 1 ELSE dpt END AS w,
        CASE WHEN sum(dpt) OVER () = 0 THEN 1 ELSE dpt END AS wr
    FROM tps
),
item AS (
    SELECT kode_item, CAST(row_number() OVER (ORDER BY kode_item) AS INTEGER) AS i FROM logistik_item
),
-- ---------------------------------------------------------------- logistics
-- A TPS's logistics score is 100 * min over items of max(c_tps, 0.75 c_pps, 0.50 c_ppk,
-- 0.25 c_gudang) (04_logistik_tps.sql). The upstream part is the same for every TPS of a
-- kelurahan, so it is computed per kelurahan; a TPS is computed on its own only from its first
-- TPS-stage receipt on (an item it needs none of counts as received before the first day).
-- t, k and i number the TPS, kelurahan and items (integer keys for the as-of joins).
lengkap AS (
    -- completeness of a place and item at the end of each day with a receipt there
    SELECT
        r.tahap,
        r.kode_lokasi,
        i.i,
        r.hari,
        CASE
            WHEN u.kebutuhan = 0 THEN 1.0
            ELSE
                least(
                    greatest(sum(r.netto) OVER (PARTITION BY r.tahap, r.kode_lokasi, r.kode_item ORDER BY r.hari), 0),
                    u.kebutuhan
                ) / u.kebutuhan
        END AS lengkap
    FROM (
        SELECT
            tahap, kode_lokasi, kode_item, CAST(waktu AS DATE) AS hari,
            sum(jumlah_diterima) - sum(jumlah_rusak) AS netto
        FROM logistik
        WHERE waktu < CAST($tanggal AS DATE) + INTERVAL 1 DAY
        GROUP BY ALL
    ) AS r
    INNER JOIN kebutuhan_unit AS u USING (tahap, kode_lokasi, kode_item)
    INNER JOIN item AS i USING (kode_item)
),
lengkap_tps AS (
    SELECT t.t, l.i, l.hari, l.lengkap
    FROM lengkap AS l
    INNER JOIN tps AS t ON l.tahap = 'tps' AND t.kode_tps = l.kode_lokasi
    UNION ALL
    SELECT t.t, i.i, a.awal - 1 AS hari, 1.0 AS lengkap
    FROM tps AS t
    INNER JOIN kebutuhan_unit AS u ON u.tahap = 'tps' AND u.kode_lokasi = t.kode_tps AND u.kebutuhan = 0
    INNER JOIN item AS i USING (kode_item)
    CROSS JOIN awal AS a
),
kel AS (
    SELECT
        k,
        any_value(kode_kelurahan) AS kode_kelurahan,
        any_value(kode_kecamatan) AS kode_kecamatan,
        sum(w) AS w,
        sum(wr) AS wr
    FROM tps_bobot
    GROUP BY k
),
hulu_peristiwa AS (
    SELECT k.k, l.i, l.hari, l.tahap, l.lengkap
    FROM kel AS k INNER JOIN lengkap AS l ON l.tahap = 'pps' AND l.kode_lokasi = k.kode_kelurahan
    UNION ALL
    SELECT k.k, l.i, l.hari, l.tahap, l.lengkap
    FROM kel AS k INNER JOIN lengkap AS l ON l.tahap = 'ppk' AND l.kode_lokasi = k.kode_kecamatan
    UNION ALL
    SELECT k.k, l.i, l.hari, l.tahap, l.lengkap
    FROM kel AS k  -- the gudang KPU of the kelurahan's own kab/kota (one per kab/kota in a multi-region desk)
    INNER JOIN lengkap AS l ON l.tahap = 'gudang' AND l.kode_lokasi = left(k.kode_kecamatan, 5)
),
hulu_item AS (
    -- how far up the chain (PPS, PPK, gudang) an item has come for a kelurahan, on its change days
    SELECT DISTINCT
        k,
        i,
        hari,
        greatest(
            0.75 * coalesce(last_value(CASE WHEN tahap = 'pps' THEN lengkap END IGNORE NULLS) OVER w, 0),
            0.50 * coalesce(last_value(CASE WHEN tahap = 'ppk' THEN lengkap END IGNORE NULLS) OVER w, 0),
            0.25 * coalesce(last_value(CASE WHEN tahap = 'gudang' THEN lengkap END IGNORE NULLS) OVER w, 0)
        ) AS hulu
    FROM hulu_peristiwa
    WINDOW w AS (PARTITION BY k, i ORDER BY hari RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
hari_hulu AS (
    -- a kelurahan's upstream change days, and the days its TPS received something
    SELECT k, hari FROM hulu_item
    UNION
    SELECT t.k, l.hari FROM lengkap_tps AS l INNER JOIN tps AS t USING (t)
),
hulu_hari AS (
    -- every item of a kelurahan on each of its change days, carried forward
    SELECT
        h.k,
        h.hari,
        i.i,
        coalesce(last_value(p.hulu IGNORE NULLS) OVER (
            PARTITION BY h.k, i.i ORDER BY h.hari
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ), 0) AS hulu
    FROM hari_hulu AS h
    CROSS JOIN item AS i
    LEFT JOIN hulu_item AS p USING (k, i, hari)
),
hulu_skor AS (
    -- the score of a TPS of the kelurahan that has not received anything itself yet
    SELECT k, hari, 100 * min(hulu) AS skor
    FROM hulu_hari
    GROUP BY ALL
),
mulai_tps AS (
    SELECT t.t, t.k, t.kode_kecamatan, t.w, t.wr, min(l.hari) AS mulai
    FROM lengkap_tps AS l
    INNER JOIN tps_bobot AS t USING (t)
    GROUP BY ALL
),
hulu_berubah AS (
    SELECT DISTINCT k, hari FROM hulu_item
),
titik AS (
    -- days on which a TPS that has started receiving may change: its own receipts, changes upstream
    SELECT DISTINCT t, hari FROM lengkap_tps
    UNION
    SELECT m.t, h.hari
    FROM mulai_tps AS m
    INNER JOIN hulu_berubah AS h ON h.k = m.k AND h.hari > m.mulai
),
skor_mulai AS (
    SELECT
        x.t,
        x.hari,
        any_value(x.kode_kecamatan) AS kode_kecamatan,
        any_value(x.w) AS w,
        any_value(x.wr) AS wr,
        100 * min(greatest(coalesce(c.lengkap, 0), coalesce(u.hulu, 0))) AS skor
    FROM (
        SELECT x.t, m.k, m.kode_kecamatan, m.w, m.wr, x.hari, i.i
        FROM titik AS x
        INNER JOIN mulai_tps AS m USING (t)
        CROSS JOIN item AS i
    ) AS x
    ASOF LEFT JOIN lengkap_tps AS c ON c.t = x.t AND c.i = x.i AND c.hari <= x.hari
    LEFT JOIN hulu_hari AS u ON u.k = x.k AND u.i = x.i AND u.hari = x.hari
    GROUP BY x.t, x.hari
),
logistik_ubah AS (
    -- TPS that have started receiving: weighted change of their score (0 before), per day
    SELECT
        kode_kecamatan,
        greatest(hari, (SELECT a.awal FROM awal AS a)) AS hari,
        sum(w * (skor - coalesce(sebelum, 0))) AS ubah,
        sum(wr * (skor - coalesce(sebelum, 0))) AS ubah_r
    FROM (SELECT *, lag(skor) OVER (PARTITION BY t ORDER BY hari) AS sebelum FROM skor_mulai) AS s
    GROUP BY ALL
),
belum_mulai AS (
    -- TPS that have not received anything themselves yet: their kelurahan's upstream score
    SELECT
        g.tanggal,
        g.kode_kecamatan,
        sum((g.w - coalesce(g.w_mulai, 0)) * coalesce(s.skor, 0)) AS nilai,
        sum((g.wr - coalesce(g.wr_mulai, 0)) * coalesce(s.skor, 0)) AS nilai_r
    FROM (
        SELECT
            h.tanggal,
            k.k,
            k.kode_kecamatan,
            k.w,
            k.wr,
            sum(sum(m.w)) OVER (PARTITION BY k.k ORDER BY h.tanggal) AS w_mulai,
            sum(sum(m.wr)) OVER (PARTITION BY k.k ORDER BY h.tanggal) AS wr_mulai
        FROM hari AS h
        CROSS JOIN kel AS k
        CROSS JOIN awal AS a
        LEFT JOIN mulai_tps AS m ON m.k = k.k AND greatest(m.mulai, a.awal) = h.tanggal
        GROUP BY h.tanggal, k.k, k.kode_kecamatan, k.w, k.wr
    ) AS g
    ASOF LEFT JOIN hulu_skor AS s ON s.k = g.k AND s.hari <= g.tanggal
    GROUP BY g.tanggal, g.kode_kecamatan
),
-- ---------------------------------------------------------------- checklist
-- Without a report a TPS scores 0, except the notices item, complete when it has no voters
-- (05_checklist_tps.sql).
checklist_awal AS (
    SELECT kode_tps, kode_kecamatan, w, wr, CASE WHEN dpt = 0 THEN 100 / 9.0 ELSE 0.0 END AS skor
    FROM tps_bobot
),
checklist_ubah AS (
    SELECT
        kode_kecamatan,
        hari,
        sum(w * (skor - coalesce(sebelum, skor_awal))) AS ubah,
        sum(wr * (skor - coalesce(sebelum, skor_awal))) AS ubah_r
    FROM (
        SELECT
            kode_kecamatan, hari, w, wr, skor, skor_awal,
            lag(skor) OVER (PARTITION BY kode_tps ORDER BY hari) AS sebelum
        FROM (
            SELECT
                c.kode_tps,
                t.kode_kecamatan,
                CAST(c.waktu AS DATE) AS hari,
                t.w,
                t.wr,
                CASE WHEN t.dpt = 0 THEN 100 / 9.0 ELSE 0.0 END AS skor_awal,
                100 * (
                    CAST(c.kpps_dibentuk AS INTEGER) + CAST(c.kpps_dilantik AS INTEGER)
                    + CAST(c.kpps_bimtek AS INTEGER) + CAST(c.lokasi_siap AS INTEGER)
                    + CAST(c.akses_disabilitas AS INTEGER) + CAST(c.penerangan AS INTEGER)
                    + CAST(c.pengamanan AS INTEGER)
                    + CASE WHEN t.dpt = 0 THEN 1.0 ELSE least(c.c_pemberitahuan / t.dpt, 1.0) END
                    + least(c.linmas, 2) / 2.0
                ) / 9.0 AS skor
            FROM checklist AS c
            INNER JOIN tps_bobot AS t USING (kode_tps)
            WHERE c.waktu < CAST($tanggal AS DATE) + INTERVAL 1 DAY
            QUALIFY row_number() OVER (PARTITION BY c.kode_tps, CAST(c.waktu AS DATE) ORDER BY c.waktu DESC) = 1
        ) AS laporan
    ) AS skor_hari
    GROUP BY kode_kecamatan, hari
),
-- ---------------------------------------------------------------- incidents and neutrality per unit
unit AS (
    SELECT kode_kecamatan AS kode_unit, sum(wr) AS wr
    FROM tps_bobot
    GROUP BY kode_kecamatan
),
insiden_hari AS (
    -- the state of an incident at the end of each day it was updated: its unit and open penalty
    SELECT
        i.id_insiden,
        CAST(i.waktu AS DATE) AS hari,
        i.kode_kecamatan AS kode_unit,
        CASE
            WHEN i.status = 'selesai' THEN 0.0
            WHEN i.keparahan = 'tinggi' THEN p.penalti_tinggi
            WHEN i.keparahan = 'sedang' THEN p.penalti_sedang
            ELSE p.penalti_rendah
        END AS penalti
    FROM insiden AS i
    CROSS JOIN param AS p
    WHERE i.waktu < CAST($tanggal AS DATE) + INTERVAL 1 DAY
    QUALIFY row_number() OVER (PARTITION BY i.id_insiden, CAST(i.waktu AS DATE) ORDER BY i.waktu DESC) = 1
),
netralitas_hari AS (
    SELECT
        n.id_kasus,
        CAST(n.waktu AS DATE) AS hari,
        n.kode_kecamatan AS kode_unit,
        CASE WHEN n.status IN ('selesai', 'tidak_terbukti') THEN 0.0 ELSE p.penalti_netralitas END AS penalti
    FROM netralitas AS n
    CROSS JOIN param AS p
    WHERE n.waktu < CAST($tanggal AS DATE) + INTERVAL 1 DAY
    QUALIFY row_number() OVER (PARTITION BY n.id_kasus, CAST(n.waktu AS DATE) ORDER BY n.waktu DESC) = 1
),
penalti_ubah AS (
    -- an update moves an item's penalty from its previous unit and value to the new ones
    SELECT 'insiden' AS komponen, kode_unit, hari, penalti AS ubah FROM insiden_hari
    UNION ALL
    SELECT 'insiden' AS komponen, lag(kode_unit) OVER w AS kode_unit, hari, -lag(penalti) OVER w AS ubah
    FROM insiden_hari
    WINDOW w AS (PARTITION BY id_insiden ORDER BY hari)
    UNION ALL
    SELECT 'netralitas' AS komponen, kode_unit, hari, penalti AS ubah FROM netralitas_hari
    UNION ALL
    SELECT 'netralitas' AS komponen, lag(kode_unit) OVER w AS kode_unit, hari, -lag(penalti) OVER w AS ubah
    FROM netralitas_hari
    WINDOW w AS (PARTITION BY id_kasus ORDER BY hari)
),
ubah_unit AS (
    SELECT komponen, kode_unit, hari, sum(ubah) AS ubah
    FROM penalti_ubah
    WHERE kode_unit IS NOT NULL
    GROUP BY ALL
),
penalti_unit AS (
    -- open penalties of every kecamatan at the end of every day
    SELECT
        h.tanggal,
        u.kode_unit AS kode_kecamatan,
        u.wr,
        sum(coalesce(i.ubah, 0)) OVER (PARTITION BY u.kode_unit ORDER BY h.tanggal) AS insiden,
        sum(coalesce(n.ubah, 0)) OVER (PARTITION BY u.kode_unit ORDER BY h.tanggal) AS netralitas
    FROM hari AS h
    CROSS JOIN unit AS u
    LEFT JOIN ubah_unit AS i ON i.komponen = 'insiden' AND i.kode_unit = u.kode_unit AND i.hari = h.tanggal
    LEFT JOIN ubah_unit AS n ON n.komponen = 'netralitas' AND n.kode_unit = u.kode_unit AND n.hari = h.tanggal
),
checklist_kecamatan AS (
    SELECT kode_kecamatan, sum(w * skor) AS awal_w, sum(wr * skor) AS awal_wr, sum(w) AS w, sum(wr) AS wr
    FROM checklist_awal
    GROUP BY kode_kecamatan
),
komponen_tps AS (
    -- per kecamatan and day: weighted sums of the TPS scores, within the kecamatan (w) and
    -- across the scope (wr)
    SELECT
        h.tanggal,
        b.kode_kecamatan,
        b.nilai + sum(coalesce(l.ubah, 0)) OVER w AS logistik,
        b.nilai_r + sum(coalesce(l.ubah_r, 0)) OVER w AS logistik_r,
        a.awal_w + sum(coalesce(c.ubah, 0)) OVER w AS checklist,
        a.awal_wr + sum(coalesce(c.ubah_r, 0)) OVER w AS checklist_r,
        a.w,
        a.wr
    FROM hari AS h
    INNER JOIN belum_mulai AS b USING (tanggal)
    INNER JOIN checklist_kecamatan AS a ON a.kode_kecamatan = b.kode_kecamatan
    LEFT JOIN logistik_ubah AS l ON l.kode_kecamatan = b.kode_kecamatan AND l.hari = h.tanggal
    LEFT JOIN checklist_ubah AS c ON c.kode_kecamatan = b.kode_kecamatan AND c.hari = h.tanggal
    WINDOW w AS (PARTITION BY b.kode_kecamatan ORDER BY h.tanggal)
),
per_kecamatan AS (
    SELECT
        t.tanggal,
        t.kode_kecamatan,
        t.logistik,
        t.logistik_r,
        t.checklist,
        t.checklist_r,
        t.w,
        t.wr,
        100 - least(100, u.insiden) AS skor_insiden,
        100 - least(100, u.netralitas) AS skor_netralitas
    FROM komponen_tps AS t
    INNER JOIN penalti_unit AS u USING (tanggal, kode_kecamatan)
),
harian AS (
    SELECT
        tanggal,
        kode_kecamatan,
        logistik / w AS skor_logistik,
        checklist / w AS skor_checklist,
        skor_insiden,
        skor_netralitas
    FROM per_kecamatan
    UNION ALL
    SELECT
        tanggal,
        NULL AS kode_kecamatan,
        sum(logistik_r) / sum(wr) AS skor_logistik,
        sum(checklist_r) / sum(wr) AS skor_checklist,
        sum(wr * skor_insiden) / sum(wr) AS skor_insiden,
        sum(wr * skor_netralitas) / sum(wr) AS skor_netralitas
    FROM per_kecamatan
    GROUP BY tanggal
),
nilai AS (
    SELECT
        h.tanggal,
        h.kode_kecamatan,
        p.w_logistik * h.skor_logistik + p.w_checklist * h.skor_checklist
        + p.w_insiden * h.skor_insiden + p.w_netralitas * h.skor_netralitas AS skor,
        h.skor_logistik,
        h.skor_checklist,
        h.skor_insiden,
        h.skor_netralitas
    FROM harian AS h
    CROSS JOIN param AS p
)
SELECT
    n.kode_kecamatan,
    n.tanggal,
    CASE WHEN n.tanggal <= CAST($tanggal AS DATE) THEN n.skor END AS skor,
    CASE WHEN n.tanggal <= CAST($tanggal AS DATE) THEN n.skor_logistik END AS skor_logistik,
    CASE WHEN n.tanggal <= CAST($tanggal AS DATE) THEN n.skor_checklist END AS skor_checklist,
    CASE WHEN n.tanggal <= CAST($tanggal AS DATE) THEN n.skor_insiden END AS skor_insiden,
    CASE WHEN n.tanggal <= CAST($tanggal AS DATE) THEN n.skor_netralitas END AS skor_netralitas,
    r.rencana AS jalur
FROM nilai AS n
INNER JOIN rencana_harian((SELECT min(hr.tanggal) FROM hari AS hr), (SELECT max(hr.tanggal) FROM hari AS hr)) AS r
    USING (tanggal)
ORDER BY n.kode_kecamatan NULLS FIRST, n.tanggal
