"""Finding input files and turning their bytes into text: paths, globs, size caps, gzip, encodings."""
from __future__ import annotations

import codecs
import errno
import gzip
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..budget import MAX_INPUT_BYTES
from ..model import RawArticle

DEFAULT_MAX_BYTES = MAX_INPUT_BYTES

# Longest suffix first, so "page.html.gz" is gzipped HTML and not an unknown ".gz".
_KINDS = {
    ".warc.gz": "warc", ".arc.gz": "warc", ".warc": "warc", ".arc": "warc",
    ".jsonl.gz": "jsonl", ".ndjson.gz": "jsonl", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".html.gz": "document", ".htm.gz": "document", ".txt.gz": "document", ".gz": "document",
    ".html": "document", ".htm": "document", ".xhtml": "document", ".txt": "document", ".text": "document",
}
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
_TEXT_SUFFIXES = (".txt", ".text", ".txt.gz")
_SUPPORTED = ".txt, .html, .htm, .jsonl, .warc, .arc (optionally gzipped)"
_GLOB_CHARS = re.compile(r"[*?\[]")
_SNIFF_BYTES = 8192
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Text has few control characters besides tab, newline, carriage return and form feed.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


@dataclass
class ReadProblem:
    path: str
    reason: str

    def __post_init__(self) -> None:
        self.path = printable(self.path)

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def printable(name: str) -> str:
    """A file name as text that can be printed and stored: bytes of a name that is not UTF-8 (which Python carries
    as lone surrogates, and SQLite and terminals refuse) are written as \\xNN escapes."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte (from a JSON string, say)
        raw = name.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def expand_paths(paths: list[str]) -> Iterator[tuple[Path, str] | ReadProblem]:
    """Each input file once, with the reader kind it needs; directories and globs are walked recursively.

    Symbolic links to directories are not followed inside a walk or a `**` pattern (a link to its own parent made
    `**` globs expand without end); a link that loops on itself is reported.
    """
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates = _walk(path)
        elif path.is_file():
            candidates = [path]
        elif _GLOB_CHARS.search(given):
            matches = sorted(_glob(given))
            if not matches:
                yield ReadProblem(given, "no files match this pattern")
                continue
            candidates = [f for m in matches for f in (_walk(m) if m.is_dir() else [m])]
        elif path.is_symlink():
            yield ReadProblem(given, _broken_link(path))
            continue
        else:
            yield ReadProblem(given, "no such file or directory")
            continue
        for candidate in candidates:
            try:
                key = candidate.resolve(strict=True)
            except (OSError, RuntimeError):  # a loop of links, or a link to nothing
                yield ReadProblem(str(candidate), _broken_link(candidate))
                continue
            if key in seen:
                continue
            seen.add(key)
            kind = file_kind(candidate)
            if kind is None:
                yield ReadProblem(str(candidate), f"unsupported file type; expected {_SUPPORTED}")
            else:
                yield candidate, kind


def _broken_link(path: Path) -> str:
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return "symbolic link loop"
    except OSError as exc:
        return "symbolic link loop" if exc.errno == errno.ELOOP else "symbolic link to nothing"
    return "not a regular file"


def _glob(pattern: str) -> Iterator[Path]:
    """What a pattern matches, from the folder before its first wildcard (pathlib's `**` follows no directory
    links), skipping hidden names as the shell's glob does unless the pattern spells the dot."""
    parts = Path(pattern).parts
    fixed = next(i for i, part in enumerate(parts) if _GLOB_CHARS.search(part))
    root = Path(*parts[:fixed]) if fixed else Path()
    rest = parts[fixed:]
    spelled_dot = any(part.startswith(".") for part in rest)
    try:
        for match in root.glob(str(Path(*rest))):
            if spelled_dot or not any(part.startswith(".") for part in match.relative_to(root).parts):
                yield match
    except (OSError, ValueError):  # an unreadable folder, or a pattern pathlib refuses (a bare "**" inside a name)
        return


def _walk(directory: Path) -> list[Path]:
    """Files under a directory, skipping hidden ones (.git, .DS_Store) that are never articles, and reporting none
    of the directory links rglob does not follow; a file link that loops is kept, to be reported by the caller."""
    return sorted(p for p in directory.rglob("*")
                  if (p.is_file() or (p.is_symlink() and not p.exists()))
                  and not any(part.startswith(".") for part in p.relative_to(directory).parts))


def file_kind(path: Path) -> str | None:
    name = path.name.lower()
    return next((kind for suffix, kind in _KINDS.items() if name.endswith(suffix)), None)


def read_document_file(path: Path, max_bytes: int) -> Iterator[RawArticle | ReadProblem]:
    """A .txt page copy or an .html page (either possibly gzipped): one RawArticle."""
    try:
        data = read_bytes(path, max_bytes)
        name = path.name.lower()
        is_html = name.endswith(_HTML_SUFFIXES) or (not name.endswith(_TEXT_SUFFIXES) and looks_like_html(data))
        text = decode_document(data, html=is_html)
    except UnreadableInput as exc:
        yield ReadProblem(str(path), str(exc))
        return
    if is_html:
        yield RawArticle(source_path=str(path), html=text)
    else:
        yield RawArticle(source_path=str(path), text=text)


class UnreadableInput(ValueError):
    """The input cannot become text; the message says why in plain words."""


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, gunzipped when its name ends in .gz, refusing more than max_bytes either way."""
    size = path.stat().st_size
    if size == 0:
        raise UnreadableInput("empty file")
    if size > max_bytes:
        raise UnreadableInput(f"too large ({_megabytes(size)}, the limit is {_megabytes(max_bytes)})")
    if not path.name.lower().endswith(".gz"):
        return path.read_bytes()
    try:
        with gzip.open(path, "rb") as stream:
            data = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise UnreadableInput(f"corrupt gzip file ({exc})") from None
    if len(data) > max_bytes:
        raise UnreadableInput(f"too large once decompressed (over {_megabytes(max_bytes)})")
    if not data:
        raise UnreadableInput("empty file")
    return data


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:_SNIFF_BYTES]))


def decode_document(data: bytes, *, html: bool = False) -> str:
    """Bytes -> str: a byte-order mark wins, then UTF-8, then a charset the page declares, then line by line
    UTF-8 or cp1252 (files pasted together from several sources mix the two). Nothing else is changed."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return _require_text(data[len(bom):].decode(codec))
            except UnicodeDecodeError:
                raise UnreadableInput(f"undecodable: not valid {codec.upper()} despite its byte-order mark") from None
    if is_binary(data):
        raise UnreadableInput("binary content, not text")
    try:
        return _require_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    declared = _declared_codec(data) if html else None
    if declared:
        try:
            return _require_text(data.decode(declared))
        except UnicodeDecodeError:
            pass
    return _require_text("".join(_decode_line(line) for line in data.splitlines(keepends=True)))


def is_binary(data: bytes) -> bool:
    head = data[:_SNIFF_BYTES]
    if b"\0" in head:
        return True
    return len(head.translate(None, _CONTROL_BYTES)) < 0.9 * len(head)


def _declared_codec(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:_SNIFF_BYTES])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _decode_line(line: bytes) -> str:
    for codec in ("utf-8", "cp1252"):
        try:
            return line.decode(codec)
        except UnicodeDecodeError:
            continue
    raise UnreadableInput("undecodable: a line is neither UTF-8 nor Windows-1252 text")


def _require_text(text: str) -> str:
    if not text.strip():
        raise UnreadableInput("empty file (only whitespace)")
    return text
