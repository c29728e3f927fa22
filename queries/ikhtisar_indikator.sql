-- The three indicators of a successful Pilkada for a province, the nation or one kab/kota, as of
-- a date (the province/national twin of indikator_utama): turnout readiness, no conflict, public
-- services undisturbed, plus the DPT-weighted readiness score, units at risk and neutrality.
-- reads: ringkas_simpan
-- params:
--   tanggal: DATE, as-of date
--   induk: VARCHAR, scope code: 00 (nation), a province, kab/kota or kecamatan code
-- columns:
--   jumlah_kabkota: BIGINT, kab/kota in the scope
--   jumlah_kecamatan: BIGINT, kecamatan in the scope
--   jumlah_tps: BIGINT, polling stations
--   dpt: BIGINT, registered voters
--   c_pemberitahuan: BIGINT, voter notices delivered
--   persen_c_pemberitahuan: DOUBLE, voter notices delivered as % of DPT (0..100)
--   skor_kesiapan: DOUBLE, DPT-weighted readiness score (0..100)
--   kecamatan_rawan: BIGINT, kecamatan at level rawan
--   kecamatan_perhatian: BIGINT, kecamatan at level perlu_perhatian
--   tps_logistik_lengkap: BIGINT, TPS with every item complete at the TPS
--   insiden_terbuka: BIGINT, open incidents
--   insiden_serius_terbuka: BIGINT, open high-severity incidents
--   insiden_konflik_terbuka: BIGINT, open incidents in the conflict group
--   pelayanan_terbuka: BIGINT, open incidents in the public-services group
--   insiden_hari_ini: BIGINT, incidents first reported on the date
--   insiden_terlambat: BIGINT, open incidents past their due date
--   netralitas_terbuka: BIGINT, open ASN neutrality cases
--   netralitas_terlambat: BIGINT, open neutrality cases past their due date
SELECT
    count(DISTINCT left(kode_kecamatan, 5)) AS jumlah_kabkota,
    count(*) AS jumlah_kecamatan,
    CAST(coalesce(sum(jumlah_tps), 0) AS BIGINT) AS jumlah_tps,
    CAST(coalesce(sum(dpt), 0) AS BIGINT) AS dpt,
    CAST(coalesce(sum(c_pemberitahuan), 0) AS BIGINT) AS c_pemberitahuan,
    coalesce(100.0 * sum(c_pemberitahuan) / nullif(sum(dpt), 0), 0) AS persen_c_pemberitahuan,
    sum(skor * dpt) / nullif(sum(dpt), 0) AS skor_kesiapan,
    count(*) FILTER (WHERE level = 'rawan') AS kecamatan_rawan,
    count(*) FILTER (WHERE level = 'perlu_perhatian') AS kecamatan_perhatian,
    CAST(coalesce(sum(tps_logistik_lengkap), 0) AS BIGINT) AS tps_logistik_lengkap,
    CAST(coalesce(sum(insiden_terbuka), 0) AS BIGINT) AS insiden_terbuka,
    CAST(coalesce(sum(insiden_serius), 0) AS BIGINT) AS insiden_serius_terbuka,
    CAST(coalesce(sum(insiden_konflik), 0) AS BIGINT) AS insiden_konflik_terbuka,
    CAST(coalesce(sum(insiden_pelayanan), 0) AS BIGINT) AS pelayanan_terbuka,
    CAST(coalesce(sum(insiden_hari_ini), 0) AS BIGINT) AS insiden_hari_ini,
    CAST(coalesce(sum(insiden_terlambat), 0) AS BIGINT) AS insiden_terlambat,
    CAST(coalesce(sum(netralitas_terbuka), 0) AS BIGINT) AS netralitas_terbuka,
    CAST(coalesce(sum(netralitas_terlambat), 0) AS BIGINT) AS netralitas_terlambat
FROM ringkas_simpan
WHERE tanggal = $tanggal
    AND ($induk = '00' OR kode_kecamatan = $induk OR starts_with(kode_kecamatan, $induk || '.'))
