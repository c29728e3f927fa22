-- The items most in need of attention as of a date, ranked: overdue incident follow-ups,
-- kecamatan whose logistics are behind the KPU plan of the date (rencana_kesiapan: the stage every
-- item should have reached), TPS reported as bermasalah, and neutrality cases past their due date
-- or older than 14 days, and follow-up tasks (tugas.csv) past their due time. One row per item; the
-- sentence is composed in Python.
-- Priority: overdue incidents 300 + severity (tinggi 60, sedang 30) + days overdue (max 30);
-- lagging logistics 250 + % of TPS incomplete; bermasalah TPS 200 + count (max 50);
-- ageing cases 150 + days overdue or age (max 30); overdue tasks 280 + days overdue (max 30).
-- reads: kesiapan_simpan
-- params:
--   tanggal: DATE, as-of date
--   saat: TIMESTAMP, task rows written up to this moment
--   sekarang: TIMESTAMP, the moment task lateness is measured at
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
--   jumlah: INTEGER, how many items to return
-- columns:
--   jenis: VARCHAR, insiden | logistik | tps | netralitas | tugas
--   kode: VARCHAR, incident id, kecamatan code, case id or task id
--   kode_kecamatan: VARCHAR, kecamatan code (NULL: a task of the whole region)
--   nama_kecamatan: VARCHAR, kecamatan name
--   nama_kelurahan: VARCHAR, kelurahan name (incidents)
--   kategori: VARCHAR, incident category name, case status code or task title
--   keparahan: VARCHAR, incident severity
--   angka: BIGINT, days overdue (incidents, overdue cases, tasks), case age, TPS incomplete or bermasalah
--   terlambat: BOOLEAN, past its due date (incidents, cases)
--   dari: BIGINT, TPS in the kecamatan (logistics, bermasalah)
--   sejak: TIMESTAMP, since when (first report, latest receipt, latest report, case report, task due time)
--   pic: VARCHAR, who follows up (incidents; the owner unit of a task; NULL otherwise)
--   prioritas: DOUBLE, ranking score (higher first)
WITH param_tanggal AS (
    SELECT CAST($tanggal AS DATE) AS t, batas_logistik FROM param
),
ins AS (
    SELECT
        'insiden' AS jenis,
        i.id_insiden AS kode,
        i.kode_kecamatan,
        w.nama AS nama_kelurahan,
        i.nama_kategori AS kategori,
        i.keparahan,
        (SELECT pt.t FROM param_tanggal AS pt) - i.batas_waktu AS angka,
        TRUE AS terlambat,
        CAST(NULL AS BIGINT) AS dari,
        i.waktu_lapor AS sejak,
        i.pic,
        300 + CASE i.keparahan WHEN 'tinggi' THEN 60 WHEN 'sedang' THEN 30 ELSE 0 END
        + least((SELECT pt.t FROM param_tanggal AS pt) - i.batas_waktu, 30) AS prioritas
    FROM insiden_asof($tanggal, awalan := $kecamatan) AS i  -- a chosen kecamatan: only its rows are read
    LEFT JOIN wilayah AS w ON w.kode = i.kode_kelurahan
    WHERE i.terlambat
),
kec AS (
    SELECT * EXCLUDE (tanggal, awalan)
    -- kesiapan_wilayah($tanggal), kept per date and scope: the whole region's rows, or the kecamatan's own
    FROM kesiapan_simpan
    WHERE tanggal = $tanggal AND (awalan IS NULL OR awalan = $kecamatan) AND (tingkat = 'kecamatan')
),
terakhir_terima AS (
    SELECT kode_kecamatan, max(terakhir) AS terakhir
    FROM logistik_unit($tanggal, awalan := $kecamatan)
    WHERE kode_kecamatan IS NOT NULL
    GROUP BY kode_kecamatan
),
log AS (
    SELECT
        'logistik' AS jenis,
        k.kode,
        k.kode AS kode_kecamatan,
        CAST(NULL AS VARCHAR) AS nama_kelurahan,
        CAST(NULL AS VARCHAR) AS kategori,
        CAST(NULL AS VARCHAR) AS keparahan,
        k.jumlah_tps - k.tps_logistik_lengkap AS angka,
        CAST(NULL AS BOOLEAN) AS terlambat,
        k.jumlah_tps AS dari,
        tt.terakhir AS sejak,
        CAST(NULL AS VARCHAR) AS pic,
        250 + 100.0 * (k.jumlah_tps - k.tps_logistik_lengkap) / k.jumlah_tps AS prioritas
    FROM kec AS k
    LEFT JOIN terakhir_terima AS tt ON tt.kode_kecamatan = k.kode
    CROSS JOIN rencana_kesiapan($tanggal) AS r
    WHERE k.tps_logistik_lengkap < k.jumlah_tps AND round(k.skor_logistik) < round(r.rencana_logistik)
),
tps AS (
    SELECT
        'tps' AS jenis,
        t.kode_kecamatan AS kode,
        t.kode_kecamatan,
        CAST(NULL AS VARCHAR) AS nama_kelurahan,
        CAST(NULL AS VARCHAR) AS kategori,
        CAST(NULL AS VARCHAR) AS keparahan,
        count(*) FILTER (WHERE c.status = 'bermasalah') AS angka,
        CAST(NULL AS BOOLEAN) AS terlambat,
        count(*) AS dari,
        min(c.waktu_laporan) FILTER (WHERE c.status = 'bermasalah') AS sejak,
        CAST(NULL AS VARCHAR) AS pic,
        200 + least(count(*) FILTER (WHERE c.status = 'bermasalah'), 50) AS prioritas
    -- the latest report of every TPS of the region (as komponen_tps, without the other components)
    FROM tps_wilayah AS t
    INNER JOIN checklist_tps($tanggal, awalan := $kecamatan) AS c USING (kode_tps)
    GROUP BY t.kode_kecamatan
    HAVING count(*) FILTER (WHERE c.status = 'bermasalah') > 0
),
net AS (
    SELECT
        'netralitas' AS jenis,
        n.id_kasus AS kode,
        n.kode_kecamatan,
        CAST(NULL AS VARCHAR) AS nama_kelurahan,
        n.status AS kategori,
        CAST(NULL AS VARCHAR) AS keparahan,
        CASE WHEN n.terlambat THEN (SELECT pt.t FROM param_tanggal AS pt) - n.batas_waktu ELSE n.umur_hari END AS angka,
        n.terlambat,
        CAST(NULL AS BIGINT) AS dari,
        CAST(n.tanggal_laporan AS TIMESTAMP) AS sejak,
        CAST(NULL AS VARCHAR) AS pic,
        150 + least(
            CASE
                WHEN n.terlambat THEN (SELECT pt.t FROM param_tanggal AS pt) - n.batas_waktu
                ELSE n.umur_hari - 14
            END,
            30
        ) AS prioritas
    FROM netralitas_asof($tanggal, awalan := $kecamatan) AS n
    WHERE n.terbuka AND (n.terlambat OR n.umur_hari > 14)
),
tgs AS (
    SELECT
        'tugas' AS jenis,
        t.id_tugas AS kode,
        t.kode_kecamatan,
        w.nama AS nama_kelurahan,
        t.judul AS kategori,
        CAST(NULL AS VARCHAR) AS keparahan,
        date_diff('day', t.batas_waktu, CAST($sekarang AS TIMESTAMP)) AS angka,
        TRUE AS terlambat,
        CAST(NULL AS BIGINT) AS dari,
        t.batas_waktu AS sejak,
        t.unit AS pic,
        280 + least(date_diff('day', t.batas_waktu, CAST($sekarang AS TIMESTAMP)), 30) AS prioritas
    FROM tugas_asof($saat, $sekarang) AS t
    LEFT JOIN wilayah AS w ON w.kode = t.kode_kelurahan
    WHERE t.terlambat
),
semua AS (
    SELECT * FROM ins
    UNION ALL
    SELECT * FROM log
    UNION ALL
    SELECT * FROM tps
    UNION ALL
    SELECT * FROM net
    UNION ALL
    SELECT * FROM tgs
)
SELECT
    s.jenis,
    s.kode,
    s.kode_kecamatan,
    kw.nama AS nama_kecamatan,
    s.nama_kelurahan,
    s.kategori,
    s.keparahan,
    s.angka,
    s.terlambat,
    s.dari,
    s.sejak,
    s.pic,
    s.prioritas
FROM semua AS s
LEFT JOIN wilayah AS kw ON kw.kode = s.kode_kecamatan
WHERE $kecamatan IS NULL OR s.kode_kecamatan = $kecamatan
ORDER BY s.prioritas DESC, s.sejak ASC, s.kode ASC
LIMIT $jumlah
