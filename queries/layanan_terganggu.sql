-- The public-service units not working normally as of a moment (latest report disrupted or
-- stopped), worst first, with since when their state holds.
-- params:
--   sampai: TIMESTAMP, the as-of moment
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   id_unit: VARCHAR, unit id
--   nama_unit: VARCHAR, unit name
--   jenis: VARCHAR, service type
--   kode_kecamatan: VARCHAR, kecamatan code
--   nama_kecamatan: VARCHAR, kecamatan name
--   status: VARCHAR, terganggu | berhenti
--   sejak: TIMESTAMP, first report of this state in the current run of reports
--   waktu: TIMESTAMP, latest report
--   keterangan: VARCHAR, note of the latest report
WITH riwayat AS (
    SELECT
        *,
        row_number() OVER (PARTITION BY id_unit ORDER BY waktu DESC) AS urut,
        sum(CAST(status <> 'normal' AS INTEGER)) OVER (PARTITION BY id_unit ORDER BY waktu DESC) AS ganggu_ke
    FROM layanan
    WHERE waktu <= $sampai AND ($kecamatan IS NULL OR kode_kecamatan = $kecamatan)
),
terakhir AS (
    SELECT *
    FROM riwayat
    WHERE urut = 1 AND status <> 'normal'
),
sejak AS (
    -- the earliest report of the unbroken run of non-normal reports ending with the latest one
    SELECT r.id_unit, min(r.waktu) AS sejak
    FROM riwayat AS r
    WHERE r.ganggu_ke = r.urut
    GROUP BY r.id_unit
)
SELECT
    t.id_unit,
    t.nama_unit,
    t.jenis,
    t.kode_kecamatan,
    w.nama AS nama_kecamatan,
    t.status,
    s.sejak,
    t.waktu,
    t.keterangan
FROM terakhir AS t
INNER JOIN sejak AS s ON s.id_unit = t.id_unit
LEFT JOIN wilayah AS w ON w.kode = t.kode_kecamatan
ORDER BY t.status = 'berhenti' DESC, s.sejak ASC, t.id_unit ASC
