-- ASN neutrality cases per kecamatan as of a date: every kecamatan of the region (zero when
-- it has no case), in Kemendagri code order, so the selected one can be compared; or only one
-- kecamatan (the scope of a camat).
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR = NULL, kecamatan code, NULL (or omitted) for every kecamatan
--   batas_lapor: INTEGER, days allowed between the event and the report
-- columns:
--   kode: VARCHAR, kecamatan code
--   nama: VARCHAR, kecamatan name
--   jumlah: BIGINT, cases reported up to the date
--   terbuka: BIGINT, open cases
--   terlambat: BIGINT, open cases past the due date of their next step
--   lapor_terlambat: BIGINT, cases reported more than batas_lapor days after the event
--   selesai: BIGINT, cases closed (selesai)
--   tidak_terbukti: BIGINT, cases closed as not proven
WITH n AS (
    SELECT
        kode_kecamatan,
        count(*) AS jumlah,
        count(*) FILTER (WHERE terbuka) AS terbuka,
        count(*) FILTER (WHERE terlambat) AS terlambat,
        count(*) FILTER (WHERE tanggal_laporan - tanggal_kejadian > $batas_lapor) AS lapor_terlambat,
        count(*) FILTER (WHERE status = 'selesai') AS selesai,
        count(*) FILTER (WHERE status = 'tidak_terbukti') AS tidak_terbukti
    FROM netralitas_asof($tanggal)
    GROUP BY kode_kecamatan
)
SELECT
    w.kode,
    w.nama,
    coalesce(n.jumlah, 0) AS jumlah,
    coalesce(n.terbuka, 0) AS terbuka,
    coalesce(n.terlambat, 0) AS terlambat,
    coalesce(n.lapor_terlambat, 0) AS lapor_terlambat,
    coalesce(n.selesai, 0) AS selesai,
    coalesce(n.tidak_terbukti, 0) AS tidak_terbukti
FROM wilayah AS w
LEFT JOIN n ON n.kode_kecamatan = w.kode
WHERE w.tingkat = 'kecamatan'
    AND (CAST($kecamatan AS VARCHAR) IS NULL OR w.kode = $kecamatan)
ORDER BY w.kode
