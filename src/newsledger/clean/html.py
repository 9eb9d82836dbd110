"""The HTML path: trafilatura's precision-oriented body extraction, plus the page's metadata.

The publication date comes from trafilatura's metadata, which runs htmldate on the page (original date).
"""
from __future__ import annotations

from urllib.parse import urlsplit

import trafilatura

from . import lines
from .page import Page, normalise, text_key


def clean_html(html: str, url: str | None = None) -> Page:
    try:
        document = trafilatura.bare_extraction(html, url=url, favor_precision=True, with_metadata=True,
                                               include_comments=False, include_tables=True)
    except Exception:  # trafilatura and lxml raise many types on hostile markup; a broken page is an empty one
        document = None
    if document is None:
        return Page(outlet=_host(url))
    headline = _tidy(document.title)
    paragraphs = [_tidy(line) for line in normalise(document.text or "").split("\n")]
    # Extractors keep the odd stray widget line ("Advertisement", "Related: The 15 Weirdest Galaxies in Our
    # Universe", "copyright Inexhibit 2019 - ISSN: 2283-5474"); the same lexicon and patterns as page copies drop it.
    paragraphs = [p for p in paragraphs if p and not lines.is_furniture(p)]
    while paragraphs and headline and text_key(paragraphs[0]) == text_key(headline):
        paragraphs = paragraphs[1:]  # the <h1> (sometimes a second copy of it) opens the extracted body
    page = Page(paragraphs=paragraphs, headline=headline, published=document.date,
                byline=_tidy(document.author), outlet=_tidy(document.sitename) or _host(url or document.url))
    description = _tidy(document.description)
    if description and not (paragraphs and text_key(paragraphs[0]).startswith(text_key(description))):
        page.standfirst = description
    if page.paragraphs:
        page.dateline, page.paragraphs[0] = lines.split_dateline(page.paragraphs[0])
    return page


def _tidy(text: str | None) -> str | None:
    tidy = " ".join(normalise(text).split()) if text else ""
    return tidy or None


def _host(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None
