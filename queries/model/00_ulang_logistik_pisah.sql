-- Takes the re-votes' own receipts (00_ulang_logistik) out of the voting-day logistics.
DELETE FROM logistik AS l
WHERE l.tahap = 'tps'
    AND l.waktu >= (SELECT CAST(p.hari_pemungutan AS TIMESTAMP) + INTERVAL 1 DAY FROM param AS p)
    AND EXISTS (
        SELECT 1
        FROM pemungutan_ulang AS u
        WHERE u.kode_tps = l.kode_lokasi AND l.waktu < CAST(u.tanggal AS TIMESTAMP) + INTERVAL 1 DAY
    )
