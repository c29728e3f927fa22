-- Store the readiness rows of one as-of date and scope (Store.siapkan_kesiapan): a kecamatan's own
-- row, its kelurahan and its TPS (computed from its own places, incidents and cases only), or for
-- the whole region (NULL) every row.
-- params:
--   tanggal: DATE, as-of date
--   awalan: VARCHAR, kecamatan code of the scope, NULL for the whole region
INSERT INTO kesiapan_simpan
SELECT
    CAST($tanggal AS DATE) AS tanggal,
    CAST($awalan AS VARCHAR) AS awalan,
    *  -- the columns of kesiapan_wilayah, as in the table -- noqa: AM04
FROM kesiapan_wilayah($tanggal, awalan := $awalan)
