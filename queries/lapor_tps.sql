-- The TPS a field reporter may report on: those of a kecamatan or one kelurahan (the pickers of the
-- Lapor page), with their latest checklist report.
-- params:
--   kecamatan: VARCHAR = NULL, kecamatan code, NULL for the whole region
--   kelurahan: VARCHAR = NULL, kelurahan code, NULL for every kelurahan
-- columns:
--   kode_tps: VARCHAR, TPS code
--   kode_kelurahan: VARCHAR, kelurahan code
--   nama_kelurahan: VARCHAR, kelurahan name
--   kode_kecamatan: VARCHAR, kecamatan code
--   nomor_tps: BIGINT, TPS number in the kelurahan
--   status: VARCHAR, latest checklist status (NULL: never reported)
WITH terakhir AS (
    SELECT
        kode_tps,
        arg_max(status, waktu) AS status
    FROM checklist
    GROUP BY kode_tps
)
SELECT
    t.kode_tps,
    t.kode_kelurahan,
    w.nama AS nama_kelurahan,
    w.kode_induk AS kode_kecamatan,
    t.nomor_tps,
    c.status
FROM tps AS t
INNER JOIN wilayah AS w ON w.kode = t.kode_kelurahan
LEFT JOIN terakhir AS c ON c.kode_tps = t.kode_tps
WHERE
    ($kecamatan IS NULL OR w.kode_induk = $kecamatan)
    AND ($kelurahan IS NULL OR t.kode_kelurahan = $kelurahan)
ORDER BY t.kode_tps
