"""The scale data generator: `make bench-data SIZE=10k|100k|1m` (see bench/README.md).

Stages run in order, each in one transaction that also records that it finished (`bench_stage`), so a rerun
skips what is done. The modules: `plan` (sizes and shares), `words` (text and Zipf skew), `writer` (COPY or
executemany, sequences), one module per stage, `stages` (order, markers, derived tables), `__main__` (the
command: database, restore, dump, timings)."""
