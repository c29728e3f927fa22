-- The per-date summaries a process adds itself (Store.siapkan, dates the loader did not publish):
-- a table of its own, in memory, with the columns of the published ringkas_simpan.
CREATE TABLE memory.main.ringkas_proses AS
SELECT *  -- the columns of ringkas_simpan, as published -- noqa: AM04
FROM data.main.ringkas_simpan
WHERE FALSE
