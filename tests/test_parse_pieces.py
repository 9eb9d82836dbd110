"""Long texts are parsed in pieces (nlp.pieces, at most budget.PARSE_CHUNK_CHARS each): the pieces must read as the
whole text does, away from the paragraphs on either side of a cut."""
from __future__ import annotations

import bisect

import pytest

from newsledger import budget, nlp

TOWNS = ["Ashford", "Brookvale", "Carrow", "Dunmere", "Eastwick", "Fenwick", "Glenholm", "Harlow"]
MONTHS = ["March", "April", "May"]


def report(n: int) -> str:
    """One live-blog entry of two paragraphs, different in its town, figures and date from its neighbours."""
    town = TOWNS[n % len(TOWNS)]
    return (f"Workers in {town} reopened the river bridge on Monday after {n + 2} weeks of repairs, the city council "
            f"said. The work cost ${n + 3}.{n % 10} million, according to Mayor Helen Ortiz.\n\n"
            f"\"The {town} crossing is safe again,\" Ortiz told reporters, adding that traffic would return to normal "
            f"by {MONTHS[n % 3]} {n % 27 + 1}.")


def reading(doc) -> list[tuple]:
    """What the engines read of each token: its span, sentence start, dependency, head and entity."""
    return [(t.idx, t.text, t.is_sent_start, t.dep_, t.head.idx, t.ent_iob_, t.ent_type_) for t in doc]


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(budget, "PARSE_CHUNK_CHARS", 4_000)


def test_each_piece_ends_at_a_paragraph_break_and_the_pieces_add_up_to_the_text(small_pieces):
    text = "\n\n".join(report(n) for n in range(60))
    found = nlp.pieces(text)
    assert len(found) > 3 and all(len(piece) <= 4_000 for piece in found)
    assert all(piece.endswith("\n\n") for piece in found[:-1])
    assert "".join(found) == text


def test_a_text_parsed_in_pieces_reads_as_it_does_whole_away_from_the_cuts(small_pieces):
    text = "\n\n".join(report(n) for n in range(60))
    whole = reading(nlp.load()(text))
    pieced = reading(nlp.parse(text))
    assert [token[:2] for token in pieced] == [token[:2] for token in whole]  # every offset kept

    cuts, at = set(), 0
    for piece in nlp.pieces(text)[:-1]:
        at += len(piece)
        cuts.add(at)
    paragraph_starts = [0] + [i + 2 for i in range(len(text)) if text.startswith("\n\n", i)] + [len(text)]

    def near_a_cut(offset: int) -> bool:
        # In the paragraph that ends at a cut or the one that starts there (the parser sees a text end or start).
        paragraph = bisect.bisect_right(paragraph_starts, offset) - 1
        return bool({paragraph_starts[paragraph], paragraph_starts[paragraph + 1]} & cuts)

    compared = [(w, p) for w, p in zip(whole, pieced) if not near_a_cut(w[0])]
    assert len(compared) > 0.8 * len(whole)
    assert [p for _, p in compared] == [w for w, _ in compared]
