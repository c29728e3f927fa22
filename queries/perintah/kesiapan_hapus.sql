-- Drop the readiness rows of one as-of date and scope (the oldest, when the store holds too many).
-- params:
--   tanggal: DATE, as-of date
--   awalan: VARCHAR, kecamatan code of the scope, NULL for the whole region
DELETE FROM kesiapan_simpan
WHERE tanggal = $tanggal AND awalan IS NOT DISTINCT FROM $awalan
