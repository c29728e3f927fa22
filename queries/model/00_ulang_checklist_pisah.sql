-- Takes the re-votes' own checklist reports (00_ulang_checklist) out of the voting-day checklist.
DELETE FROM checklist AS c
WHERE c.waktu >= (SELECT CAST(p.hari_pemungutan AS TIMESTAMP) + INTERVAL 1 DAY FROM param AS p)
    AND EXISTS (
        SELECT 1
        FROM pemungutan_ulang AS u
        WHERE u.kode_tps = c.kode_tps AND c.waktu < CAST(u.tanggal AS TIMESTAMP) + INTERVAL 1 DAY
    )
