"""Read articles from files and folders: .txt, .html, .jsonl, with an optional manifest.jsonl.

Bad input is expected: each bad file (or JSONL line) becomes a `ReadError` with a one-line
message, and reading goes on with the next.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from extract.types import Article
from geo.errors import DiplomapError, InvalidInput

MAX_BYTES = 5_000_000
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
MANIFEST = "manifest.jsonl"


@dataclass(frozen=True, slots=True)
class ReadError:
    """A file or record that could not be read, and why."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def decode_text(data: bytes) -> str:
    """Bytes of a text file as a string: UTF-8 (or UTF-16 with a BOM), else a confidently detected encoding."""
    if not data.strip():
        raise InvalidInput("empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidInput("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        from charset_normalizer import from_bytes

        guess = from_bytes(data).best()
        if guess is None or guess.chaos > 0.1 or guess.encoding in ("utf_8", "ascii"):
            raise InvalidInput(f"not valid UTF-8 (bad byte at {e.start}) and no other encoding fits") from e
        return str(guess)


def html_to_text(html: str) -> tuple[str, str | None]:
    """The main text and the title of an HTML page (scripts, menus and boilerplate dropped)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise InvalidInput("no article text found in the HTML")
    meta = trafilatura.extract_metadata(html)
    return text, (meta.title if meta is not None else None)


def _parse_date(value: object, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as e:
        raise InvalidInput(f"{where}: bad date {value!r} (expected YYYY-MM-DD)") from e


def _article(id_: str, text: str, meta: dict, *, where: str) -> Article:
    return Article(id=id_, text=text, lang=meta.get("lang") or None,
                   published=_parse_date(meta.get("published"), where), url=meta.get("url") or None,
                   title=meta.get("title") or None, source=meta.get("source") or None)


def read_manifest(folder: Path) -> dict[str, dict]:
    """Per-file metadata from a folder's manifest.jsonl (empty when there is none)."""
    path = folder / MANIFEST
    if not path.exists():
        return {}
    out = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rec = json.loads(line)
                out[rec["file"]] = rec
            except (ValueError, KeyError, TypeError) as e:
                raise InvalidInput(f"{path}:{n}: bad manifest line ({e})") from e
    return out


def _read_file(path: Path, meta: dict) -> Iterator[Article | ReadError]:
    try:
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            # A corpus file: any size, read a record at a time; the limit is on each record.
            yield from _stream_jsonl(path, meta)
            return
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InvalidInput(f"file too large ({size / 1e6:.1f} MB; at most {MAX_BYTES / 1e6:.0f} MB)")
        text = decode_text(path.read_bytes())
        if suffix in HTML_SUFFIXES:
            text, title = html_to_text(text)
            meta = {"title": title, **{k: v for k, v in meta.items() if v}}
        yield _article(path.stem, text, meta, where=str(path))
    except OSError as e:
        yield ReadError(str(path), f"cannot read: {e.strerror or e}")
    except DiplomapError as e:
        yield ReadError(str(path), str(e))


def _stream_jsonl(path: Path, meta: dict) -> Iterator[Article | ReadError]:
    with path.open("rb") as f:
        head = f.read(8192)
        if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise InvalidInput("binary file, not text")
        f.seek(0)
        records = 0
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            records += 1
            if len(raw) > MAX_BYTES:
                yield ReadError(f"{path}:{n}", f"record too large ({len(raw) / 1e6:.1f} MB; at most "
                                               f"{MAX_BYTES / 1e6:.0f} MB)")
                continue
            try:
                line = decode_text(raw)
            except DiplomapError as e:
                yield ReadError(f"{path}:{n}", str(e))
                continue
            yield from _read_jsonl(path, line, meta, first_line=n)
    if not records:
        raise InvalidInput("empty file")


def _read_jsonl(path: Path, text: str, meta: dict, *, first_line: int = 1) -> Iterator[Article | ReadError]:
    for n, line in enumerate(text.splitlines(), first_line):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                raise InvalidInput("a record needs a \"text\" string")
            yield _article(str(rec.get("id") or f"{path.stem}:{n}"), rec["text"], {**meta, **rec}, where=where)
        except ValueError as e:
            yield ReadError(where, str(e).splitlines()[0] if str(e) else "bad JSON")


def read_paths(paths: Iterable[Path], *, lang: str | None = None,
               published: date | None = None) -> Iterator[Article | ReadError]:
    """Articles from files and folders (folders in name order); `lang`/`published` override the files'."""
    overrides = {k: v for k, v in (("lang", lang), ("published", published)) if v}
    for path in paths:
        if path.is_dir():
            try:
                manifest = read_manifest(path)
            except (InvalidInput, OSError) as e:
                yield ReadError(str(path), str(e))
                manifest = {}
            files = sorted(p for p in path.iterdir() if p.is_file() and p.name != MANIFEST
                           and p.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES)
            for f in files:
                yield from _with(_read_file(f, manifest.get(f.name, {})), overrides)
        elif path.exists():
            manifest = read_manifest(path.parent) if (path.parent / MANIFEST).exists() else {}
            yield from _with(_read_file(path, manifest.get(path.name, {})), overrides)
        else:
            yield ReadError(str(path), "no such file or folder")


def _with(items: Iterable[Article | ReadError], overrides: dict) -> Iterator[Article | ReadError]:
    for item in items:
        if isinstance(item, Article) and overrides:
            try:
                item = replace(item, **overrides)
            except InvalidInput as e:
                item = ReadError(item.id, str(e))
        yield item
