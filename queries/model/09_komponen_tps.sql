-- Readiness components per TPS as of a date, before weighting: logistics and checklist
-- scores of the TPS, open incidents located at the TPS, open neutrality cases in its kecamatan.
-- params:
--   tanggal: DATE, as-of date
--   awalan: VARCHAR = NULL, only the places of this unit and those above it (a kecamatan code); NULL for all
-- columns:
--   kode_tps: VARCHAR, TPS code
--   kode_kelurahan: VARCHAR, kelurahan code
--   nama_kelurahan: VARCHAR, kelurahan name
--   kode_kecamatan: VARCHAR, kecamatan code
--   nama_kecamatan: VARCHAR, kecamatan name
--   nomor_tps: BIGINT, TPS number
--   dpt: BIGINT, registered voters
--   jenis: VARCHAR, reguler | khusus
--   rawan_banjir: BOOLEAN, flood-prone site
--   skor_logistik: DOUBLE, 0..100
--   logistik_lengkap: BOOLEAN, every item complete at the TPS
--   skor_checklist: DOUBLE, 0..100
--   status_laporan: VARCHAR, latest reporter's assessment
--   waktu_laporan: TIMESTAMP, latest checklist report
--   c_pemberitahuan: BIGINT, voter notices delivered
--   insiden_terbuka: BIGINT, open incidents at the TPS
--   insiden_serius: BIGINT, open high-severity incidents at the TPS
--   insiden_terlambat: BIGINT, open incidents past due at the TPS
--   penalti_insiden: DOUBLE, sum of open-incident penalties at the TPS
--   netralitas_terbuka: BIGINT, open neutrality cases in the kecamatan
CREATE OR REPLACE MACRO komponen_tps(tanggal, awalan := NULL) AS TABLE
    WITH ins AS (
        SELECT
            kode_tps,
            count(*) AS terbuka,
            count(*) FILTER (WHERE keparahan = 'tinggi') AS serius,
            count(*) FILTER (WHERE terlambat) AS terlambat,
            sum(penalti) AS penalti
        FROM insiden_asof(tanggal, awalan := awalan)
        WHERE terbuka AND kode_tps IS NOT NULL
        GROUP BY kode_tps
    ),
    net AS (
        SELECT kode_kecamatan, count(*) AS terbuka
        FROM netralitas_asof(tanggal, awalan := awalan)
        WHERE terbuka
        GROUP BY kode_kecamatan
    )
    SELECT
        t.kode_tps,
        t.kode_kelurahan,
        t.nama_kelurahan,
        t.kode_kecamatan,
        t.nama_kecamatan,
        t.nomor_tps,
        t.dpt,
        t.jenis,
        t.rawan_banjir,
        coalesce(l.skor_logistik, 0) AS skor_logistik,
        coalesce(l.item_lengkap_di_tps = l.jumlah_item, FALSE) AS logistik_lengkap,
        c.skor_checklist,
        c.status AS status_laporan,
        c.waktu_laporan,
        c.c_pemberitahuan,
        coalesce(ins.terbuka, 0) AS insiden_terbuka,
        coalesce(ins.serius, 0) AS insiden_serius,
        coalesce(ins.terlambat, 0) AS insiden_terlambat,
        coalesce(ins.penalti, 0) AS penalti_insiden,
        coalesce(net.terbuka, 0) AS netralitas_terbuka
    FROM tps_wilayah AS t
    LEFT JOIN logistik_tps(tanggal, awalan := awalan) AS l USING (kode_tps)
    INNER JOIN checklist_tps(tanggal, awalan := awalan) AS c USING (kode_tps)
    LEFT JOIN ins USING (kode_tps)
    LEFT JOIN net USING (kode_kecamatan)
    WHERE awalan IS NULL OR (t.kode_tps > awalan || '.' AND t.kode_tps < awalan || '/')
