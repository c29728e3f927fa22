-- Key figures of the ASN neutrality cases in scope (the region or one kecamatan) as of a date:
-- cases reported so far, open, open past their due date, reported late (more than
-- $batas_lapor days after the event), closed with a sanction, not proven, newly reported.
-- No personal data: identities live in a separate restricted file, never in the store.
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
--   batas_lapor: INTEGER, days allowed between the event and the report
-- columns:
--   jumlah_kasus: BIGINT, cases reported up to the date
--   terbuka: BIGINT, cases neither selesai nor tidak_terbukti
--   terlambat: BIGINT, open cases past the due date of their next step
--   lapor_terlambat: BIGINT, cases reported more than batas_lapor days after the event
--   selesai: BIGINT, cases closed (selesai)
--   selesai_sanksi: BIGINT, cases closed with a sanction recorded
--   tidak_terbukti: BIGINT, cases closed as not proven
--   baru_7hari: BIGINT, cases reported in the 7 days up to the date (inclusive)
SELECT
    count(*) AS jumlah_kasus,
    count(*) FILTER (WHERE terbuka) AS terbuka,
    count(*) FILTER (WHERE terlambat) AS terlambat,
    count(*) FILTER (WHERE tanggal_laporan - tanggal_kejadian > $batas_lapor) AS lapor_terlambat,
    count(*) FILTER (WHERE status = 'selesai') AS selesai,
    count(*) FILTER (WHERE status = 'selesai' AND coalesce(trim(sanksi), '') <> '') AS selesai_sanksi,
    count(*) FILTER (WHERE status = 'tidak_terbukti') AS tidak_terbukti,
    count(*) FILTER (WHERE tanggal_laporan > CAST($tanggal AS DATE) - 7) AS baru_7hari
FROM netralitas_asof($tanggal)
WHERE $kecamatan IS NULL OR kode_kecamatan = $kecamatan
