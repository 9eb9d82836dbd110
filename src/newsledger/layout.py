"""One look at a parsed document that every extractor shares: its text, sentences, entities and token columns.

spaCy's `doc.text` joins every token, `token.sent` walks the whole document and `span.ents` builds every entity of
it on each call; an extractor that asks any of them per token is quadratic. `layout(doc)` computes them once and
keeps them on the Doc.

Each step through a Doc (`for token in doc`, `doc[i]`) builds a Token object, and each `token.pos_` looks its string
up again: an engine that looks at every word for the few it wants (reporting verbs, place prepositions) pays that
for the whole page. `column(doc, "POS")` reads one attribute of every token at once, from the Doc's arrays, so the
engine can pick its words from the columns and build Tokens for those alone.
"""
from __future__ import annotations

import bisect
import functools
import re

from spacy.tokens import Doc, Span as SpacySpan, Token

_KEY = "newsledger.layout"


class Layout:
    def __init__(self, doc: Doc) -> None:
        self.text = doc.text
        self.sentences = list(doc.sents)
        self.sentence_of: list[int] = []
        for n, sentence in enumerate(self.sentences):  # sentences tile the document, in order
            self.sentence_of.extend([n] * (sentence.end - sentence.start))
        self.entities = doc.ents
        self.places = [e for e in self.entities if e.label_ in ("GPE", "LOC")]
        self.columns: dict[str, list[str]] = {}

    def sentence(self, token: Token) -> SpacySpan:
        return self.sentences[self.sentence_of[token.i]]

    @functools.cached_property
    def _blank_lines(self) -> list[int]:
        return [m.start() for m in re.finditer(r"(?=\n\n)", self.text)]

    def blank_lines_around(self, offset: int) -> tuple[int, int]:
        """Where the last blank line ("\n\n") ending at or before `offset` starts, and the first one at or after it;
        -1 where there is none (what `text.rfind` and `text.find` give, without a walk to the text's end)."""
        at = bisect.bisect_left(self._blank_lines, offset)
        before = bisect.bisect_right(self._blank_lines, offset - 2) - 1
        return (self._blank_lines[before] if before >= 0 else -1,
                self._blank_lines[at] if at < len(self._blank_lines) else -1)

    @functools.cached_property
    def _entity_starts(self) -> list[int]:
        return [e.start for e in self.entities]

    def entities_in(self, span: SpacySpan) -> list[SpacySpan]:
        """The entities inside the span, as `span.ents` gives them; that builds every entity of the document on
        each call."""
        found = []
        for entity in self.entities[bisect.bisect_left(self._entity_starts, span.start):]:
            if entity.end > span.end:
                break
            found.append(entity)
        return found


def layout(doc: Doc) -> Layout:
    found = doc.user_data.get(_KEY)
    if found is None or len(found.sentence_of) != len(doc):
        found = doc.user_data[_KEY] = Layout(doc)
    return found


def column(doc: Doc, attribute: str) -> list[str]:
    """Every token's string value of a spaCy attribute ("POS", "TAG", "DEP", "LOWER", "LEMMA", "ENT_TYPE"), in
    token order: `column(doc, "POS")[i] == doc[i].pos_`."""
    columns = layout(doc).columns
    found = columns.get(attribute)
    if found is None:
        strings = doc.vocab.strings
        names: dict[int, str] = {}
        found = columns[attribute] = [names[key] if key in names else names.setdefault(key, strings[key])
                                      for key in doc.to_array(attribute).tolist()]
    return found
