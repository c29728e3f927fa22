-- The KPU plan on one day (rencana_harian of that day).
-- params:
--   tanggal: DATE, day
-- columns:
--   tanggal: DATE, day
--   hari_sebelum: BIGINT, days before voting day (negative after it)
--   rencana_logistik: DOUBLE, 0..100
--   rencana_checklist: DOUBLE, 0..100
--   rencana: DOUBLE, the planned readiness score 0..100
CREATE OR REPLACE MACRO rencana_kesiapan(tanggal) AS TABLE
    SELECT
        r.tanggal,
        r.hari_sebelum,
        r.rencana_logistik,
        r.rencana_checklist,
        r.rencana
    FROM rencana_harian(tanggal, tanggal) AS r  -- the macro's parameter, not a column -- noqa: RF03
