-- Readiness level of a score given the two thresholds from the config, decided on the score as
-- it is shown (rounded half up to a whole number, as siaga.inti.fmt.skor does):
-- siap (shown score >= siap), perlu_perhatian (shown score >= perhatian), rawan otherwise.
CREATE OR REPLACE MACRO level_kesiapan(skor, siap, perhatian) AS CASE
    WHEN round(skor) >= siap THEN 'siap'
    WHEN round(skor) >= perhatian THEN 'perlu_perhatian'
    ELSE 'rawan'
END
