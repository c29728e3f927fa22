-- Decisions of the coordination meetings held up to a moment, each with the state of its
-- follow-up task (tugas.csv, by task id). A decision belongs to a kecamatan by its owner unit
-- (the kecamatan, or a kelurahan of it). The latest meeting first, decisions in their order.
-- params:
--   saat: TIMESTAMP, meetings held and task rows written up to this moment
--   sekarang: TIMESTAMP, the moment lateness is measured at
--   kecamatan: VARCHAR = NULL, kecamatan code, NULL for the whole region
--   kelurahan: VARCHAR = NULL, kelurahan code, NULL for every kelurahan
-- columns:
--   id_rapat: VARCHAR, meeting id
--   waktu_rapat: TIMESTAMP, meeting time
--   judul_rapat: VARCHAR, meeting title
--   nomor: BIGINT, item number in the meeting
--   isi: VARCHAR, the decision
--   unit: VARCHAR, owner unit
--   batas_waktu: TIMESTAMP, due time of the task (of the decision when it has no task)
--   id_tugas: VARCHAR, follow-up task id
--   status: VARCHAR, task status, NULL when the task is not found
--   waktu_status: TIMESTAMP, latest change of the task
--   catatan: VARCHAR, latest note of the task
--   terbuka: BOOLEAN, still to be done (a decision without a task counts as open)
--   terlambat: BOOLEAN, open and past its due time
--   selesai_pada: TIMESTAMP, when the task was marked done, NULL unless status is selesai
SELECT
    r.id_rapat,
    r.waktu AS waktu_rapat,
    r.judul AS judul_rapat,
    CAST(r.nomor AS BIGINT) AS nomor,
    r.isi,
    coalesce(t.unit, r.unit) AS unit,
    coalesce(t.batas_waktu, r.batas_waktu) AS batas_waktu,
    r.id_tugas,
    t.status,
    t.waktu AS waktu_status,
    t.catatan,
    coalesce(t.terbuka, TRUE) AS terbuka,
    coalesce(t.terlambat, r.batas_waktu < CAST($sekarang AS TIMESTAMP)) AS terlambat,
    CASE WHEN t.status = 'selesai' THEN t.waktu END AS selesai_pada
FROM rapat AS r
LEFT JOIN tugas_asof($saat, $sekarang) AS t ON t.id_tugas = r.id_tugas
WHERE
    r.jenis = 'keputusan'
    AND r.waktu <= CAST($saat AS TIMESTAMP)
    AND (
        $kecamatan IS NULL
        OR coalesce(t.unit, r.unit) = $kecamatan
        OR left(coalesce(t.unit, r.unit), 8) = $kecamatan AND length(coalesce(t.unit, r.unit)) = 13
    )
    AND ($kelurahan IS NULL OR coalesce(t.unit, r.unit) = $kelurahan)
ORDER BY r.waktu DESC, r.id_rapat DESC, r.nomor ASC
