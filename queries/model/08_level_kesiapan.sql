-- Readiness level of a score, judged against the score the KPU plan asks for on the date
-- (rencana_kesiapan) with the two thresholds from the config, in percent of that planned score:
-- siap (shown score >= siap% of the plan), perlu_perhatian (>= perhatian% of the plan), rawan
-- otherwise. Both sides are whole numbers rounded half up, as shown (siaga.inti.fmt.skor), so a
-- level never contradicts the figures beside it; siaga.model.level.dari_skor is the same rule.
CREATE OR REPLACE MACRO level_kesiapan(skor, rencana, siap, perhatian) AS CASE
    WHEN round(skor) >= round(siap * rencana / 100) THEN 'siap'
    WHEN round(skor) >= round(perhatian * rencana / 100) THEN 'perlu_perhatian'
    ELSE 'rawan'
END
