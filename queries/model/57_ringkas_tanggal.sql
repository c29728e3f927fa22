-- The rows of ringkas_kecamatan(tanggal), from the state tables over time (logistik_rentang,
-- logistik_kelompok, checklist_rentang, insiden_rentang, netralitas_rentang) instead of replaying
-- the logs: the loader publishes them for every date of the data. The same figures by the same
-- formulas; sums of doubles may differ in their last bits (the order of addition). A place that has
-- received nothing (and needs every item) has completeness 0 for every item, which never wins the
-- best position of an item: a TPS with nothing received scores its kelurahan's chain, computed once
-- per kelurahan, and when its PPS and PPK have nothing either, its kab/kota's gudang, computed once
-- per kab/kota; only TPS with receipts are computed item by item.
-- params:
--   tanggal: DATE, as-of date
-- columns:
--   kode_kecamatan: VARCHAR, kecamatan code
--   jumlah_tps: BIGINT, polling stations
--   dpt: BIGINT, registered voters
--   c_pemberitahuan: BIGINT, voter notices delivered
--   tps_logistik_lengkap: BIGINT, TPS with every item complete at the TPS
--   tps_bermasalah: BIGINT, TPS whose latest report says bermasalah
--   skor_logistik: DOUBLE, 0..100
--   skor_checklist: DOUBLE, 0..100
--   skor_insiden: DOUBLE, 0..100
--   skor_netralitas: DOUBLE, 0..100
--   skor: DOUBLE, readiness score 0..100
--   level: VARCHAR, siap | perlu_perhatian | rawan
--   insiden_terbuka: BIGINT, open incidents
--   insiden_serius: BIGINT, open high-severity incidents
--   insiden_konflik: BIGINT, open incidents in the conflict group
--   insiden_pelayanan: BIGINT, open incidents in the public-services group
--   insiden_hari_ini: BIGINT, incidents first reported on the date
--   insiden_terlambat: BIGINT, open incidents past their due date
--   netralitas_terbuka: BIGINT, open neutrality cases
--   netralitas_terlambat: BIGINT, open neutrality cases past their due date
--   butuh_gudang: BIGINT, units the kab/kota gudang needs for this kecamatan's TPS (sum over items)
--   persen_gudang: DOUBLE, completeness at the gudang KPU of the kecamatan's kab/kota (0..100)
--   persen_ppk: DOUBLE, completeness at the PPK (mean over items, 0..100)
--   persen_pps: DOUBLE, completeness at the kecamatan's PPS (0..100)
--   persen_tps: DOUBLE, completeness at the kecamatan's TPS (0..100)
CREATE OR REPLACE MACRO ringkas_tanggal(tanggal) AS TABLE
    WITH u AS MATERIALIZED (  -- places and items with receipts by the date: their state then
        SELECT
            tahap,
            kode_lokasi,
            kode_kecamatan,
            kode_item,
            tersedia,
            lengkap
        FROM logistik_rentang
        WHERE dari <= CAST(tanggal AS DATE) AND CAST(tanggal AS DATE) < sampai
    ),
    aktif AS MATERIALIZED (  -- TPS with receipts by the date, or with an item they need none of
        SELECT u.kode_lokasi AS kode_tps
        FROM u
        WHERE u.tahap = 'tps'
        UNION
        SELECT k.kode_lokasi AS kode_tps
        FROM kebutuhan_unit AS k
        WHERE k.tahap = 'tps' AND k.kebutuhan = 0
    ),
    kec_aktif AS (  -- kecamatan whose PPK has received something, or needs none of an item
        SELECT u.kode_lokasi AS kode_kecamatan
        FROM u
        WHERE u.tahap = 'ppk'
        UNION
        SELECT k.kode_lokasi AS kode_kecamatan
        FROM kebutuhan_unit AS k
        WHERE k.tahap = 'ppk' AND k.kebutuhan = 0
    ),
    kel_aktif AS MATERIALIZED (  -- kelurahan whose PPS or PPK has moved, or with a TPS of the above
        SELECT u.kode_lokasi AS kode_kelurahan
        FROM u
        WHERE u.tahap = 'pps'
        UNION
        SELECT k.kode_lokasi AS kode_kelurahan
        FROM kebutuhan_unit AS k
        WHERE k.tahap = 'pps' AND k.kebutuhan = 0
        UNION
        SELECT w.kode_kelurahan
        FROM tps_wilayah AS w
        WHERE
            w.kode_kecamatan IN (SELECT c.kode_kecamatan FROM kec_aktif AS c)
            OR w.kode_tps IN (SELECT a.kode_tps FROM aktif AS a)
    ),
    atas AS MATERIALIZED (  -- the PPS of those kelurahan, every PPK and gudang: completeness per item
        SELECT
            k.tahap,
            k.kode_lokasi,
            k.kode_kecamatan,
            k.kode_item,
            coalesce(u.lengkap, CASE WHEN k.kebutuhan = 0 THEN 1.0 ELSE 0.0 END) AS lengkap
        FROM kebutuhan_unit AS k
        LEFT JOIN u USING (tahap, kode_lokasi, kode_item)
        WHERE
            k.tahap IN ('ppk', 'gudang')
            OR (k.tahap = 'pps' AND k.kode_lokasi IN (SELECT a.kode_kelurahan FROM kel_aktif AS a))
    ),
    rantai AS MATERIALIZED (  -- per kelurahan of kel_aktif and item: the best position above the TPS
        SELECT
            s.kode_lokasi AS kode_kelurahan,
            s.kode_item,
            greatest(0.75 * s.lengkap, 0.50 * c.lengkap, 0.25 * g.lengkap) AS posisi
        FROM atas AS s
        INNER JOIN atas AS c ON c.tahap = 'ppk' AND c.kode_lokasi = s.kode_kecamatan AND c.kode_item = s.kode_item
        INNER JOIN atas AS g
            ON g.tahap = 'gudang' AND g.kode_lokasi = left(s.kode_kecamatan, 5) AND g.kode_item = s.kode_item
        WHERE s.tahap = 'pps'
    ),
    kel_kosong AS (  -- the score of a TPS of such a kelurahan with nothing received at the TPS
        SELECT kode_kelurahan, 100 * min(posisi) AS skor_logistik
        FROM rantai
        GROUP BY kode_kelurahan
    ),
    kab_kosong AS (  -- the same for any other TPS: nothing at its TPS, PPS or PPK, only its gudang counts
        SELECT kode_lokasi AS kode_kabkota, 100 * min(0.25 * lengkap) AS skor_logistik
        FROM atas
        WHERE tahap = 'gudang'
        GROUP BY kode_lokasi
    ),
    aktif_item AS MATERIALIZED (  -- their items, with the kelurahan (first: only these TPS are joined below)
        SELECT
            k.kode_lokasi AS kode_tps,
            w.kode_kelurahan,
            k.kode_item,
            k.kebutuhan
        FROM kebutuhan_unit AS k
        INNER JOIN aktif AS a ON a.kode_tps = k.kode_lokasi
        INNER JOIN tps_wilayah AS w ON w.kode_tps = k.kode_lokasi
        WHERE k.tahap = 'tps'
    ),
    tps_aktif AS (  -- those TPS item by item, as logistik_tps
        SELECT
            k.kode_tps,
            100 * min(greatest(1.00 * coalesce(t.lengkap, CASE WHEN k.kebutuhan = 0 THEN 1.0 ELSE 0.0 END), r.posisi))
                AS skor_logistik,
            count(*) FILTER (
                WHERE coalesce(t.lengkap, CASE WHEN k.kebutuhan = 0 THEN 1.0 ELSE 0.0 END) >= 1
            ) = count(*) AS logistik_lengkap
        FROM aktif_item AS k
        INNER JOIN rantai AS r ON r.kode_kelurahan = k.kode_kelurahan AND r.kode_item = k.kode_item
        LEFT JOIN u AS t ON t.tahap = 'tps' AND t.kode_lokasi = k.kode_tps AND t.kode_item = k.kode_item
        GROUP BY k.kode_tps
    ),
    cek AS (  -- the latest checklist report of each TPS as of the date
        SELECT *  -- every column of the report -- noqa: AM04
        FROM checklist_rentang
        WHERE dari <= CAST(tanggal AS DATE) AND CAST(tanggal AS DATE) < sampai
    ),
    tps AS (
        SELECT
            t.kode_tps,
            t.kode_kecamatan,
            t.dpt,
            CASE
                WHEN a.kode_tps IS NOT NULL THEN a.skor_logistik
                WHEN kl.kode_kelurahan IS NOT NULL THEN coalesce(kk.skor_logistik, 0)
                ELSE coalesce(kb.skor_logistik, 0)
            END AS skor_logistik,
            coalesce(a.logistik_lengkap, FALSE) AS logistik_lengkap,
            coalesce(c.c_pemberitahuan, 0) AS c_pemberitahuan,
            c.status AS status_laporan,
            100 * (
                CAST(coalesce(c.kpps_dibentuk, FALSE) AS INTEGER)
                + CAST(coalesce(c.kpps_dilantik, FALSE) AS INTEGER)
                + CAST(coalesce(c.kpps_bimtek, FALSE) AS INTEGER)
                + CAST(coalesce(c.lokasi_siap, FALSE) AS INTEGER)
                + CAST(coalesce(c.akses_disabilitas, FALSE) AS INTEGER)
                + CAST(coalesce(c.penerangan, FALSE) AS INTEGER)
                + CAST(coalesce(c.pengamanan, FALSE) AS INTEGER)
                + CASE WHEN t.dpt = 0 THEN 1.0 ELSE least(coalesce(c.c_pemberitahuan, 0) / t.dpt, 1.0) END
                + least(coalesce(c.linmas, 0), 2) / 2.0
            ) / 9.0 AS skor_checklist
        FROM tps_wilayah AS t
        LEFT JOIN tps_aktif AS a ON a.kode_tps = t.kode_tps
        LEFT JOIN kel_aktif AS kl ON kl.kode_kelurahan = t.kode_kelurahan
        LEFT JOIN kel_kosong AS kk ON kk.kode_kelurahan = t.kode_kelurahan
        LEFT JOIN kab_kosong AS kb ON kb.kode_kabkota = left(t.kode_kecamatan, 5)
        LEFT JOIN cek AS c ON c.kode_tps = t.kode_tps
    ),
    ins AS (
        SELECT
            kode_kecamatan,
            count(*) FILTER (WHERE terbuka) AS terbuka,
            count(*) FILTER (WHERE terbuka AND keparahan = 'tinggi') AS serius,
            count(*) FILTER (WHERE terbuka AND batas_waktu < CAST(tanggal AS DATE)) AS terlambat,
            sum(penalti) FILTER (WHERE terbuka) AS penalti,
            count(*) FILTER (WHERE terbuka AND kelompok = 'konflik') AS konflik,
            count(*) FILTER (WHERE terbuka AND kelompok = 'pelayanan_publik') AS pelayanan,
            count(*) FILTER (WHERE hari_lapor = CAST(tanggal AS DATE)) AS hari_ini
        FROM insiden_rentang
        WHERE dari <= CAST(tanggal AS DATE) AND CAST(tanggal AS DATE) < sampai
        GROUP BY kode_kecamatan
    ),
    net AS (
        SELECT
            kode_kecamatan,
            count(*) FILTER (WHERE terbuka) AS terbuka,
            count(*) FILTER (WHERE terbuka AND batas_waktu < CAST(tanggal AS DATE)) AS terlambat
        FROM netralitas_rentang
        WHERE dari <= CAST(tanggal AS DATE) AND CAST(tanggal AS DATE) < sampai
        GROUP BY kode_kecamatan
    ),
    per_item AS (  -- each stage's places summed per kecamatan (per kab/kota for the gudang) and item
        SELECT
            tahap,
            kode,
            kode_item,
            tersedia / nullif(kebutuhan, 0) AS rasio,
            kebutuhan
        FROM logistik_kelompok
        WHERE dari <= CAST(tanggal AS DATE) AND CAST(tanggal AS DATE) < sampai
    ),
    log AS (
        SELECT
            kode AS kode_kecamatan,
            sum(kebutuhan) FILTER (WHERE tahap = 'tps') AS butuh,
            100 * avg(coalesce(rasio, 1.0)) FILTER (WHERE tahap = 'ppk') AS ppk,
            100 * avg(coalesce(rasio, 1.0)) FILTER (WHERE tahap = 'pps') AS pps,
            100 * avg(coalesce(rasio, 1.0)) FILTER (WHERE tahap = 'tps') AS tps
        FROM per_item
        WHERE tahap <> 'gudang'
        GROUP BY ALL
    ),
    gudang AS (
        SELECT kode AS kode_kabkota, 100 * avg(rasio) AS persen
        FROM per_item
        WHERE tahap = 'gudang'
        GROUP BY ALL
    ),
    kec AS (
        SELECT
            kode_kecamatan,
            count(*) AS jumlah_tps,
            sum(dpt) AS dpt,
            sum(c_pemberitahuan) AS c_pemberitahuan,
            count(*) FILTER (WHERE logistik_lengkap) AS tps_logistik_lengkap,
            count(*) FILTER (WHERE status_laporan = 'bermasalah') AS tps_bermasalah,
            coalesce(sum(skor_logistik * dpt) / nullif(sum(dpt), 0), avg(skor_logistik)) AS skor_logistik,
            coalesce(sum(skor_checklist * dpt) / nullif(sum(dpt), 0), avg(skor_checklist)) AS skor_checklist
        FROM tps
        GROUP BY kode_kecamatan
    )
    SELECT
        kec.kode_kecamatan,
        kec.jumlah_tps,
        kec.dpt,
        kec.c_pemberitahuan,
        kec.tps_logistik_lengkap,
        kec.tps_bermasalah,
        kec.skor_logistik,
        kec.skor_checklist,
        100 - least(100, coalesce(ins.penalti, 0)) AS skor_insiden,
        100 - least(100, coalesce(net.terbuka, 0) * p.penalti_netralitas) AS skor_netralitas,
        p.w_logistik * kec.skor_logistik + p.w_checklist * kec.skor_checklist
        + p.w_insiden * skor_insiden + p.w_netralitas * skor_netralitas AS skor,
        level_kesiapan(skor, r.rencana, p.ambang_siap, p.ambang_perhatian) AS level,
        coalesce(ins.terbuka, 0) AS insiden_terbuka,
        coalesce(ins.serius, 0) AS insiden_serius,
        coalesce(ins.konflik, 0) AS insiden_konflik,
        coalesce(ins.pelayanan, 0) AS insiden_pelayanan,
        coalesce(ins.hari_ini, 0) AS insiden_hari_ini,
        coalesce(ins.terlambat, 0) AS insiden_terlambat,
        coalesce(net.terbuka, 0) AS netralitas_terbuka,
        coalesce(net.terlambat, 0) AS netralitas_terlambat,
        CAST(coalesce(log.butuh, 0) AS BIGINT) AS butuh_gudang,
        gudang.persen AS persen_gudang,
        log.ppk AS persen_ppk,
        log.pps AS persen_pps,
        log.tps AS persen_tps
    FROM kec
    LEFT JOIN ins ON ins.kode_kecamatan = kec.kode_kecamatan
    LEFT JOIN net ON net.kode_kecamatan = kec.kode_kecamatan
    LEFT JOIN log ON log.kode_kecamatan = kec.kode_kecamatan
    LEFT JOIN gudang ON gudang.kode_kabkota = left(kec.kode_kecamatan, 5)
    CROSS JOIN param AS p
    CROSS JOIN rencana_kesiapan(tanggal) AS r
