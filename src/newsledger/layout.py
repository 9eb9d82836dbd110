"""One look at a parsed document that every extractor shares: its text and sentences.

spaCy's `doc.text` joins every token and `token.sent` walks the whole document on each call; an extractor that
asks either per token is quadratic. `layout(doc)` computes both once and keeps them on the Doc.
"""
from __future__ import annotations

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
        self.places = [e for e in doc.ents if e.label_ in ("GPE", "LOC")]

    def sentence(self, token: Token) -> SpacySpan:
        return self.sentences[self.sentence_of[token.i]]


def layout(doc: Doc) -> Layout:
    found = doc.user_data.get(_KEY)
    if found is None or len(found.sentence_of) != len(doc):
        found = doc.user_data[_KEY] = Layout(doc)
    return found
