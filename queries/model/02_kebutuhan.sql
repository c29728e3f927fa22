-- Logistics need per hand-over place, stage and item, from the item formula
-- (logistik_item.csv): ceil(per_tps + per_pemilih * DPT * (1 + cadangan_persen / 100)) per TPS,
-- summed up the chain: TPS -> kelurahan (PPS) -> kecamatan (PPK) -> kab/kota (gudang KPU; one per
-- kab/kota when the data hold several regions).
-- The loader stores it ordered by place (queries/perintah/kebutuhan_urut.sql).
-- columns:
--   tahap: VARCHAR, gudang | ppk | pps | tps
--   kode_lokasi: VARCHAR, receiving place code at the stage's level
--   kode_kecamatan: VARCHAR, kecamatan of the place (NULL for the gudang)
--   kode_item: VARCHAR, item code
--   kebutuhan: BIGINT, units needed
CREATE OR REPLACE TABLE kebutuhan_unit AS
WITH per_tps AS (
    SELECT
        t.kode_tps,
        t.kode_kelurahan,
        t.kode_kecamatan,
        i.kode_item,
        CAST(ceil(i.per_tps + i.per_pemilih * t.dpt * (1 + i.cadangan_persen / 100.0)) AS BIGINT) AS kebutuhan
    FROM tps_wilayah AS t
    CROSS JOIN logistik_item AS i
)
SELECT 'tps' AS tahap, kode_tps AS kode_lokasi, kode_kecamatan, kode_item, kebutuhan FROM per_tps
UNION ALL
SELECT 'pps' AS tahap, kode_kelurahan AS kode_lokasi, kode_kecamatan, kode_item, sum(kebutuhan) AS kebutuhan
FROM per_tps
GROUP BY ALL
UNION ALL
SELECT 'ppk' AS tahap, kode_kecamatan AS kode_lokasi, kode_kecamatan, kode_item, sum(kebutuhan) AS kebutuhan
FROM per_tps
GROUP BY ALL
UNION ALL
SELECT
    'gudang' AS tahap, left(kode_kecamatan, 5) AS kode_lokasi, NULL AS kode_kecamatan, kode_item,
    sum(kebutuhan) AS kebutuhan
FROM per_tps
GROUP BY ALL
