-- Open ASN neutrality cases as of a date with their age and deadline, most overdue first
-- (then the oldest). Only case facts: no name, NIP, position or reporter (those live in a
-- separate restricted file that is never loaded into the store).
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
--   batas_lapor: INTEGER, days allowed between the event and the report
-- columns:
--   id_kasus: VARCHAR, case id
--   status: VARCHAR, current status code
--   sejak: TIMESTAMP, when the case reached its current status
--   tanggal_kejadian: DATE, event date
--   tanggal_laporan: DATE, report date
--   hari_lapor: BIGINT, days between the event and the report
--   lapor_terlambat: BOOLEAN, reported more than batas_lapor days after the event
--   umur_hari: BIGINT, days since the report
--   batas_waktu: DATE, due date of the next step (NULL when not recorded)
--   hari_terlambat: BIGINT, days past the due date (0 when not overdue)
--   sisa_hari: BIGINT, days left until the due date (negative when overdue)
--   terlambat: BOOLEAN, past the due date of the next step
--   kode_kecamatan: VARCHAR, kecamatan code
--   nama_kecamatan: VARCHAR, kecamatan name
--   opd: VARCHAR, agency (OPD)
--   jenis_pelanggaran: VARCHAR, violation type code
--   kelas: VARCHAR, etik | disiplin
--   sumber: VARCHAR, source code
--   sanksi: VARCHAR, sanction recorded so far
WITH n AS (
    SELECT *
    FROM netralitas_asof($tanggal)
    WHERE terbuka AND ($kecamatan IS NULL OR kode_kecamatan = $kecamatan)
)
SELECT
    n.id_kasus,
    n.status,
    n.waktu AS sejak,
    n.tanggal_kejadian,
    n.tanggal_laporan,
    n.tanggal_laporan - n.tanggal_kejadian AS hari_lapor,
    n.tanggal_laporan - n.tanggal_kejadian > $batas_lapor AS lapor_terlambat,
    n.umur_hari,
    n.batas_waktu,
    CASE WHEN n.terlambat THEN CAST($tanggal AS DATE) - n.batas_waktu ELSE 0 END AS hari_terlambat,
    n.batas_waktu - CAST($tanggal AS DATE) AS sisa_hari,
    coalesce(n.terlambat, FALSE) AS terlambat,
    n.kode_kecamatan,
    w.nama AS nama_kecamatan,
    n.opd,
    n.jenis_pelanggaran,
    n.kelas,
    n.sumber,
    n.sanksi
FROM n
INNER JOIN wilayah AS w ON w.kode = n.kode_kecamatan
ORDER BY hari_terlambat DESC, n.batas_waktu ASC NULLS LAST, n.umur_hari DESC, n.id_kasus ASC
