"""newsledger as a library: one call from a text to its Record, or a stream of texts to a stream of Records.

    import newsledger
    record = newsledger.analyse(text, published="2024-02-08", outlet="Reuters")
    for record in newsledger.analyse_many(texts_or_dicts):
        ...

Each text goes through the same cleaner and the same declared steps (`pipeline.STEPS`) as `newsledger ingest`.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from . import nlp
from .ingest import ReadProblem
from .model import Article, RawArticle, Record
from .pipeline import analyse as analyse_parsed, analyse_articles, clean_one
from .settings import Settings

_FIELDS = ("text", "published", "url", "outlet", "headline")


class AnalysisError(ValueError):
    """An article that could not be analysed; `problem` says which and why."""

    def __init__(self, problem: ReadProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def analyse(text: str, *, published: str | None = None, url: str | None = None, outlet: str | None = None,
            headline: str | None = None, verbatim: bool = False, settings: Settings | None = None) -> Record:
    """The Record of one article's text. `published` (YYYY-MM-DD) anchors relative dates ("on Tuesday");
    `verbatim=True` keeps the text exactly as given instead of cleaning page furniture from it, so offsets index it;
    `settings` replaces the environment's (`Settings.from_env()`)."""
    article = _article({"text": text, "published": published, "url": url, "outlet": outlet, "headline": headline},
                       verbatim)
    with nlp.load().memory_zone():
        return analyse_parsed(article, nlp.parse(article.text), settings=settings)


def analyse_many(items: Iterable[str | Mapping[str, str | None]], *, published: str | None = None,
                 verbatim: bool = False, settings: Settings | None = None) -> Iterator[Record]:
    """Records for a stream of texts, or of dicts with "text" and optionally "published", "url", "outlet",
    "headline", in order; parsed in batches of `settings.batch_size`, one batch in memory at a time. `published`
    is the date of any item that gives none. An article that fails raises AnalysisError, naming it."""
    articles = (_article({"published": published, **({"text": item} if isinstance(item, str) else item)}, verbatim)
                for item in items)
    for result in analyse_articles(articles, settings=settings):
        if isinstance(result, ReadProblem):
            raise AnalysisError(result)
        yield result


def _article(fields: Mapping[str, str | None], verbatim: bool) -> Article:
    unknown = set(fields) - set(_FIELDS)
    if unknown:
        raise TypeError(f"unknown article field(s): {', '.join(sorted(unknown))} (expected {', '.join(_FIELDS)})")
    text = fields.get("text")
    if not isinstance(text, str):
        raise TypeError(f"an article's text must be a string, not {type(text).__name__}")
    source = fields.get("url") or "<text>"
    raw = RawArticle(source_path=source, text=text, url=fields.get("url"), published=fields.get("published"),
                     published_from="caller" if fields.get("published") else None, outlet=fields.get("outlet"),
                     headline=fields.get("headline"))
    return clean_one(raw, verbatim=verbatim)
