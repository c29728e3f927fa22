-- The logistics completeness rows (logistik_wilayah) a process keeps per as-of date and scope
-- (Store.siapkan_logistik): a table of its own, in memory, empty at first. The logistics page's
-- queries read the rows of one date and scope (`awalan`: the kecamatan shown, NULL for the whole
-- region), so they are computed once per snapshot, date and scope instead of once per query, and
-- a kecamatan's view never computes the units of the whole region.
CREATE TABLE memory.main.logistik_simpan AS
SELECT
    CAST(NULL AS DATE) AS tanggal,
    CAST(NULL AS VARCHAR) AS awalan,
    *  -- the columns of logistik_wilayah -- noqa: AM04
FROM logistik_wilayah(DATE '2000-01-01')
WHERE FALSE
