-- Coordination meetings held up to a moment, one row per meeting: title, participating units,
-- agenda items and the number of decisions. A camat or lurah sees the meetings their unit took
-- part in or was given a decision by. The latest meeting first.
-- params:
--   saat: TIMESTAMP, meetings held up to this moment
--   kecamatan: VARCHAR = NULL, kecamatan code, NULL for the whole region
--   kelurahan: VARCHAR = NULL, kelurahan code, NULL for every kelurahan
-- columns:
--   id_rapat: VARCHAR, meeting id
--   waktu: TIMESTAMP, meeting time
--   judul: VARCHAR, meeting title
--   peserta: VARCHAR, participating units separated by '|'
--   agenda: VARCHAR[], agenda items in their order
--   jumlah_keputusan: BIGINT, decisions taken
SELECT
    r.id_rapat,
    min(r.waktu) AS waktu,
    min(r.judul) AS judul,
    min(r.peserta) AS peserta,
    coalesce(list(r.isi ORDER BY r.nomor) FILTER (WHERE r.jenis = 'agenda'), []) AS agenda,
    count(*) FILTER (WHERE r.jenis = 'keputusan') AS jumlah_keputusan
FROM rapat AS r
WHERE r.waktu <= CAST($saat AS TIMESTAMP)
GROUP BY r.id_rapat
HAVING
    $kecamatan IS NULL
    OR bool_or(
        list_contains(string_split(r.peserta, '|'), coalesce($kelurahan, $kecamatan))
        OR r.unit = coalesce($kelurahan, $kecamatan)
        OR $kelurahan IS NULL AND left(r.unit, 8) = $kecamatan AND length(r.unit) = 13
    )
ORDER BY waktu DESC, r.id_rapat DESC
