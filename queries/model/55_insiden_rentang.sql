-- Every incident report row with the days it is its incident's latest as of (dari <= date <
-- sampai), for the per-date summaries (ringkas_tanggal); the fields insiden_asof derives from the
-- latest row. An incident whose latest row names an unknown category is left out, as there.
-- columns:
--   id_insiden: VARCHAR, incident id
--   kode_kecamatan: VARCHAR, kecamatan of the row
--   dari: DATE, day of the row
--   sampai: DATE, day of the incident's next row (9999-12-31 when none)
--   hari_lapor: DATE, day the incident was first reported
--   kelompok: VARCHAR, category group
--   keparahan: VARCHAR, severity
--   terbuka: BOOLEAN, not settled
--   batas_waktu: DATE, follow-up due date
--   penalti: DOUBLE, readiness penalty while the row is the latest
CREATE OR REPLACE TABLE insiden_rentang AS
WITH baris AS (
    SELECT
        id_insiden,
        kode_kecamatan,
        kategori,
        keparahan,
        status,
        batas_waktu,
        CAST(waktu AS DATE) AS dari,
        lead(CAST(waktu AS DATE), 1, DATE '9999-12-31') OVER (PARTITION BY id_insiden ORDER BY waktu) AS sampai,
        CAST(min(waktu) OVER (PARTITION BY id_insiden) AS DATE) AS hari_lapor
    FROM insiden
)
SELECT
    i.id_insiden,
    i.kode_kecamatan,
    i.dari,
    i.sampai,
    i.hari_lapor,
    k.kelompok,
    i.keparahan,
    i.status <> 'selesai' AS terbuka,
    i.batas_waktu,
    CASE
        WHEN i.status = 'selesai' THEN 0.0
        WHEN i.keparahan = 'tinggi' THEN p.penalti_tinggi
        WHEN i.keparahan = 'sedang' THEN p.penalti_sedang
        ELSE p.penalti_rendah
    END AS penalti
FROM baris AS i
INNER JOIN kategori_insiden AS k ON k.kode_kategori = i.kategori
CROSS JOIN param AS p
WHERE i.dari < i.sampai
ORDER BY i.dari
