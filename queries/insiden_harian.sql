-- Incidents of a scope first reported per day and category in the time window (at or after
-- $mulai; NULL = since the beginning) up to the as-of date. Days without incidents are absent.
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
--   kelurahan: VARCHAR, kelurahan code, NULL for every kelurahan
--   mulai: TIMESTAMP, start of the time window, NULL since the beginning
-- columns:
--   hari: DATE, day of the first report
--   kategori: VARCHAR, category code
--   nama_kategori: VARCHAR, category name
--   jumlah: BIGINT, incidents first reported that day
SELECT
    CAST(waktu_lapor AS DATE) AS hari,
    kategori,
    any_value(nama_kategori) AS nama_kategori,
    count(*) AS jumlah
FROM insiden_lengkap($tanggal)
WHERE ($kecamatan IS NULL OR kode_kecamatan = $kecamatan)
    AND ($kelurahan IS NULL OR kode_kelurahan = $kelurahan)
    AND ($mulai IS NULL OR waktu_lapor >= CAST($mulai AS TIMESTAMP))
GROUP BY hari, kategori
ORDER BY hari, kategori
