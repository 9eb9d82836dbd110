"""The cleaner: RawArticle -> Article (furniture removed, metadata found, paragraphs kept).

Plain text goes through the page-copy cleaner (clean/page.py), HTML through trafilatura (clean/html.py).
`verbatim=True` keeps a text body exactly as read, so offsets index the file's own text.
"""
from __future__ import annotations

import re

from ..model import Article, Paragraph, RawArticle
from .html import clean_html
from .page import Page, clean_page

# Dates a reader supplies from the container, not the article (a crawl date), yield to a date found in the page.
FALLBACK_DATE_SOURCES = {"warc"}
_PARAGRAPH = re.compile(r"\S(?:.*\S)?(?:\n[ \t]*\S(?:.*\S)?)*")


def clean(raw: RawArticle, verbatim: bool = False) -> Article:
    if raw.html is not None and not (verbatim and raw.text is not None):
        page = clean_html(raw.html, raw.url)
        found_from = "html-meta"
    elif verbatim:
        page = Page(paragraphs=[raw.text or ""])
        found_from = None
    else:
        page = clean_page(raw.text or "")
        found_from = "text"
    # A NUL, which PostgreSQL cannot store, becomes a space: one character for one, so verbatim offsets still hold.
    text = (raw.text or "").replace("\x00", " ") if verbatim and raw.html is None else "\n\n".join(page.paragraphs)
    published, published_from = _publication(raw, page.published, found_from)
    return Article(id=Article.id_for(text), source_path=raw.source_path, text=text, paragraphs=paragraph_spans(text),
                   headline=raw.headline or page.headline, alt_headline=page.alt_headline,
                   standfirst=page.standfirst, published=published, published_from=published_from,
                   outlet=raw.outlet or page.outlet, byline=page.byline, dateline=page.dateline,
                   captions=page.captions, url=raw.url)


def _publication(raw: RawArticle, found: str | None, found_from: str | None) -> tuple[str | None, str | None]:
    """A date the reader was given beats one found in the page, which beats a container's fallback date."""
    if raw.published and raw.published_from not in FALLBACK_DATE_SOURCES:
        return raw.published, raw.published_from
    if found:
        return found, found_from
    return raw.published, raw.published_from if raw.published else None


def paragraph_spans(text: str) -> list[Paragraph]:
    """Paragraphs are runs of non-blank lines; each span is trimmed of surrounding whitespace."""
    return [Paragraph(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
