-- The logistics state of every place and item over time, for the per-date summaries the loader
-- publishes (ringkas_tanggal): one row per place, item and day with receipts, holding the state
-- from that day (dari) until the next day with receipts (sampai, exclusive). The state as of a
-- date is the row with dari <= date < sampai; a place and item without such a row has received
-- nothing yet. The figures are those of logistik_unit: the same sums, taken day by day.
-- columns:
--   tahap: VARCHAR, gudang | ppk | pps | tps
--   kode_lokasi: VARCHAR, place code
--   kode_kecamatan: VARCHAR, kecamatan of the place (NULL for a gudang)
--   kode_item: VARCHAR, item code
--   dari: DATE, first day of this state
--   sampai: DATE, the next day with receipts (9999-12-31 when none)
--   tersedia: HUGEINT, usable units as of the state, capped at the need
--   lengkap: DOUBLE, completeness 0..1 (1 when nothing is needed)
--   kode_kelompok: VARCHAR, the kecamatan of the place, the kab/kota for a gudang (per_item of ringkas_kecamatan)
--   selisih: HUGEINT, change of tersedia on that day
CREATE OR REPLACE TABLE logistik_rentang AS
WITH harian AS (
    SELECT
        tahap,
        kode_lokasi,
        kode_item,
        CAST(waktu AS DATE) AS hari,
        sum(jumlah_diterima) AS diterima,
        sum(jumlah_rusak) AS rusak
    FROM logistik
    GROUP BY ALL
),
kumulatif AS (  -- both counts are required in the log, so the day before is the sum less the day's
    SELECT
        h.tahap,
        h.kode_lokasi,
        u.kode_kecamatan,
        h.kode_item,
        h.hari,
        u.kebutuhan,
        sum(h.diterima) OVER w AS diterima,
        sum(h.rusak) OVER w AS rusak,
        sum(h.diterima) OVER w - h.diterima AS diterima_kemarin,
        sum(h.rusak) OVER w - h.rusak AS rusak_kemarin,
        lead(h.hari, 1, DATE '9999-12-31') OVER w AS sampai
    FROM harian AS h
    INNER JOIN kebutuhan_unit AS u USING (tahap, kode_lokasi, kode_item)
    WINDOW w AS (PARTITION BY h.tahap, h.kode_lokasi, h.kode_item ORDER BY h.hari)
)
SELECT
    tahap,
    kode_lokasi,
    kode_kecamatan,
    kode_item,
    hari AS dari,
    sampai,
    least(greatest(coalesce(diterima - rusak, 0), 0), kebutuhan) AS tersedia,
    CASE
        WHEN kebutuhan = 0 THEN 1.0
        ELSE least(greatest(coalesce(diterima - rusak, 0), 0), kebutuhan) / kebutuhan
    END AS lengkap,
    CASE WHEN tahap = 'gudang' THEN kode_lokasi ELSE kode_kecamatan END AS kode_kelompok,
    least(greatest(coalesce(diterima - rusak, 0), 0), kebutuhan)
    - least(greatest(coalesce(diterima_kemarin - rusak_kemarin, 0), 0), kebutuhan) AS selisih
FROM kumulatif
ORDER BY dari
