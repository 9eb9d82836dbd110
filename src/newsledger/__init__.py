"""newsledger: news reports -> a sourced, time-resolved, queryable record.

`newsledger.analyse(text, published=...)` and `newsledger.analyse_many(texts)` are the library entry points
(newsledger/library.py); they are imported on first use, so `import newsledger` stays cheap.
"""
__version__ = "0.1.0"
__all__ = ["analyse", "analyse_many"]


def __getattr__(name: str):
    if name in __all__:
        from . import library

        return getattr(library, name)
    raise AttributeError(f"module 'newsledger' has no attribute {name!r}")
