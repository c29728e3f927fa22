-- Turnout by hour on a voting day (pemungutan.csv): at each full hour from 07.00 to 13.00 up to
-- the as-of moment, the voters attending by then (the latest attendance report of each TPS at
-- that hour) against the DPT of the TPS voting that day.
-- params:
--   sampai: TIMESTAMP, the as-of moment
--   hari: DATE, the voting day (or the re-vote's date)
--   ulang: VARCHAR, re-vote id (id_ulang), NULL for the voting day and every TPS
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   jam: BIGINT, hour of the day (7..13)
--   hadir: BIGINT, voters attending by then (DPT, DPTb and DPK)
--   dpt: BIGINT, registered voters of the TPS voting that day
--   persen: DOUBLE, hadir as % of dpt (0..100)
WITH tps_hari AS (
    SELECT t.kode_tps, t.dpt
    FROM tps_wilayah AS t
    WHERE
        ($kecamatan IS NULL OR t.kode_kecamatan = $kecamatan)
        AND (
            $ulang IS NULL
            OR t.kode_tps IN (SELECT u.kode_tps FROM pemungutan_ulang AS u WHERE u.id_ulang = $ulang)
        )
),
jam AS (
    SELECT
        j.generate_series AS jam,
        CAST($hari AS TIMESTAMP) + to_hours(j.generate_series) AS pada
    FROM generate_series(7, 13) AS j
    WHERE CAST($hari AS TIMESTAMP) + to_hours(j.generate_series) <= $sampai
),
lapor AS (
    SELECT
        p.kode_tps,
        p.waktu,
        coalesce(p.hadir_dpt, 0) + coalesce(p.hadir_dptb, 0) + coalesce(p.hadir_dpk, 0) AS hadir
    FROM pemungutan AS p
    INNER JOIN tps_hari AS t ON t.kode_tps = p.kode_tps
    WHERE
        p.kejadian = 'kehadiran'
        AND p.waktu >= CAST($hari AS TIMESTAMP)
        AND p.waktu <= $sampai
),
per_jam AS (
    SELECT
        jam.jam,
        lapor.kode_tps,
        arg_max(lapor.hadir, lapor.waktu) AS hadir
    FROM jam
    INNER JOIN lapor ON lapor.waktu <= jam.pada
    GROUP BY jam.jam, lapor.kode_tps
)
SELECT
    jam.jam,
    coalesce(sum(per_jam.hadir), 0) AS hadir,
    (SELECT sum(t.dpt) FROM tps_hari AS t) AS dpt,
    CASE
        WHEN coalesce((SELECT sum(t.dpt) FROM tps_hari AS t), 0) = 0 THEN 0.0
        ELSE 100.0 * coalesce(sum(per_jam.hadir), 0) / (SELECT sum(t.dpt) FROM tps_hari AS t)
    END AS persen
FROM jam
LEFT JOIN per_jam ON per_jam.jam = jam.jam
GROUP BY jam.jam
ORDER BY jam.jam
