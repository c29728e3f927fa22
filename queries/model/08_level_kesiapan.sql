-- Readiness level of a score given the two thresholds from the config:
-- siap (score >= siap), perlu_perhatian (score >= perhatian), rawan otherwise.
CREATE OR REPLACE MACRO level_kesiapan(skor, siap, perhatian) AS CASE
    WHEN skor >= siap THEN 'siap'
    WHEN skor >= perhatian THEN 'perlu_perhatian'
    ELSE 'rawan'
END
