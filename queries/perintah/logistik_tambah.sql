-- Store the logistics completeness rows of one as-of date and scope (Store.siapkan_logistik): a
-- kecamatan's own row and its kelurahan (computed from its own places and its gudang only), or for
-- the whole region (NULL) the kab/kota and every kecamatan, the rows its views show.
-- params:
--   tanggal: DATE, as-of date
--   awalan: VARCHAR, kecamatan code of the scope, NULL for the whole region
INSERT INTO logistik_simpan
SELECT
    CAST($tanggal AS DATE) AS tanggal,
    CAST($awalan AS VARCHAR) AS awalan,
    *  -- the columns of logistik_wilayah, as in the table -- noqa: AM04
FROM logistik_wilayah($tanggal, awalan := $awalan)
WHERE CAST($awalan AS VARCHAR) IS NOT NULL OR tingkat <> 'kelurahan'
