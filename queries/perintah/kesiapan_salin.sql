-- Keep the published readiness rows of one as-of date in the process's kesiapan_simpan
-- (Store.siapkan_kesiapan): a copy of rows the loader computed, not a new computation.
-- params:
--   tanggal: DATE, as-of date (one of the manifest's published dates)
INSERT INTO kesiapan_simpan BY NAME
SELECT *  -- the columns of kesiapan_terbit, by name -- noqa: AM04
FROM data.main.kesiapan_terbit
WHERE tanggal = $tanggal
