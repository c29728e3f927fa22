-- Dates covered by the operational logs and the time of the latest event.
-- columns:
--   tanggal_awal: DATE, first day with an event
--   tanggal_akhir: DATE, last day with an event
--   waktu_terakhir: TIMESTAMP, latest event time
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
    max(akhir) AS waktu_terakhir
FROM batas
