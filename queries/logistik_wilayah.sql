-- Completeness per stage as of a date for the scope and its units: the whole region and every
-- kecamatan, or one kecamatan and every kelurahan in it (model logistik_wilayah: a stage's
-- completeness is the mean over items of usable / needed units; the gudang is the region's and
-- a kelurahan's PPK is its kecamatan's). The scope's own row comes first; units without a TPS
-- are left out.
-- reads: logistik_simpan
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   lingkup: BOOLEAN, true for the scope's own row (region or selected kecamatan)
--   tingkat: VARCHAR, kabkota | kecamatan | kelurahan
--   kode: VARCHAR, code of the unit
--   nama: VARCHAR, name of the unit (NULL for the kab/kota: its name is in the config)
--   jumlah_tps: BIGINT, polling stations in the unit
--   tps_lengkap: BIGINT, TPS with every item complete at the TPS
--   persen_gudang: DOUBLE, completeness at the gudang KPU (0..100)
--   persen_ppk: DOUBLE, completeness at the PPK (0..100)
--   persen_pps: DOUBLE, completeness at the PPS (0..100)
--   persen_tps: DOUBLE, completeness at the TPS (0..100)
--   kurang_tps: BIGINT, units still missing at the TPS stage
--   rusak: BIGINT, damaged units received at the unit's places
--   terakhir: TIMESTAMP, latest receipt at the unit's places (NULL when none)
WITH lingkup AS (
    -- the units shown for the scope: the kab/kota and every kecamatan with TPS, or one kecamatan
    -- and its kelurahan with TPS; `lingkup` marks the row of the scope itself (logistik_simpan:
    -- logistik_wilayah($tanggal, awalan := $kecamatan), kept per date and scope)
    SELECT
        CASE
            WHEN CAST($kecamatan AS VARCHAR) IS NULL THEN tingkat = 'kabkota'
            ELSE tingkat = 'kecamatan'
        END AS lingkup,
        * EXCLUDE (tanggal, awalan)  -- every column of logistik_wilayah
    FROM logistik_simpan
    WHERE tanggal = $tanggal AND awalan IS NOT DISTINCT FROM $kecamatan AND (
            (
                CAST($kecamatan AS VARCHAR) IS NULL
                AND (tingkat = 'kabkota' OR (tingkat = 'kecamatan' AND jumlah_tps > 0))
            )
            OR (tingkat = 'kecamatan' AND kode = $kecamatan)
            OR (tingkat = 'kelurahan' AND kode_kecamatan = $kecamatan AND jumlah_tps > 0)
        )
)

SELECT
    lingkup,
    tingkat,
    kode,
    nama,
    jumlah_tps,
    tps_lengkap,
    persen_gudang,
    persen_ppk,
    persen_pps,
    persen_tps,
    kurang_tps,
    rusak,
    terakhir
FROM lingkup
ORDER BY lingkup DESC, kode ASC
