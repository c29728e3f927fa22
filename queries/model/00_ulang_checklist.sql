-- The re-votes' own TPS checklist reports (pemungutan_ulang.csv): the reports at a re-vote's TPS
-- dated after voting day, up to the end of the re-vote's date (the earliest re-vote of that TPS still
-- to come). Kept apart from the voting-day checklist (00_ulang_checklist_pisah), so the views of the
-- regular election never count them; pemungutan_ulang_kesiapan reads them.
-- columns:
--   id_ulang: VARCHAR, re-vote id
--   waktu: TIMESTAMP, report time
--   kode_tps: VARCHAR, TPS code
--   kpps_dibentuk: BOOLEAN, KPPS formed
--   kpps_dilantik: BOOLEAN, KPPS sworn in
--   kpps_bimtek: BOOLEAN, KPPS trained
--   lokasi_siap: BOOLEAN, site ready
--   akses_disabilitas: BOOLEAN, accessible
--   penerangan: BOOLEAN, lighting
--   c_pemberitahuan: BIGINT, voter notices delivered
--   linmas: BIGINT, linmas assigned
--   pengamanan: BOOLEAN, security assigned
--   status: VARCHAR, siap | belum | bermasalah
--   catatan: VARCHAR, note
CREATE OR REPLACE TABLE checklist_ulang AS
SELECT
    (
        SELECT u.id_ulang
        FROM pemungutan_ulang AS u
        WHERE u.kode_tps = c.kode_tps AND c.waktu < CAST(u.tanggal AS TIMESTAMP) + INTERVAL 1 DAY
        ORDER BY u.tanggal, u.id_ulang
        LIMIT 1
    ) AS id_ulang,
    c.waktu,
    c.kode_tps,
    c.kpps_dibentuk,
    c.kpps_dilantik,
    c.kpps_bimtek,
    c.lokasi_siap,
    c.akses_disabilitas,
    c.penerangan,
    c.c_pemberitahuan,
    c.linmas,
    c.pengamanan,
    c.status,
    c.catatan
FROM checklist AS c
CROSS JOIN param AS p
WHERE c.waktu >= CAST(p.hari_pemungutan AS TIMESTAMP) + INTERVAL 1 DAY
    AND EXISTS (
        SELECT 1
        FROM pemungutan_ulang AS u
        WHERE u.kode_tps = c.kode_tps AND c.waktu < CAST(u.tanggal AS TIMESTAMP) + INTERVAL 1 DAY
    )
