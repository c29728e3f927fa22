"""The data behind every figure: the DuckDB store, the query registry, the large-file loader, boundaries."""
