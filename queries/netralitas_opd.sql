-- ASN neutrality cases per agency (OPD) as of a date, most cases first.
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   opd: VARCHAR, agency (OPD) where the civil servant works
--   jumlah: BIGINT, cases
--   terbuka: BIGINT, of which still open
--   terlambat: BIGINT, of which open past the due date of their next step
--   ditutup: BIGINT, of which closed (selesai or tidak_terbukti)
SELECT
    opd,
    count(*) AS jumlah,
    count(*) FILTER (WHERE terbuka) AS terbuka,
    count(*) FILTER (WHERE terlambat) AS terlambat,
    count(*) FILTER (WHERE NOT terbuka) AS ditutup
FROM netralitas_asof($tanggal)
WHERE $kecamatan IS NULL OR kode_kecamatan = $kecamatan
GROUP BY opd
ORDER BY jumlah DESC, terbuka DESC, opd ASC
