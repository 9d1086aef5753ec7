"""Load: publish staged tables as Parquet (swapped in atomically) and into one DuckDB database."""
