-- Serious or conflict incidents first reported in a window (alerts, siaga/kirim): high severity or
-- a category of the conflict group. Place and category of the first report, no free text.
-- params:
--   dari: TIMESTAMP, start of the window (exclusive)
--   sampai: TIMESTAMP, end of the window (inclusive)
--   kecamatan: VARCHAR, kecamatan code, NULL for the whole region
-- columns:
--   id_insiden: VARCHAR, incident id
--   lapor: TIMESTAMP, first report
--   kode_kecamatan: VARCHAR, kecamatan code
--   nama_kecamatan: VARCHAR, kecamatan name
--   nama_kelurahan: VARCHAR, kelurahan name (NULL when not given)
--   nama_kategori: VARCHAR, category name
--   kelompok: VARCHAR, category group
--   keparahan: VARCHAR, severity as of the window's end
WITH ins AS (
    SELECT
        i.id_insiden,
        min(i.waktu) AS lapor,
        arg_min(i.kode_kecamatan, i.waktu) AS kode_kecamatan,
        arg_min(i.kode_kelurahan, i.waktu) AS kode_kelurahan,
        arg_max(i.keparahan, i.waktu) AS keparahan,
        arg_max(i.kategori, i.waktu) AS kategori
    FROM insiden AS i
    WHERE i.waktu <= $sampai
    GROUP BY i.id_insiden
)
SELECT
    ins.id_insiden,
    ins.lapor,
    ins.kode_kecamatan,
    kw.nama AS nama_kecamatan,
    lw.nama AS nama_kelurahan,
    coalesce(k.nama, ins.kategori) AS nama_kategori,
    k.kelompok,
    ins.keparahan
FROM ins
LEFT JOIN kategori_insiden AS k ON k.kode_kategori = ins.kategori
LEFT JOIN wilayah AS kw ON kw.kode = ins.kode_kecamatan
LEFT JOIN wilayah AS lw ON lw.kode = ins.kode_kelurahan
WHERE
    ins.lapor > $dari
    AND (ins.keparahan = 'tinggi' OR k.kelompok = 'konflik')
    AND ($kecamatan IS NULL OR ins.kode_kecamatan = $kecamatan)
ORDER BY ins.lapor, ins.id_insiden
