-- Logistics state per place, stage and item as of a date (receipts up to the end of that day).
-- params:
--   tanggal: DATE, as-of date
--   awalan: VARCHAR = NULL, only the places of this unit and those above it (a kecamatan code); NULL for all
-- columns:
--   tahap: VARCHAR, gudang | ppk | pps | tps
--   kode_lokasi: VARCHAR, place code
--   kode_kecamatan: VARCHAR, kecamatan (NULL for the gudang)
--   kode_item: VARCHAR, item code
--   kebutuhan: BIGINT, units needed
--   diterima: BIGINT, units received so far
--   rusak: BIGINT, units received damaged
--   tersedia: BIGINT, usable units, capped at the need
--   kurang: BIGINT, units still missing
--   lengkap: DOUBLE, tersedia / kebutuhan (0..1)
--   terakhir: TIMESTAMP, time of the last receipt
CREATE OR REPLACE MACRO logistik_unit(tanggal, awalan := NULL) AS TABLE
    WITH terima AS (
        SELECT
            tahap,
            kode_lokasi,
            kode_item,
            sum(jumlah_diterima) AS diterima,
            sum(jumlah_rusak) AS rusak,
            max(waktu) AS terakhir
        FROM logistik
        WHERE waktu < CAST(tanggal AS DATE) + INTERVAL 1 DAY
            AND (
                awalan IS NULL
                OR (kode_lokasi >= awalan AND kode_lokasi < awalan || '/')
                OR kode_lokasi IN (left(awalan, 2), left(awalan, 5), left(awalan, 8), left(awalan, 13))
            )
        GROUP BY ALL
    )
    SELECT
        u.tahap,
        u.kode_lokasi,
        u.kode_kecamatan,
        u.kode_item,
        u.kebutuhan,
        coalesce(t.diterima, 0) AS diterima,
        coalesce(t.rusak, 0) AS rusak,
        least(greatest(coalesce(t.diterima - t.rusak, 0), 0), u.kebutuhan) AS tersedia,
        u.kebutuhan - least(greatest(coalesce(t.diterima - t.rusak, 0), 0), u.kebutuhan) AS kurang,
        CASE
            WHEN u.kebutuhan = 0 THEN 1.0
            ELSE least(greatest(coalesce(t.diterima - t.rusak, 0), 0), u.kebutuhan) / u.kebutuhan
        END AS lengkap,
        t.terakhir
    FROM kebutuhan_unit AS u
    LEFT JOIN terima AS t USING (tahap, kode_lokasi, kode_item)
    WHERE (
        awalan IS NULL
        OR (u.kode_lokasi >= awalan AND u.kode_lokasi < awalan || '/')
        OR u.kode_lokasi IN (left(awalan, 2), left(awalan, 5), left(awalan, 8), left(awalan, 13))
    )
