-- Publish the readiness rows of one as-of date by copying them from the previous snapshot
-- (attached as lama), when everything they read up to that date is unchanged (terbit.jejak_kesiapan).
-- params:
--   tanggal: DATE, as-of date
INSERT INTO kesiapan_terbit
SELECT *  -- the columns of kesiapan_terbit -- noqa: AM04
FROM lama.main.kesiapan_terbit
WHERE tanggal = $tanggal
