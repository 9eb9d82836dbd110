"""A readable terminal view of one record: the body with its spans highlighted, then the records as tables."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Record

SPEAKER_COLOURS = ("green", "blue", "magenta", "cyan", "yellow", "bright_red", "bright_green", "bright_blue")


def render_record(console: Console, record: Record) -> None:
    article = record.article
    meta = " · ".join(x for x in (article.outlet, article.published, article.byline, article.dateline, article.id) if x)
    console.print(Panel(Text(article.headline or article.source_path, style="bold"), subtitle=Text(meta), expand=False))
    if article.standfirst:
        console.print(Text(article.standfirst, style="italic"))
    console.print(highlighted_body(record))
    console.print()
    _tables(console, record)


def highlighted_body(record: Record) -> Text:
    body = Text(record.article.text)
    speakers: dict[str, str] = {}
    for quote in record.quotes:
        key = quote.speaker.entity if quote.speaker else (quote.speaker_mention.text if quote.speaker_mention else "?")
        colour = speakers.setdefault(key, SPEAKER_COLOURS[len(speakers) % len(SPEAKER_COLOURS)])
        for segment in quote.content:
            body.stylize(colour, segment.start, segment.end)
        if quote.cue:
            body.stylize("bold", quote.cue.start, quote.cue.end)
        if quote.speaker_mention:
            body.stylize(f"underline {colour}", quote.speaker_mention.start, quote.speaker_mention.end)
    for time in record.times:
        body.stylize("reverse cyan", time.span.start, time.span.end)
    for figure in record.figures:
        body.stylize("bold reverse magenta", figure.span.start, figure.span.end)
    return body


def _add_row(table: Table, *cells: str) -> None:
    """Cells are stored text, printed as it is: a headline or name may hold Rich markup ("[/]", "[link=...]")."""
    table.add_row(*(escape(cell) for cell in cells))


def _tables(console: Console, record: Record) -> None:
    if record.quotes:
        table = Table("id", "kind", "speaker", "quote", title="Quotes", title_justify="left")
        for q in record.quotes:
            who = q.speaker.name if q.speaker else (q.speaker_description or (q.speaker_mention.text if q.speaker_mention else "—"))
            _add_row(table, q.id, q.kind, who, " … ".join(s.text for s in q.content)[:160])
        console.print(table)
    if record.figures:
        table = Table("id", "figure", "qualifier", "category", "source", "as of", "place", title="Figures", title_justify="left")
        for f in record.figures:
            _add_row(table, f.id, f.span.text, f.qualifier, f.category, f.source.text if f.source else "narrator",
                          f.as_of or "", f.place or "")
        console.print(table)
    if record.times:
        table = Table("id", "expression", "type", "value", title="Times", title_justify="left")
        for t in record.times:
            _add_row(table, t.id, t.span.text, t.type, t.value)
        console.print(table)
    if record.events:
        names = {e.id: e.name for e in record.entities}
        table = Table("id", "type", "trigger", "actor", "target", "date", "place", title="Events", title_justify="left")
        for v in record.events:
            _add_row(table, v.id, v.type + (" (background)" if v.background else ""), v.trigger.text,
                          names.get(v.actor or "", ""), names.get(v.target or "", ""), v.date or "", v.place or "")
        console.print(table)
    if record.entities:
        table = Table("id", "entity", "type", "titles", "mentions", title="Entities", title_justify="left")
        for e in record.entities:
            _add_row(table, e.id, e.name, e.type, "; ".join(e.titles), str(len(e.mentions)))
        console.print(table)
