"""Write and re-read the real-article gold (src/newsledger/eval/data/realnews/) in an annotator's anchor format.

The gold in the project is standoff: offsets into the aeb-dev `articleBody` texts in ../shared (or the GeoWebNews
dev texts beside them, keyed "geowebnews:<doc_id>"), never the text.
Annotators work in a plain-text "anchor" file that quotes the spans, kept OUTSIDE the project (it holds
third-party text). `build` turns anchor files into standoff JSON, checking that every quoted span is found in the
body; `export` turns the standoff back into anchor files, so the gold can be reviewed and edited later.

    python scripts/realnews_gold.py build  ANCHOR_FILE... [--texts ../shared/data/aeb-dev]
    python scripts/realnews_gold.py export OUT_DIR          [--texts ../shared/data/aeb-dev]

Anchor format, one article after another (see src/newsledger/eval/data/realnews/README.md for the conventions):

    ## <aeb-dev key or a unique prefix of it>
    published: 2019-11-19
    published_from: url | html | ...
    outlet: The Hill
    country: US
    genre: courts
    layers: figures        (optional: a figure-only article, kept in realnews/figures-tune/ and always tune)
    Q <direct|indirect|mixed|according_to> cue=SPAN speaker=SPAN content=SPAN[ | SPAN ...]
    F SPAN number="27,708" value=27708 low=27708 high=27708 q=at_least cat=killed unit=people src=SPAN name=Health Ministry
    T SPAN <DATE|TIME|DURATION|SET> <TIMEX3 value>

SPAN is "text"@offset (the occurrence nearest the offset; the offset may be left out when the text is unique),
"first words"~"last words"@offset for a long span, or - for none; a double quote inside is written \\".
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import re
import sys
from pathlib import Path

from newsledger.eval.realnews import FIGURES_TUNE, collection_texts

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "src" / "newsledger" / "eval" / "data" / "realnews"
DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "aeb-dev"
TUNE_SHARE = 4  # of 10: an article is in the tune split when its salted hash falls in the first four tenths

_SPAN = re.compile(r'"((?:[^"\\]|\\.)*)"(?:~"((?:[^"\\]|\\.)*)")?(?:@(\d+))?')
_SPAN_TEXT = r'(?:-|"(?:[^"\\]|\\.)*"(?:~"(?:[^"\\]|\\.)*")?(?:@\d+)?)'
_QUOTE = re.compile(rf"(direct|indirect|mixed|according_to) cue=({_SPAN_TEXT}) speaker=({_SPAN_TEXT}) content=(.+)$")
_FIGURE = re.compile(rf'({_SPAN_TEXT}) number="(.*?)" value=(\S*) low=(\S*) high=(\S*) q=(\S+) cat=(\S+) unit=(\S+) '
                     rf"src=({_SPAN_TEXT}) name=(.*)$")
_TIME = re.compile(rf"({_SPAN_TEXT}) (DATE|TIME|DURATION|SET) (\S+)$")
QUALIFIERS = {"exact", "at_least", "more_than", "at_most", "less_than", "about", "range", "vague"}
CATEGORIES = {"killed", "injured", "missing", "hostages", "detained", "displaced", "people", "military", "aid",
              "money", "infrastructure", "other"}


class AnchorError(ValueError):
    pass


def split_for(key: str) -> str:
    """Deterministic and stable as articles are added: the split depends on the article's own key only."""
    return "tune" if int(hashlib.sha256(f"realnews:{key}".encode()).hexdigest()[:8], 16) % 10 < TUNE_SHARE else "check"


def digest(text: str) -> str:
    """A short fingerprint of a span's text: the loader checks the texts in ../shared still line up."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _unescape(text: str) -> str:
    return text.replace('\\"', '"').replace("\\\\", "\\")


def _find(body: str, match: re.Match, where: str) -> list[int]:
    first = _unescape(match.group(1))
    last = _unescape(match.group(2)) if match.group(2) is not None else None
    hint = int(match.group(3)) if match.group(3) else None
    starts = [m.start() for m in re.finditer(re.escape(first), body)]
    if not starts:
        raise AnchorError(f"{where}: {first!r} is not in the article body")
    if hint is None and len(starts) > 1:
        raise AnchorError(f"{where}: {first!r} occurs {len(starts)} times; add @offset")
    start = min(starts, key=lambda s: abs(s - hint)) if hint is not None else starts[0]
    if hint is not None and abs(start - hint) > 300:
        raise AnchorError(f"{where}: {first!r} is at {start}, far from the offset {hint} given")
    if last is None:
        return [start, start + len(first)]
    end = body.find(last, start)
    if end < 0:
        raise AnchorError(f"{where}: {last!r} does not follow {first!r}")
    return [start, end + len(last)]


def _spans(body: str, text: str, where: str) -> list[list[int]] | None:
    text = text.strip()
    if text == "-":
        return None
    found = [_find(body, m, where) for m in _SPAN.finditer(text)]
    if not found:
        raise AnchorError(f"{where}: no span in {text!r}")
    return found


def _number(text: str) -> int | float | None:
    if text in ("None", "null", ""):
        return None
    value = float(text)
    return int(value) if value.is_integer() else value


def parse_anchor_file(path: Path, truth: dict) -> list[dict]:
    articles: list[dict] = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path}:{line_no}"
        line = line.rstrip()
        if not line:
            continue
        if line.startswith("## "):
            prefix = line[3:].strip()
            keys = [prefix] if prefix in truth else [k for k in truth if k.startswith(prefix)]
            if len(keys) != 1:
                raise AnchorError(f"{where}: {prefix!r} names {len(keys)} aeb-dev articles, not one")
            articles.append({"key": keys[0], "meta": {}, "quotes": [], "figures": [], "times": []})
            continue
        if not articles:
            raise AnchorError(f"{where}: a line before the first '## key' line")
        article = articles[-1]
        body = truth[article["key"]]["text"]
        tag, _, rest = line.partition(" ")
        if tag.endswith(":"):
            article["meta"][tag[:-1]] = rest.strip()
        elif tag == "Q":
            article["quotes"].append(_quote(body, rest, where))
        elif tag == "F":
            article["figures"].append(_figure(body, rest, where))
        elif tag == "T":
            match = _TIME.match(rest)
            if not match:
                raise AnchorError(f"{where}: a T line is 'T SPAN TYPE VALUE'")
            article["times"].append({"span": _spans(body, match.group(1), where)[0], "type": match.group(2),
                                     "value": match.group(3)})
        else:
            raise AnchorError(f"{where}: unknown line (expected '## key', 'name: value', Q, F or T)")
    return articles


def _quote(body: str, rest: str, where: str) -> dict:
    match = _QUOTE.match(rest)
    if not match:
        raise AnchorError(f"{where}: a Q line is 'Q KIND cue=SPAN speaker=SPAN content=SPAN[ | SPAN]'")
    cue, speaker, content = (_spans(body, match.group(i), where) for i in (2, 3, 4))
    if not content:
        raise AnchorError(f"{where}: a quote needs its content")
    return {"kind": match.group(1), "content": content, "cue": cue[0] if cue else None,
            "speaker": speaker[0] if speaker else None}


def _figure(body: str, rest: str, where: str) -> dict:
    match = _FIGURE.match(rest)
    if not match:
        raise AnchorError(f"{where}: an F line is 'F SPAN number=\"..\" value= low= high= q= cat= unit= src= name='")
    span = _spans(body, match.group(1), where)[0]
    number = match.group(2)
    at = body.find(number, span[0], span[1])
    if at < 0:
        raise AnchorError(f"{where}: the numeral {number!r} is not inside the figure's span")
    qualifier, category = match.group(6), match.group(7)
    if qualifier not in QUALIFIERS or category not in CATEGORIES:
        raise AnchorError(f"{where}: unknown qualifier {qualifier!r} or category {category!r}")
    source = _spans(body, match.group(9), where)
    return {"span": span, "number": [at, at + len(number)], "value": _number(match.group(3)),
            "low": _number(match.group(4)), "high": _number(match.group(5)), "qualifier": qualifier,
            "category": category, "unit": match.group(8), "source": source[0] if source else None,
            "source_name": match.group(10).strip() or None}


def standoff(article: dict, truth: dict, previous: dict | None) -> dict:
    """The gold record: offsets, values, provenance and a fingerprint of every span's text."""
    key, body = article["key"], truth[article["key"]]["text"]
    meta = article["meta"]
    figures_only = meta.get("layers") == "figures"
    for quote in article["quotes"]:
        quote["check"] = [digest(body[a:b]) for a, b in quote["content"]]
    for record in article["figures"] + article["times"]:
        record["check"] = digest(body[record["span"][0]:record["span"][1]])
    record = {
        "key": key,
        "split": "tune" if figures_only else split_for(key),
        "provenance": {
            "file": truth[key]["file"], "field": "articleBody" if truth[key]["file"].startswith("aeb-dev") else "text",
            "url": truth[key]["url"],
            "outlet": meta.get("outlet"), "country": meta.get("country"), "genre": meta.get("genre"),
            "annotator": "newsledger team",
            "annotated": (previous or {}).get("provenance", {}).get("annotated") or datetime.date.today().isoformat(),
        },
        "published": meta.get("published"),
        "published_from": meta.get("published_from"),
        "quotes": sorted(article["quotes"], key=lambda q: q["content"][0]),
        "figures": sorted(article["figures"], key=lambda f: f["span"]),
        "times": sorted(article["times"], key=lambda t: t["span"]),
    }
    if figures_only:
        record["layers"] = ["figures"]
    return record


def target_of(article: dict) -> Path:
    """Where an article's gold file goes: a figure-only article into the tune-only folder."""
    folder = GOLD_DIR / FIGURES_TUNE if article["meta"].get("layers") == "figures" else GOLD_DIR
    return folder / f"{article['key'].replace(':', '-')}.json"


def _span_text(body: str, span: list[int] | None) -> str:
    if span is None:
        return "-"
    text = body[span[0]:span[1]]
    if "\n" in text or len(text) > 160:
        head, tail = text[:40].split("\n")[0], text[-40:].split("\n")[-1]
        return f'"{_escape(head)}"~"{_escape(tail)}"@{span[0]}'
    return f'"{_escape(text)}"@{span[0]}'


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _value(value) -> str:
    return "None" if value is None else str(value)


def anchor_lines(gold: dict, body: str) -> list[str]:
    """The anchor form of one gold record (the inverse of build)."""
    provenance = gold["provenance"]
    lines = [f"## {gold['key']}", f"published: {gold['published']}", f"published_from: {gold['published_from']}",
             f"outlet: {provenance['outlet']}", f"country: {provenance['country']}", f"genre: {provenance['genre']}"]
    if gold.get("layers"):
        lines.append(f"layers: {','.join(gold['layers'])}")
    for q in gold["quotes"]:
        content = " | ".join(_span_text(body, s) for s in q["content"])
        lines.append(f"Q {q['kind']} cue={_span_text(body, q['cue'])} speaker={_span_text(body, q['speaker'])} "
                     f"content={content}")
    for f in gold["figures"]:
        number = body[f["number"][0]:f["number"][1]]
        lines.append(f'F {_span_text(body, f["span"])} number="{number}" value={_value(f["value"])} '
                     f'low={_value(f["low"])} high={_value(f["high"])} q={f["qualifier"]} cat={f["category"]} '
                     f'unit={f["unit"]} src={_span_text(body, f["source"])} name={f["source_name"] or ""}')
    for t in gold["times"]:
        lines.append(f"T {_span_text(body, t['span'])} {t['type']} {t['value']}")
    return lines


def _dumps(record: dict) -> str:
    """Indented JSON with each [start, end] pair kept on one line, so a reviewer can read the file."""
    text = json.dumps(record, indent=1, ensure_ascii=False)
    return re.sub(r"\[\s+(\d+),\s+(\d+)\s+\]", r"[\1, \2]", text) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["build", "export"])
    parser.add_argument("paths", nargs="+", help="anchor files (build) or the folder to write them to (export)")
    parser.add_argument("--texts", default=str(DEFAULT_TEXTS), help="the aeb-dev folder with ground-truth.json")
    args = parser.parse_args(argv)
    try:
        truth = collection_texts(args.texts)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "export":
        out = Path(args.paths[0])
        out.mkdir(parents=True, exist_ok=True)
        for gold_path in sorted(GOLD_DIR.glob("*.json")) + sorted((GOLD_DIR / FIGURES_TUNE).glob("*.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            lines = anchor_lines(gold, truth[gold["key"]]["text"])
            name = gold["key"].replace(":", "-") if ":" in gold["key"] else gold["key"][:10]  # "geowebnews-142"
            (out / f"{name}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return 0
    try:
        articles = [a for path in args.paths for a in parse_anchor_file(Path(path), truth)]
    except (AnchorError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for article in articles:
        target = target_of(article)
        previous = json.loads(target.read_text(encoding="utf-8")) if target.exists() else None
        record = standoff(article, truth, previous)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_dumps(record), encoding="utf-8")
        name = article["key"] if ":" in article["key"] else article["key"][:10]
        print(f"{name} {record['split']:<5} quotes {len(record['quotes']):>2} "
              f"figures {len(record['figures']):>2} times {len(record['times']):>2}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
