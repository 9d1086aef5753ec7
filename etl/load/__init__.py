"""Load: publish a run as a new warehouse version (Parquet, DuckDB, incremental state) behind one swapped link.

lock.py (one writer), merge.py (what a run keeps of the published warehouse), state.py (per-document
facts for incremental runs), versions.py (the layout and the swap), publish.py (writing a version).
"""
