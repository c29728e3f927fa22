-- State of every follow-up task as of a moment (rows up to tanggal; lateness at sekarang): the
-- latest row per task id (tugas.csv is an append-only log, each row carries the whole state),
-- with when and by whom it was created, the
-- number of notes, and whether it is open or past its due time.
-- params:
--   tanggal: TIMESTAMP, rows written up to this moment (a time, not only a day)
--   sekarang: TIMESTAMP, the moment lateness is measured at
-- columns:
--   id_tugas: VARCHAR, task id
--   dibuat: TIMESTAMP, first row of the task
--   dibuat_oleh: VARCHAR, user who created it
--   waktu: TIMESTAMP, latest change
--   judul: VARCHAR, what must be done
--   asal: VARCHAR, insiden | netralitas | logistik | checklist | rapat | lainnya
--   kode_asal: VARCHAR, origin reference
--   kode_kecamatan: VARCHAR, kecamatan code
--   kode_kelurahan: VARCHAR, kelurahan code
--   unit: VARCHAR, owner unit
--   pengguna: VARCHAR, responsible user
--   batas_waktu: TIMESTAMP, due time
--   status: VARCHAR, terbuka | dikerjakan | selesai | dibatalkan
--   catatan: VARCHAR, note of the latest change
--   oleh: VARCHAR, user of the latest change
--   jumlah_catatan: BIGINT, notes written on the task
--   terbuka: BOOLEAN, terbuka or dikerjakan
--   terlambat: BOOLEAN, open and past its due time
CREATE OR REPLACE MACRO tugas_asof(tanggal, sekarang) AS TABLE  -- parameters, not types -- noqa: CP05
    WITH p AS (
        SELECT CAST(sekarang AS TIMESTAMP) AS s
    ),
    riwayat AS (
        SELECT
            *,
            min(waktu) OVER (PARTITION BY id_tugas) AS dibuat,
            arg_min(oleh, waktu) OVER (PARTITION BY id_tugas) AS dibuat_oleh,
            count(catatan) OVER (PARTITION BY id_tugas) AS jumlah_catatan
        FROM tugas
        WHERE waktu <= CAST(tanggal AS TIMESTAMP)
        QUALIFY row_number() OVER (PARTITION BY id_tugas ORDER BY waktu DESC) = 1
    )
    SELECT
        r.id_tugas,
        r.dibuat,
        r.dibuat_oleh,
        r.waktu,
        r.judul,
        r.asal,
        r.kode_asal,
        r.kode_kecamatan,
        r.kode_kelurahan,
        r.unit,
        r.pengguna,
        r.batas_waktu,
        r.status,
        r.catatan,
        r.oleh,
        r.jumlah_catatan,
        r.status IN ('terbuka', 'dikerjakan') AS terbuka,
        r.status IN ('terbuka', 'dikerjakan') AND r.batas_waktu < p.s AS terlambat
    FROM riwayat AS r
    CROSS JOIN p
