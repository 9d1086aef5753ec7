"""Load: publish a run as a new warehouse version (Parquet, DuckDB, incremental state) behind one swapped link.

lock.py (one writer), versions.py (the layout and the swap), publish.py (writing a version), parquet.py and
duckdb.py (the two forms of the tables), state.py (where a version keeps the incremental state), remote.py
(a warehouse at an fsspec URL: a local copy, uploaded after each publish).
"""
