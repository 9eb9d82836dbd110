"""The page-copy cleaner: a news page copied as plain text -> headline, metadata and a furniture-free body.

It works from structure (position, line length, sentence shape, repetition, credit brackets, date shapes,
bylines, datelines) and from the lexicons in clean/data. It is built never to drop a real paragraph: anything
that reads as prose (a quote paragraph above all) is kept unless it is an exact repeat or a pull quote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lines
from .dates import date_line

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000\t\v"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0c\x85]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_NON_WORD = re.compile(r"\W+")
HEADLINE_WORDS = (3, 30)
ALT_HEADLINE_MIN_WORDS = 4
LABEL_MAX_WORDS = 3  # "Gaza", "Middle East", "Israel-Palestine conflict": tags and labels, not paragraphs
PULL_QUOTE_WORDS = (6, 60)
REPEAT_CHECK_LIMIT = 500  # paragraphs; beyond this a "page" is a dump, and quadratic checks are skipped
_UPDATED = re.compile(r"\b(?:updated|modified)\b", re.IGNORECASE)


@dataclass
class Page:
    """What a cleaner finds in one document, before it becomes an Article."""

    paragraphs: list[str] = field(default_factory=list)
    headline: str | None = None
    alt_headline: str | None = None
    standfirst: str | None = None
    published: str | None = None
    byline: str | None = None
    dateline: str | None = None
    outlet: str | None = None
    captions: list[str] = field(default_factory=list)


def normalise(text: str) -> str:
    """One kind of line break and of space; invisible characters and stray control codes gone."""
    text = _LINE_BREAKS.sub("\n", text).translate(_SPACES).translate(_INVISIBLE)
    return _CONTROLS.sub("", text)


def page_units(text: str) -> list[str]:
    """The page's lines as units: a hard-wrapped block becomes one unit, otherwise every line is one."""
    units = []
    for block in _BLANK_LINE.split(normalise(text)):
        block_lines = [" ".join(line.split()) for line in block.split("\n") if line.strip()]
        if _hard_wrapped(block_lines):
            units.append(" ".join(block_lines))
        else:
            units.extend(block_lines)
    return units


def _hard_wrapped(block_lines: list[str]) -> bool:
    """Lines cut at a fixed width mid-sentence (an e-mailed wire story), not one paragraph per line."""
    if len(block_lines) < 2:
        return False
    wrapped = block_lines[:-1]
    widest = max(len(line) for line in block_lines)
    if widest > 100 or any(len(line) < 0.6 * widest for line in wrapped):
        return False
    return sum(not lines.is_prose(line) for line in wrapped) >= 0.6 * len(wrapped)


def text_key(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


@dataclass
class _Unit:
    text: str
    kind: str  # furniture | marker | date | byline | caption | prose | title
    value: str | None = None  # the ISO date of a date line, the name in a byline


def _classify(text: str) -> _Unit:
    if lines.is_section_marker(text):
        return _Unit(text, "marker")
    if lines.is_furniture(text):
        return _Unit(text, "furniture")
    if iso := date_line(text):
        return _Unit(text, "date", iso)
    if name := lines.byline(text):
        return _Unit(text, "byline", name)
    if lines.is_caption(text):
        return _Unit(text, "caption")
    return _Unit(text, "prose" if lines.is_prose(text) else "title")


def clean_page(text: str) -> Page:
    units = [_classify(unit) for unit in page_units(text)]
    page = Page(published=_publication_date(units))
    body_start = _read_header(units, page)
    page.paragraphs = _read_body(units[body_start:], page)
    if not page.paragraphs and page.standfirst:
        page.paragraphs, page.standfirst = [page.standfirst], None
    if page.paragraphs:
        page.dateline, page.paragraphs[0] = lines.split_dateline(page.paragraphs[0])
    return page


def _publication_date(units: list[_Unit]) -> str | None:
    """The first date line that is not an "Updated ..." line, else the first date line."""
    dates = [unit for unit in units if unit.kind == "date"]
    first_published = next((unit for unit in dates if not _UPDATED.search(unit.text)), None)
    chosen = first_published or (dates[0] if dates else None)
    return chosen.value if chosen else None


def _read_header(units: list[_Unit], page: Page) -> int:
    """Fill the page's headline and metadata from the top of the page; return where the body starts."""
    headline_at = None
    for index, unit in enumerate(units):
        if _take_metadata(unit, page) or unit.kind in ("furniture", "marker"):
            continue
        if page.headline is None and _headline_shaped(unit.text):
            page.headline, headline_at = unit.text, index
            continue
        if unit.kind == "title":
            if (page.alt_headline is None and headline_at is not None and _next_content(units, headline_at) == index
                    and lines.word_count(unit.text) >= ALT_HEADLINE_MIN_WORDS
                    and text_key(unit.text) != text_key(page.headline or "")):
                page.alt_headline = unit.text
            continue
        opens_with_dateline = lines.split_dateline(unit.text)[0] is not None
        if (page.headline and page.standfirst is None and not opens_with_dateline
                and _metadata_follows(units, index)):
            page.standfirst = unit.text
            continue
        return index
    return len(units)


def _take_metadata(unit: _Unit, page: Page) -> bool:
    """Dates, bylines and captions are metadata wherever they appear; True when the unit was one of them."""
    if unit.kind == "date":
        pass  # chosen once all date lines are known, in _publication_date
    elif unit.kind == "byline":
        page.byline = page.byline or unit.value
    elif unit.kind == "caption":
        page.captions.append(unit.text)
    else:
        return False
    return True


def _headline_shaped(text: str) -> bool:
    low, high = HEADLINE_WORDS
    return low <= lines.word_count(text) <= high and not lines.ends_like_sentence(text)


def _next_content(units: list[_Unit], index: int) -> int | None:
    return next((i for i in range(index + 1, len(units)) if units[i].kind not in ("furniture", "marker")), None)


def _metadata_follows(units: list[_Unit], index: int) -> bool:
    """A standfirst sits above the date, byline or picture; the article's lead sits below them."""
    following = _next_content(units, index)
    return following is not None and units[following].kind in ("date", "byline", "caption")


def _read_body(units: list[_Unit], page: Page) -> list[str]:
    seen = {text_key(t) for t in (page.headline, page.alt_headline, page.standfirst) if t}
    paragraphs: list[str] = []
    in_teasers = False
    for unit in units:
        if _take_metadata(unit, page) or unit.kind == "furniture":
            continue
        if unit.kind == "marker":
            in_teasers = True
            continue
        key = text_key(unit.text)
        if key in seen:
            continue
        seen.add(key)
        if unit.kind == "title":
            if in_teasers or _is_label(unit.text):
                continue
        else:
            in_teasers = False
        paragraphs.append(unit.text)
    while paragraphs and not lines.is_prose(paragraphs[-1]):
        paragraphs.pop()  # tags, teasers and credits trail a page; the article ends with its last sentence
    return _without_pull_quotes(paragraphs)


def _is_label(text: str) -> bool:
    return lines.word_count(text) <= LABEL_MAX_WORDS and text[:1] not in lines.OPENING_QUOTES


def _without_pull_quotes(paragraphs: list[str]) -> list[str]:
    """Drop a short paragraph whose words also appear inside a longer one: a pull quote set in the page."""
    if len(paragraphs) > REPEAT_CHECK_LIMIT:
        return paragraphs
    keys = [text_key(p) for p in paragraphs]
    low, high = PULL_QUOTE_WORDS
    kept = []
    for index, paragraph in enumerate(paragraphs):
        key = keys[index]
        repeated = low <= len(key.split()) <= high and any(
            key in other and len(other) > len(key) for j, other in enumerate(keys) if j != index)
        if not repeated:
            kept.append(paragraph)
    return kept
