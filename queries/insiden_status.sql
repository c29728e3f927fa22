-- Incidents of a scope first reported in the time window (at or after $mulai; NULL = since
-- the beginning) by their status as of the date, in workflow order; every status appears.
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
--   kelurahan: VARCHAR, kelurahan code, NULL for every kelurahan
--   mulai: TIMESTAMP, start of the time window, NULL since the beginning
-- columns:
--   urutan: INTEGER, position in the workflow (1 = dilaporkan)
--   status: VARCHAR, dilaporkan | diverifikasi | ditangani | selesai
--   jumlah: BIGINT, incidents whose status it is
--   terlambat: BIGINT, of those, past their due date
WITH alur (urutan, status) AS (
    VALUES (1, 'dilaporkan'), (2, 'diverifikasi'), (3, 'ditangani'), (4, 'selesai')
),
ins AS (
    SELECT status, terlambat
    FROM insiden_lengkap($tanggal)
    WHERE ($kecamatan IS NULL OR kode_kecamatan = $kecamatan)
        AND ($kelurahan IS NULL OR kode_kelurahan = $kelurahan)
        AND ($mulai IS NULL OR waktu_lapor >= CAST($mulai AS TIMESTAMP))
)
SELECT
    a.urutan,
    a.status,
    count(i.status) AS jumlah,
    count(i.status) FILTER (WHERE i.terlambat) AS terlambat
FROM alur AS a
LEFT JOIN ins AS i ON i.status = a.status
GROUP BY a.urutan, a.status
ORDER BY a.urutan
