"""Attributions from the layout of transcripts and vox pops: "PENCE: ..." turns, "Sanders: ..." headlines,
quotes signed "― Name", embedded posts signed "— Name (@handle) November 18, 2019", and a quote a colon hands to
the person its lead-in names.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ...layout import layout

from ...lexicon import load_phrases
from .cues import Attribution
from .paragraphs import token_at
from .regions import OPENERS, Region, trimmed

NOT_SPEAKERS = set(load_phrases("cues_not_speakers.tsv"))
# "PENCE: Well, look ...", "Sanders: Clinton needs to ...": up to four capitalised words, a colon, then the words.
# A newsletter item credits its quote after a dash: 'POLLS MISSED LATE DECIDERS - Jane Smith: “...”'.
_TURN = re.compile(r"(?m)(?:^[ \t]*[\"“”']?[ \t]*|(?P<dash>(?<=\S)[ \t]+(?:[-—–]|--)[ \t]+))"
                   r"(?P<label>(?:[A-Z][\w.’'-]*[ \t]+){0,3}[A-Z][\w.’'-]*)[ \t]*(?P<colon>:)[ \t]+(?=\S)")
# '"We deserve better." ― Maria Lopez': a quote signed with a dash and a name that ends its line, or on a line of
# its own, where a hyphen serves as the dash ('"... pay zero taxes."\n\n- Sanders.').
# An embedded post's signature line: "— Rep. Ilhan Omar (@Ilhan) November 19, 2019" under the post's text.
_POST_SIGNATURE = re.compile(r"(?m)^[ \t\xa0]*(?P<dash>[―—–-]|--)[ \t\xa0]*(?P<name>[^\n(@]{2,60}?)[ \t\xa0]*"
                             r"\(@\w{1,30}\)[^\n]{0,40}$")
_DASH_CREDIT = re.compile(r"[\"”’.,]*(?:[ \t\xa0]*(?P<dash>[―—–]|--)|[ \t\xa0]*\n\s*(?P<line_dash>[-―—–]|--))[ \t\xa0]*"
                          r"(?P<name>[A-Z][^\n]{1,60}?)[ \t\xa0.]*(?=\n|$)")
# A signature on a line of its own is a name, not a bulleted sentence ("- The senator voted against it").
_SIGNATURE_WORDS = 6


def transcript_turns(doc: Doc, text: str, regions: list[Region]) -> list[Attribution]:
    """Transcript turns and headline credits: a line that opens with a name and a colon ("PENCE: Well, ...",
    "Sanders: Clinton needs to ...") is that speaker's."""
    found = []
    for line in _TURN.finditer(text):
        label, colon = line.span("label"), line.start("colon")
        name = " ".join(text[label[0]:label[1]].split())
        if any(ch.isdigit() for ch in name) or name.lower() in NOT_SPEAKERS or not _names(doc, *label):
            continue
        if line.group("dash") and text[line.end():line.end() + 1] not in OPENERS:
            continue  # after a dash, only a name that opens a quotation credits it
        content = (line.end(), text.find("\n", line.end()) % (len(text) + 1))
        for region in regions:
            # '"PENCE: ...' in a transcript set in quotation marks: the quote is what follows the colon.
            if region.start <= label[0] < region.end:
                region.start, region.used = content[0], True
        cue = token_at(doc, colon)
        found.append(Attribution(cue, colon + 1, "direct", [trimmed(text, *content)], label))
    return found


def _names(doc: Doc, start: int, end: int) -> bool:
    """Whether the words before a colon name someone ("Rush Limbaugh", "PENCE") rather than head a section
    ("The Gap Goes On")."""
    tokens = [t for t in doc[token_at(doc, start).i:token_at(doc, end - 1).i + 1] if not t.is_punct]
    return bool(tokens) and all(t.pos_ in ("PROPN", "NOUN") for t in tokens)


def dash_credits(doc: Doc, text: str, regions: list[Region]) -> list[Attribution]:
    """A quote signed at the end of its line: '"We deserve better." ― Maria Lopez'."""
    found = []
    for region in regions:
        signature = _DASH_CREDIT.match(text, region.end)
        if signature is None or region.used:
            continue
        dash = "dash" if signature.group("dash") else "line_dash"
        if dash == "line_dash" and len(signature.group("name").split()) > _SIGNATURE_WORDS:
            continue
        region.used = True
        cue = token_at(doc, signature.start(dash))
        found.append(Attribution(cue, signature.end(dash), "direct", [(region.start, region.end)],
                                  signature.span("name"), regions=[region]))
    return found


# A post is short (a tweet holds 280 characters): the lines above a signature that may still be the post's.
_POST_CHARS = 320


def _post_start(text: str, end: int) -> int:
    """Where the post above a signature begins: its last line, and the lines above it up to a blank line while
    they fit a post ('Hey Twitter, the point of this campaign is awareness. #MethWeAreOnIt\n⬇️ https://t.co/x'
    is one post, its text on the first line)."""
    start = text.rfind("\n", 0, end) + 1
    while start > 0:
        above = text.rfind("\n", 0, start - 1) + 1
        line = text[above:start - 1]
        if not line.strip() or end - above > _POST_CHARS:
            break
        start = above
    return start


def post_signatures(doc: Doc, text: str, regions: list[Region]) -> list[Attribution]:
    """An embedded post: the paragraph above a signature line "— Name (@handle) date" is the named account's."""
    found = []
    for signature in _POST_SIGNATURE.finditer(text):
        above = text.rfind("\n", 0, signature.start())
        paragraph_end = len(text[:above].rstrip())
        paragraph_start = _post_start(text, paragraph_end)
        start, end = trimmed(text, paragraph_start, paragraph_end)
        if not any(ch.isalpha() for ch in text[start:end]) or _POST_SIGNATURE.match(text, paragraph_start):
            continue
        for region in regions:
            if start <= region.start and region.end <= end:
                region.used = True  # quoted words inside the post are the post's
        cue = token_at(doc, signature.start("dash"))
        name_start, name_end = signature.span("name")
        found.append(Attribution(cue, signature.end("dash"), "direct", [(start, end)], (name_start, name_end)))
    return found


_PERSONAL = {"he", "she", "they"}
_SPEAKER_TYPES = {"PERSON", "ORG"}
_DOUBLE_MARKS = set("“”\"«»")


def colon_leads(doc: Doc, text: str, regions: list[Region]) -> list[Attribution]:
    """A quote that no cue took, introduced by a colon: the lead-in's subject, if it names someone, or else the last
    person it names, is the speaker ("In a Fox interview later that day, Trump went even further: “If he ...”", "The
    timing doesn't surprise Republican pollster Daron Shaw: “Historically, ...”")."""
    found = []
    for region in regions:
        if region.used:
            continue
        window = max(0, region.start - 8)  # the colon and the opening mark, read from a few characters only
        lead = text[window:region.start].rstrip(" \t\xa0\"“‘'«")
        if not lead.endswith(":"):
            continue
        colon = window + len(lead) - 1
        cue = token_at(doc, colon)
        speaker = _lead_speaker(cue)
        if speaker is None:
            continue
        region.used = True
        found.append(Attribution(cue, colon + 1, "direct", [(region.start, region.end)], speaker, regions=[region]))
    return found


def _lead_speaker(colon: Token) -> tuple[int, int] | None:
    before = [t for t in layout(colon.doc).sentence(colon) if t.i < colon.i]
    if any(_DOUBLE_MARKS.intersection(t.text) for t in before):
        return None  # a lead-in holding a quote of its own
    # The subject of the lead-in's verb: spaCy may make the quote the sentence's root and the lead-in its clause.
    subjects = [t for t in before if t.dep_ == "nsubj" and t.head.i < colon.i]
    subject = subjects[-1] if subjects else None
    if subject is not None and (subject.ent_type_ in _SPEAKER_TYPES or subject.lower_ in _PERSONAL):
        return _entity_range(subject)
    people = [t for t in before if t.ent_type_ == "PERSON"]
    return _entity_range(people[-1]) if people else None


def _entity_range(tok: Token) -> tuple[int, int]:
    """The named entity a token is part of ("Daron Shaw" for "Shaw"), or the token alone."""
    doc = tok.doc
    first = last = tok.i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return doc[first].idx, doc[last].idx + len(doc[last].text)
