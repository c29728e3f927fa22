-- Voting day per kecamatan as of a moment (pemungutan.csv): TPS opened by 07.00, late or not
-- yet, closed, counting started and finished, voters attending (the latest attendance report of
-- each TPS), and the TPS that need a call now. The TPS are all of them on the voting day, or the
-- TPS of one re-vote (pemungutan_ulang.csv) on its date. Counts only, no results.
-- params:
--   sampai: TIMESTAMP, the as-of moment
--   hari: DATE, the voting day (or the re-vote's date)
--   ulang: VARCHAR, re-vote id (id_ulang), NULL for the voting day and every TPS
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   kode: VARCHAR, kecamatan code
--   nama: VARCHAR, kecamatan name
--   jumlah_tps: BIGINT, TPS voting that day
--   dpt: BIGINT, registered voters of those TPS
--   dibuka: BIGINT, TPS reported open
--   dibuka_tepat: BIGINT, TPS open by 07.00
--   dibuka_terlambat: BIGINT, TPS opened after 07.00
--   belum_dibuka: BIGINT, TPS not reported open
--   belum_dibuka_0730: BIGINT, TPS still not open, from 07.30 on (0 before 07.30)
--   ditutup: BIGINT, TPS whose polling closed
--   hitung_mulai: BIGINT, TPS where counting started
--   hitung_selesai: BIGINT, TPS where counting finished
--   kotak_ke_pps: BIGINT, TPS whose ballot boxes were handed to the PPS
--   tanpa_laporan_2jam: BIGINT, TPS open, not closed, no attendance report in the last 2 hours
--   hadir_dpt: BIGINT, DPT voters attending (latest report per TPS)
--   hadir_dptb: BIGINT, DPTb voters attending
--   hadir_dpk: BIGINT, DPK voters attending
--   hadir: BIGINT, all voters attending
--   hitung_selesai_pada: TIMESTAMP, when the last TPS finished counting (NULL until all have)
WITH tps_hari AS (
    SELECT t.kode_tps, t.kode_kecamatan, t.nama_kecamatan, t.dpt
    FROM tps_wilayah AS t
    WHERE
        ($kecamatan IS NULL OR t.kode_kecamatan = $kecamatan)
        AND (
            $ulang IS NULL
            OR t.kode_tps IN (SELECT u.kode_tps FROM pemungutan_ulang AS u WHERE u.id_ulang = $ulang)
        )
),
ev AS (
    SELECT p.*
    FROM pemungutan AS p
    WHERE
        p.waktu >= CAST($hari AS TIMESTAMP)
        AND p.waktu < CAST($hari AS TIMESTAMP) + INTERVAL 2 DAY
        AND p.waktu <= $sampai
),
per_tps AS (
    SELECT
        t.kode_tps,
        t.kode_kecamatan,
        t.nama_kecamatan,
        t.dpt,
        min(ev.waktu) FILTER (WHERE ev.kejadian = 'dibuka') AS buka,
        min(ev.waktu) FILTER (WHERE ev.kejadian = 'ditutup') AS tutup,
        min(ev.waktu) FILTER (WHERE ev.kejadian = 'penghitungan_dimulai') AS mulai_hitung,
        min(ev.waktu) FILTER (WHERE ev.kejadian = 'penghitungan_selesai') AS selesai_hitung,
        min(ev.waktu) FILTER (WHERE ev.kejadian = 'kotak_diserahkan') AS kotak,
        max(ev.waktu) FILTER (WHERE ev.kejadian IN ('dibuka', 'kehadiran')) AS lapor_terakhir,
        arg_max(ev.hadir_dpt, ev.waktu) FILTER (WHERE ev.kejadian = 'kehadiran') AS hadir_dpt,
        arg_max(ev.hadir_dptb, ev.waktu) FILTER (WHERE ev.kejadian = 'kehadiran') AS hadir_dptb,
        arg_max(ev.hadir_dpk, ev.waktu) FILTER (WHERE ev.kejadian = 'kehadiran') AS hadir_dpk
    FROM tps_hari AS t
    LEFT JOIN ev ON ev.kode_tps = t.kode_tps
    GROUP BY t.kode_tps, t.kode_kecamatan, t.nama_kecamatan, t.dpt
)
SELECT
    kode_kecamatan AS kode,
    any_value(nama_kecamatan) AS nama,
    count(*) AS jumlah_tps,
    sum(dpt) AS dpt,
    count(buka) AS dibuka,
    count(*) FILTER (WHERE buka <= CAST($hari AS TIMESTAMP) + INTERVAL 7 HOUR) AS dibuka_tepat,
    count(*) FILTER (WHERE buka > CAST($hari AS TIMESTAMP) + INTERVAL 7 HOUR) AS dibuka_terlambat,
    count(*) FILTER (WHERE buka IS NULL) AS belum_dibuka,
    count(*) FILTER (
        WHERE
        $sampai >= CAST($hari AS TIMESTAMP) + INTERVAL 450 MINUTE
        AND buka IS NULL
    ) AS belum_dibuka_0730,
    count(tutup) AS ditutup,
    count(mulai_hitung) AS hitung_mulai,
    count(selesai_hitung) AS hitung_selesai,
    count(kotak) AS kotak_ke_pps,
    count(*) FILTER (
        WHERE buka IS NOT NULL AND tutup IS NULL AND lapor_terakhir < $sampai - INTERVAL 2 HOUR
    ) AS tanpa_laporan_2jam,
    coalesce(sum(hadir_dpt), 0) AS hadir_dpt,
    coalesce(sum(hadir_dptb), 0) AS hadir_dptb,
    coalesce(sum(hadir_dpk), 0) AS hadir_dpk,
    coalesce(sum(hadir_dpt), 0) + coalesce(sum(hadir_dptb), 0) + coalesce(sum(hadir_dpk), 0) AS hadir,
    CASE WHEN count(selesai_hitung) = count(*) THEN max(selesai_hitung) END AS hitung_selesai_pada
FROM per_tps
GROUP BY kode_kecamatan
ORDER BY kode_kecamatan
