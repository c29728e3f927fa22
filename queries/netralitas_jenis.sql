-- ASN neutrality cases by violation type and class (etik/disiplin, SKB 2/2022) as of a date.
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   jenis_pelanggaran: VARCHAR, violation type code
--   kelas: VARCHAR, etik | disiplin
--   jumlah: BIGINT, cases
--   terbuka: BIGINT, of which still open
SELECT
    jenis_pelanggaran,
    kelas,
    count(*) AS jumlah,
    count(*) FILTER (WHERE terbuka) AS terbuka
FROM netralitas_asof($tanggal)
WHERE $kecamatan IS NULL OR kode_kecamatan = $kecamatan
GROUP BY jenis_pelanggaran, kelas
ORDER BY jenis_pelanggaran, kelas
