"""A learned figure category: a spaCy text classifier over the counted noun and its context, for the figures the
rules leave as "other" because no list knows what they count ("rounds" of ammunition, "150 residents").

The classifier (a bag-of-features `textcat`, one exclusive class per category of ../shared/specs/figures.md) reads
a handful of feature words made from the parse: the counted noun's lemma, entity type and tag, the numeral's
dependency, the predicate words the rules read (`counted._predicate_words`), and the lemmas a few tokens either
side. Its weights (`extract/data/figure_category/`, terms in NOTICE.md beside them) are learned only from the
project's own annotation (the tune halves of the real-article gold and of our TimeBank figure categories) by
`newsledger train figure-category`; they load once per process with the first figure they are asked about, and
nothing is downloaded.

Setting `figure_category_model` (env NEWSLEDGER_FIGURE_CATEGORY_MODEL), read once per process: "fallback" (the
default: the model decides only where the rules say "other" and no unit is attached; measured in
docs/wave4-train.md, it fixes unknown currencies on held-out text and changes nothing on the real-article check
split), "off" (the rules alone), "alone" (the model decides every figure; for measuring only, it is far worse).
"""
from __future__ import annotations

import functools
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Token
from thinc.api import Model

from ...settings import Settings
from .counted import _predicate_words, noun_kind

CATEGORIES = ("killed", "injured", "missing", "hostages", "detained", "displaced", "people", "military", "aid",
              "money", "infrastructure", "other")
MODES = ("off", "fallback", "alone")
WEIGHTS_DIR = Path(__file__).resolve().parents[1] / "data" / "figure_category"
WEIGHTS_FILE = "textcat.bin"
CONFIG_FILE = "config.cfg"
# Tokens either side of the numeral, within its sentence: "killing [two soldiers and wounding] three" ends in reach.
WINDOW = 4
# Signs that say what a number measures although spaCy calls them punctuation.
_KEPT_PUNCT = frozenset("$€£¥₹%")


def features(head: Token, counted: Token | None) -> list[str]:
    """The feature words of one figure: what it counts, how it hangs in the parse, and the words around it."""
    # spaCy's entity type of the numeral (MONEY, QUANTITY, PERCENT, CARDINAL) knows currencies no list names.
    words = [f"dep={head.dep_}", f"numeral={head.ent_type_ or '-'}"]
    if counted is None:
        words.append("noun=-")
    else:
        lemma = counted.lemma_.lower()
        # The ending generalises over nouns never seen: "-ers", "-ants", "-ists" count persons.
        words += [f"noun={lemma}", f"ending={lemma[-3:]}", f"ent={counted.ent_type_ or '-'}", f"tag={counted.tag_}"]
    words += [f"pred={word}" for word in _predicate_words(head, counted)]
    sentence = head.sent
    for token in head.doc[max(sentence.start, head.i - WINDOW):min(sentence.end, head.i + WINDOW + 1)]:
        if token.i != head.i and (not token.is_punct or token.text in _KEPT_PUNCT):
            words.append(f"w={token.lemma_.lower()}")
    return words


def config_text(seed: int) -> str:
    """The spaCy config of the classifier: a bag of features with one exclusive class per category."""
    return f"""
[system]
seed = {seed}

[nlp]
lang = "en"
pipeline = ["textcat"]

[components]

[components.textcat]
factory = "textcat"
threshold = 0.0

[components.textcat.model]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = true
ngram_size = 1
no_output_layer = false
length = 16384
"""


def blank_classifier(config: str) -> Language:
    """An untrained classifier with every category as a label."""
    from spacy.util import load_config_from_str, load_model_from_config

    classifier = load_model_from_config(load_config_from_str(config), auto_fill=True, validate=True)
    textcat = classifier.get_pipe("textcat")
    for category in CATEGORIES:
        textcat.add_label(category)
    return classifier


@functools.lru_cache(maxsize=1)
def load_classifier(weights_dir: Path = WEIGHTS_DIR) -> Language:
    """The shipped classifier, loaded once per process."""
    weights = weights_dir / WEIGHTS_FILE
    if not weights.is_file():
        raise FileNotFoundError(f"{weights} not found: run `newsledger train figure-category` to make it")
    classifier = blank_classifier((weights_dir / CONFIG_FILE).read_text(encoding="utf-8"))
    classifier.initialize()
    classifier.get_pipe("textcat").from_bytes(weights.read_bytes(), exclude=["vocab"])
    return classifier


def predict(classifier: Language, words: list[str]) -> str:
    """The most likely category. The scores are what the textcat's model computes (each distinct feature word's
    hash, counted, into its sparse linear layer; the softmax keeps the order, so it is left out), without making
    a Doc: a fifth of the cost of calling the component."""
    textcat = classifier.get_pipe("textcat")
    keys, counts = numpy.unique(numpy.fromiter((hash_string(word) for word in words), dtype=numpy.uint64,
                                               count=len(words)), return_counts=True)
    scores = _linear_layer(textcat.model).predict((keys, counts.astype(numpy.float32),
                                                   numpy.array([len(keys)], dtype=numpy.int32)))
    return textcat.labels[int(scores[0].argmax())]


@functools.lru_cache(maxsize=4)
def _linear_layer(model: Model) -> Model:
    return next(layer for layer in model.walk() if layer.name == "sparse_linear")


def _named_by_rules(counted: Token | None) -> bool:
    """A noun the tables class is decided: "18 of 24 animal deaths" are other, not killed, whatever the words
    around say."""
    return counted is not None and noun_kind(counted)[0] is not None


@functools.lru_cache(maxsize=1)
def mode() -> str:
    chosen = Settings.from_env().figure_category_model
    if chosen not in MODES:
        raise ValueError(f"NEWSLEDGER_FIGURE_CATEGORY_MODEL={chosen!r} is not one of {', '.join(MODES)}")
    return chosen


def decide(rule_category: str, unit: str | None, head: Token, counted: Token | None) -> str:
    """The category of one figure: the rules', or the model's where the setting lets it decide."""
    chosen = mode()
    if chosen == "off" or (chosen == "fallback" and (rule_category != "other" or unit is not None
                                                     or _named_by_rules(counted))):
        return rule_category
    return predict(load_classifier(), features(head, counted))
