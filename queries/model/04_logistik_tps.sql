-- Logistics score per TPS as of a date: for each item, how far down the chain its
-- complete quantity has come (gudang 25, PPK 50, PPS 75, TPS 100, each times the
-- completeness at that stage, best stage counts). A TPS is only as ready as its
-- least-advanced item: the TPS score is the minimum over items.
-- params:
--   tanggal: DATE, as-of date
--   awalan: VARCHAR = NULL, only the places of this unit and those above it (a kecamatan code); NULL for all
-- columns:
--   kode_tps: VARCHAR, TPS code
--   skor_logistik: DOUBLE, 0..100
--   item_lengkap_di_tps: BIGINT, items complete at the TPS
--   jumlah_item: BIGINT, items needed
CREATE OR REPLACE MACRO logistik_tps(tanggal, awalan := NULL) AS TABLE
    WITH u AS (
        SELECT * FROM logistik_unit(tanggal, awalan := awalan)
    ),
    per_item AS (
        SELECT
            t.kode_tps,
            t.kode_item,
            t.lengkap AS di_tps,
            greatest(1.00 * t.lengkap, 0.75 * s.lengkap, 0.50 * c.lengkap, 0.25 * g.lengkap) AS posisi
        FROM (
            SELECT kode_lokasi AS kode_tps, kode_item, lengkap
            FROM u
            WHERE tahap = 'tps'
        ) AS t
        INNER JOIN tps_wilayah AS w USING (kode_tps)
        INNER JOIN u AS s ON s.tahap = 'pps' AND s.kode_lokasi = w.kode_kelurahan AND s.kode_item = t.kode_item
        INNER JOIN u AS c ON c.tahap = 'ppk' AND c.kode_lokasi = w.kode_kecamatan AND c.kode_item = t.kode_item
        INNER JOIN u AS g
            ON g.tahap = 'gudang' AND g.kode_lokasi = left(w.kode_kecamatan, 5) AND g.kode_item = t.kode_item
    )
    SELECT
        kode_tps,
        100 * min(posisi) AS skor_logistik,
        count(*) FILTER (WHERE di_tps >= 1) AS item_lengkap_di_tps,
        count(*) AS jumlah_item
    FROM per_item
    GROUP BY kode_tps
