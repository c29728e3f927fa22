-- Rekapitulasi per kecamatan as of a moment (rekapitulasi.csv, pemungutan.csv): boxes handed
-- over KPPS -> PPS, PPS -> PPK and PPK -> KPU kab/kota (TPS counts), the PPK plenary and the
-- kecamatan's session at the KPU kab/kota (started, finished), objections raised and resolved.
-- Counts and times only, no results.
-- params:
--   sampai: TIMESTAMP, the as-of moment
--   hari: DATE, the voting day (boxes handed to the PPS from then on)
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   kode: VARCHAR, kecamatan code
--   nama: VARCHAR, kecamatan name
--   jumlah_tps: BIGINT, TPS in the kecamatan
--   kotak_ke_pps: BIGINT, TPS whose boxes reached the PPS
--   kotak_ke_ppk: BIGINT, TPS whose boxes reached the PPK (capped at jumlah_tps)
--   ppk_mulai: TIMESTAMP, PPK plenary started (NULL: not yet)
--   ppk_selesai: TIMESTAMP, PPK plenary finished (NULL: not yet)
--   ppk_keberatan: BIGINT, objections raised at the PPK
--   ppk_keberatan_selesai: BIGINT, objections resolved at the PPK
--   kotak_ke_kpu: BIGINT, TPS whose boxes reached the KPU kab/kota (capped at jumlah_tps)
--   kpu_mulai: TIMESTAMP, the kecamatan's session at the KPU kab/kota started
--   kpu_selesai: TIMESTAMP, that session finished
--   kpu_keberatan: BIGINT, objections raised at the KPU kab/kota
--   kpu_keberatan_selesai: BIGINT, objections resolved at the KPU kab/kota
WITH kec AS (
    SELECT
        kode_kecamatan AS kode,
        any_value(nama_kecamatan) AS nama,
        count(*) AS jumlah_tps
    FROM tps_wilayah
    WHERE $kecamatan IS NULL OR kode_kecamatan = $kecamatan
    GROUP BY kode_kecamatan
),
pps AS (
    SELECT
        t.kode_kecamatan AS kode,
        count(DISTINCT p.kode_tps) AS kotak_ke_pps
    FROM pemungutan AS p
    INNER JOIN tps_wilayah AS t ON t.kode_tps = p.kode_tps
    WHERE p.kejadian = 'kotak_diserahkan' AND p.waktu >= CAST($hari AS TIMESTAMP) AND p.waktu <= $sampai
    GROUP BY t.kode_kecamatan
),
r AS (
    SELECT
        kode_kecamatan AS kode,
        sum(jumlah_tps) FILTER (WHERE tingkat = 'ppk' AND kejadian = 'kotak_diterima') AS kotak_ppk,
        min(waktu) FILTER (WHERE tingkat = 'ppk' AND kejadian = 'dimulai') AS ppk_mulai,
        min(waktu) FILTER (WHERE tingkat = 'ppk' AND kejadian = 'selesai') AS ppk_selesai,
        sum(keberatan_diajukan) FILTER (WHERE tingkat = 'ppk') AS ppk_keberatan,
        sum(keberatan_selesai) FILTER (WHERE tingkat = 'ppk') AS ppk_keberatan_selesai,
        sum(jumlah_tps) FILTER (WHERE tingkat = 'kabkota' AND kejadian = 'kotak_diterima') AS kotak_kpu,
        min(waktu) FILTER (WHERE tingkat = 'kabkota' AND kejadian = 'dimulai') AS kpu_mulai,
        min(waktu) FILTER (WHERE tingkat = 'kabkota' AND kejadian = 'selesai') AS kpu_selesai,
        sum(keberatan_diajukan) FILTER (WHERE tingkat = 'kabkota') AS kpu_keberatan,
        sum(keberatan_selesai) FILTER (WHERE tingkat = 'kabkota') AS kpu_keberatan_selesai
    FROM rekapitulasi
    WHERE waktu <= $sampai
    GROUP BY kode_kecamatan
)
SELECT
    kec.kode,
    kec.nama,
    kec.jumlah_tps,
    coalesce(pps.kotak_ke_pps, 0) AS kotak_ke_pps,
    least(coalesce(r.kotak_ppk, 0), kec.jumlah_tps) AS kotak_ke_ppk,
    r.ppk_mulai,
    r.ppk_selesai,
    coalesce(r.ppk_keberatan, 0) AS ppk_keberatan,
    coalesce(r.ppk_keberatan_selesai, 0) AS ppk_keberatan_selesai,
    least(coalesce(r.kotak_kpu, 0), kec.jumlah_tps) AS kotak_ke_kpu,
    r.kpu_mulai,
    r.kpu_selesai,
    coalesce(r.kpu_keberatan, 0) AS kpu_keberatan,
    coalesce(r.kpu_keberatan_selesai, 0) AS kpu_keberatan_selesai
FROM kec
LEFT JOIN pps ON pps.kode = kec.kode
LEFT JOIN r ON r.kode = kec.kode
ORDER BY kec.kode
