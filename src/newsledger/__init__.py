"""newsledger: news reports -> a sourced, time-resolved, queryable record."""
__version__ = "0.1.0"
