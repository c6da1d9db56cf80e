"""The scale data generator: `make bench-data SIZE=10k|100k|1m` (see bench/README.md).

Stages run in order, each in one transaction that also records that it finished (`bench_stage`), so a rerun
skips what is done. The modules: `plan` (sizes and shares), `words` (text and Zipf skew), `writer` (COPY or
executemany, sequences), `postgres` (what a stage does around its writes there: indexes dropped and rebuilt, keys
checked once, COPY on its own thread), one module per stage, `stages` (order and the tables each fills, markers),
`__main__` (the command: database, restore, dump, timings)."""
