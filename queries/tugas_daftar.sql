-- Follow-up tasks as of a moment, in a scope: a task belongs to a kecamatan by its place or by its
-- owner unit (a kecamatan, or a kelurahan of it). Open tasks first, the most overdue first.
-- params:
--   saat: TIMESTAMP, rows written up to this moment
--   sekarang: TIMESTAMP, the moment lateness is measured at
--   kecamatan: VARCHAR = NULL, kecamatan code, NULL for the whole region
--   kelurahan: VARCHAR = NULL, kelurahan code, NULL for every kelurahan
-- columns:
--   id_tugas: VARCHAR, task id
--   dibuat: TIMESTAMP, created
--   dibuat_oleh: VARCHAR, user who created it
--   waktu: TIMESTAMP, latest change
--   judul: VARCHAR, what must be done
--   asal: VARCHAR, origin kind
--   kode_asal: VARCHAR, origin reference
--   kode_kecamatan: VARCHAR, kecamatan code
--   nama_kecamatan: VARCHAR, kecamatan name
--   kode_kelurahan: VARCHAR, kelurahan code
--   nama_kelurahan: VARCHAR, kelurahan name
--   unit: VARCHAR, owner unit
--   pengguna: VARCHAR, responsible user
--   batas_waktu: TIMESTAMP, due time
--   status: VARCHAR, task status
--   catatan: VARCHAR, latest note
--   oleh: VARCHAR, user of the latest change
--   jumlah_catatan: BIGINT, notes
--   terbuka: BOOLEAN, still to be done
--   terlambat: BOOLEAN, open and past its due time
SELECT
    t.id_tugas,
    t.dibuat,
    t.dibuat_oleh,
    t.waktu,
    t.judul,
    t.asal,
    t.kode_asal,
    t.kode_kecamatan,
    kc.nama AS nama_kecamatan,
    t.kode_kelurahan,
    kl.nama AS nama_kelurahan,
    t.unit,
    t.pengguna,
    t.batas_waktu,
    t.status,
    t.catatan,
    t.oleh,
    t.jumlah_catatan,
    t.terbuka,
    t.terlambat
FROM tugas_asof($saat, $sekarang) AS t
LEFT JOIN wilayah AS kc ON kc.kode = t.kode_kecamatan
LEFT JOIN wilayah AS kl ON kl.kode = t.kode_kelurahan
WHERE
    (
        $kecamatan IS NULL
        OR t.kode_kecamatan = $kecamatan
        OR t.unit = $kecamatan
        OR left(t.unit, 8) = $kecamatan AND length(t.unit) = 13
    )
    AND ($kelurahan IS NULL OR t.kode_kelurahan = $kelurahan OR t.unit = $kelurahan)
ORDER BY t.terbuka DESC, t.terlambat DESC, t.batas_waktu ASC, t.id_tugas ASC
