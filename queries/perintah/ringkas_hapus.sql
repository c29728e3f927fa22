-- Drop the per-kecamatan summary of one as-of date the process added (the oldest, when it holds
-- too many).
-- params:
--   tanggal: DATE, as-of date
DELETE FROM ringkas_proses
WHERE tanggal = $tanggal
