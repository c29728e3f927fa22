-- Distribution progress and its pace, for the scope and its units (the whole region and every
-- kecamatan, or one kecamatan and every kelurahan in it; units without a TPS left out), as of a
-- date; the scope's row first.
-- Progress (0..100) is measured where distribution is due (the PPS hand the logistics to the
-- KPPS on H-1, so TPS receipts before then are a head start, not the pace of the chain):
--   metode 'tps' (from the H-1 deadline on, or once every item is complete at every TPS of the
--     unit; a TPS must have received something): completeness at the TPS stage; pace = its gain
--     over the last 3 days, or since the day before the first TPS receipt when that is more
--     recent (so days before the TPS stage began do not dilute it);
--   metode 'hulu' (otherwise): upstream progress, the mean completeness of the stages up to
--     the PPS (gudang, PPK, PPS); pace = its gain over the last 3 days.
-- Pace is in points per day and can be 0 (nothing moved) or negative (damage found later).
-- Completeness per stage comes from the model logistik_wilayah (cumulative receipts, mean over
-- items). The projection from the pace is done in siaga.tampilan.logistik.proyeksi.
-- reads: logistik_simpan
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
--   batas: DATE, the H-1 deadline (logistics complete at every TPS)
-- columns:
--   lingkup: BOOLEAN, true for the scope's own row (region or selected kecamatan)
--   tingkat: VARCHAR, kabkota | kecamatan | kelurahan
--   kode: VARCHAR, code of the unit
--   nama: VARCHAR, name of the unit (NULL for the kab/kota: its name is in the config)
--   jumlah_tps: BIGINT, polling stations in the unit
--   tps_lengkap: BIGINT, TPS with every item complete at the TPS
--   metode: VARCHAR, tps | hulu (what progress measures, see above)
--   kemajuan: DOUBLE, progress 0..100 at the end of the date
--   kemajuan_awal: DOUBLE, progress 0..100 at the end of the day the window starts
--   jendela_hari: BIGINT, window length in days (1..3)
--   laju: DOUBLE, progress points per day over the window
--   mulai_tps: TIMESTAMP, first receipt at a TPS of the unit (NULL when none yet)
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
),

kini AS (
    SELECT
        *,
        CASE
            WHEN mulai_tps IS NOT NULL AND (CAST($tanggal AS DATE) >= CAST($batas AS DATE) OR tps_lengkap = jumlah_tps)
                THEN 'tps'
            ELSE 'hulu'
        END AS metode,
        CASE
            WHEN metode = 'hulu' THEN 3
            ELSE least(3, CAST($tanggal AS DATE) - CAST(mulai_tps AS DATE) + 1)
        END AS jendela_hari
    FROM lingkup
),
awal AS (
    SELECT tingkat, kode, persen_tps, (persen_gudang + persen_ppk + persen_pps) / 3 AS hulu
    FROM logistik_wilayah(CAST($tanggal AS DATE) - 3, awalan := $kecamatan)  -- the scope's units only
),
ukur AS (
    SELECT
        k.*,
        CASE
            WHEN k.metode = 'tps' THEN k.persen_tps
            ELSE (k.persen_gudang + k.persen_ppk + k.persen_pps) / 3
        END AS kemajuan,
        CASE
            WHEN k.metode = 'hulu' THEN a.hulu
            WHEN k.jendela_hari < 3 THEN 0.0
            ELSE a.persen_tps
        END AS kemajuan_awal
    FROM kini AS k
    INNER JOIN awal AS a USING (tingkat, kode)
)
SELECT
    lingkup,
    tingkat,
    kode,
    nama,
    jumlah_tps,
    tps_lengkap,
    metode,
    kemajuan,
    kemajuan_awal,
    CAST(jendela_hari AS BIGINT) AS jendela_hari,
    (kemajuan - kemajuan_awal) / jendela_hari AS laju,
    mulai_tps,
    terakhir
FROM ukur
ORDER BY lingkup DESC, kode ASC
