-- Every TPS of the scope (one kelurahan, one kecamatan, or the whole region) as of a date, least
-- ready first: readiness score and components, logistics (items complete at the TPS and the
-- names of those still short there), the latest checklist report (its status, when it was
-- made, since when the TPS has had that status, what is still missing), the flood-prone flag,
-- open incidents at the TPS and its location (may be missing).
-- reads: kesiapan_simpan
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
--   kelurahan: VARCHAR, kelurahan code, NULL for the whole kecamatan or region
-- columns:
--   kode_tps: VARCHAR, TPS code
--   nama: VARCHAR, TPS nnn
--   nomor_tps: BIGINT, TPS number within the kelurahan
--   kode_kelurahan: VARCHAR, kelurahan code
--   nama_kelurahan: VARCHAR, kelurahan name
--   kode_kecamatan: VARCHAR, kecamatan code
--   dpt: BIGINT, registered voters
--   jenis: VARCHAR, reguler | khusus
--   keterangan: VARCHAR, location note
--   lat: DOUBLE, latitude (NULL when unknown)
--   lon: DOUBLE, longitude (NULL when unknown)
--   rawan_banjir: BOOLEAN, flood-prone site
--   skor_logistik: DOUBLE, 0..100
--   logistik_lengkap: BOOLEAN, every item complete at the TPS
--   item_lengkap: BIGINT, items complete at the TPS
--   jumlah_item: BIGINT, items needed
--   item_kurang: VARCHAR, names of the items not yet complete at the TPS, in display order (NULL when none)
--   skor_checklist: DOUBLE, 0..100
--   status_laporan: VARCHAR, latest reporter's assessment: siap | belum | bermasalah (NULL: no report)
--   waktu_laporan: TIMESTAMP, latest checklist report
--   status_sejak: TIMESTAMP, first report of the current run of that status
--   catatan: VARCHAR, note of the latest report
--   kpps_dibentuk: BOOLEAN, KPPS formed
--   kpps_dilantik: BOOLEAN, KPPS sworn in
--   kpps_bimtek: BOOLEAN, KPPS trained
--   lokasi_siap: BOOLEAN, site ready
--   akses_disabilitas: BOOLEAN, accessible
--   penerangan: BOOLEAN, lighting
--   pengamanan: BOOLEAN, security assigned
--   c_pemberitahuan: BIGINT, voter notices delivered
--   linmas: BIGINT, linmas assigned (2 needed)
--   skor_insiden: DOUBLE, 0..100
--   skor_netralitas: DOUBLE, 0..100
--   insiden_terbuka: BIGINT, open incidents at the TPS
--   insiden_serius: BIGINT, open high-severity incidents at the TPS
--   netralitas_terbuka: BIGINT, open neutrality cases in the kecamatan
--   w_logistik: DOUBLE, weight
--   w_checklist: DOUBLE, weight
--   w_insiden: DOUBLE, weight
--   w_netralitas: DOUBLE, weight
--   skor: DOUBLE, readiness score 0..100
--   level: VARCHAR, siap | perlu_perhatian | rawan
WITH t AS (
    SELECT *
    FROM tps_wilayah
    WHERE (CAST($kecamatan AS VARCHAR) IS NULL OR kode_kecamatan = $kecamatan)
        AND (CAST($kelurahan AS VARCHAR) IS NULL OR kode_kelurahan = $kelurahan)
),
w AS (
    SELECT * EXCLUDE (tanggal, awalan)
    -- kesiapan_wilayah($tanggal), kept per date and scope: the whole region's rows, or the kecamatan's own
    FROM kesiapan_simpan
    WHERE tanggal = $tanggal AND (awalan IS NULL OR awalan = $kecamatan) AND (tingkat = 'tps')
),
sejak AS (
    -- since when each TPS has had its latest status: the start of the last run of equal statuses
    SELECT kode_tps, max(mulai_status) AS status_sejak
    FROM (
        SELECT
            c.kode_tps,
            CASE
                WHEN (c.status IS DISTINCT FROM lag(c.status) OVER (PARTITION BY c.kode_tps ORDER BY c.waktu))
                    THEN c.waktu
            END AS mulai_status
        FROM checklist AS c
        INNER JOIN t USING (kode_tps)
        WHERE c.waktu < CAST($tanggal AS DATE) + INTERVAL 1 DAY
    ) AS perubahan
    GROUP BY kode_tps
),
barang AS (
    -- items at the TPS: complete when nothing is missing (as in logistik_tps)
    SELECT
        u.kode_lokasi AS kode_tps,
        count(*) FILTER (WHERE u.kurang = 0) AS item_lengkap,
        count(*) AS jumlah_item,
        string_agg(i.nama_item, '; ' ORDER BY i.urutan, i.kode_item) FILTER (WHERE u.kurang > 0) AS item_kurang
    FROM logistik_unit($tanggal, awalan := $kecamatan) AS u  -- only the kecamatan's places when one is chosen
    INNER JOIN t ON t.kode_tps = u.kode_lokasi
    INNER JOIN logistik_item AS i USING (kode_item)
    WHERE u.tahap = 'tps'
    GROUP BY u.kode_lokasi
)
SELECT
    t.kode_tps,
    w.nama,
    t.nomor_tps,
    t.kode_kelurahan,
    t.nama_kelurahan,
    t.kode_kecamatan,
    t.dpt,
    t.jenis,
    s.keterangan,
    s.lat,
    s.lon,
    t.rawan_banjir,
    w.skor_logistik,
    coalesce(b.item_lengkap = b.jumlah_item, FALSE) AS logistik_lengkap,
    coalesce(b.item_lengkap, 0) AS item_lengkap,
    coalesce(b.jumlah_item, 0) AS jumlah_item,
    b.item_kurang,
    w.skor_checklist,
    c.status AS status_laporan,
    c.waktu_laporan,
    z.status_sejak,
    c.catatan,
    c.kpps_dibentuk,
    c.kpps_dilantik,
    c.kpps_bimtek,
    c.lokasi_siap,
    c.akses_disabilitas,
    c.penerangan,
    c.pengamanan,
    c.c_pemberitahuan,
    c.linmas,
    w.skor_insiden,
    w.skor_netralitas,
    w.insiden_terbuka,
    w.insiden_serius,
    w.netralitas_terbuka,
    w.w_logistik,
    w.w_checklist,
    w.w_insiden,
    w.w_netralitas,
    w.skor,
    w.level
FROM t
INNER JOIN w ON w.kode = t.kode_tps
INNER JOIN tps AS s USING (kode_tps)
INNER JOIN checklist_tps($tanggal, awalan := $kecamatan) AS c USING (kode_tps)
LEFT JOIN sejak AS z USING (kode_tps)
LEFT JOIN barang AS b USING (kode_tps)
ORDER BY w.skor, t.kode_tps
