-- State of every ASN neutrality case reported up to a date (latest row per case id).
-- No personal data: identities live in a separate restricted file, never in the store.
-- params:
--   tanggal: DATE, as-of date
--   awalan: VARCHAR = NULL, only the cases of this unit (a code prefix: kecamatan, kab/kota); NULL for all
-- columns:
--   id_kasus: VARCHAR, case id
--   waktu: TIMESTAMP, latest update
--   tanggal_kejadian: DATE, event date
--   tanggal_laporan: DATE, report date
--   kode_kecamatan: VARCHAR, kecamatan code
--   opd: VARCHAR, agency
--   jenis_pelanggaran: VARCHAR, violation type
--   kelas: VARCHAR, etik | disiplin
--   sumber: VARCHAR, source
--   status: VARCHAR, case status
--   sanksi: VARCHAR, sanction
--   batas_waktu: DATE, due date of the next step
--   terbuka: BOOLEAN, neither selesai nor tidak_terbukti
--   terlambat: BOOLEAN, open and past its due date
--   umur_hari: BIGINT, days since the report
CREATE OR REPLACE MACRO netralitas_asof(tanggal, awalan := NULL) AS TABLE
    WITH di_unit AS (  -- the cases ever placed in the unit, with every row of theirs: one may have moved
        SELECT DISTINCT id_kasus
        FROM netralitas
        WHERE awalan IS NOT NULL AND kode_kecamatan >= awalan AND kode_kecamatan < awalan || '/'
    ),
    terakhir AS (
        SELECT *  -- every column of the log -- noqa: AM04
        FROM netralitas
        WHERE waktu < CAST(tanggal AS DATE) + INTERVAL 1 DAY
            AND (awalan IS NULL OR id_kasus IN (SELECT u.id_kasus FROM di_unit AS u))
        QUALIFY row_number() OVER (PARTITION BY id_kasus ORDER BY waktu DESC) = 1
    )
    SELECT
        id_kasus,
        waktu,
        tanggal_kejadian,
        tanggal_laporan,
        kode_kecamatan,
        opd,
        jenis_pelanggaran,
        kelas,
        sumber,
        status,
        sanksi,
        batas_waktu,
        status NOT IN ('selesai', 'tidak_terbukti') AS terbuka,
        status NOT IN ('selesai', 'tidak_terbukti') AND batas_waktu < CAST(tanggal AS DATE) AS terlambat,
        CAST(tanggal AS DATE) - tanggal_laporan AS umur_hari
    FROM terakhir
    WHERE awalan IS NULL OR (kode_kecamatan >= awalan AND kode_kecamatan < awalan || '/')
