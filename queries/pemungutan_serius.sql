-- Open high-severity incidents per kecamatan as of a date: one reason a kecamatan needs a call
-- now on voting day.
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   kode: VARCHAR, kecamatan code
--   serius: BIGINT, open high-severity incidents
SELECT
    kode_kecamatan AS kode,
    count(*) AS serius
FROM insiden_asof($tanggal)
WHERE terbuka AND keparahan = 'tinggi' AND ($kecamatan IS NULL OR kode_kecamatan = $kecamatan)
GROUP BY kode_kecamatan
ORDER BY kode
