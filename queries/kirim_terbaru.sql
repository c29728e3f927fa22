-- The newest event in the data at or before a moment (alerts, siaga/kirim: the stale-data rule of
-- the pages, measured at that moment): operational logs, voting-day reports and the re-votes'
-- own logistics and checklist rows.
-- params:
--   sampai: TIMESTAMP, the moment
-- columns:
--   waktu_terakhir: TIMESTAMP, newest event at or before the moment (NULL: none)
WITH semua AS (
    SELECT max(waktu) AS w FROM logistik
    WHERE waktu <= $sampai
    UNION ALL
    SELECT max(waktu) AS w FROM checklist
    WHERE waktu <= $sampai
    UNION ALL
    SELECT max(waktu) AS w FROM insiden
    WHERE waktu <= $sampai
    UNION ALL
    SELECT max(waktu) AS w FROM netralitas
    WHERE waktu <= $sampai
    UNION ALL
    SELECT max(waktu) AS w FROM layanan
    WHERE waktu <= $sampai
    UNION ALL
    SELECT max(waktu) AS w FROM pemungutan
    WHERE waktu <= $sampai
    UNION ALL
    SELECT max(waktu) AS w FROM logistik_ulang
    WHERE waktu <= $sampai
    UNION ALL
    SELECT max(waktu) AS w FROM checklist_ulang
    WHERE waktu <= $sampai
)
SELECT max(w) AS waktu_terakhir
FROM semua
