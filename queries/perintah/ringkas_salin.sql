-- The per-date summaries a process may add to (Store.siapkan): a table of its own, in memory,
-- starting with the summaries the loader published (the latest day of a province or national desk).
CREATE TABLE memory.main.ringkas_simpan AS
SELECT *  -- the columns of ringkas_simpan, as published -- noqa: AM04
FROM data.main.ringkas_simpan
