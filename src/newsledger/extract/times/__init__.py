"""Time expressions resolved against the publication date (TIMEX3 types and values).

One precompiled regular expression (`grammar`), assembled from the word lists in data/time_*, scans the text once;
each alternative of it has a resolver (`resolvers`) that turns the match into a TIMEX3 type and value, with the
calendar arithmetic of `values`. Expressions whose direction is open ("Wednesday", "in November", "October 7")
take it from the tense of the verb that governs them (`tense`), which is looked up in the spaCy parse only for
those matches. `assembly` runs the scan.
"""
from .assembly import extract_times

__all__ = ["extract_times"]
