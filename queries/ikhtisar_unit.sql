-- Overview of the units of one level inside a parent, as of a date, ranked from least to most
-- ready: e.g. the provinces of the nation (induk 00, tingkat provinsi), every kab/kota of the
-- nation (00, kabkota: the national map), the kab/kota of a province (32, kabkota) or the
-- kecamatan of a kab/kota (32.75, kecamatan). Sums and DPT-weighted means of the per-kecamatan
-- summary (ringkas_simpan); a unit's level follows the config thresholds on its weighted score.
-- reads: ringkas_simpan
-- params:
--   tanggal: DATE, as-of date
--   induk: VARCHAR, parent code: 00, a province code or a kab/kota code
--   tingkat: VARCHAR, level of the units: provinsi | kabkota | kecamatan (below the parent)
-- columns:
--   peringkat: BIGINT, 1 = least ready
--   tingkat: VARCHAR, provinsi | kabkota | kecamatan
--   kode: VARCHAR, code of the unit
--   nama: VARCHAR, name of the unit (NULL when wilayah.csv has no row for it)
--   jumlah_kecamatan: BIGINT, kecamatan in the unit
--   jumlah_tps: BIGINT, polling stations
--   dpt: BIGINT, registered voters
--   persen_c_pemberitahuan: DOUBLE, voter notices delivered as % of DPT (0..100)
--   tps_logistik_lengkap: BIGINT, TPS with every item complete at the TPS
--   tps_bermasalah: BIGINT, TPS whose latest report says bermasalah
--   skor_logistik: DOUBLE, 0..100, DPT-weighted
--   skor_checklist: DOUBLE, 0..100, DPT-weighted
--   skor_insiden: DOUBLE, 0..100, DPT-weighted
--   skor_netralitas: DOUBLE, 0..100, DPT-weighted
--   skor: DOUBLE, readiness score 0..100, DPT-weighted
--   level: VARCHAR, siap | perlu_perhatian | rawan
--   kecamatan_rawan: BIGINT, kecamatan at level rawan
--   insiden_terbuka: BIGINT, open incidents
--   insiden_serius: BIGINT, open high-severity incidents
--   insiden_terlambat: BIGINT, open incidents past their due date
--   netralitas_terbuka: BIGINT, open neutrality cases
--   persen_gudang: DOUBLE, completeness at the gudang KPU (need-weighted, 0..100)
--   persen_ppk: DOUBLE, completeness at the PPK (need-weighted, 0..100)
--   persen_pps: DOUBLE, completeness at the PPS (need-weighted, 0..100)
--   persen_tps: DOUBLE, completeness at the TPS (need-weighted, 0..100)
WITH induk AS (
    SELECT
        CAST($induk AS VARCHAR) AS kode,
        CASE $tingkat WHEN 'provinsi' THEN 2 WHEN 'kabkota' THEN 5 ELSE 8 END AS panjang
),
kec AS (
    SELECT r.*, left(r.kode_kecamatan, i.panjang) AS kode_unit
    FROM ringkas_simpan AS r, induk AS i
    WHERE r.tanggal = $tanggal
        AND (i.kode = '00' OR starts_with(r.kode_kecamatan, i.kode || '.'))
),
unit AS (
    SELECT
        kode_unit AS kode,
        count(*) AS jumlah_kecamatan,
        sum(jumlah_tps) AS jumlah_tps,
        sum(dpt) AS dpt,
        100.0 * sum(c_pemberitahuan) / nullif(sum(dpt), 0) AS persen_c_pemberitahuan,
        sum(tps_logistik_lengkap) AS tps_logistik_lengkap,
        sum(tps_bermasalah) AS tps_bermasalah,
        sum(skor_logistik * dpt) / nullif(sum(dpt), 0) AS skor_logistik,
        sum(skor_checklist * dpt) / nullif(sum(dpt), 0) AS skor_checklist,
        sum(skor_insiden * dpt) / nullif(sum(dpt), 0) AS skor_insiden,
        sum(skor_netralitas * dpt) / nullif(sum(dpt), 0) AS skor_netralitas,
        sum(skor * dpt) / nullif(sum(dpt), 0) AS skor,
        count(*) FILTER (WHERE level = 'rawan') AS kecamatan_rawan,
        sum(insiden_terbuka) AS insiden_terbuka,
        sum(insiden_serius) AS insiden_serius,
        sum(insiden_terlambat) AS insiden_terlambat,
        sum(netralitas_terbuka) AS netralitas_terbuka,
        sum(persen_gudang * butuh_gudang) / nullif(sum(butuh_gudang), 0) AS persen_gudang,
        sum(persen_ppk * butuh_gudang) / nullif(sum(butuh_gudang), 0) AS persen_ppk,
        sum(persen_pps * butuh_gudang) / nullif(sum(butuh_gudang), 0) AS persen_pps,
        sum(persen_tps * butuh_gudang) / nullif(sum(butuh_gudang), 0) AS persen_tps
    FROM kec
    GROUP BY kode_unit
)
SELECT
    rank() OVER (ORDER BY u.skor ASC, u.kode ASC) AS peringkat,
    CASE length(u.kode) WHEN 2 THEN 'provinsi' WHEN 5 THEN 'kabkota' ELSE 'kecamatan' END AS tingkat,
    u.kode,
    w.nama,
    u.jumlah_kecamatan,
    CAST(u.jumlah_tps AS BIGINT) AS jumlah_tps,
    CAST(u.dpt AS BIGINT) AS dpt,
    u.persen_c_pemberitahuan,
    CAST(u.tps_logistik_lengkap AS BIGINT) AS tps_logistik_lengkap,
    CAST(u.tps_bermasalah AS BIGINT) AS tps_bermasalah,
    u.skor_logistik,
    u.skor_checklist,
    u.skor_insiden,
    u.skor_netralitas,
    u.skor,
    level_kesiapan(u.skor, r.rencana, p.ambang_siap, p.ambang_perhatian) AS level,
    u.kecamatan_rawan,
    CAST(u.insiden_terbuka AS BIGINT) AS insiden_terbuka,
    CAST(u.insiden_serius AS BIGINT) AS insiden_serius,
    CAST(u.insiden_terlambat AS BIGINT) AS insiden_terlambat,
    CAST(u.netralitas_terbuka AS BIGINT) AS netralitas_terbuka,
    u.persen_gudang,
    u.persen_ppk,
    u.persen_pps,
    u.persen_tps
FROM unit AS u
CROSS JOIN param AS p
CROSS JOIN rencana_kesiapan($tanggal) AS r
LEFT JOIN wilayah AS w ON w.kode = u.kode
ORDER BY peringkat
