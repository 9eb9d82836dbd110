"""Archives at scale: Dask batch runs into Parquet shards (`batch`), and merging shards into a ledger (`load`)."""
