-- The checklist reports of every TPS over time, for the per-date summaries (ringkas_tanggal): each
-- report with the days it is the TPS's latest as of (dari <= date < sampai; empty when a later
-- report came the same day), as checklist_tps picks it.
-- columns:
--   kode_tps: VARCHAR, TPS code
--   dari: DATE, day of the report
--   sampai: DATE, day of the TPS's next report (9999-12-31 when none)
--   kpps_dibentuk: BOOLEAN, KPPS formed
--   kpps_dilantik: BOOLEAN, KPPS sworn in
--   kpps_bimtek: BOOLEAN, KPPS trained
--   lokasi_siap: BOOLEAN, site ready
--   akses_disabilitas: BOOLEAN, accessible
--   penerangan: BOOLEAN, lighting
--   pengamanan: BOOLEAN, security
--   c_pemberitahuan: BIGINT, voter notices delivered
--   linmas: BIGINT, linmas assigned
--   status: VARCHAR, reporter's assessment
CREATE OR REPLACE TABLE checklist_rentang AS
SELECT
    kode_tps,
    CAST(waktu AS DATE) AS dari,
    lead(CAST(waktu AS DATE), 1, DATE '9999-12-31') OVER (PARTITION BY kode_tps ORDER BY waktu) AS sampai,
    kpps_dibentuk,
    kpps_dilantik,
    kpps_bimtek,
    lokasi_siap,
    akses_disabilitas,
    penerangan,
    pengamanan,
    c_pemberitahuan,
    linmas,
    status
FROM checklist
ORDER BY dari
