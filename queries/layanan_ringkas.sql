-- Public services as of a moment: the latest report of every public-service unit (layanan.csv)
-- up to that moment, counted by state among the units that reported within the window (the
-- last 24 hours, say), plus the units that did not report in it. A unit's state is its latest
-- report's. Without layanan.csv every count is 0.
-- params:
--   sampai: TIMESTAMP, the as-of moment
--   mulai: TIMESTAMP, start of the reporting window
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   unit: BIGINT, units that ever reported up to the moment
--   melapor: BIGINT, units whose latest report falls in the window
--   normal: BIGINT, reporting units working normally
--   terganggu: BIGINT, reporting units disrupted
--   berhenti: BIGINT, reporting units stopped or closed
--   tidak_melapor: BIGINT, units without a report in the window
WITH terakhir AS (
    SELECT *
    FROM layanan
    WHERE waktu <= $sampai AND ($kecamatan IS NULL OR kode_kecamatan = $kecamatan)
    QUALIFY row_number() OVER (PARTITION BY id_unit ORDER BY waktu DESC) = 1
)
SELECT
    count(*) AS unit,
    count(*) FILTER (WHERE waktu >= $mulai) AS melapor,
    count(*) FILTER (WHERE waktu >= $mulai AND status = 'normal') AS normal,
    count(*) FILTER (WHERE waktu >= $mulai AND status = 'terganggu') AS terganggu,
    count(*) FILTER (WHERE waktu >= $mulai AND status = 'berhenti') AS berhenti,
    count(*) FILTER (WHERE waktu < $mulai) AS tidak_melapor
FROM terakhir
