"""WARC read + HTML extraction rate, in pages/s, through the ingest reader (`newsledger.ingest.read_inputs`).

The WARC is synthesised with warcio from composed pages (the synthetic wire stream wrapped in site furniture),
with one non-HTML record per ten pages, which the reader must skip.

    .venv/bin/python benchmarks/warc_rate.py --pages 2000
"""
from __future__ import annotations

import argparse
import html
import io
import json
import os
import tempfile
import time

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.ingest import ReadProblem, read_inputs
from newsledger.pipeline import clean_one
from newsledger.scale.synthetic import synthetic_articles

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{headline} | Wire</title>
<meta property="article:published_time" content="{published}T09:30:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<header><h1>{headline}</h1><p class="byline">By Staff Reporter</p></header>
<article>{paragraphs}</article>
<aside><h3>Most read</h3><ul><li>Markets close higher</li><li>Weather warning issued</li></ul></aside>
<footer>&copy; Wire. All rights reserved. <a href="/privacy">Privacy</a></footer></body></html>"""


def write_warc(path: str, pages: int) -> None:
    with open(path, "wb") as output:
        writer = WARCWriter(output, gzip=True)
        for index, raw in enumerate(synthetic_articles(pages, seed=5)):
            paragraphs = raw.text.split("\n\n")
            page = PAGE.format(headline=html.escape(paragraphs[0][:70]), published=raw.published,
                               paragraphs="".join(f"<p>{html.escape(p)}</p>" for p in paragraphs))
            _response(writer, f"https://wire.example/world/{index}", "text/html; charset=utf-8", page.encode())
            if index % 10 == 9:
                _response(writer, f"https://wire.example/img/{index}.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64))


def _response(writer: WARCWriter, uri: str, content_type: str, body: bytes) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))


def measure(pages: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "pages.warc.gz")
        write_warc(path, pages)
        started = time.perf_counter()
        items = list(read_inputs([path]))
        read = time.perf_counter() - started
        raws = [item for item in items if not isinstance(item, ReadProblem)]
        started = time.perf_counter()
        cleaned = [clean_one(raw) for raw in raws]
        extracted = time.perf_counter() - started
        size = os.path.getsize(path)
    empty = sum(1 for article in cleaned if not article.text.strip())
    return {"pages": pages, "warc_mb": round(size / 2**20, 2), "articles_read": len(raws),
            "skip_reports": len(items) - len(raws), "empty_bodies": empty,
            "read_pages_per_s": round(len(raws) / read, 1),
            "read_and_extract_pages_per_s": round(len(raws) / (read + extracted), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    print(json.dumps(measure(parser.parse_args().pages), indent=2))


if __name__ == "__main__":
    main()
