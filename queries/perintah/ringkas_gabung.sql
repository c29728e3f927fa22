-- What the overview queries read as ringkas_simpan in an app process: the summaries the loader
-- published (every date of multi-region data, read from the snapshot file, not copied into
-- memory) and those the process added (ringkas_proses).
CREATE VIEW memory.main.ringkas_simpan AS
SELECT *  -- the columns of ringkas_simpan -- noqa: AM04
FROM data.main.ringkas_simpan
UNION ALL
SELECT *  -- the same columns -- noqa: AM04
FROM memory.main.ringkas_proses
