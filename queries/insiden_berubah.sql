-- What happened to incidents between two moments (the previous day or the last meeting, and now):
-- incidents first reported in the window, those among them of high severity or in the conflict
-- group, and incidents that reached selesai in the window (whenever reported).
-- params:
--   dari: TIMESTAMP, start of the window (exclusive)
--   sampai: TIMESTAMP, end of the window (inclusive)
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   baru: BIGINT, incidents first reported in the window
--   baru_serius: BIGINT, of which high severity
--   baru_konflik: BIGINT, of which in the conflict group
--   selesai: BIGINT, incidents that reached selesai in the window
WITH ins AS (
    SELECT
        i.id_insiden,
        min(i.waktu) AS lapor,
        min(i.waktu) FILTER (WHERE i.status = 'selesai') AS selesai,
        arg_max(i.keparahan, i.waktu) AS keparahan,
        arg_max(i.kategori, i.waktu) AS kategori
    FROM insiden AS i
    WHERE i.waktu <= $sampai AND ($kecamatan IS NULL OR i.kode_kecamatan = $kecamatan)
    GROUP BY i.id_insiden
)
SELECT
    count(*) FILTER (WHERE ins.lapor > $dari) AS baru,
    count(*) FILTER (WHERE ins.lapor > $dari AND ins.keparahan = 'tinggi') AS baru_serius,
    count(*) FILTER (WHERE ins.lapor > $dari AND k.kelompok = 'konflik') AS baru_konflik,
    count(*) FILTER (WHERE ins.selesai > $dari) AS selesai
FROM ins
LEFT JOIN kategori_insiden AS k ON k.kode_kategori = ins.kategori
