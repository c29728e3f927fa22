-- Drop the readiness rows of one as-of date (the oldest, when the store holds too many).
-- params:
--   tanggal: DATE, as-of date
DELETE FROM kesiapan_simpan
WHERE tanggal = $tanggal
