-- The re-votes' own logistics (pemungutan_ulang.csv): the receipts at a re-vote's TPS dated after
-- voting day, up to the end of the re-vote's date (the earliest re-vote of that TPS still to come).
-- They are kept apart from the voting-day logistics (00_ulang_logistik_pisah), so the views of the
-- regular election never count them; pemungutan_ulang_kesiapan reads them.
-- columns:
--   id_ulang: VARCHAR, re-vote id
--   waktu: TIMESTAMP, receipt time
--   tahap: VARCHAR, tps
--   kode_lokasi: VARCHAR, TPS code
--   kode_item: VARCHAR, item code
--   jumlah_kebutuhan: BIGINT, units needed (as reported)
--   jumlah_diterima: BIGINT, units received
--   jumlah_rusak: BIGINT, units received damaged
--   catatan: VARCHAR, note
CREATE OR REPLACE TABLE logistik_ulang AS
SELECT
    (
        SELECT u.id_ulang
        FROM pemungutan_ulang AS u
        WHERE u.kode_tps = l.kode_lokasi AND l.waktu < CAST(u.tanggal AS TIMESTAMP) + INTERVAL 1 DAY
        ORDER BY u.tanggal, u.id_ulang
        LIMIT 1
    ) AS id_ulang,
    l.waktu,
    l.tahap,
    l.kode_lokasi,
    l.kode_item,
    l.jumlah_kebutuhan,
    l.jumlah_diterima,
    l.jumlah_rusak,
    l.catatan
FROM logistik AS l
CROSS JOIN param AS p
WHERE l.tahap = 'tps'
    AND l.waktu >= CAST(p.hari_pemungutan AS TIMESTAMP) + INTERVAL 1 DAY
    AND EXISTS (
        SELECT 1
        FROM pemungutan_ulang AS u
        WHERE u.kode_tps = l.kode_lokasi AND l.waktu < CAST(u.tanggal AS TIMESTAMP) + INTERVAL 1 DAY
    )
