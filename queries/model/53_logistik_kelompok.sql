-- The per_item sums of ringkas_kecamatan over time: for each stage, kecamatan (kab/kota for a
-- gudang) and item, the units available at its places from a day (dari) until the next day any
-- of them changed (sampai, exclusive), as running totals of logistik_rentang's daily changes, and
-- the need of those places. Every group has a first row from 0001-01-01 with nothing available,
-- so the state as of any date is exactly one row per group.
-- columns:
--   tahap: VARCHAR, gudang | ppk | pps | tps
--   kode: VARCHAR, kecamatan code (kab/kota code for the gudang)
--   kode_item: VARCHAR, item code
--   dari: DATE, first day of this state
--   sampai: DATE, the next day with a change (9999-12-31 when none)
--   tersedia: HUGEINT, usable units at the group's places, each capped at its need
--   kebutuhan: HUGEINT, units the group's places need
CREATE OR REPLACE TABLE logistik_kelompok AS
WITH awal AS (
    SELECT
        tahap,
        CASE WHEN tahap = 'gudang' THEN kode_lokasi ELSE kode_kecamatan END AS kode,
        kode_item,
        DATE '0001-01-01' AS hari,
        CAST(0 AS HUGEINT) AS selisih,
        sum(kebutuhan) AS kebutuhan
    FROM kebutuhan_unit
    GROUP BY ALL
),
ubah AS (
    SELECT
        tahap,
        kode_kelompok AS kode,
        kode_item,
        dari AS hari,
        sum(selisih) AS selisih,
        CAST(NULL AS HUGEINT) AS kebutuhan
    FROM logistik_rentang
    GROUP BY ALL
),
semua AS (
    SELECT * FROM awal  -- noqa: AM04
    UNION ALL
    SELECT * FROM ubah  -- noqa: AM04
)
SELECT
    tahap,
    kode,
    kode_item,
    hari AS dari,
    lead(hari, 1, DATE '9999-12-31') OVER w AS sampai,
    sum(selisih) OVER w AS tersedia,
    max(kebutuhan) OVER (PARTITION BY tahap, kode, kode_item) AS kebutuhan
FROM semua
WINDOW w AS (PARTITION BY tahap, kode, kode_item ORDER BY hari)
ORDER BY dari
