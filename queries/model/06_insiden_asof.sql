-- State of every incident reported up to a date: the latest row per incident id, with
-- the time it was first reported, its category group and whether it is open or overdue.
-- params:
--   tanggal: DATE, as-of date
--   awalan: VARCHAR = NULL, only the incidents of this unit (a code prefix: kecamatan, kab/kota); NULL for all
-- columns:
--   id_insiden: VARCHAR, incident id
--   waktu_lapor: TIMESTAMP, first report
--   waktu: TIMESTAMP, latest update
--   waktu_kejadian: TIMESTAMP, time of the event
--   kode_kecamatan: VARCHAR, kecamatan code
--   kode_kelurahan: VARCHAR, kelurahan code
--   kode_tps: VARCHAR, TPS code
--   lat: DOUBLE, latitude
--   lon: DOUBLE, longitude
--   kategori: VARCHAR, category code
--   nama_kategori: VARCHAR, category name
--   kelompok: VARCHAR, category group
--   keparahan: VARCHAR, rendah | sedang | tinggi
--   status: VARCHAR, dilaporkan | diverifikasi | ditangani | selesai
--   sumber: VARCHAR, source
--   ringkasan: VARCHAR, summary
--   tindak_lanjut: VARCHAR, follow-up action
--   pic: VARCHAR, responsible unit
--   batas_waktu: DATE, follow-up due date
--   terbuka: BOOLEAN, not yet selesai
--   terlambat: BOOLEAN, open and past its due date
--   penalti: DOUBLE, readiness penalty while open (from the config)
CREATE OR REPLACE MACRO insiden_asof(tanggal, awalan := NULL) AS TABLE
    WITH di_unit AS (  -- the incidents ever placed in the unit, with every row of theirs: one may have moved
        SELECT DISTINCT id_insiden
        FROM insiden
        WHERE awalan IS NOT NULL AND kode_kecamatan >= awalan AND kode_kecamatan < awalan || '/'
    ),
    terakhir AS (
        SELECT
            *,
            min(waktu) OVER (PARTITION BY id_insiden) AS waktu_lapor
        FROM insiden
        WHERE waktu < CAST(tanggal AS DATE) + INTERVAL 1 DAY
            AND (awalan IS NULL OR id_insiden IN (SELECT u.id_insiden FROM di_unit AS u))
        QUALIFY row_number() OVER (PARTITION BY id_insiden ORDER BY waktu DESC) = 1
    )
    SELECT
        i.id_insiden,
        i.waktu_lapor,
        i.waktu,
        i.waktu_kejadian,
        i.kode_kecamatan,
        i.kode_kelurahan,
        i.kode_tps,
        i.lat,
        i.lon,
        i.kategori,
        k.nama AS nama_kategori,
        k.kelompok,
        i.keparahan,
        i.status,
        i.sumber,
        i.ringkasan,
        i.tindak_lanjut,
        i.pic,
        i.batas_waktu,
        i.status <> 'selesai' AS terbuka,
        i.status <> 'selesai' AND i.batas_waktu < CAST(tanggal AS DATE) AS terlambat,
        CASE
            WHEN i.status = 'selesai' THEN 0.0
            WHEN i.keparahan = 'tinggi' THEN p.penalti_tinggi
            WHEN i.keparahan = 'sedang' THEN p.penalti_sedang
            ELSE p.penalti_rendah
        END AS penalti
    FROM terakhir AS i
    INNER JOIN kategori_insiden AS k ON k.kode_kategori = i.kategori
    CROSS JOIN param AS p
    WHERE awalan IS NULL OR (i.kode_kecamatan >= awalan AND i.kode_kecamatan < awalan || '/')
