"""JSONL: one article per line, `text` or `html`, optional `url`, `published`, `outlet`, `headline`."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..model import RawArticle
from .files import ReadProblem, UnreadableInput, decode_document, read_bytes

_OPTIONAL_TEXT_FIELDS = ("url", "outlet", "headline")
# `json.loads` accepts "\ud800", a half of a UTF-16 pair that no text can be encoded with: the id hash and the
# database both refused it, and the whole run stopped.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def read_jsonl(path: Path, max_bytes: int) -> Iterator[RawArticle | ReadProblem]:
    try:
        text = decode_document(read_bytes(path, max_bytes))
    except UnreadableInput as exc:
        yield ReadProblem(str(path), str(exc))
        return
    # Lines end at "\n" only: JSON text may hold U+2028, U+2029 and U+0085 raw, and `str.splitlines` cut there.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield article_from_json(json.loads(line.removesuffix("\r")), where)
        except (ValueError, RecursionError) as exc:  # json.JSONDecodeError is a ValueError
            yield ReadProblem(where, f"bad JSONL line: {exc}")


def article_from_json(item: object, where: str) -> RawArticle:
    """One JSON object -> RawArticle; the source is its URL when it has one, else file:line."""
    if not isinstance(item, dict):
        raise ValueError(f"expected a JSON object, got {type(item).__name__}")
    for key in ("text", "html", *_OPTIONAL_TEXT_FIELDS, "published"):
        value = item.get(key)
        if isinstance(value, str) and (found := _LONE_SURROGATE.search(value)):
            raise ValueError(f'"{key}" holds a lone surrogate (\\u{ord(found.group()):04x}), which is no text')
    body = {key: item.get(key) for key in ("text", "html")}
    if not any(isinstance(value, str) and value.strip() for value in body.values()):
        raise ValueError('needs a non-empty "text" or "html" string')
    fields = {}
    for key in _OPTIONAL_TEXT_FIELDS:
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f'"{key}" must be a string')
        fields[key] = value.strip() if value and value.strip() else None
    published = iso_date(item.get("published"))
    use_html = isinstance(body["html"], str) and bool(body["html"].strip())
    return RawArticle(source_path=fields["url"] or where,
                      text=None if use_html else body["text"], html=body["html"] if use_html else None,
                      url=fields["url"], outlet=fields["outlet"], headline=fields["headline"],
                      published=published, published_from="input" if published else None)


def iso_date(value: object) -> str | None:
    """"2024-02-07", "2024-02-07T10:00:00Z" -> "2024-02-07"; anything else that is not empty is an error."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ValueError('"published" must be a string such as "2024-02-07"')
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise ValueError(f'"published" is not an ISO date: {text[:40]!r}') from None
