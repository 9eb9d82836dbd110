"""WARC and ARC archives: each HTML response becomes a RawArticle that goes through the HTML path.

FastWARC reads WARC; warcio reads what FastWARC cannot (ARC, and WARC files FastWARC rejects from the start).
A corrupt or truncated record is reported with its offset, and reading resumes at the next record header.
The size cap applies to each record's payload, since archives are meant to be large.
"""
from __future__ import annotations

import io
import zlib
from collections import Counter
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

from fastwarc.warc import ArchiveIterator as FastIterator
from fastwarc.warc import WarcRecordType
from warcio.archiveiterator import ArchiveIterator as WarcioIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from ..model import RawArticle
from .files import ReadProblem, UnreadableInput, decode_document, looks_like_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_DECOMPRESSIONS = {"gzip", "x-gzip", "deflate", "br"}
_WARC_HEADER = b"WARC/1."
_GZIP_MEMBER = b"\x1f\x8b\x08"
_KEPT_RECORD_TYPES = ("response", "resource")
_ARCHIVE_OPENINGS = (b"WARC/", b"filedesc:")
_SCAN_CHUNK = 1 << 20


@dataclass
class ArchiveRecord:
    """What both libraries give us about one record, in one shape."""

    offset: int
    record_type: str
    target_uri: str | None
    warc_date: str | None
    content_type: str
    status: int | None
    payload: bytes
    # The block's bytes present, when fewer than its header declares (the file ends inside it); None when whole.
    truncated_at: int | None = None
    declared_length: int = 0


def read_warc(path: Path, max_bytes: int) -> Iterator[RawArticle | ReadProblem]:
    skipped: Counter[str] = Counter()
    seen_any = False
    for item in _records(path):
        seen_any = True
        if isinstance(item, ReadProblem):
            yield item
            continue
        outcome = _article(item, str(path), max_bytes)
        if isinstance(outcome, str):
            skipped[outcome] += 1
        else:
            yield outcome
    if skipped:
        detail = ", ".join(f"{why}: {count}" for why, count in skipped.most_common())
        yield ReadProblem(str(path), f"skipped {sum(skipped.values())} records that are not HTML pages ({detail})")
    if not seen_any:
        yield ReadProblem(str(path), "empty archive (no records)")


def _article(record: ArchiveRecord, path: str, max_bytes: int) -> RawArticle | ReadProblem | str:
    """The record as a RawArticle, a problem, or a short reason it was skipped (counted, not reported)."""
    where = f"{path} (record at offset {record.offset}, {record.target_uri or 'no target URI'})"
    if record.truncated_at is not None:
        return ReadProblem(where, f"truncated record: the file ends after {record.truncated_at} of its "
                                  f"{record.declared_length} bytes")
    if record.record_type not in _KEPT_RECORD_TYPES:
        return f"{record.record_type} record"
    if record.status is not None and not 200 <= record.status < 300:
        return "error or redirect status"
    if not record.payload.strip():
        return "empty payload"
    if not (record.content_type.startswith(_HTML_TYPES) or (not record.content_type and looks_like_html(record.payload))):
        return "not HTML"
    if len(record.payload) > max_bytes:
        return ReadProblem(where, f"payload too large ({len(record.payload)} bytes, the limit is {max_bytes})")
    try:
        html = decode_document(record.payload, html=True)
    except UnreadableInput as exc:
        return ReadProblem(where, str(exc))
    uri = record.target_uri.strip("<>") if record.target_uri else None
    return RawArticle(source_path=uri or path, html=html, url=uri, published=record.warc_date,
                      published_from="warc" if record.warc_date else None)


def _records(path: Path) -> Iterator[ArchiveRecord | ReadProblem]:
    if path.name.lower().endswith((".arc", ".arc.gz")):
        if _starts_like_an_archive(path):
            yield from _warcio_records(path)
        else:
            yield ReadProblem(str(path), "not an ARC archive (no filedesc:// header)")
        return
    data_start: int | None = 0
    while data_start is not None:
        failure = yield from _fastwarc_records(path, data_start)
        if failure is None:
            return
        last_offset, read_any, reason = failure
        if not read_any and data_start == 0:
            if _starts_like_an_archive(path):
                yield from _warcio_records(path)
            else:
                yield ReadProblem(str(path), f"not a WARC or ARC archive ({reason})")
            return
        yield ReadProblem(f"{path} (offset {last_offset})",
                          f"corrupt or truncated record ({reason}); reading on from the next record")
        data_start = _next_record_start(path, last_offset + 1)


def _fastwarc_records(path: Path, start: int) -> Generator[ArchiveRecord, None, tuple[int, bool, str] | None]:
    """Yield records from `start`; return None at the end, or (offset, read_any, reason) where FastWARC gave up."""
    last_offset, read_any = start, False
    with path.open("rb") as stream:
        stream.seek(start)
        records = iter(FastIterator(stream, parse_http=True))
        while True:
            try:
                record = next(records)
            except StopIteration:
                return None
            except (OSError, ValueError) as exc:  # FastWARC's error for any malformed header or stream
                return last_offset, read_any, str(exc) or type(exc).__name__
            read_any, last_offset = True, record.stream_pos
            yield _from_fastwarc(record)


def _starts_like_an_archive(path: Path) -> bool:
    """warcio reads almost any text as ARC records, so it is only given files that open like an archive."""
    with path.open("rb") as stream:
        head = stream.read(4096)
    if head.startswith(_GZIP_MEMBER):
        try:
            head = zlib.decompressobj(wbits=47).decompress(head)
        except zlib.error:
            return False
    return head.lstrip().startswith(_ARCHIVE_OPENINGS)


def _next_record_start(path: Path, after: int) -> int | None:
    """Where the next record begins: a gzip member in a .warc.gz, a WARC header line otherwise."""
    marker = _GZIP_MEMBER if path.name.lower().endswith(".gz") else b"\n" + _WARC_HEADER
    skip = 0 if marker == _GZIP_MEMBER else 1  # the record starts after the newline
    position = max(after - skip, 0)
    with path.open("rb") as stream:
        stream.seek(position)
        carried = b""
        while chunk := stream.read(_SCAN_CHUNK):
            window = carried + chunk
            found = window.find(marker)
            if found >= 0:
                return position - len(carried) + found + skip
            carried = window[-(len(marker) - 1):]
            position += len(chunk)
    return None


def _from_fastwarc(record) -> ArchiveRecord:
    http = record.http_headers
    content_type = (http.get("Content-Type") if http else record.headers.get("Content-Type")) or ""
    payload = record.reader.read()
    present = record.reader.tell()
    if http:
        payload = _http_body(payload, http.get("Transfer-Encoding"), http.get("Content-Encoding"))
    date = record.headers.get("WARC-Date") or ""
    return ArchiveRecord(offset=record.stream_pos, record_type=_type_name(record.record_type),
                         target_uri=record.headers.get("WARC-Target-URI"), warc_date=date[:10] or None,
                         content_type=content_type.lower().strip(), status=http.status_code if http else None,
                         payload=payload, truncated_at=present if present < record.content_length else None,
                         declared_length=record.content_length)


def _type_name(record_type: WarcRecordType) -> str:
    return str(record_type)


def _http_body(payload: bytes, transfer_encoding: str | None, content_encoding: str | None) -> bytes:
    """Undo chunked transfer and gzip/deflate/br content encoding, which FastWARC leaves in place."""
    encoding = (content_encoding or "").strip().lower()
    chunked = "chunked" in (transfer_encoding or "").lower()
    if not chunked and encoding not in _DECOMPRESSIONS:
        return payload
    decompression = ("gzip" if encoding == "x-gzip" else encoding) if encoding in _DECOMPRESSIONS else None
    try:
        return ChunkedDataReader(io.BytesIO(payload), decomp_type=decompression).read()
    except Exception:  # zlib, brotli and warcio each raise their own types on a damaged body
        return payload


def _warcio_records(path: Path) -> Iterator[ArchiveRecord | ReadProblem]:
    offset = 0
    try:
        with path.open("rb") as stream:
            records = WarcioIterator(stream, arc2warc=True)
            for record in records:
                offset = records.offset
                yield _from_warcio(record, offset)
    except (ArchiveLoadFailed, StatusAndHeadersParserException, OSError, ValueError, EOFError, zlib.error) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        yield ReadProblem(f"{path} (offset {offset})", f"corrupt or truncated record, the rest of the file is unreadable ({reason})")


def _from_warcio(record, offset: int) -> ArchiveRecord:
    http = record.http_headers
    content_type = (http.get_header("Content-Type") if http else record.rec_headers.get_header("Content-Type")) or ""
    status = http.get_statuscode() if http and record.rec_type == "response" else None
    date = record.rec_headers.get_header("WARC-Date") or ""
    return ArchiveRecord(offset=offset, record_type=record.rec_type,
                         target_uri=record.rec_headers.get_header("WARC-Target-URI"), warc_date=date[:10] or None,
                         content_type=content_type.lower().strip(), status=int(status) if status and status.isdigit() else None,
                         payload=record.content_stream().read())
