-- Latest checklist report per TPS as of a date, with its completion score: the mean of
-- nine items (KPPS formed, sworn in, trained; site ready; accessible; lighting; security;
-- C-Pemberitahuan delivered / DPT; linmas assigned / 2). A TPS with no report scores 0.
-- params:
--   tanggal: DATE, as-of date
--   awalan: VARCHAR = NULL, only the places of this unit and those above it (a kecamatan code); NULL for all
-- columns:
--   kode_tps: VARCHAR, TPS code
--   waktu_laporan: TIMESTAMP, time of the latest report (NULL when none)
--   kpps_dibentuk: BOOLEAN, KPPS formed
--   kpps_dilantik: BOOLEAN, KPPS sworn in
--   kpps_bimtek: BOOLEAN, KPPS trained
--   lokasi_siap: BOOLEAN, site ready
--   akses_disabilitas: BOOLEAN, accessible
--   penerangan: BOOLEAN, lighting
--   pengamanan: BOOLEAN, security assigned
--   c_pemberitahuan: BIGINT, voter notices delivered
--   linmas: BIGINT, linmas assigned
--   status: VARCHAR, reporter's assessment (siap | belum | bermasalah)
--   catatan: VARCHAR, note
--   skor_checklist: DOUBLE, 0..100
CREATE OR REPLACE MACRO checklist_tps(tanggal, awalan := NULL) AS TABLE
    WITH terakhir AS (
        SELECT *
        FROM checklist
        WHERE waktu < CAST(tanggal AS DATE) + INTERVAL 1 DAY
            AND (awalan IS NULL OR (kode_tps > awalan || '.' AND kode_tps < awalan || '/'))
        QUALIFY row_number() OVER (PARTITION BY kode_tps ORDER BY waktu DESC) = 1
    )
    SELECT
        t.kode_tps,
        c.waktu AS waktu_laporan,
        coalesce(c.kpps_dibentuk, FALSE) AS kpps_dibentuk,
        coalesce(c.kpps_dilantik, FALSE) AS kpps_dilantik,
        coalesce(c.kpps_bimtek, FALSE) AS kpps_bimtek,
        coalesce(c.lokasi_siap, FALSE) AS lokasi_siap,
        coalesce(c.akses_disabilitas, FALSE) AS akses_disabilitas,
        coalesce(c.penerangan, FALSE) AS penerangan,
        coalesce(c.pengamanan, FALSE) AS pengamanan,
        coalesce(c.c_pemberitahuan, 0) AS c_pemberitahuan,
        coalesce(c.linmas, 0) AS linmas,
        c.status,
        c.catatan,
        100 * (
            CAST(coalesce(c.kpps_dibentuk, FALSE) AS INTEGER)
            + CAST(coalesce(c.kpps_dilantik, FALSE) AS INTEGER)
            + CAST(coalesce(c.kpps_bimtek, FALSE) AS INTEGER)
            + CAST(coalesce(c.lokasi_siap, FALSE) AS INTEGER)
            + CAST(coalesce(c.akses_disabilitas, FALSE) AS INTEGER)
            + CAST(coalesce(c.penerangan, FALSE) AS INTEGER)
            + CAST(coalesce(c.pengamanan, FALSE) AS INTEGER)
            + CASE WHEN t.dpt = 0 THEN 1.0 ELSE least(coalesce(c.c_pemberitahuan, 0) / t.dpt, 1.0) END
            + least(coalesce(c.linmas, 0), 2) / 2.0
        ) / 9.0 AS skor_checklist
    FROM tps_wilayah AS t
    LEFT JOIN terakhir AS c USING (kode_tps)
    WHERE awalan IS NULL OR (t.kode_tps > awalan || '.' AND t.kode_tps < awalan || '/')
