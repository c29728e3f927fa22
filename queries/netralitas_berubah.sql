-- What happened to ASN neutrality cases between two moments: cases first reported in the window,
-- cases that moved to another stage in it, and cases closed in it (selesai or tidak terbukti).
-- Case facts only, no identity.
-- params:
--   dari: TIMESTAMP, start of the window (exclusive)
--   sampai: TIMESTAMP, end of the window (inclusive)
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   baru: BIGINT, cases first recorded in the window
--   bergerak: BIGINT, cases already open before the window that changed stage in it
--   ditutup: BIGINT, cases closed in the window
WITH kasus AS (
    SELECT
        n.id_kasus,
        min(n.waktu) AS pertama,
        count(*) FILTER (WHERE n.waktu > $dari) AS ubah,
        min(n.waktu) FILTER (WHERE n.status IN ('selesai', 'tidak_terbukti')) AS tutup
    FROM netralitas AS n
    WHERE n.waktu <= $sampai AND ($kecamatan IS NULL OR n.kode_kecamatan = $kecamatan)
    GROUP BY n.id_kasus
)
SELECT
    count(*) FILTER (WHERE pertama > $dari) AS baru,
    count(*) FILTER (WHERE pertama <= $dari AND ubah > 0) AS bergerak,
    count(*) FILTER (WHERE tutup > $dari) AS ditutup
FROM kasus
