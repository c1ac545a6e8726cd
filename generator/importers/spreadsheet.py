"""Spreadsheets (CSV or XLSX): the TimelineJS Google Sheets template, or any table of dates.

The TimelineJS template has the columns `Year, Month, Day, Time, End Year, End Month, End Day,
End Time, Display Date, Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail,
Type, Group, Background` (older sheets: `Start Date, End Date, Headline, Text, ..., Tag`). Any
other table is read by the column names in `COLUMNS`, or by an explicit map such as
`{"date": "When", "title": "What"}` (`--map date=When,title=What`).
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.colornames import parse_color
from generator.importers import dates, html
from generator.importers.sheets import Cell, read_rows
from generator.importers.tree import Draft, at, mapping, source_id
from generator.yamlnodes import Located, fail

COLUMNS = {
    "date": ("date", "start date", "start", "when", "begin", "from", "date start", "start_date", "year"),
    "end": ("end date", "end", "until", "to", "finish", "end_date", "date end", "end year"),
    "title": ("title", "headline", "event", "name", "what", "subject"),
    "summary": ("summary", "description", "text", "notes", "details", "body", "note"),
    "category": ("category", "type", "kind", "class"),
    "tags": ("tags", "tag", "keywords", "labels"),
    "group": ("group", "lane", "track", "section"),
    "id": ("id", "key", "slug", "unique id", "unique_id"),
    "icon": ("icon", "image", "picture", "media thumbnail"),
    "url": ("url", "link", "source", "sources", "href", "website", "media"),
    "display_date": ("display date", "shown date", "display_date"),
    "circa": ("circa", "approx", "approximate"),
    "month": ("month",), "day": ("day",), "time": ("time",),
    "end month": ("end month",), "end day": ("end day",), "end time": ("end time",),
}
FIELDS = tuple(k for k in COLUMNS if " " not in k and k not in ("month", "day", "time"))
TIMELINEJS = ("year", "headline")
TIMELINEJS_OLD = ("start date", "headline")


def read(path: Path, raw: bytes, column_map: dict[str, str] | None = None, fmt: str = "") -> Draft:
    """Read a spreadsheet; `fmt` 'timelinejs' or 'table' forces the reading, '' detects it."""
    rows = read_rows(path, raw)
    draft = Draft(path)
    if not rows:
        raise fail(draft.where(1, 1), "the sheet is empty: no header row")
    header, body = _header(rows)
    if not body:
        raise fail(header[0][1].where, "the sheet has a header row but no rows of events under it")
    names = {name for name, _ in header}
    is_tljs = fmt == "timelinejs" or (not column_map and fmt != "table"
                                      and (set(TIMELINEJS) <= names or set(TIMELINEJS_OLD) <= names))
    columns = _timelinejs_columns(header) if is_tljs else _columns(header, column_map or {}, draft)
    for row in body:
        _row(draft, columns, row, is_tljs)
    return draft


def looks_like_timelinejs(rows: list[list[Cell]]) -> bool:
    names = {c.text.lower() for c in rows[0]} if rows else set()
    return set(TIMELINEJS) <= names or set(TIMELINEJS_OLD) <= names


def _header(rows: list[list[Cell]]) -> tuple[list[tuple[str, Cell]], list[list[Cell]]]:
    """The first row with text is the header; the TimelineJS template's help row is skipped."""
    header = [(" ".join(c.text.lower().replace("_", " ").split()), c) for c in rows[0]]
    body = rows[1:]
    return header, body


def _columns(header: list[tuple[str, Cell]], column_map: dict[str, str], draft: Draft) -> dict[str, int]:
    """Our field -> column index, from the names we know or the explicit map."""
    index = {name: i for i, (name, _) in reversed(list(enumerate(header))) if name}
    found: dict[str, int] = {}
    for field, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in index and index[alias] not in found.values():
                found[field] = index[alias]
                break
    for field, column in column_map.items():
        if field not in FIELDS:
            raise fail(header[0][1].where, f'--map {field}={column}: "{field}" is not a field '
                                           f"(fields: {', '.join(FIELDS)})")
        key = " ".join(column.lower().replace("_", " ").split())
        if key not in index:
            raise fail(header[0][1].where, f'--map {field}={column}: the header has no column "{column}" '
                                           f"(columns: {', '.join(n for n, _ in header if n)})")
        found = {f: i for f, i in found.items() if i != index[key]}
        found[field] = index[key]
    if "date" not in found or "title" not in found:
        missing = " and ".join(f for f in ("date", "title") if f not in found)
        raise fail(header[0][1].where, f"no {missing} column: name the columns Date and Title, or map them "
                                       f"with --map date=COLUMN,title=COLUMN "
                                       f"(columns: {', '.join(n for n, _ in header if n) or 'none'})")
    return found


def _timelinejs_columns(header: list[tuple[str, Cell]]) -> dict[str, int]:
    index = {name: i for i, (name, _) in reversed(list(enumerate(header))) if name}
    return {name: index[name] for name in index}


def _cell(row: list[Cell], columns: dict[str, int], name: str) -> Cell | None:
    i = columns.get(name)
    if i is None or i >= len(row) or not row[i].text:
        return None
    return row[i]


def _row(draft: Draft, columns: dict[str, int], row: list[Cell], is_tljs: bool) -> None:
    if is_tljs:
        _timelinejs_row(draft, columns, row)
    else:
        _table_row(draft, columns, row)


def _composed(row: list[Cell], columns: dict[str, int], prefix: str) -> Located | None:
    """Year, Month, Day and Time cells as one date string, at the year's cell."""
    year = _cell(row, columns, prefix + "year")
    if year is None:
        return None
    text = year.text
    month, day, time = (_cell(row, columns, prefix + k) for k in ("month", "day", "time"))
    if month:
        text += "-" + month.text.zfill(2)
        if day:
            text += "-" + day.text.zfill(2)
            if time:
                clock = _clock(time.text)
                text += f"T{clock}" if clock else f" {time.text}"
    return at(dates.to_ours(text), year.where)


def _clock(text: str) -> str:
    m = re.match(r"^(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s*([ap]\.?m\.?)?$", text.strip(), re.I)
    if not m:
        return ""
    hour = int(m[1])
    if m[3]:
        hour = hour % 12 + (12 if m[3].lower().startswith("p") else 0)
    return f"{hour:02d}:{int(m[2] or 0):02d}"


def _timelinejs_row(draft: Draft, columns: dict[str, int], row: list[Cell]) -> None:
    kind = (_cell(row, columns, "type").text.lower() if _cell(row, columns, "type") else "")
    headline = _cell(row, columns, "headline")
    text = _cell(row, columns, "text")
    if kind == "title":
        if headline:
            draft.title = at(html.to_plain(headline.text), headline.where)
        if text:
            draft.subtitle = at(html.to_plain(text.text), text.where)
        return
    start = _composed(row, columns, "") or _dated(_cell(row, columns, "start date"))
    end = _composed(row, columns, "end ") or _dated(_cell(row, columns, "end date"))
    where = row[0].where
    if kind == "era":
        draft.era(where, _plain(headline), start, end)
        return
    shown = _cell(row, columns, "display date")
    fields = {"date": start, "end": end, "display_date": _plain(shown), "title": _plain(headline),
              "summary": at(html.to_text(text.text), text.where) if text and html.to_text(text.text) else None}
    if fields["title"] is None and shown is not None:
        fields["title"] = _plain(shown)
    label = " ".join(html.to_plain(c.text) for c in filter(None, (_cell(row, columns, "media caption"),
                                                                   _cell(row, columns, "media credit"))))
    for key in ("media", "media thumbnail"):
        cell = _cell(row, columns, key)
        if cell:
            kind_of, found = draft.media(cell.text, cell.where, label)
            if kind_of == "icon" and "icon" not in fields:
                fields["icon"] = found
            elif kind_of == "source" and key == "media":
                fields["sources"] = at([draft.source(found, label)], found.where)
            elif kind_of == "quote":
                from generator.importers.timelinejs import _quote
                credit = _cell(row, columns, "media credit")
                _quote(fields, found, credit.text if credit else "")
    group = _cell(row, columns, "group") or _cell(row, columns, "tag")
    if group:
        fields["group"] = at(group.text, group.where)
    background = _cell(row, columns, "background")
    color = parse_color(background.text) if background else None
    if color:
        from generator.importers.timelinejs import _color_name
        fields["category"] = draft.category(_color_name(color), background.where, color)
    _keep_event(draft, where, fields)


def _table_row(draft: Draft, columns: dict[str, int], row: list[Cell]) -> None:
    where = row[0].where
    start = _dated(_cell(row, columns, "date"))
    if "date" in columns and columns["date"] == columns.get("year", -1) or _is_year_column(columns):
        start = _composed(row, {**columns, "year": columns["date"]}, "") or start
    fields: dict[str, Located | None] = {
        "id": _ident(_cell(row, columns, "id")),
        "date": start,
        "end": _dated(_cell(row, columns, "end")),
        "display_date": _plain(_cell(row, columns, "display_date")),
        "title": _plain(_cell(row, columns, "title")),
    }
    summary = _cell(row, columns, "summary")
    if summary:
        fields["summary"] = at(html.to_text(summary.text) if re.search(r"<[a-zA-Z/]", summary.text)
                               else summary.text, summary.where)
    category = _cell(row, columns, "category")
    if category:
        fields["category"] = draft.category(category.text, category.where)
    tags = _cell(row, columns, "tags")
    if tags:
        names = [t.strip().lstrip("#") for t in re.split(r"[,;]", tags.text) if t.strip().lstrip("#")]
        fields["tags"] = at([at(t, tags.where) for t in names], tags.where)
    group = _cell(row, columns, "group")
    if group:
        fields["group"] = at(group.text, group.where)
    icon = _cell(row, columns, "icon")
    if icon:
        fields["icon"] = at(icon.text, icon.where)
    url = _cell(row, columns, "url")
    if url:
        refs = [u for u in re.split(r"[\s,;]+", url.text) if u]
        fields["sources"] = at([draft.source(at(u, url.where)) if "://" in u else at(u, url.where)
                                for u in refs], url.where)
    circa = _cell(row, columns, "circa")
    if circa:
        fields["circa"] = at(circa.text.lower() in ("1", "true", "yes", "y", "x", "c.", "~"), circa.where)
    _keep_event(draft, where, fields)


def _is_year_column(columns: dict[str, int]) -> bool:
    return "month" in columns and "date" in columns


def _keep_event(draft: Draft, where, fields: dict) -> None:
    if all(fields.get(k) is None for k in ("date", "title", "summary")):
        return  # a row of media or notes only
    draft.events.append(mapping(where, **fields))


def _dated(cell: Cell | None) -> Located | None:
    return at(dates.to_ours(cell.text), cell.where) if cell else None


def _plain(cell: Cell | None) -> Located | None:
    if cell is None:
        return None
    text = html.to_plain(cell.text)
    return at(text, cell.where) if text else None


def _ident(cell: Cell | None) -> Located | None:
    if cell is None:
        return None
    ident = source_id(cell.text)
    return at(ident or cell.text, cell.where)
