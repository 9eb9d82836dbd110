"""The learned figure category: its features, its training (reproducible, on a tiny composed set) and where the
pipeline lets it decide."""
from __future__ import annotations

import hashlib
import os

import pytest

from newsledger import nlp
from newsledger.extract.figures import category_model, extract_figures
from newsledger.extract.figures.counted import counted_noun
from newsledger.model import RawArticle
from newsledger.pipeline import clean_one
from newsledger.training import train


@pytest.fixture()
def model_mode(monkeypatch):
    """Run with NEWSLEDGER_FIGURE_CATEGORY_MODEL set, the once-per-process reading of it cleared around the test."""
    def use(mode: str) -> None:
        monkeypatch.setenv("NEWSLEDGER_FIGURE_CATEGORY_MODEL", mode)
        category_model.mode.cache_clear()

    yield use
    category_model.mode.cache_clear()


def figures_of(text: str):
    article = clean_one(RawArticle(source_path="test", text=text, published="2024-02-08"), verbatim=True)
    return extract_figures(nlp.parse(article.text), article, [], [])


def head_at(doc, word: str):
    return next(token for token in doc if token.text == word)


def test_features_name_the_counted_noun_the_predicate_and_the_words_around():
    doc = nlp.parse("Shares of the brewer fell 14 pence to 310 pence in London trading on Friday.")
    head = head_at(doc, "14")
    counted = counted_noun(head)
    words = category_model.features(head, counted)
    assert f"noun={counted.lemma_.lower()}" in words
    assert f"ending={counted.lemma_.lower()[-3:]}" in words
    assert "w=fall" in words and "w=to" in words
    assert "w=london" not in words  # beyond the window of four tokens
    assert not any(word.startswith("w=14") for word in words)  # the numeral itself is no context


TINY = [  # (feature words, category): currencies no list names, persons by their ending, and plain others
    (["noun=guilder", "ending=der", "numeral=MONEY", "w=gain", "w=million"], "money"),
    (["noun=pence", "ending=nce", "numeral=MONEY", "w=rise", "w=share"], "money"),
    (["noun=markka", "ending=kka", "numeral=MONEY", "w=inject", "w=million"], "money"),
    (["noun=classmate", "ending=ate", "numeral=CARDINAL", "w=apply", "w=visa"], "people"),
    (["noun=stranger", "ending=ger", "numeral=CARDINAL", "w=bring", "w=leaflet"], "people"),
    (["noun=nation", "ending=ion", "numeral=CARDINAL", "w=vote", "w=league"], "other"),
    (["noun=share", "ending=are", "numeral=CARDINAL", "w=own", "w=outstanding"], "other"),
    (["noun=bank", "ending=ank", "numeral=CARDINAL", "w=have", "w=asset"], "other"),
] * 3


def test_training_is_reproducible_and_learns_what_the_examples_teach():
    first, second = train(TINY, seed=7, epochs=8), train(TINY, seed=7, epochs=8)
    weights = [hashlib.sha1(c.get_pipe("textcat").to_bytes(exclude=["vocab"])).hexdigest() for c in (first, second)]
    assert weights[0] == weights[1]
    assert category_model.predict(first, ["noun=rupee", "numeral=MONEY", "w=million", "w=gain"]) == "money"
    assert category_model.predict(first, ["noun=country", "numeral=CARDINAL", "w=vote", "w=outstanding"]) == "other"


def test_the_fast_prediction_is_the_components_own():
    """`predict` scores without making a Doc; it must rank the categories as the textcat component does."""
    from spacy.tokens import Doc

    classifier = train(TINY, seed=3, epochs=4)
    textcat = classifier.get_pipe("textcat")
    for words in [w for w, _ in TINY[:8]] + [["noun=rupee", "numeral=MONEY", "w=gain", "w=gain"], ["noun=-"]]:
        cats = textcat(Doc(classifier.vocab, words=words)).cats
        assert category_model.predict(classifier, words) == max(cats, key=cats.__getitem__)


def test_fallback_names_a_currency_the_rules_do_not_know(model_mode):
    model_mode("fallback")
    [drop, close] = figures_of("Shares of the brewer fell 14 pence to 310 pence in London trading on Friday.")
    assert (drop.category, close.category) == ("money", "money")


def test_fallback_leaves_what_the_rules_decided(model_mode):
    text = "Police arrested 12 protesters and 40 percent of the shops stayed shut."
    model_mode("off")
    by_rules = [(f.number, f.category) for f in figures_of(text)]
    model_mode("fallback")
    assert [(f.number, f.category) for f in figures_of(text)] == by_rules
    assert ("12", "detained") in by_rules


def test_an_unknown_setting_is_a_one_line_error(model_mode):
    model_mode("sometimes")
    with pytest.raises(ValueError, match="NEWSLEDGER_FIGURE_CATEGORY_MODEL='sometimes' is not one of off, fallback"):
        category_model.mode()


@pytest.mark.shared
@pytest.mark.skipif(not os.environ.get("NEWSLEDGER_SLOW_TESTS"),
                    reason="retrains on the tune gold (25 s idle, minutes on a busy machine): NEWSLEDGER_SLOW_TESTS=1")
def test_the_shipped_weights_are_what_the_command_makes(shared_data, tmp_path):
    """Same data, same seed, same weights: a change to the features or the annotation needs a retrain."""
    from typer.testing import CliRunner

    from newsledger.cli import app

    result = CliRunner().invoke(app, ["train", "figure-category", str(shared_data / "aeb-dev"), "--out",
                                      str(tmp_path)])
    assert result.exit_code == 0, result.output
    made = (tmp_path / category_model.WEIGHTS_FILE).read_bytes()
    shipped = (category_model.WEIGHTS_DIR / category_model.WEIGHTS_FILE).read_bytes()
    assert made == shipped, "the shipped weights are stale: run `newsledger train figure-category`"
    assert "CC BY 3.0" in (tmp_path / "NOTICE.md").read_text(encoding="utf-8")
