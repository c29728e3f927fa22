-- The official stage schedule with each stage's state on a date.
-- params:
--   tanggal: DATE, reference date
-- columns:
--   tahapan: VARCHAR, stage name
--   mulai: DATE, start
--   selesai: DATE, end
--   catatan: VARCHAR, note
--   keadaan: VARCHAR, berjalan | selesai | akan_datang
--   hari_ke: BIGINT, day number within a running stage (NULL otherwise)
--   sisa_hari: BIGINT, days left in a running stage, 0 on its last day (NULL otherwise)
SELECT
    tahapan,
    mulai,
    selesai,
    catatan,
    CASE
        WHEN CAST($tanggal AS DATE) < mulai THEN 'akan_datang'
        WHEN CAST($tanggal AS DATE) > selesai THEN 'selesai'
        ELSE 'berjalan'
    END AS keadaan,
    CASE
        WHEN CAST($tanggal AS DATE) BETWEEN mulai AND selesai THEN CAST($tanggal AS DATE) - mulai + 1
    END AS hari_ke,
    CASE
        WHEN CAST($tanggal AS DATE) BETWEEN mulai AND selesai THEN selesai - CAST($tanggal AS DATE)
    END AS sisa_hari
FROM tahapan
ORDER BY mulai, selesai, tahapan
