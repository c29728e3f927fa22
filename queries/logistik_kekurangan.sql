-- Shortages and damaged items as of a date: every place x item whose usable units are below
-- the need at the latest stage that should have the item by now, or that received damaged
-- units. A place should have an item by now when
--   (a) it has already received some of that item (a short delivery), or
--   (b) before the H-1 deadline: a sibling place (same parent in the chain: the TPS of one PPS,
--       the PPS of one PPK, the PPK of the region) has received that item, so the parent has
--       started handing it on and this place is behind, or
--   (c) from the H-1 deadline day (param.batas_logistik) on: it is a TPS (every item must be at
--       every TPS).
-- A place whose parent has not started handing an item on is not listed for it: the shortage
-- shows at the parent. The whole region, or the places of one kecamatan (the gudang belongs to
-- no kecamatan). Ordered along the chain (by place code), then by item.
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   tahap: VARCHAR, gudang | ppk | pps | tps
--   kode_lokasi: VARCHAR, receiving place code
--   kode_kecamatan: VARCHAR, kecamatan code (NULL for the gudang)
--   nama_kecamatan: VARCHAR, kecamatan name (NULL for the gudang)
--   kode_kelurahan: VARCHAR, kelurahan code (PPS and TPS)
--   nama_kelurahan: VARCHAR, kelurahan name (PPS and TPS)
--   nomor_tps: BIGINT, TPS number in the kelurahan (TPS only)
--   kode_item: VARCHAR, item code
--   nama_item: VARCHAR, item name
--   satuan: VARCHAR, unit of the item
--   kebutuhan: BIGINT, units needed
--   diterima: BIGINT, units received
--   rusak: BIGINT, units received damaged
--   tersedia: BIGINT, usable units (capped at the need)
--   kurang: BIGINT, units still missing
--   terakhir: TIMESTAMP, latest receipt of the item at the place (NULL: never received)
--   catatan: VARCHAR, note of the latest receipt of the item at the place that has one (free text)
WITH u AS MATERIALIZED (
    SELECT
        u.*,
        t.kode_kelurahan AS kelurahan_tps,
        t.nomor_tps,
        CASE u.tahap
            WHEN 'tps' THEN t.kode_kelurahan
            WHEN 'pps' THEN u.kode_kecamatan
            WHEN 'ppk' THEN (SELECT p.kode_kabkota FROM param AS p)
        END AS induk
    FROM logistik_unit($tanggal) AS u
    LEFT JOIN tps_wilayah AS t ON u.tahap = 'tps' AND t.kode_tps = u.kode_lokasi
),
mulai AS (
    SELECT DISTINCT tahap, induk, kode_item
    FROM u
    WHERE diterima > 0 AND induk IS NOT NULL
),
catatan AS (
    SELECT tahap, kode_lokasi, kode_item, arg_max(catatan, waktu) AS catatan
    FROM logistik
    WHERE waktu < CAST($tanggal AS DATE) + INTERVAL 1 DAY AND trim(catatan) <> ''
    GROUP BY ALL
)
SELECT
    u.tahap,
    u.kode_lokasi,
    u.kode_kecamatan,
    kec.nama AS nama_kecamatan,
    CASE u.tahap WHEN 'pps' THEN u.kode_lokasi WHEN 'tps' THEN u.kelurahan_tps END AS kode_kelurahan,
    kel.nama AS nama_kelurahan,
    u.nomor_tps,
    u.kode_item,
    i.nama_item,
    i.satuan,
    CAST(u.kebutuhan AS BIGINT) AS kebutuhan,
    CAST(u.diterima AS BIGINT) AS diterima,
    CAST(u.rusak AS BIGINT) AS rusak,
    CAST(u.tersedia AS BIGINT) AS tersedia,
    CAST(u.kurang AS BIGINT) AS kurang,
    u.terakhir,
    c.catatan
FROM u
INNER JOIN logistik_item AS i USING (kode_item)
CROSS JOIN param AS p
LEFT JOIN mulai AS m ON m.tahap = u.tahap AND m.induk = u.induk AND m.kode_item = u.kode_item
LEFT JOIN catatan AS c ON c.tahap = u.tahap AND c.kode_lokasi = u.kode_lokasi AND c.kode_item = u.kode_item
LEFT JOIN wilayah AS kec ON kec.kode = u.kode_kecamatan
LEFT JOIN wilayah AS kel ON kel.kode = CASE u.tahap WHEN 'pps' THEN u.kode_lokasi WHEN 'tps' THEN u.kelurahan_tps END
WHERE ($kecamatan IS NULL OR u.kode_kecamatan = $kecamatan)
    AND (
        u.rusak > 0
        OR (u.kurang > 0 AND (
            u.diterima > 0
            OR (CAST($tanggal AS DATE) < p.batas_logistik AND m.induk IS NOT NULL)
            OR (CAST($tanggal AS DATE) >= p.batas_logistik AND u.tahap = 'tps')
        ))
    )
ORDER BY u.kode_lokasi, i.urutan, u.kode_item
