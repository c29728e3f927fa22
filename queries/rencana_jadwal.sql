-- The KPU plan per day between two dates (wilayah.toml [jadwal]): the score a unit on plan would
-- have each day, and its logistics and checklist parts. Used to say how many days a unit is behind
-- or ahead of the plan.
-- params:
--   awal: DATE, first day
--   akhir: DATE, last day
-- columns:
--   tanggal: DATE, day
--   hari_sebelum: BIGINT, days before voting day (negative after it)
--   rencana_logistik: DOUBLE, 0..100
--   rencana_checklist: DOUBLE, 0..100
--   rencana: DOUBLE, the planned readiness score 0..100
SELECT
    tanggal,
    hari_sebelum,
    rencana_logistik,
    rencana_checklist,
    rencana
FROM rencana_harian($awal, $akhir)
ORDER BY tanggal
