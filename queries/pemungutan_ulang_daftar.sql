-- Re-votes (pemungutan_ulang.csv) with their TPS in scope: type, date, decision, TPS and voters.
-- params:
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   id_ulang: VARCHAR, re-vote id
--   jenis: VARCHAR, psu | psl | pss
--   tanggal: DATE, re-vote date
--   dasar: VARCHAR, decision reference
--   jumlah_tps: BIGINT, TPS taking part (in scope)
--   dpt: BIGINT, their registered voters
--   tps: VARCHAR, their TPS codes, comma separated
--   kecamatan: VARCHAR, their kecamatan names, comma separated
SELECT
    u.id_ulang,
    any_value(u.jenis) AS jenis,
    min(u.tanggal) AS tanggal,
    any_value(u.dasar) AS dasar,
    count(*) AS jumlah_tps,
    sum(t.dpt) AS dpt,
    string_agg(u.kode_tps, ', ' ORDER BY u.kode_tps) AS tps,
    string_agg(DISTINCT t.nama_kecamatan, ', ' ORDER BY t.nama_kecamatan) AS kecamatan
FROM pemungutan_ulang AS u
INNER JOIN tps_wilayah AS t ON t.kode_tps = u.kode_tps
WHERE $kecamatan IS NULL OR t.kode_kecamatan = $kecamatan
GROUP BY u.id_ulang
ORDER BY tanggal, u.id_ulang
