-- ASN neutrality cases by current status as of a date (one row per status that has cases;
-- the workflow order and labels come from siaga.contract.STATUS_NETRALITAS).
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   status: VARCHAR, case status code
--   jumlah: BIGINT, cases at this status
--   terlambat: BIGINT, of which past the due date of their next step
SELECT
    status,
    count(*) AS jumlah,
    count(*) FILTER (WHERE terlambat) AS terlambat
FROM netralitas_asof($tanggal)
WHERE $kecamatan IS NULL OR kode_kecamatan = $kecamatan
GROUP BY status
ORDER BY status
