"""Read someone else's timeline format into the located tree our YAML parser produces.

One interface: `read_tree(path)` gives the `Located` tree for any supported file, so the
loader (and its located errors) works the same on every format. `read_draft` gives the
importer's `Draft` with its notes, for `timeline import`. Formats are found by extension,
then by content:

- `yaml`: our own format (`.yaml`, `.yml`)
- `timelinejs`: TimelineJS JSON (`.json`)
- `sheet`: the TimelineJS Google Sheets template, or any table with a header row (`.csv`, `.tsv`, `.xlsx`)
- `markwhen`: Markwhen (`.mw`)
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import Where
from generator.importers.tree import Draft
from generator.yamlnodes import MAX_BYTES, Located, fail, parse, read_text

FORMATS = ("yaml", "timelinejs", "sheet", "table", "markwhen")
SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "timelinejs", ".csv": "sheet", ".tsv": "sheet",
            ".xlsx": "sheet", ".xlsm": "sheet", ".mw": "markwhen", ".markwhen": "markwhen"}


def detect(path: Path, raw: bytes) -> str:
    """The format of a file, by its extension, else by its first bytes."""
    by_suffix = SUFFIXES.get(path.suffix.lower())
    if by_suffix:
        return by_suffix
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if raw[:4] == b"PK\x03\x04":
        return "sheet"
    if head[:1] in (b"{", b"["):
        return "timelinejs"
    text = head.decode("utf-8", errors="replace")
    first = text.split("\n", 1)[0]
    if first.count(",") >= 2 or first.count(";") >= 2 or "\t" in first:
        return "sheet"
    from generator.importers.markwhen import _Reader
    probe = _Reader(Draft(path), "")
    if any(probe.event_start(line) for line in text.split("\n")[:50] if ":" in line and not line.startswith(" ")) \
            and "events:" not in text:
        return "markwhen"
    return "yaml"


def read_bytes(path: Path) -> bytes:
    """The raw bytes of a data file, refusing missing, empty and oversize files."""
    where = Where(str(path))
    if not path.exists():
        raise fail(where, "no such file")
    if path.is_dir():
        raise fail(where, "is a directory, not a data file")
    if not path.is_file():
        raise fail(where, "is not a regular file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise fail(where, f"file is {size / 1e6:.1f} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB")
    raw = path.read_bytes()
    if not raw.strip():
        raise fail(where, "file is empty")
    return raw


def read_draft(path: str | Path, fmt: str | None = None, column_map: dict[str, str] | None = None) -> Draft:
    """Import a file of another format into a Draft (its tree and the notes of what changed)."""
    path = Path(path)
    raw = read_bytes(path)
    fmt = fmt or detect(path, raw)
    if fmt == "yaml":
        raise fail(Where(str(path)), "is our own YAML format already: nothing to import")
    if fmt in ("sheet", "table", "timelinejs-sheet"):
        from generator.importers import spreadsheet
        kind = {"table": "table", "timelinejs-sheet": "timelinejs"}.get(fmt, "")
        return spreadsheet.read(path, raw, column_map, kind)
    if fmt == "timelinejs" and raw[:4] == b"PK\x03\x04" or fmt == "timelinejs" and path.suffix.lower() in (".csv", ".xlsx"):
        from generator.importers import spreadsheet
        return spreadsheet.read(path, raw, column_map, "timelinejs")
    text = _text(path, raw)
    if fmt == "timelinejs":
        from generator.importers import timelinejs
        return timelinejs.read(path, text)
    if fmt == "markwhen":
        from generator.importers import markwhen
        return markwhen.read(path, text)
    raise fail(Where(str(path)), f'unknown format "{fmt}" (formats: {", ".join(FORMATS)})')


def read_tree(path: str | Path, fmt: str | None = None, column_map: dict[str, str] | None = None) -> Located:
    """The located tree of any supported data file (our YAML, or an imported format)."""
    path = Path(path)
    if fmt is None and SUFFIXES.get(path.suffix.lower()) == "yaml":
        return parse(read_text(path), str(path))
    raw = read_bytes(path)
    fmt = fmt or detect(path, raw)
    if fmt == "yaml":
        return parse(read_text(path), str(path))
    return read_draft(path, fmt, column_map).tree()


def _text(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(Where(str(path), line, column),
                   f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8") from None
