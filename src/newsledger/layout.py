"""One look at a parsed document that every extractor shares: its text, sentences and entities.

spaCy's `doc.text` joins every token, `token.sent` walks the whole document and `span.ents` builds every entity of
it on each call; an extractor that asks any of them per token is quadratic. `layout(doc)` computes them once and
keeps them on the Doc.
"""
from __future__ import annotations

import bisect
import functools

from spacy.tokens import Doc, Span as SpacySpan, Token

_KEY = "newsledger.layout"


class Layout:
    def __init__(self, doc: Doc) -> None:
        self.text = doc.text
        self.sentences = list(doc.sents)
        self.sentence_of = [0] * len(doc)
        for n, sentence in enumerate(self.sentences):
            for i in range(sentence.start, sentence.end):
                self.sentence_of[i] = n
        self.entities = doc.ents
        self.places = [e for e in self.entities if e.label_ in ("GPE", "LOC")]

    def sentence(self, token: Token) -> SpacySpan:
        return self.sentences[self.sentence_of[token.i]]

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
