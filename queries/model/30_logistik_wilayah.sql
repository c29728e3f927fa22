-- Logistics completeness per stage as of a date for the whole region (tingkat kabkota), every
-- kecamatan and every kelurahan. A stage's completeness (0..100) is the mean over items of
-- usable / needed units at the unit's places at that stage (each item weighs the same, so a
-- missing ballot box is not hidden by thousands of ballots); usable units are capped at each
-- place's need. The gudang KPU serves every unit, so its completeness is the region's; a
-- kelurahan's PPK stage is its kecamatan's. Receipts are cumulative, so a stage stays complete
-- after it has handed on. Chain progress is the mean of the four stages (100: every item
-- complete at every TPS). Counts (TPS, missing, damaged, receipts) cover the unit's own places:
-- the gudang only for the whole region.
-- With `awalan` (a kecamatan or kab/kota code) only the units under that code are computed and
-- returned (its kecamatan and kelurahan, no kab/kota row), from the places under it and the gudang
-- of its kab/kota: a kecamatan view of national data reads its own places, not the nation's.
-- params:
--   tanggal: DATE, as-of date
--   awalan: VARCHAR = NULL, only the units under this code (a kecamatan or kab/kota); NULL for all
-- columns:
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
CREATE OR REPLACE MACRO logistik_wilayah(tanggal, awalan := NULL) AS TABLE
    WITH u AS MATERIALIZED (
        SELECT
            u.*,
            coalesce(t.kode_kelurahan, CASE WHEN u.tahap = 'pps' THEN u.kode_lokasi END) AS kode_kelurahan
        FROM logistik_unit(tanggal, awalan := awalan) AS u
        LEFT JOIN tps_wilayah AS t ON u.tahap = 'tps' AND t.kode_tps = u.kode_lokasi
    ),
    anggota AS (
        SELECT 'kabkota' AS tingkat, (SELECT p.kode_kabkota FROM param AS p) AS kode, *
        FROM u
        UNION ALL
        SELECT 'kecamatan' AS tingkat, kode_kecamatan AS kode, *
        FROM u
        WHERE tahap <> 'gudang'
        UNION ALL
        SELECT 'kelurahan' AS tingkat, kode_kelurahan AS kode, *
        FROM u
        WHERE tahap IN ('pps', 'tps')
    ),
    per_tahap AS (
        SELECT tingkat, kode, tahap, 100 * avg(lengkap) AS persen
        FROM (
            SELECT
                tingkat, kode, tahap, kode_item,
                CASE WHEN sum(kebutuhan) = 0 THEN 1.0 ELSE sum(tersedia) / sum(kebutuhan) END AS lengkap
            FROM anggota
            GROUP BY ALL
        ) AS per_item
        GROUP BY ALL
    ),
    per_tps AS (
        SELECT tingkat, kode, kode_lokasi, bool_and(kurang = 0) AS lengkap
        FROM anggota
        WHERE tahap = 'tps'
        GROUP BY ALL
    ),
    hitung AS (
        SELECT
            a.tingkat,
            a.kode,
            sum(a.kebutuhan) FILTER (WHERE a.tahap = 'tps') AS kebutuhan_tps,
            sum(a.kurang) FILTER (WHERE a.tahap = 'tps') AS kurang_tps,
            sum(a.rusak) AS rusak,
            max(a.terakhir) AS terakhir
        FROM anggota AS a
        GROUP BY ALL
    ),
    tps AS (
        SELECT tingkat, kode, count(*) AS jumlah_tps, count(*) FILTER (WHERE lengkap) AS tps_lengkap
        FROM per_tps
        GROUP BY ALL
    ),
    tempat AS (
        SELECT DISTINCT tahap, kode_lokasi, kode_kecamatan
        FROM kebutuhan_unit
        WHERE (
            awalan IS NULL
            OR (kode_lokasi >= awalan AND kode_lokasi < awalan || '/')
            OR kode_lokasi IN (left(awalan, 2), left(awalan, 5), left(awalan, 8), left(awalan, 13))
        )
    ),
    terima AS (
        SELECT
            l.waktu,
            l.tahap,
            p.kode_kecamatan,
            coalesce(t.kode_kelurahan, CASE WHEN l.tahap = 'pps' THEN l.kode_lokasi END) AS kode_kelurahan
        FROM logistik AS l
        INNER JOIN tempat AS p USING (tahap, kode_lokasi)
        LEFT JOIN tps_wilayah AS t ON l.tahap = 'tps' AND t.kode_tps = l.kode_lokasi
        WHERE l.waktu < CAST(tanggal AS DATE) + INTERVAL 1 DAY
            AND (
                awalan IS NULL
                OR (l.kode_lokasi >= awalan AND l.kode_lokasi < awalan || '/')
                OR l.kode_lokasi IN (left(awalan, 2), left(awalan, 5), left(awalan, 8), left(awalan, 13))
            )
    ),
    terima_unit AS (
        SELECT
            'kabkota' AS tingkat, (SELECT p.kode_kabkota FROM param AS p) AS kode, count(*) AS tanda_terima,
            min(waktu) FILTER (WHERE tahap = 'tps') AS mulai_tps
        FROM terima
        UNION ALL
        SELECT
            'kecamatan' AS tingkat, kode_kecamatan AS kode, count(*) AS tanda_terima,
            min(waktu) FILTER (WHERE tahap = 'tps') AS mulai_tps
        FROM terima
        WHERE tahap <> 'gudang'
        GROUP BY kode_kecamatan
        UNION ALL
        SELECT
            'kelurahan' AS tingkat, kode_kelurahan AS kode, count(*) AS tanda_terima,
            min(waktu) FILTER (WHERE tahap = 'tps') AS mulai_tps
        FROM terima
        WHERE tahap IN ('pps', 'tps')
        GROUP BY kode_kelurahan
    ),
    unit AS (
        SELECT
            'kabkota' AS tingkat, (SELECT p.kode_kabkota FROM param AS p) AS kode, CAST(NULL AS VARCHAR) AS nama,
            CAST(NULL AS VARCHAR) AS kode_kecamatan
        WHERE awalan IS NULL
        UNION ALL
        SELECT
            w.tingkat, w.kode, w.nama,
            CASE WHEN w.tingkat = 'kecamatan' THEN w.kode ELSE w.kode_induk END AS kode_kecamatan
        FROM wilayah AS w
        WHERE awalan IS NULL OR (
                w.tingkat IN ('kecamatan', 'kelurahan') AND w.kode >= awalan AND w.kode < awalan || '/'
            )
    ),
    stage AS (
        SELECT
            n.tingkat,
            n.kode,
            g.persen AS persen_gudang,
            coalesce(k.persen, kk.persen) AS persen_ppk,
            s.persen AS persen_pps,
            t.persen AS persen_tps
        FROM unit AS n
        LEFT JOIN per_tahap AS g ON g.tingkat = 'kabkota' AND g.tahap = 'gudang'
        LEFT JOIN per_tahap AS k ON k.tingkat = n.tingkat AND k.kode = n.kode AND k.tahap = 'ppk'
        LEFT JOIN per_tahap AS kk
            ON n.tingkat = 'kelurahan' AND kk.tingkat = 'kecamatan' AND kk.kode = n.kode_kecamatan AND kk.tahap = 'ppk'
        LEFT JOIN per_tahap AS s ON s.tingkat = n.tingkat AND s.kode = n.kode AND s.tahap = 'pps'
        LEFT JOIN per_tahap AS t ON t.tingkat = n.tingkat AND t.kode = n.kode AND t.tahap = 'tps'
    )
    SELECT
        n.tingkat,
        n.kode,
        n.nama,
        n.kode_kecamatan,
        coalesce(tps.jumlah_tps, 0) AS jumlah_tps,
        coalesce(tps.tps_lengkap, 0) AS tps_lengkap,
        s.persen_gudang,
        s.persen_ppk,
        s.persen_pps,
        s.persen_tps,
        (s.persen_gudang + s.persen_ppk + s.persen_pps + s.persen_tps) / 4 AS kemajuan_rantai,
        CAST(coalesce(h.kebutuhan_tps, 0) AS BIGINT) AS kebutuhan_tps,
        CAST(coalesce(h.kurang_tps, 0) AS BIGINT) AS kurang_tps,
        CAST(coalesce(h.rusak, 0) AS BIGINT) AS rusak,
        coalesce(r.tanda_terima, 0) AS tanda_terima,
        h.terakhir,
        r.mulai_tps
    FROM unit AS n
    INNER JOIN stage AS s USING (tingkat, kode)
    LEFT JOIN tps USING (tingkat, kode)
    LEFT JOIN hitung AS h USING (tingkat, kode)
    LEFT JOIN terima_unit AS r USING (tingkat, kode)
