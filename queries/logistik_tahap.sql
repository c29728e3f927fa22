-- Completeness per item and stage of the distribution chain (gudang KPU -> PPK -> PPS -> TPS)
-- for the whole region or one kecamatan as of a date. For a kecamatan the gudang row is the
-- region's (it serves every kecamatan), PPK is the kecamatan, and PPS/TPS are summed over its
-- kelurahan and TPS. Usable units are capped at each place's need, so a surplus at one place
-- never hides a shortage at another. Items in the order of logistik_item.urutan.
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   kode_item: VARCHAR, item code
--   nama_item: VARCHAR, item name
--   satuan: VARCHAR, unit of the item
--   urutan_item: BIGINT, display order of the item
--   tahap: VARCHAR, gudang | ppk | pps | tps
--   urutan_tahap: BIGINT, 1 gudang, 2 PPK, 3 PPS, 4 TPS
--   tempat: BIGINT, receiving places at the stage in scope
--   tempat_lengkap: BIGINT, places with the item complete
--   kebutuhan: BIGINT, units needed
--   diterima: BIGINT, units received
--   rusak: BIGINT, units received damaged
--   tersedia: BIGINT, usable units (capped at each place's need)
--   kurang: BIGINT, units still missing
--   persen: DOUBLE, tersedia / kebutuhan in % (100 when nothing is needed)
--   terakhir: TIMESTAMP, latest receipt of the item at the stage in scope
SELECT
    u.kode_item,
    i.nama_item,
    i.satuan,
    i.urutan AS urutan_item,
    u.tahap,
    CAST(CASE u.tahap WHEN 'gudang' THEN 1 WHEN 'ppk' THEN 2 WHEN 'pps' THEN 3 ELSE 4 END AS BIGINT) AS urutan_tahap,
    count(*) AS tempat,
    count(*) FILTER (WHERE u.kurang = 0) AS tempat_lengkap,
    CAST(sum(u.kebutuhan) AS BIGINT) AS kebutuhan,
    CAST(sum(u.diterima) AS BIGINT) AS diterima,
    CAST(sum(u.rusak) AS BIGINT) AS rusak,
    CAST(sum(u.tersedia) AS BIGINT) AS tersedia,
    CAST(sum(u.kurang) AS BIGINT) AS kurang,
    CASE WHEN sum(u.kebutuhan) = 0 THEN 100.0 ELSE 100.0 * sum(u.tersedia) / sum(u.kebutuhan) END AS persen,
    max(u.terakhir) AS terakhir
FROM logistik_unit($tanggal) AS u
INNER JOIN logistik_item AS i USING (kode_item)
WHERE $kecamatan IS NULL OR u.tahap = 'gudang' OR u.kode_kecamatan = $kecamatan
GROUP BY u.kode_item, i.nama_item, i.satuan, i.urutan, u.tahap
ORDER BY urutan_item, u.kode_item, urutan_tahap
