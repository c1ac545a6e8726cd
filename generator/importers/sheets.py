"""Rows of cells from a CSV file or an XLSX workbook, each cell knowing where it is.

CSV: UTF-8 (with or without BOM; Windows-1252 as a fallback), `,` `;` or tab separators
(whichever the header line uses), quoted fields over several lines, CRLF line ends. A cell's
position is its line and column in the file. XLSX (openpyxl): the first sheet, or the one named
"Timeline"/"od1"; a merged range gives its value to every cell it covers; a cell's position is
`Sheet1!C14`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Where
from generator.yamlnodes import fail

MAX_ROWS = 20_000
MAX_COLUMNS = 200


@dataclass(frozen=True)
class Cell:
    value: object  # str for CSV; str, int, float, datetime or None for XLSX
    where: Where

    @property
    def text(self) -> str:
        value = self.value
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, dt.datetime):
            return value.strftime("%Y-%m-%dT%H:%M") if (value.hour, value.minute) != (0, 0) \
                else value.strftime("%Y-%m-%d")
        if isinstance(value, dt.time):
            return value.strftime("%H:%M")
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value).strip()


def read_rows(path: Path, raw: bytes) -> list[list[Cell]]:
    """Every row of the file (empty rows dropped), as cells with positions."""
    if raw[:4] == b"PK\x03\x04":
        return _xlsx_rows(path, raw)
    return _csv_rows(path, raw)


def decode(path: Path, raw: bytes) -> tuple[str, str]:
    """Text of a CSV file, and a note when it was not UTF-8."""
    try:
        return raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "the file is not UTF-8; read as Windows-1252"


def _csv_rows(path: Path, raw: bytes) -> list[list[Cell]]:
    text, _ = decode(path, raw)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise fail(Where(str(path), line, 1), "is a binary file, not CSV text")
    delimiter = _delimiter(text)
    rows, row, field = [], [], []
    line, column = 1, 1
    start = (1, 1)
    quoted = False
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if quoted:
            if char == '"':
                if i + 1 < n and text[i + 1] == '"':
                    field.append('"')
                    i += 2
                    column += 2
                    continue
                quoted = False
            elif char == "\r" and text[i + 1:i + 2] == "\n":
                pass  # a Windows line end inside a quoted field is one new line
            else:
                field.append(char)
                if char == "\n":
                    line, column = line + 1, 0
        elif char == '"' and not "".join(field).strip():
            field, quoted = [], True
        elif char == delimiter:
            row.append(Cell("".join(field).strip(), Where(str(path), *start)))
            field, start = [], (line, column + 1)
        elif char in "\r\n":
            if char == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            row.append(Cell("".join(field).strip(), Where(str(path), *start)))
            _keep(rows, row, path)
            row, field = [], []
            line, column = line + 1, 0
            start = (line, 1)
        else:
            field.append(char)
        i += 1
        column += 1
    if quoted:
        raise fail(Where(str(path), *start), "a quoted field is never closed (a missing \")")
    if field or row:
        row.append(Cell("".join(field).strip(), Where(str(path), *start)))
        _keep(rows, row, path)
    return rows


def _keep(rows: list, row: list[Cell], path: Path) -> None:
    if any(c.value for c in row):
        if len(rows) >= MAX_ROWS:
            raise fail(row[0].where, f"more than {MAX_ROWS:,} rows; the limit is {MAX_ROWS:,}")
        if len(row) > MAX_COLUMNS:
            raise fail(row[0].where, f"{len(row)} columns; the limit is {MAX_COLUMNS}")
        rows.append(row)


def _delimiter(text: str) -> str:
    """The separator the first line uses most, outside quotes."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for char in text[:10_000]:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
        elif not quoted and char == "\n":
            break
    return max(counts, key=lambda c: (counts[c], c == ","))


def _xlsx_rows(path: Path, raw: bytes) -> list[list[Cell]]:
    import io
    import zipfile
    try:
        import openpyxl
        from openpyxl.utils import get_column_letter
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise fail(Where(str(path)), "reading .xlsx needs openpyxl (pip install openpyxl)") from None
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            total = sum(info.file_size for info in archive.infolist())
        if total > 200 * 1024 * 1024:
            raise fail(Where(str(path)), f"unpacks to {total / 1e6:.0f} MB; the limit is 200 MB")
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise fail(Where(str(path)), f"is not a readable .xlsx workbook ({type(exc).__name__})") from None
    sheet = _pick_sheet(book)
    merged = {}
    for cells in sheet.merged_cells.ranges:
        top = sheet.cell(cells.min_row, cells.min_col).value
        for r in range(cells.min_row, cells.max_row + 1):
            for c in range(cells.min_col, cells.max_col + 1):
                merged[(r, c)] = top
    rows: list[list[Cell]] = []
    for r, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        row = []
        for c, value in enumerate(values[:MAX_COLUMNS], start=1):
            value = merged.get((r, c), value)
            cell = f"{sheet.title}!{get_column_letter(c)}{r}"
            row.append(Cell(value, Where(str(path), r, c, cell)))
        _keep(rows, row, path)
    return rows


def _pick_sheet(book):
    for name in ("Timeline", "od1", "Sheet1"):
        if name in book.sheetnames:
            return book[name]
    return book.worksheets[0]
