-- Every change of one task up to a moment (its notes with time and author), oldest first, in a scope.
-- params:
--   id_tugas: VARCHAR, task id
--   saat: TIMESTAMP, as-of moment
--   kecamatan: VARCHAR = NULL, kecamatan code, NULL for the whole region
--   kelurahan: VARCHAR = NULL, kelurahan code, NULL for every kelurahan
-- columns:
--   waktu: TIMESTAMP, time of the change
--   status: VARCHAR, status after the change
--   unit: VARCHAR, owner unit after the change
--   batas_waktu: TIMESTAMP, due time after the change
--   catatan: VARCHAR, note
--   oleh: VARCHAR, user who made the change
SELECT
    t.waktu,
    t.status,
    t.unit,
    t.batas_waktu,
    t.catatan,
    t.oleh
FROM tugas AS t
WHERE
    t.id_tugas = $id_tugas
    AND t.waktu <= $saat
    AND (
        $kecamatan IS NULL
        OR t.kode_kecamatan = $kecamatan
        OR t.unit = $kecamatan
        OR left(t.unit, 8) = $kecamatan AND length(t.unit) = 13
    )
    AND ($kelurahan IS NULL OR t.kode_kelurahan = $kelurahan OR t.unit = $kelurahan)
ORDER BY t.waktu ASC
