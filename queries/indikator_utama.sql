-- The three indicators of a successful Pilkada, for the city or one kecamatan, as of a date:
-- turnout readiness (DPT, C-Pemberitahuan delivered), no conflict (open serious and conflict
-- incidents), public services undisturbed (open incidents of that group); plus open neutrality
-- cases. Readiness scores and levels come from kesiapan_unit only.
-- reads: kesiapan_simpan
-- params:
--   tanggal: DATE, as-of date
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   dpt: BIGINT, registered voters
--   jumlah_tps: BIGINT, polling stations
--   c_pemberitahuan: BIGINT, voter notices delivered
--   persen_c_pemberitahuan: DOUBLE, notices delivered as % of DPT (0..100)
--   insiden_terbuka: BIGINT, open incidents
--   insiden_serius_terbuka: BIGINT, open high-severity incidents
--   insiden_konflik_terbuka: BIGINT, open incidents in the conflict group (conflict, security, SARA)
--   konflik_serius_terbuka: BIGINT, open high-severity incidents in the conflict group
--   konflik_hari_ini: BIGINT, conflict-group incidents first reported on the as-of date
--   serius_lain_terbuka: BIGINT, open high-severity incidents outside the conflict group
--   pelayanan_terbuka: BIGINT, open incidents in the public-services group
--   insiden_hari_ini: BIGINT, incidents first reported on the as-of date
--   insiden_terlambat: BIGINT, open incidents past their due date
--   netralitas_terbuka: BIGINT, open ASN neutrality cases
WITH kec AS (
    SELECT * EXCLUDE (tanggal, awalan)
    -- kesiapan_wilayah($tanggal), kept per date and scope: the whole region's rows, or the kecamatan's own
    FROM kesiapan_simpan
    WHERE tanggal = $tanggal AND (awalan IS NULL OR awalan = $kecamatan)
        AND (tingkat = 'kecamatan' AND ($kecamatan IS NULL OR kode = $kecamatan))
),
ins AS (
    SELECT *
    FROM insiden_asof($tanggal, awalan := $kecamatan)  -- the kecamatan's incidents only, when one is chosen
    WHERE $kecamatan IS NULL OR kode_kecamatan = $kecamatan
),
net AS (
    SELECT *
    FROM netralitas_asof($tanggal, awalan := $kecamatan)
    WHERE $kecamatan IS NULL OR kode_kecamatan = $kecamatan
),
k AS (
    SELECT
        coalesce(sum(dpt), 0) AS dpt,
        coalesce(sum(jumlah_tps), 0) AS jumlah_tps,
        coalesce(sum(c_pemberitahuan), 0) AS c_pemberitahuan
    FROM kec
),
i AS (
    SELECT
        count(*) FILTER (WHERE terbuka) AS insiden_terbuka,
        count(*) FILTER (WHERE terbuka AND keparahan = 'tinggi') AS insiden_serius_terbuka,
        count(*) FILTER (WHERE terbuka AND kelompok = 'konflik') AS insiden_konflik_terbuka,
        count(*) FILTER (WHERE terbuka AND kelompok = 'konflik' AND keparahan = 'tinggi') AS konflik_serius_terbuka,
        count(*) FILTER (
            WHERE kelompok = 'konflik' AND CAST(waktu_lapor AS DATE) = CAST($tanggal AS DATE)
        ) AS konflik_hari_ini,
        count(*) FILTER (WHERE terbuka AND keparahan = 'tinggi' AND kelompok <> 'konflik') AS serius_lain_terbuka,
        count(*) FILTER (WHERE terbuka AND kelompok = 'pelayanan_publik') AS pelayanan_terbuka,
        count(*) FILTER (WHERE CAST(waktu_lapor AS DATE) = CAST($tanggal AS DATE)) AS insiden_hari_ini,
        count(*) FILTER (WHERE terlambat) AS insiden_terlambat
    FROM ins
)
SELECT
    k.dpt,
    k.jumlah_tps,
    k.c_pemberitahuan,
    CASE WHEN k.dpt = 0 THEN 0.0 ELSE 100.0 * k.c_pemberitahuan / k.dpt END AS persen_c_pemberitahuan,
    i.insiden_terbuka,
    i.insiden_serius_terbuka,
    i.insiden_konflik_terbuka,
    i.konflik_serius_terbuka,
    i.konflik_hari_ini,
    i.serius_lain_terbuka,
    i.pelayanan_terbuka,
    i.insiden_hari_ini,
    i.insiden_terlambat,
    (SELECT count(*) FROM net AS n WHERE n.terbuka) AS netralitas_terbuka
FROM k
CROSS JOIN i
