-- Key logistics figures for the whole region or one kecamatan as of a date: TPS with every
-- item complete at the TPS, units still missing at the TPS stage, damaged units at the places
-- in scope (the gudang KPU counts only for the whole region: it belongs to no kecamatan), and
-- the receipts recorded so far in the whole region (for the "no receipt yet" state).
-- reads: logistik_simpan
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   jumlah_tps: BIGINT, polling stations in scope
--   tps_lengkap: BIGINT, TPS with every item complete at the TPS
--   kebutuhan_tps: BIGINT, units needed at the TPS stage
--   kurang_tps: BIGINT, units still missing at the TPS stage
--   rusak: BIGINT, damaged units received at the places in scope, all stages
--   terakhir: TIMESTAMP, latest receipt at the places in scope up to the date
--   tanda_terima: BIGINT, receipts recorded in the whole region up to the date
--   pertama: TIMESTAMP, first receipt in the whole log (NULL when the log is empty)
SELECT
    w.jumlah_tps,
    w.tps_lengkap,
    w.kebutuhan_tps,
    w.kurang_tps,
    w.rusak,
    w.terakhir,
    (SELECT count(*) FROM logistik AS l WHERE l.waktu < CAST($tanggal AS DATE) + INTERVAL 1 DAY) AS tanda_terima,
    (SELECT min(l.waktu) FROM logistik AS l) AS pertama
FROM logistik_simpan AS w  -- logistik_wilayah($tanggal, awalan := $kecamatan), kept per date and scope
WHERE w.tanggal = $tanggal AND w.awalan IS NOT DISTINCT FROM $kecamatan AND (
        (CAST($kecamatan AS VARCHAR) IS NULL AND w.tingkat = 'kabkota')
        OR (w.tingkat = 'kecamatan' AND w.kode = $kecamatan)
    )
