-- Every incident reported up to a date, as insiden_asof plus what the Insiden page shows and
-- filters on: kecamatan and kelurahan names, the TPS number, a map position (the incident's
-- own coordinates, else those of its TPS) and the time it was closed. An incident closed,
-- reopened and closed again counts as closed at the first selesai after its last open row.
-- params:
--   tanggal: DATE, as-of date
-- columns:
--   id_insiden: VARCHAR, incident id
--   waktu_lapor: TIMESTAMP, first report
--   waktu: TIMESTAMP, latest update
--   waktu_kejadian: TIMESTAMP, time of the event
--   waktu_selesai: TIMESTAMP, when it was closed (NULL while open)
--   kode_kecamatan: VARCHAR, kecamatan code
--   nama_kecamatan: VARCHAR, kecamatan name
--   kode_kelurahan: VARCHAR, kelurahan code
--   nama_kelurahan: VARCHAR, kelurahan name
--   kode_tps: VARCHAR, TPS code
--   nomor_tps: BIGINT, TPS number within its kelurahan
--   lat: DOUBLE, latitude of the incident, else of its TPS
--   lon: DOUBLE, longitude of the incident, else of its TPS
--   lokasi_tps: BOOLEAN, the position is the TPS's (the incident has no coordinates)
--   kategori: VARCHAR, category code
--   nama_kategori: VARCHAR, category name
--   kelompok: VARCHAR, category group
--   keparahan: VARCHAR, rendah | sedang | tinggi
--   status: VARCHAR, dilaporkan | diverifikasi | ditangani | selesai
--   sumber: VARCHAR, source
--   ringkasan: VARCHAR, summary
--   tindak_lanjut: VARCHAR, latest follow-up action
--   pic: VARCHAR, responsible unit
--   batas_waktu: DATE, follow-up due date
--   terbuka: BOOLEAN, not yet selesai
--   terlambat: BOOLEAN, open and past its due date
--   hari_terlambat: BIGINT, days past the due date (negative: days left; NULL without a due date)
CREATE OR REPLACE MACRO insiden_lengkap(tanggal) AS TABLE
    WITH tutup AS (
        SELECT
            id_insiden,
            max(waktu) FILTER (WHERE status <> 'selesai') AS terakhir_buka
        FROM insiden
        WHERE waktu < CAST(tanggal AS DATE) + INTERVAL 1 DAY
        GROUP BY id_insiden
    ),
    selesai AS (
        SELECT
            i.id_insiden,
            min(i.waktu) AS waktu_selesai
        FROM insiden AS i
        INNER JOIN tutup AS t ON t.id_insiden = i.id_insiden
        WHERE i.waktu < CAST(tanggal AS DATE) + INTERVAL 1 DAY
            AND i.status = 'selesai'
            AND (t.terakhir_buka IS NULL OR i.waktu > t.terakhir_buka)
        GROUP BY i.id_insiden
    )
    SELECT
        a.id_insiden,
        a.waktu_lapor,
        a.waktu,
        a.waktu_kejadian,
        CASE WHEN a.terbuka THEN NULL ELSE s.waktu_selesai END AS waktu_selesai,
        a.kode_kecamatan,
        kec.nama AS nama_kecamatan,
        a.kode_kelurahan,
        kel.nama AS nama_kelurahan,
        a.kode_tps,
        t.nomor_tps,
        CASE WHEN a.lat IS NOT NULL AND a.lon IS NOT NULL THEN a.lat ELSE t.lat END AS lat,
        CASE WHEN a.lat IS NOT NULL AND a.lon IS NOT NULL THEN a.lon ELSE t.lon END AS lon,
        (a.lat IS NULL OR a.lon IS NULL) AND t.lat IS NOT NULL AND t.lon IS NOT NULL AS lokasi_tps,
        a.kategori,
        a.nama_kategori,
        a.kelompok,
        a.keparahan,
        a.status,
        a.sumber,
        a.ringkasan,
        a.tindak_lanjut,
        a.pic,
        a.batas_waktu,
        a.terbuka,
        coalesce(a.terlambat, FALSE) AS terlambat,
        CAST(tanggal AS DATE) - a.batas_waktu AS hari_terlambat
    FROM insiden_asof(tanggal) AS a
    INNER JOIN wilayah AS kec ON kec.kode = a.kode_kecamatan
    LEFT JOIN wilayah AS kel ON kel.kode = a.kode_kelurahan
    LEFT JOIN tps AS t ON t.kode_tps = a.kode_tps
    LEFT JOIN selesai AS s ON s.id_insiden = a.id_insiden
