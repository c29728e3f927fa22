-- Key figures of the Insiden page for a scope (region, kecamatan or kelurahan) as of a date:
-- incidents reported in the time window (first report at or after $mulai; NULL = since the
-- beginning) and closed in it, and the state as of the date regardless of the window (open,
-- open and high severity, overdue, due within $hari_tempo days).
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
--   kelurahan: VARCHAR, kelurahan code, NULL for every kelurahan
--   mulai: TIMESTAMP, start of the time window, NULL since the beginning
--   hari_tempo: INTEGER, days ahead that count as due soon
-- columns:
--   dilaporkan: BIGINT, incidents first reported in the window
--   selesai: BIGINT, incidents closed in the window
--   terbuka: BIGINT, open incidents as of the date
--   terbuka_tinggi: BIGINT, open high-severity incidents
--   terlambat: BIGINT, open incidents past their due date
--   jatuh_tempo: BIGINT, open incidents not overdue, due within hari_tempo days
--   seluruhnya: BIGINT, incidents reported up to the date (any time)
SELECT
    count(*) FILTER (WHERE $mulai IS NULL OR waktu_lapor >= CAST($mulai AS TIMESTAMP)) AS dilaporkan,
    count(*) FILTER (
        WHERE waktu_selesai IS NOT NULL AND ($mulai IS NULL OR waktu_selesai >= CAST($mulai AS TIMESTAMP))
    ) AS selesai,
    count(*) FILTER (WHERE terbuka) AS terbuka,
    count(*) FILTER (WHERE terbuka AND keparahan = 'tinggi') AS terbuka_tinggi,
    count(*) FILTER (WHERE terlambat) AS terlambat,
    count(*) FILTER (WHERE terbuka AND NOT terlambat AND hari_terlambat >= -$hari_tempo) AS jatuh_tempo,
    count(*) AS seluruhnya
FROM insiden_lengkap($tanggal)
WHERE ($kecamatan IS NULL OR kode_kecamatan = $kecamatan)
    AND ($kelurahan IS NULL OR kode_kelurahan = $kelurahan)
