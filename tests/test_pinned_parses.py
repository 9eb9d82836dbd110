"""Rules on pinned parses: each Doc is built with its words, heads and labels given (as spaCy's own tests build
them), so these tests check the rules themselves and break only when a rule changes, not when the model does."""
from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from newsledger import syntax, timex
from newsledger.extract.events import extract_events
from newsledger.extract.figures import extract_figures
from newsledger.extract.quotes.frames import complement
from newsledger.extract.times import extract_times
from newsledger.model import Article
from newsledger.offsets import SpanIndex

VOCAB = English().vocab


def pinned(rows: str, ents: list[str] | None = None) -> Doc:
    """One token a line: word, head index, dependency label, coarse tag, fine tag, lemma."""
    table = [line.split() for line in rows.strip().splitlines()]
    words, heads, deps, pos, tags, lemmas = (list(column) for column in zip(*table))
    spaces = [i + 1 < len(words) and words[i + 1] not in (".", ",") for i in range(len(words))]
    return Doc(VOCAB, words=words, spaces=spaces, heads=[int(h) for h in heads], deps=deps, pos=pos, tags=tags,
               lemmas=lemmas, ents=ents)


def article_for(doc: Doc, published: str = "2024-02-08") -> Article:
    return Article(id=Article.id_for(doc.text), source_path="pinned", text=doc.text, published=published)


CURFEW = pinned("""
A 1 det DET DT a
curfew 3 nsubjpass NOUN NN curfew
was 3 auxpass AUX VBD be
imposed 3 ROOT VERB VBN impose
by 3 agent ADP IN by
the 6 det DET DT the
army 4 pobj NOUN NN army
. 3 punct PUNCT . .
""")

TOLL = pinned("""
The 1 det DET DT the
ministry 2 nsubj NOUN NN ministry
said 2 ROOT VERB VBD say
27 4 nummod NUM CD 27
people 6 nsubjpass NOUN NNS people
were 6 auxpass AUX VBD be
killed 2 ccomp VERB VBN kill
. 2 punct PUNCT . .
""")


def test_lemma_fixes_the_models_known_slips():
    hopes = pinned("She 1 nsubj PRON PRP she\nhopes 1 ROOT VERB VBZ hop")
    assert hopes[1].lemma_ == "hop" and syntax.lemma(hopes[1]) == "hope"


def test_a_passive_verb_and_its_agent():
    imposed = CURFEW[3]
    assert syntax.is_passive(imposed) and syntax.passive_agent(imposed).text == "army"
    assert not syntax.is_passive(TOLL[2])


def test_a_participle_shares_the_subject_of_the_verb_it_hangs_from():
    doc = pinned("""
Adelson 1 nsubj PROPN NNP Adelson
declared 1 ROOT VERB VBD declare
victory 1 dobj NOUN NN victory
, 1 punct PUNCT , ,
recalling 1 advcl VERB VBG recall
the 6 det DET DT the
race 4 dobj NOUN NN race
""")
    assert syntax.shared_subject(doc[4]).text == "Adelson"
    assert syntax.shared_subject(doc[6]) is None  # an object is no clause link


def test_a_phrase_ends_before_the_first_dependent_that_stops_it():
    doc = pinned("""
the 1 det DET DT the
ministry 4 nsubj NOUN NN ministry
in 1 prep ADP IN in
Gaza 2 pobj PROPN NNP Gaza
said 4 ROOT VERB VBD say
""")
    assert syntax.phrase_end(doc[1], lambda child: False) == 3
    assert syntax.phrase_end(doc[1], lambda child: child.dep_ == "prep") == 1


URGED = """
She 1 nsubj PRON PRP she
urged 1 ROOT VERB VBD urge
them 1 dobj PRON PRP they
to 4 aux PART TO to
leave 1 xcomp VERB VB leave
. 1 punct PUNCT . .
"""
SAID = """
Officials 1 nsubj NOUN NNS official
said 1 ROOT VERB VBD say
the 3 det DET DT the
talks 4 nsubj NOUN NNS talk
failed 1 ccomp VERB VBD fail
. 1 punct PUNCT . .
"""


@pytest.mark.parametrize("rows, frame, said", [(URGED, "infinitive", "them to leave"),
                                               (SAID, "clause", "the talks failed")])
def test_a_frame_reads_what_was_said_from_the_cues_dependents(rows, frame, said):
    doc = pinned(rows)
    [(start, end)], names_only = complement(doc[1], {frame})
    assert doc.text[start:end] == said and not names_only
    assert complement(doc[1], {"predicate"}) == (None, False)  # no frame reader of this cue finds anything


def test_a_count_of_people_killed_is_credited_to_the_subject_of_the_reporting_verb():
    figure, = extract_figures(TOLL, article_for(TOLL), [], [])
    assert (figure.value, figure.category, figure.unit) == (27, "killed", "people")
    assert figure.source.text == "The ministry" and figure.as_of == "2024-02-08"


@pytest.mark.parametrize("verb, tag, expected", [("resume", "VBP", "2024-02-14"), ("resumed", "VBD", "2024-02-07")])
def test_an_open_weekday_takes_its_direction_from_the_verbs_tense(verb, tag, expected):
    doc = pinned(f"""
talks 1 nsubj NOUN NNS talk
{verb} 1 ROOT VERB {tag} resume
Wednesday 1 npadvmod PROPN NNP Wednesday
""", ents=["O", "O", "B-DATE"])
    assert [t.value for t in extract_times(doc, "2024-02-08")] == [expected]  # 8 February 2024 is a Thursday


def test_an_event_verb_takes_its_subject_as_actor_and_object_as_target():
    doc = pinned("""
Troops 1 nsubj NOUN NNS troop
shelled 1 ROOT VERB VBD shell
the 3 det DET DT the
town 1 dobj NOUN NN town
. 1 punct PUNCT . .
""")
    event, = extract_events(doc, article_for(doc), [], [])
    assert event.type == "ASSAULT" and event.actor_mention.text == "Troops" and event.target_mention.text == "the town"


def test_timex_reads_days_months_and_years_back():
    assert timex.day("2024-03-05T14:00").isoformat() == "2024-03-05"
    assert timex.iso_day("19980227") == "1998-02-27"  # TimeML's compact creation time
    assert timex.day("2024-03-05T14:00", exact=True) is None and timex.day("2024-02-30") is None
    assert timex.last_day("2024-02").isoformat() == "2024-02-29" and timex.last_day("2023").isoformat() == "2023-12-31"
    assert timex.calendar_parts("2024-03") == (2024, 3, None) and timex.calendar_parts("PAST_REF") is None


def test_span_index_finds_what_overlaps_holds_or_starts_in_a_range():
    index = SpanIndex([(0, 100, "long"), (10, 20, "a"), (30, 40, "b"), (35, 36, "c")])
    assert index.overlapping(15, 32) == ["long", "a", "b"]
    assert index.holding(35, 36) == ["long", "b", "c"]
    assert index.starting_in(10, 35) == ["a", "b"] and len(index) == 4
