-- Everything a province or national overview needs, per kecamatan, as of a date: readiness (the
-- kecamatan rows of kesiapan_wilayah), incidents by group, neutrality and logistics per stage.
-- Larger units (kab/kota, province, the nation) are sums and DPT-weighted means of these rows,
-- so the overview never touches the 5 million event rows once a date has been summarised (the
-- store keeps the summary of recent dates in ringkas_simpan, see 51_ringkas_simpan.sql).
-- params:
--   tanggal: DATE, as-of date
-- columns:
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
CREATE OR REPLACE MACRO ringkas_kecamatan(tanggal) AS TABLE
    WITH kec AS (
        SELECT *
        FROM kesiapan_wilayah(tanggal)
        WHERE tingkat = 'kecamatan'
    ),
    ins AS (
        SELECT
            kode_kecamatan,
            count(*) FILTER (WHERE terbuka AND kelompok = 'konflik') AS konflik,
            count(*) FILTER (WHERE terbuka AND kelompok = 'pelayanan_publik') AS pelayanan,
            count(*) FILTER (WHERE CAST(waktu_lapor AS DATE) = CAST(tanggal AS DATE)) AS hari_ini
        FROM insiden_asof(tanggal)
        GROUP BY ALL
    ),
    net AS (
        SELECT kode_kecamatan, count(*) FILTER (WHERE terlambat) AS terlambat
        FROM netralitas_asof(tanggal)
        GROUP BY ALL
    ),
    per_item AS (      -- one pass over the logistics state: each stage's places summed per kecamatan
        SELECT                -- (per kab/kota for the gudang) and item
            tahap,
            CASE WHEN tahap = 'gudang' THEN kode_lokasi ELSE kode_kecamatan END AS kode,
            kode_item,
            sum(tersedia) / nullif(sum(kebutuhan), 0) AS rasio,
            sum(kebutuhan) AS kebutuhan
        FROM logistik_unit(tanggal)
        GROUP BY ALL
    ),
    log AS (
        SELECT
            kode AS kode_kecamatan,
            sum(kebutuhan) FILTER (WHERE tahap = 'tps') AS butuh,
            100 * avg(coalesce(rasio, 1.0)) FILTER (WHERE tahap = 'ppk') AS ppk,
            100 * avg(coalesce(rasio, 1.0)) FILTER (WHERE tahap = 'pps') AS pps,
            100 * avg(coalesce(rasio, 1.0)) FILTER (WHERE tahap = 'tps') AS tps
        FROM per_item
        WHERE tahap <> 'gudang'
        GROUP BY ALL
    ),
    gudang AS (
        SELECT kode AS kode_kabkota, 100 * avg(rasio) AS persen
        FROM per_item
        WHERE tahap = 'gudang'
        GROUP BY ALL
    )
    SELECT
        kec.kode AS kode_kecamatan,
        kec.jumlah_tps,
        kec.dpt,
        kec.c_pemberitahuan,
        kec.tps_logistik_lengkap,
        kec.tps_bermasalah,
        kec.skor_logistik,
        kec.skor_checklist,
        kec.skor_insiden,
        kec.skor_netralitas,
        kec.skor,
        kec.level,
        kec.insiden_terbuka,
        kec.insiden_serius,
        coalesce(ins.konflik, 0) AS insiden_konflik,
        coalesce(ins.pelayanan, 0) AS insiden_pelayanan,
        coalesce(ins.hari_ini, 0) AS insiden_hari_ini,
        kec.insiden_terlambat,
        kec.netralitas_terbuka,
        coalesce(net.terlambat, 0) AS netralitas_terlambat,
        CAST(coalesce(log.butuh, 0) AS BIGINT) AS butuh_gudang,
        gudang.persen AS persen_gudang,
        log.ppk AS persen_ppk,
        log.pps AS persen_pps,
        log.tps AS persen_tps
    FROM kec
    LEFT JOIN ins ON ins.kode_kecamatan = kec.kode
    LEFT JOIN net ON net.kode_kecamatan = kec.kode
    LEFT JOIN log ON log.kode_kecamatan = kec.kode
    LEFT JOIN gudang ON gudang.kode_kabkota = left(kec.kode, 5)
