"""A small verified cache in the user's cache folder, for work that is slow to redo (parsed fonts).

Rules: the folder is `$TIMELINE_CACHE_DIR`, else `$XDG_CACHE_HOME/timeline-generator` (on
macOS `~/Library/Caches`, on Windows `%LOCALAPPDATA%`), created with mode 0700 and used only
if it is a real folder of ours that nobody else can write. Each entry is named by a hash of
its kind and key, holds its key and a SHA-256 of its content, is written to a temporary file
and moved into place, and is opened without following symbolic links. An entry that is
missing, damaged, from another key or unreadable is a miss, never an error; the cache only
ever saves time. `TIMELINE_NO_CACHE=1` turns it off.

Values are plain data (dicts, lists, tuples, numbers, strings, bytes), stored with `marshal`
behind the hash check.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
import tempfile
from pathlib import Path

MAGIC = b"timeline-cache-1\n"
DIGEST = hashlib.sha256().digest_size


def folder() -> Path | None:
    """The cache folder, created if needed; None when caching is off or the folder is not safe."""
    if os.environ.get("TIMELINE_NO_CACHE"):
        return None
    path = _location()
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022:
        return None
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return None
    return path


def _location() -> Path:
    if os.environ.get("TIMELINE_CACHE_DIR"):
        return Path(os.environ["TIMELINE_CACHE_DIR"])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData/Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library/Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "timeline-generator"


def _entry(where: Path, kind: str, key: tuple) -> Path:
    name = hashlib.sha256(marshal.dumps((kind, key))).hexdigest()
    return where / f"{kind}-{name[:40]}"


def load(kind: str, key: tuple):
    """The value stored under (kind, key), or None."""
    where = folder()
    if where is None:
        return None
    try:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        handle = os.open(_entry(where, kind, key), flags)
        with os.fdopen(handle, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return None
            raw = file.read()
    except OSError:
        return None
    head, digest, body = raw[:len(MAGIC)], raw[len(MAGIC):len(MAGIC) + DIGEST], raw[len(MAGIC) + DIGEST:]
    if head != MAGIC or hashlib.sha256(body).digest() != digest:
        return None
    try:
        stored_kind, stored_key, value = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    return value if (stored_kind, stored_key) == (kind, key) else None


def store(kind: str, key: tuple, value) -> None:
    """Keep value under (kind, key); any failure (no room, no permission) is ignored."""
    where = folder()
    if where is None:
        return
    try:
        body = marshal.dumps((kind, key, value))
    except ValueError:
        return
    temp = None
    try:
        handle, temp = tempfile.mkstemp(prefix=".entry-", dir=where)
        with os.fdopen(handle, "wb") as file:
            file.write(MAGIC + hashlib.sha256(body).digest() + body)
        os.replace(temp, _entry(where, kind, key))
        temp = None
    except OSError:
        pass
    finally:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)
