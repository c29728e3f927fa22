-- Dates covered by the operational logs and the time of the latest event.
-- columns:
--   tanggal_awal: DATE, first day with an event
--   tanggal_akhir: DATE, last day with an event
--   waktu_terakhir: TIMESTAMP, latest event time
--   waktu_pasca: TIMESTAMP, latest voting-day, rekapitulasi or re-vote preparation event
--     (pemungutan.csv, rekapitulasi.csv, the re-votes' own logistics and checklist rows; NULL
--     without them): the as-of date may run on to that day
WITH batas AS (
    SELECT min(waktu) AS awal, max(waktu) AS akhir FROM logistik
    UNION ALL
    SELECT min(waktu) AS awal, max(waktu) AS akhir FROM checklist
    UNION ALL
    SELECT min(waktu) AS awal, max(waktu) AS akhir FROM insiden
    UNION ALL
    SELECT min(waktu) AS awal, max(waktu) AS akhir FROM netralitas
    UNION ALL
    SELECT min(waktu) AS awal, max(waktu) AS akhir FROM layanan
)
SELECT
    CAST(min(awal) AS DATE) AS tanggal_awal,
    CAST(max(akhir) AS DATE) AS tanggal_akhir,
    max(akhir) AS waktu_terakhir,
    (
        SELECT max(x.waktu)
        FROM (
            SELECT p.waktu FROM pemungutan AS p
            UNION ALL
            SELECT r.waktu FROM rekapitulasi AS r
            UNION ALL
            SELECT lu.waktu FROM logistik_ulang AS lu
            UNION ALL
            SELECT cu.waktu FROM checklist_ulang AS cu
        ) AS x
    ) AS waktu_pasca
FROM batas
