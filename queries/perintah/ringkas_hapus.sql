-- Drop the per-kecamatan summary of one as-of date (the oldest, when the store holds too many).
-- params:
--   tanggal: DATE, as-of date
DELETE FROM ringkas_simpan
WHERE tanggal = $tanggal
