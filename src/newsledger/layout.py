"""One look at a parsed document that every extractor shares: its text, its sentences and its token columns.

spaCy's `doc.text` joins every token and `token.sent` walks the whole document on each call; an extractor that
asks either per token is quadratic. `layout(doc)` computes both once and keeps them on the Doc.

Each step through a Doc (`for token in doc`, `doc[i]`) builds a Token object, and each `token.pos_` looks its string
up again: an engine that looks at every word for the few it wants (reporting verbs, place prepositions) pays that
for the whole page. `column(doc, "POS")` reads one attribute of every token at once, from the Doc's arrays, so the
engine can pick its words from the columns and build Tokens for those alone.
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
        self.columns: dict[str, list[str]] = {}

    def sentence(self, token: Token) -> SpacySpan:
        return self.sentences[self.sentence_of[token.i]]


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
