-- The logistics units shown for a scope: for the whole region the kab/kota row and every
-- kecamatan with TPS; for one kecamatan its own row and its kelurahan with TPS. `lingkup` marks
-- the row that sums up the scope.
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   lingkup: BOOLEAN, the row of the scope itself
--   tingkat: VARCHAR, kabkota | kecamatan | kelurahan
--   kode: VARCHAR, code of the unit
--   nama: VARCHAR, name of the unit (NULL for the kab/kota: its name is in the config)
--   kode_kecamatan: VARCHAR, kecamatan of the unit (NULL for the kab/kota)
--   jumlah_tps: BIGINT, polling stations in the unit
--   tps_lengkap: BIGINT, TPS with every item complete at the TPS
--   persen_gudang: DOUBLE, completeness at the gudang KPU (0..100)
--   persen_ppk: DOUBLE, completeness at the PPK (0..100)
--   persen_pps: DOUBLE, completeness at the PPS (0..100)
--   persen_tps: DOUBLE, completeness at the TPS (0..100)
--   kemajuan_rantai: DOUBLE, mean of the four stages (0..100)
--   kebutuhan_tps: BIGINT, units needed at the TPS stage
--   kurang_tps: BIGINT, units still missing at the TPS stage
--   rusak: BIGINT, damaged units received at the unit's places, all stages
--   tanda_terima: BIGINT, receipts at the unit's places up to the date
--   terakhir: TIMESTAMP, latest receipt at the unit's places (NULL when none)
--   mulai_tps: TIMESTAMP, first receipt at a TPS of the unit (NULL when none yet)
CREATE OR REPLACE MACRO logistik_lingkup(tanggal, kecamatan) AS TABLE
    SELECT
        CASE
            WHEN CAST(kecamatan AS VARCHAR) IS NULL THEN tingkat = 'kabkota'
            ELSE tingkat = 'kecamatan'
        END AS lingkup,
        *  -- every column of logistik_wilayah -- noqa: AM04
    FROM logistik_wilayah(tanggal)
    WHERE (CAST(kecamatan AS VARCHAR) IS NULL AND (tingkat = 'kabkota' OR (tingkat = 'kecamatan' AND jumlah_tps > 0)))
        OR (tingkat = 'kecamatan' AND kode = kecamatan)
        OR (tingkat = 'kelurahan' AND kode_kecamatan = kecamatan AND jumlah_tps > 0)
