-- Summaries of ringkas_kecamatan kept per as-of date: filled on demand by Store.siapkan when a
-- query reads this table, the oldest dates dropped first.
-- columns:
--   tanggal: DATE, as-of date of the summary
--   kode_kecamatan: VARCHAR, kecamatan code
--   jumlah_tps: BIGINT, polling stations
--   dpt: BIGINT, registered voters
--   c_pemberitahuan: BIGINT, voter notices delivered
--   tps_logistik_lengkap: BIGINT, TPS with every item complete at the TPS
--   tps_bermasalah: BIGINT, TPS whose latest report says bermasalah
--   skor_logistik: DOUBLE, 0..100
--   skor_checklist: DOUBLE, 0..100
--   skor_insiden: DOUBLE, 0..100
--   skor_netralitas: DOUBLE, 0..100
--   skor: DOUBLE, readiness score 0..100
--   level: VARCHAR, siap | perlu_perhatian | rawan
--   insiden_terbuka: BIGINT, open incidents
--   insiden_serius: BIGINT, open high-severity incidents
--   insiden_konflik: BIGINT, open incidents in the conflict group
--   insiden_pelayanan: BIGINT, open incidents in the public-services group
--   insiden_hari_ini: BIGINT, incidents first reported on the date
--   insiden_terlambat: BIGINT, open incidents past their due date
--   netralitas_terbuka: BIGINT, open neutrality cases
--   netralitas_terlambat: BIGINT, open neutrality cases past their due date
--   butuh_gudang: BIGINT, units the kab/kota gudang needs for this kecamatan's TPS (sum over items)
--   persen_gudang: DOUBLE, completeness at the gudang KPU of the kecamatan's kab/kota (0..100)
--   persen_ppk: DOUBLE, completeness at the PPK (mean over items, 0..100)
--   persen_pps: DOUBLE, completeness at the kecamatan's PPS (0..100)
--   persen_tps: DOUBLE, completeness at the kecamatan's TPS (0..100)
CREATE OR REPLACE TABLE ringkas_simpan AS
SELECT CAST(NULL AS DATE) AS tanggal, *  -- the columns of ringkas_kecamatan -- noqa: AM04
FROM ringkas_kecamatan(DATE '2000-01-01')
WHERE FALSE
