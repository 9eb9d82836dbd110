"""Attributions put together: quoted regions joined to the cue beside them (direct) or the clause holding them
(mixed), quotes continued across paragraphs, claims inside other claims dropped, quotes numbered.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from ...layout import layout
from ... import syntax
from ...lexicon import load_phrases
from ...model import Quote, Span
from ...offsets import GrowingSpans
from .attributions import adverb_attribution, noun_attribution, source_attribution, verb_attribution
from .cues import Attribution, cue_candidates
from .paragraphs import paragraph_starts, token_at
from .regions import MARKS, Region, quote_regions
from .speakers import speaker_between
from .transcripts import colon_leads, dash_credits, post_signatures, transcript_turns

NARRATOR_WORDS = set(load_phrases("speaker_narrator.txt"))
WRITER_VIEW_WORDS = set(load_phrases("speaker_writer_views.txt"))
# Words that may sit between a quote and its cue: '"...," Hamas official Osama Hamdan said'.
_MAX_GAP_TOKENS = 12


def extract_quotes(doc: Doc) -> list[Quote]:
    text = layout(doc).text
    if not text.strip():
        return []
    paragraphs = paragraph_starts(text)
    regions = quote_regions(text)
    found = [a for tok in cue_candidates(doc)
             for a in [verb_attribution(tok) or noun_attribution(tok) or source_attribution(tok)
                       or adverb_attribution(tok)] if a]
    found += (transcript_turns(doc, text, regions) + dash_credits(doc, text, regions)
              + post_signatures(doc, text, regions))
    for attribution in found:
        attribution.paragraph = bisect.bisect_right(paragraphs, attribution.cue.idx) - 1
    owners = _attach_regions(doc, text, found, regions)
    leads = colon_leads(doc, text, regions)
    owners.update({a.regions[0].start: a for a in leads})
    found = [a for a in found if not _narrator_speaks(text, a, regions)] + leads
    _continue_quotes(text, found, regions, paragraphs, owners)
    return numbered_quotes(text, _outermost([a for a in found if a.content], regions))


def _narrator_speaks(text: str, attribution: Attribution, regions: list[Region]) -> bool:
    """ "You never know", "we examine the record": the writer's own voice, unless someone is quoted saying it
    (the writer's beliefs, "we now know that ...", are kept as views)."""
    if attribution.kind != "indirect" or attribution.speaker is None:
        return False
    speaker = text[slice(*attribution.speaker)].lower()
    if speaker not in NARRATOR_WORDS or (attribution.claim == "belief" and speaker in WRITER_VIEW_WORDS):
        return False
    return not any(r.start <= attribution.cue.idx < r.end for r in regions)


def _attach_regions(doc: Doc, text: str, found: list[Attribution], regions: list[Region]) -> dict[int, Attribution]:
    """Quoted text becomes the content of the cue beside it, or marks a reported clause as mixed. Returns the
    attribution that took each quoted region, by the region's start."""
    by_cue = sorted(found, key=lambda a: a.cue.idx)
    cue_starts = [a.cue.idx for a in by_cue]
    owners = {r.start: a for a in found for r in a.regions}
    for before, region in zip([None, *regions], regions):
        if region.used:
            continue
        owner = _mixed_owner(region, by_cue, cue_starts)
        if owner is not None:
            owner.kind = "mixed" if owner.kind == "indirect" else owner.kind
            region.used = True
            owners[region.start] = owner
            continue
        continuing = region.continues and before is not None and before.start in owners
        owner = _adjacent_cue(text, region, by_cue, cue_starts, continuing)
        if owner is not None:
            owner.regions.append(region)
            region.used = True
            owners[region.start] = owner
    for attribution in found:
        if attribution.regions:
            attribution.kind = "direct"
            attribution.claim = "statement"  # quoted words are words, whatever the cue
            attribution.content = [(r.start, r.end) for r in attribution.regions]
            if attribution.speaker and any(r.start <= attribution.speaker[0] < r.end for r in attribution.regions):
                # spaCy took a word of the quote for the subject: '"... We will ...," Chief Jordan said'.
                attribution.speaker = speaker_between(doc, attribution)
    return owners


def _mixed_owner(region: Region, by_cue: list[Attribution], cue_starts: list[int]) -> Attribution | None:
    """The reported clause that holds this quoted fragment along with words of its own."""
    index = bisect.bisect_left(cue_starts, region.start)
    for attribution in by_cue[max(0, index - 3):index]:
        if attribution.regions or not attribution.content:
            continue
        start, end = attribution.content[0][0], attribution.content[-1][1]
        if start <= region.start and region.end <= end + 1 and (region.start - start) + (end - region.end) > 3:
            return attribution
    return None


def _adjacent_cue(text: str, region: Region, by_cue: list[Attribution], cue_starts: list[int],
                  continuing: bool = False) -> Attribution | None:
    """The cue just after the quote ('"...," she said') or just before it ('she said: "..."'). A region
    `continuing` a quote that has its cue looks only after itself: a cue before it is inside the quote."""
    index = bisect.bisect_left(cue_starts, region.end)
    if index < len(by_cue):
        after = by_cue[index]
        gap = text[region.end:after.cue.idx]
        closer = MARKS.match(gap)  # the quote's own closing mark, one or two characters
        rest = gap[closer.end() if closer else 1:]
        short = _short_gap(gap) or _subject_between(text, region, after)
        if "\n" not in gap and short and not MARKS.search(rest) and _fits(after, region):
            return after
    index = bisect.bisect_left(cue_starts, region.start)  # cues inside the quote are the speaker's own words
    if index > 0 and not continuing:
        before = by_cue[index - 1]
        gap = text[before.cue_end:region.start]
        on_line = "\n" not in gap or (region.opens_paragraph and re.fullmatch(r"\s*:\s*", gap))
        fits = _fits(before, region) or _addressed_before(text, before, region)
        beside = on_line and re.fullmatch(r"[^\w]*", _strip_speaker(gap, before)) and fits
        if before.cue.idx < region.start and (beside or (region.opens_paragraph and _introduces(gap, before))):
            return before
    return None


# The end of a paragraph that hands over to a quote in the next: "...:" or "...." then a line break and a mark.
_HANDOVER = re.compile(r"(?P<rest>[^\n]*?)[ \t\xa0]*(?P<end>[:.])[ \t\xa0]*\n\s*[\"“‘'«]*")


def _introduces(gap: str, attribution: Attribution) -> bool:
    """A cue whose sentence ends its paragraph with a colon introduces the quote that opens the next paragraph
    ('He then listed the qualities a nominee needs in 2016:\n\n"Has the candidate ...'), and so does a cue with
    nothing of its own to report that ends its paragraph ('In a statement on Friday, the ministry said.\n\n"...').
    """
    found = _HANDOVER.fullmatch(gap)
    if found is None or MARKS.search(found.group("rest")) or re.search(r"[.!?;]\s", found.group("rest")):
        return False
    if found.group("end") == ":":
        return not _finite_verb_between(attribution, attribution.cue_end + found.start("end"))
    return not attribution.content and re.fullmatch(r"[^\w]*", _strip_speaker(found.group("rest"), attribution))


def _short_gap(gap: str) -> bool:
    return len(gap.split()) <= _MAX_GAP_TOKENS and bool(re.match(r"[\s,.?!—–-]*[\"”’»]?[\s,.?!—–-]*", gap))


def _subject_between(text: str, region: Region, attribution: Attribution) -> bool:
    """ '“Very good reporter,” Trump, the 2016 GOP frontrunner and polling leader in South Carolina after winning
    the New Hampshire primary, said': however long, a gap that is the cue's own subject holds no other claim."""
    cue = attribution.cue
    subjects = [c for c in cue.children if c.dep_ in syntax.SUBJECT_DEPS and c.i < cue.i]
    if not subjects:
        return False
    subject = subjects[-1]  # spaCy may also take a word of the quote for a subject
    doc = cue.doc
    after_subject = doc[subject.right_edge.i + 1:cue.i]
    return (not re.search(r"\w", text[region.end:subject.left_edge.idx])
            and all(t.is_punct or t.pos_ == "ADV" for t in after_subject))


def _strip_speaker(gap: str, attribution: Attribution) -> str:
    """The gap between a cue and its quote may hold the speaker ("said Netanyahu:") or time words."""
    return re.sub(r"[\w’'.-]+", "", gap) if len(gap.split()) <= 4 else gap


def _fits(attribution: Attribution, region: Region) -> bool:
    """A cue whose parsed content lies outside the quote belongs to another claim."""
    if not attribution.content or attribution.regions:
        return True
    return any(start < region.end and region.start < end for start, end in attribution.content)


def _addressed_before(text: str, attribution: Attribution, region: Region) -> bool:
    """ 'he urged voters, “Look what I have delivered.”': the noun phrase parsed as the cue's content ends right
    before the quote, which is what was said."""
    if attribution.claim != "topic" or not attribution.content:
        return False
    return re.fullmatch(r"[\s,:—–-]*[\"“‘'«]?", text[attribution.content[-1][1]:region.start]) is not None


def _continue_quotes(text: str, found: list[Attribution], regions: list[Region], paragraphs: list[int],
                     owners: dict[int, Attribution]) -> None:
    """A quote with no cue of its own continues the speaker's quote before it: a paragraph that opens with a
    quote continues the previous paragraph's, '"...," the minister told reporters. "..."' is one quote, and so is
    a quote reopened without being closed ('According to him, “... reliable. “Here we are ...')."""
    direct = sorted((a for a in found if a.kind == "direct"), key=lambda a: a.cue.idx)
    direct_by_paragraph = {a.paragraph: a for a in direct}
    cue_starts = [a.cue.idx for a in direct]
    for before, region in zip([None, *regions], regions):
        paragraph = bisect.bisect_right(paragraphs, region.start) - 1
        if region.used:
            owner = owners.get(region.start)
            if owner is not None and owner.kind == "direct":
                # 'She said:\n\n"..."': the quote's paragraph, not the cue's, is the one the next may continue.
                direct_by_paragraph.setdefault(paragraph, owner)
            continue
        if region.continues and before is not None and before.start in owners:
            previous = owners[before.start]
        elif region.opens_paragraph:
            previous = direct_by_paragraph.get(paragraph - 1)
        else:
            index = bisect.bisect_left(cue_starts, region.start)
            previous = direct[index - 1] if index else None
            if previous is not None and not _next_sentence(text[previous.cue_end:region.start]):
                previous = None
        if previous is None:
            continue
        previous.content.append((region.start, region.end))
        region.used = True
        owners[region.start] = previous
        direct_by_paragraph[paragraph] = previous


def _next_sentence(gap: str) -> bool:
    """The rest of a cue's sentence, then a new sentence opening with the quote: ' told reporters. "'."""
    before_mark = gap.rstrip("\"“'‘« \t\xa0")
    return "\n" not in gap and len(gap.split()) <= _MAX_GAP_TOKENS and before_mark.endswith((".", "!", "?"))


def _outermost(found: list[Attribution], regions: list[Region]) -> list[Attribution]:
    """Drop attributions reported inside another one ('"I think we won," he said' is one claim, his).

    The widest claims are kept first, so two cues that each parse into the other's content keep the outer one.
    """
    quoted = sorted((r.start, r.end) for r in regions)
    quoted_starts = [start for start, _ in quoted]
    kept: list[Attribution] = []
    claimed = GrowingSpans()
    for a in sorted(found, key=lambda a: -sum(end - start for start, end in a.content)):
        own = set(a.content)
        index = bisect.bisect_right(quoted_starts, a.cue.idx)
        in_quote = any(start <= a.cue.idx < end and (start, end) not in own
                       for start, end in quoted[max(0, index - 40):index])
        if in_quote or claimed.holds(a.cue.idx):
            continue
        kept.append(a)
        # "Most voters say X, according to the poll" is the poll's claim: one source per claim, the outermost.
        for start, end in a.content:
            claimed.add(start, end)
    return kept


def _finite_verb_between(attribution: Attribution, end: int) -> bool:
    """ "She went on to share the website, which contains the following statement:": the colon opens the words of
    a later verb, not the cue's."""
    doc = attribution.cue.doc
    return any(t.tag_ in _FINITE_TAGS for t in doc[attribution.cue.i + 1:token_at(doc, end).i])


_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def quotes_and_views(quotes: list[Quote]) -> tuple[list[Quote], list[Quote]]:
    """The record's `quotes` (something said: `claim` "statement") and `views` (beliefs, noun-phrase topics and
    withheld speech). A reader of "who said what" counts "She said the talks failed", not "Protesters believe
    ...", "called for an emergency meeting" or "declined to say when"; PolNeAR annotates both, so the extraction
    keeps both and the record ships them apart."""
    said = [q for q in quotes if q.claim == "statement"]
    return said, [q for q in quotes if q.claim != "statement"]


def numbered_quotes(text: str, found: list[Attribution]) -> list[Quote]:
    found = [a for a in found if any(end > start for start, end in a.content)]
    found.sort(key=lambda a: min(start for start, end in a.content if end > start))
    quotes = []
    for n, a in enumerate(found, 1):
        content = [Span.of(text, s, e) for s, e in sorted(set(a.content)) if e > s]
        speaker = Span.of(text, *a.speaker) if a.speaker else None
        quotes.append(Quote(id=f"q{n}", kind=a.kind, content=content, cue=Span.of(text, a.cue.idx, a.cue_end),
                            speaker_mention=speaker, claim=a.claim))
    return quotes
