-- Drop the kecamatan-scoped readiness rows of one as-of date, in the transaction that stores the
-- whole region's rows of that date (which cover every kecamatan): a date is then held either per
-- kecamatan or for the whole region, never both, so a query never reads a row twice.
-- params:
--   tanggal: DATE, as-of date
DELETE FROM kesiapan_simpan
WHERE tanggal = $tanggal AND awalan IS NOT NULL
