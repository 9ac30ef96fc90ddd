"""Where the cache lives and whether a cache file can be trusted."""

from __future__ import annotations

import os
import sqlite3
import struct
from pathlib import Path

from platformdirs import user_cache_dir

GAZETTEER_FILE = "gazetteer.sqlite"
_SQLITE_MAGIC = b"SQLite format 3\x00"


def cache_dir() -> Path:
    """The cache directory: `$DIPLOMAP_CACHE`, else the user's cache directory."""
    override = os.environ.get("DIPLOMAP_CACHE")
    path = Path(override).expanduser() if override else Path(user_cache_dir("diplomap"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def gazetteer_path() -> Path:
    """Default location of the built gazetteer."""
    return cache_dir() / GAZETTEER_FILE


def _header_consistent(path: Path) -> bool:
    # A truncated file keeps a valid first page, so compare the page count the header
    # records with the bytes actually on disk.
    size = path.stat().st_size
    with path.open("rb") as f:
        header = f.read(100)
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return False
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">I", header[24:28])[0], struct.unpack(">I", header[28:32])[0]
    valid_for = struct.unpack(">I", header[92:96])[0]
    if page_count and change_counter == valid_for:
        return size == page_count * page_size
    return size % page_size == 0 and size > 0


def cache_state(path: Path, stamp: str) -> str:
    """`ok`, `missing`, `stale` (built from other inputs) or `corrupt`."""
    if not path.exists():
        return "missing"
    try:
        if not _header_consistent(path):
            return "corrupt"
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta"))
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return "corrupt"
    if meta.get("complete") != "1":
        return "corrupt"
    return "ok" if meta.get("stamp") == stamp else "stale"
