-- The readiness of a re-vote's TPS from its own logs only (logistik_ulang, checklist_ulang: the rows
-- at its TPS dated after voting day) as of a date: items complete at the TPS against the TPS's need,
-- and the latest checklist report with the nine-item score of checklist_tps.
-- params:
--   ulang: VARCHAR, re-vote id
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   kode_tps: VARCHAR, TPS code
--   item_lengkap: BIGINT, items complete at the TPS for the re-vote
--   jumlah_item: BIGINT, items needed
--   item_kurang: VARCHAR, names of the items not yet complete, in display order (NULL when none)
--   skor_logistik: DOUBLE, 0..100: the least complete item's share
--   waktu_laporan: TIMESTAMP, latest checklist report for the re-vote (NULL when none)
--   status_laporan: VARCHAR, siap | belum | bermasalah (NULL: no report yet)
--   catatan: VARCHAR, note of the latest report
--   skor_checklist: DOUBLE, 0..100
WITH t AS (
    SELECT w.kode_tps, w.dpt
    FROM pemungutan_ulang AS u
    INNER JOIN tps_wilayah AS w ON w.kode_tps = u.kode_tps
    WHERE u.id_ulang = $ulang AND ($kecamatan IS NULL OR w.kode_kecamatan = $kecamatan)
),
terima AS (
    SELECT
        kode_lokasi AS kode_tps,
        kode_item,
        sum(jumlah_diterima) - sum(jumlah_rusak) AS tersedia
    FROM logistik_ulang
    WHERE id_ulang = $ulang AND waktu < CAST($tanggal AS DATE) + INTERVAL 1 DAY
    GROUP BY ALL
),
barang AS (
    SELECT
        t.kode_tps,
        count(*) FILTER (WHERE coalesce(r.tersedia, 0) >= k.kebutuhan) AS item_lengkap,
        count(*) AS jumlah_item,
        string_agg(i.nama_item, '; ' ORDER BY i.urutan, i.kode_item)
        FILTER (WHERE coalesce(r.tersedia, 0) < k.kebutuhan) AS item_kurang,
        100 * min(
            CASE
                WHEN k.kebutuhan = 0 THEN 1.0
                ELSE least(greatest(coalesce(r.tersedia, 0), 0), k.kebutuhan) / k.kebutuhan
            END
        ) AS skor_logistik
    FROM t
    INNER JOIN kebutuhan_unit AS k ON k.tahap = 'tps' AND k.kode_lokasi = t.kode_tps
    INNER JOIN logistik_item AS i ON i.kode_item = k.kode_item
    LEFT JOIN terima AS r ON r.kode_tps = t.kode_tps AND r.kode_item = k.kode_item
    GROUP BY t.kode_tps
),
lapor AS (
    SELECT *
    FROM checklist_ulang
    WHERE id_ulang = $ulang AND waktu < CAST($tanggal AS DATE) + INTERVAL 1 DAY
    QUALIFY row_number() OVER (PARTITION BY kode_tps ORDER BY waktu DESC) = 1
)
SELECT
    t.kode_tps,
    b.item_lengkap,
    b.jumlah_item,
    b.item_kurang,
    b.skor_logistik,
    c.waktu AS waktu_laporan,
    c.status AS status_laporan,
    c.catatan,
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
FROM t
INNER JOIN barang AS b USING (kode_tps)
LEFT JOIN lapor AS c USING (kode_tps)
ORDER BY t.kode_tps
