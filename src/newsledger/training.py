"""`newsledger train figure-category`: learn the figure-category classifier (extract/figures/category_model.py) on
CPU with spaCy's own training loop, reproducibly (one seed fixes the shuffles and the initial weights); and
`newsledger eval figure-categories`, which scores the categories on the held-out TimeBank half.

Training data: only the project's own annotation, and only tune splits: the figure records of the real-article
gold (`eval/data/realnews`, standoff into the aeb-dev texts in ../shared, MIT) and our categories of figures in
the TimeBank/AQUAINT tune documents (`eval/data/figure-categories/timebank-tune.jsonl`; TimeBank annotations
CC BY 3.0). The figure-only GeoWebNews articles (GPL-3.0), PolNeAR, figures-dev and every check split are left
out, so the check splits keep measuring text the model never saw (terms in NOTICE.md beside the weights). Each
figure's numeral is found in the parse and read with the same `features` the pipeline uses.
"""
from __future__ import annotations

import random
from pathlib import Path

import typer

from . import nlp
from .eval import figure_categories
from .eval import figures as figure_scoring
from .eval import realnews
from .extract.figures.category_model import (CATEGORIES, CONFIG_FILE, WEIGHTS_DIR, WEIGHTS_FILE, blank_classifier,
                                             config_text, features)
from .extract.figures.counted import counted_noun

DEFAULT_TEXTS = figure_scoring.SHARED_DATA / "aeb-dev"
TIMEBANK_CATEGORIES = realnews.GOLD_DIR.parent / "figure-categories" / "timebank-tune.jsonl"
SEED = 18
EPOCHS = 20
BATCH = 8
NOTICE = """# Figure-category classifier weights

`textcat.bin` and `config.cfg` are made by `newsledger train figure-category` (seed {seed}, {epochs} epochs,
spaCy {spacy_version}) from {examples} figure categories, all of them the newsledger team's own annotation and all
from tune splits:

- the real-article gold (`src/newsledger/eval/data/realnews/*.json` with `"split": "tune"`), read against the
  article bodies of the ScrapingHub article-extraction benchmark (aeb-dev; MIT licence, Copyright (c) 2020
  Scrapinghub);
- our categories of figures in the TimeBank/AQUAINT documents of the tune split
  (`src/newsledger/eval/data/figure-categories/timebank-tune.jsonl`), read against the TempEval-3 release of
  TimeBank and AQUAINT (annotations CC BY 3.0: UzZaman et al., TempEval-3, SemEval 2013).

No PolNeAR (no licence stated), figures-dev (WikiEvents; no licence stated) or GeoWebNews (GPL-3.0) text or
annotation is used, and no check split. The weights are hashed feature weights: they hold no text and no
vocabulary.
"""


def gold_examples(texts: str | Path, split: str = "tune") -> list[tuple[list[str], str]]:
    """(feature words, gold category) for every figure of the aeb-dev articles of one split of the gold."""
    articles = [a for a in realnews.load(texts, split) if a.gold["provenance"]["file"].startswith("aeb-dev")]
    numerals = [[tuple(record["number"]) + (record["category"],) for record in a.gold["figures"]] for a in articles]
    return _examples([a.text for a in articles], numerals)


def timebank_examples(records_file: Path = TIMEBANK_CATEGORIES) -> list[tuple[list[str], str]]:
    """(feature words, category) for the figures of our TimeBank category annotation (tune half)."""
    annotated = figure_categories.documents(records_file)
    numerals = [[figure_scoring.numeral_range(r["start"], r["text"], r["number"]) + (r["category"],) for r in records]
                for _, records in annotated]
    return _examples([doc_info["text"] for doc_info, _ in annotated], numerals)


def _examples(texts: list[str], numerals: list[list[tuple[int, int, str]]]) -> list[tuple[list[str], str]]:
    """Each (start, end, category) numeral found in its text's parse and read as the pipeline reads it."""
    examples = []
    for doc, found in zip(nlp.parse_many(texts), numerals):
        for start, end, category in found:
            head = doc.char_span(start, end, alignment_mode="expand")[-1]
            examples.append((features(head, counted_noun(head)), category))
    return examples


def train(examples: list[tuple[list[str], str]], seed: int = SEED, epochs: int = EPOCHS):
    """The classifier trained on the examples: spaCy's `initialize` and `update`, one fixed seed."""
    from spacy.tokens import Doc
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    classifier = blank_classifier(config_text(seed))
    data = [Example.from_dict(Doc(classifier.vocab, words=words),
                              {"cats": {c: float(c == category) for c in CATEGORIES}})
            for words, category in examples]
    optimizer = classifier.initialize(lambda: data)
    shuffle = random.Random(seed)
    for _ in range(epochs):
        shuffle.shuffle(data)
        for batch in minibatch(data, size=BATCH):
            classifier.update(batch, sgd=optimizer)
    return classifier


def save(classifier, examples: int, out: Path = WEIGHTS_DIR, epochs: int = EPOCHS, seed: int = SEED) -> None:
    import spacy

    out.mkdir(parents=True, exist_ok=True)
    (out / WEIGHTS_FILE).write_bytes(classifier.get_pipe("textcat").to_bytes(exclude=["vocab"]))
    (out / CONFIG_FILE).write_text(classifier.config.to_str(), encoding="utf-8")
    (out / "NOTICE.md").write_text(NOTICE.format(seed=seed, epochs=epochs, spacy_version=spacy.__version__,
                                                 examples=examples), encoding="utf-8")


def register(app: typer.Typer, eval_app: typer.Typer, run_eval) -> None:
    train_app = typer.Typer(help="Train the learned components on the project's own annotation (CPU).",
                            no_args_is_help=True)
    app.add_typer(train_app, name="train")

    @train_app.command("figure-category")
    def figure_category(texts: str = typer.Argument(str(DEFAULT_TEXTS), help="The aeb-dev folder in ../shared."),
                        out: Path = typer.Option(WEIGHTS_DIR, help="Where the weights go (default: shipped)."),
                        epochs: int = typer.Option(EPOCHS), seed: int = typer.Option(SEED)) -> None:
        """The figure-category classifier from our tune annotation (real articles, TimeBank); same seed, same weights."""
        try:
            examples = gold_examples(texts) + timebank_examples()
        except (FileNotFoundError, ValueError) as problem:  # no ../shared, or a gold span that moved: one line
            typer.echo(f"error: {problem}", err=True)
            raise typer.Exit(1) from None
        save(train(examples, seed, epochs), len(examples), out, epochs, seed)
        typer.echo(f"trained on {len(examples)} figures (tune split), {epochs} epochs, seed {seed}: {out}")

    @eval_app.command("figure-categories")
    def eval_figure_categories(path: str = typer.Argument(str(figure_categories.CHECK), help="A category JSONL."),
                               as_json: bool = typer.Option(False, "--json")) -> None:
        """Figure categories on our held-out TimeBank half (set NEWSLEDGER_FIGURE_CATEGORY_MODEL to compare)."""
        run_eval("figure_categories", path, as_json)
