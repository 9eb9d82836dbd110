"""Reported figures: every number that counts something, with its qualifier, category, source, date and place.

The rules come from the annotation guide (../shared/specs/figures.md). A figure is found in three steps:
the numeral (`numerals`: digits, number words, vague counts, ranges, fractions); the filters that drop numbers
that count nothing (`filters`: dates, durations, ages, identifiers, page furniture, "one" meaning "a"); and the
reading of its sentence: what it counts and what happened to it (`counted`), who reported it (`sources`), when,
where and up to what (`context`). `assembly` puts each figure together.
"""
from .assembly import extract_figures

__all__ = ["extract_figures"]
