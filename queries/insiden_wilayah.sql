-- Incidents per area for the map shading: per kecamatan of the region when $kecamatan is
-- NULL, else per kelurahan of that kecamatan; every area appears, with zero when it has
-- none. Counts incidents first reported in the window (at or after $mulai; NULL = since the
-- beginning) and those open as of the date. Label points come from the boundaries.
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
--   mulai: TIMESTAMP, start of the time window, NULL since the beginning
-- columns:
--   tingkat: VARCHAR, kecamatan | kelurahan
--   kode: VARCHAR, area code
--   nama: VARCHAR, area name
--   jumlah: BIGINT, incidents first reported in the window
--   tinggi: BIGINT, of those, high severity
--   terbuka: BIGINT, open incidents as of the date (any report time)
--   lat: DOUBLE, label point latitude (NULL without a boundary)
--   lon: DOUBLE, label point longitude (NULL without a boundary)
WITH area AS (
    SELECT tingkat, kode, nama
    FROM wilayah
    WHERE ($kecamatan IS NULL AND tingkat = 'kecamatan')
        OR (tingkat = 'kelurahan' AND kode_induk = $kecamatan)
),
ins AS (
    SELECT
        CASE WHEN $kecamatan IS NULL THEN kode_kecamatan ELSE kode_kelurahan END AS kode,
        ($mulai IS NULL OR waktu_lapor >= CAST($mulai AS TIMESTAMP)) AS di_jendela,
        keparahan,
        terbuka
    FROM insiden_lengkap($tanggal)
    WHERE $kecamatan IS NULL OR kode_kecamatan = $kecamatan
)
SELECT
    a.tingkat,
    a.kode,
    a.nama,
    count(i.kode) FILTER (WHERE i.di_jendela) AS jumlah,
    count(i.kode) FILTER (WHERE i.di_jendela AND i.keparahan = 'tinggi') AS tinggi,
    count(i.kode) FILTER (WHERE i.terbuka) AS terbuka,
    any_value(p.lat) AS lat,
    any_value(p.lon) AS lon
FROM area AS a
LEFT JOIN ins AS i ON i.kode = a.kode
LEFT JOIN pusat_wilayah AS p ON p.kode = a.kode
GROUP BY a.tingkat, a.kode, a.nama
ORDER BY a.kode
