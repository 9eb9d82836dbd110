"""Scorers against real gold data read from ../shared.

Each module exposes `run(path, **options) -> dict` (the measured figures, JSON-ready) and
`render(results) -> str` (the table a person reads); `newsledger eval NAME PATH` calls both.
"""
