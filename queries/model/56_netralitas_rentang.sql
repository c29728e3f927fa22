-- Every neutrality case row with the days it is its case's latest as of (dari <= date < sampai),
-- for the per-date summaries (ringkas_tanggal), as netralitas_asof picks it.
-- columns:
--   id_kasus: VARCHAR, case id
--   kode_kecamatan: VARCHAR, kecamatan of the row
--   dari: DATE, day of the row
--   sampai: DATE, day of the case's next row (9999-12-31 when none)
--   terbuka: BOOLEAN, neither settled nor unproven
--   batas_waktu: DATE, due date of the next step
CREATE OR REPLACE TABLE netralitas_rentang AS
WITH baris AS (
    SELECT
        id_kasus,
        kode_kecamatan,
        status,
        batas_waktu,
        CAST(waktu AS DATE) AS dari,
        lead(CAST(waktu AS DATE), 1, DATE '9999-12-31') OVER (PARTITION BY id_kasus ORDER BY waktu) AS sampai
    FROM netralitas
)
SELECT
    id_kasus,
    kode_kecamatan,
    dari,
    sampai,
    status NOT IN ('selesai', 'tidak_terbukti') AS terbuka,
    batas_waktu
FROM baris
WHERE dari < sampai
ORDER BY dari
