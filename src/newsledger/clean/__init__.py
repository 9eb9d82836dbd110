"""The cleaner: RawArticle -> Article (furniture removed, metadata found, paragraphs kept)."""
from __future__ import annotations

import re

from ..model import Article, Paragraph, RawArticle


def clean(raw: RawArticle, verbatim: bool = False) -> Article:
    text = raw.text or ""
    if not verbatim:
        text = "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
    return Article(id=Article.id_for(text), source_path=raw.source_path, text=text,
                   paragraphs=paragraph_spans(text), published=raw.published,
                   published_from=raw.published_from, outlet=raw.outlet, headline=raw.headline, url=raw.url)


def paragraph_spans(text: str) -> list[Paragraph]:
    return [Paragraph(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]
