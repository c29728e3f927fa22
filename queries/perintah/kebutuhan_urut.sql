-- Store the needs ordered by place once the models exist (the loader runs it): a look-up by code
-- prefix (komponen_tps(…, awalan := kecamatan), the TPS list of one kecamatan) then reads a few
-- row groups of the 5 million national rows instead of all of them. Sorting in its own statement
-- lets DuckDB spill it within the loader's memory limit.
CREATE OR REPLACE TABLE kebutuhan_unit AS
SELECT *  -- every column, in place -- noqa: AM04
FROM kebutuhan_unit
ORDER BY kode_lokasi, tahap, kode_item
