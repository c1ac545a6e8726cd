"""Markwhen (`.mw`) read into our located tree.

Header: `title:`, `description:` (our subtitle), `dateFormat: d/M/y`, `#Tag: colour`. Events:
`RANGE: text` with EDTF dates (`2004-06/2006-08`, `2018/6 months`), human dates (`04/1776`,
`4 January 1996`, `Oct 8 2012 9:30am`), `now`, and relative dates (`1 year`, `after !id 2 weeks`,
`before !id 1 month`); the lines after an event are its properties (`key: value`, right after the
first line; `id:` is kept) and then its description. `#tags` give the category (the first tag) and
`tags`; `!id` gives the id; `[text](url)` links become sources; `![](image)` is the icon when it is
a file beside the data. `group NAME … endGroup` (nested) sets `group`; `section NAME … endSection`
becomes an era spanning its events; pages after a `_-_-_break_-_-_` join the one timeline.
A relative date counts from the end of the event it names, or of the previous event.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Where
from generator.importers import dates
from generator.importers.dates import Read, add
from generator.importers.tree import Draft, at, mapping, source_id
from generator.yamlnodes import fail

PAGE_BREAK = "_-_-_break_-_-_"
_UNITS = {"year": "years", "month": "months", "week": "weeks", "day": "days", "hour": "hours",
          "minute": "minutes", "second": "seconds", "millisecond": "milliseconds"}
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:(week|work|business)\s*(?=days?\b))?(years?|months?|weeks?|days?|hours?|minutes?|"
                     r"seconds?|milliseconds?|y|mo|w|d|h|m|s)\b", re.I)
_RELATIVE = re.compile(r"^(?:(?P<dir>after|before|by)\s+)?(?:!(?P<id>[\w-]+)\s*)?(?P<amount>(?:\d+(?:\.\d+)?\s*"
                       r"(?:(?:week|work|business)\s*)?[a-z]+\s*)+)?$", re.I)
_TAG = re.compile(r"(?<![\w&#/\]])#([\w][\w/-]*)")
_ID = re.compile(r"(?<![\w/])!([\w][\w-]*)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
_PROPERTY = re.compile(r"^\s*([A-Za-z_][\w -]{0,30}):\s*(.*)$")
_GROUP = re.compile(r"^\s*(group|section)\b\s*(.*)$", re.I)
_END = re.compile(r"^\s*end\s*(group|section)\b", re.I)
_EVERY = re.compile(r"\s+(?:every|x)\s+.*$", re.I)
_CHECK = re.compile(r"^\s*[-*]\s+\[( |x|X)\]\s+")


@dataclass
class _Event:
    where: Where
    start: Read
    end: Read | None  # inclusive
    after: dt.datetime | None  # first instant after the range, for relative dates
    fields: dict = field(default_factory=dict)
    lines: list[tuple[int, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass
class _Block:
    kind: str  # "group" or "section"
    label: str
    where: Where
    tags: list[str]
    events: list[_Event] = field(default_factory=list)


def read(path: Path, text: str) -> Draft:
    """Read a Markwhen file."""
    return _Reader(Draft(path), text).run()


class _Reader:
    def __init__(self, draft: Draft, text: str):
        self.draft = draft
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.day_first = False
        self.ids: dict[str, _Event] = {}
        self.last: _Event | None = None
        self.blocks: list[_Block] = []
        self.events: list[_Event] = []
        self.in_header = True
        self.page_title: tuple[str, Where] | None = None

    def where(self, line: int, column: int = 1) -> Where:
        return self.draft.where(line, column)

    def run(self) -> Draft:
        current: _Event | None = None
        skip_front = self.lines and self.lines[0].strip() == "---"
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            if skip_front:
                if number > 1 and stripped == "---":
                    skip_front = False
                    continue
                if number > 1:
                    self.header_line(number, line)
                continue
            if stripped.startswith("//"):
                continue
            if stripped == PAGE_BREAK:
                self.finish(current)
                current = None
                self.close_all(number)
                self.in_header, self.page_title = True, None
                continue
            if _END.match(line):
                self.finish(current)
                current = None
                self.close(_END.match(line)[1].lower(), number)
                continue
            group = _GROUP.match(line)
            if group and not self.event_start(line):
                self.finish(current)
                current = None
                self.open(group[1].lower(), group[2], number, line)
                continue
            found = self.event_start(line)
            if found is not None:
                self.finish(current)
                current = self.begin(number, line, *found)
                continue
            if current is not None:
                current.lines.append((number, line))
            elif self.in_header:
                self.header_line(number, line)
        self.finish(current)
        self.close_all(len(self.lines))
        return self.draft

    # --- header --------------------------------------------------------------------
    def header_line(self, number: int, line: str) -> None:
        m = re.match(r"^\s*#([\w][\w/-]*)\s*:\s*(\S+)", line)
        if m:
            self.draft.color_category(m[1], self.where(number, line.index("#") + 1), m[2])
            return
        m = _PROPERTY.match(line)
        if not m:
            return
        key, value = m[1].strip().lower(), m[2].split(" //")[0].strip()
        where = self.where(number, line.index(m[2]) + 1 if m[2] else 1)
        if key == "title" and value:
            if self.draft.title is None:
                self.draft.title = at(value, where)
            else:
                self.page_title = (value, where)
        elif key == "description" and value and self.draft.subtitle is None:
            self.draft.subtitle = at(value, where)
        elif key == "dateformat":
            self.day_first = value.lower().startswith("d")

    # --- groups and sections -----------------------------------------------------------
    def open(self, kind: str, rest: str, number: int, line: str) -> None:
        if self.in_header:
            self.start_page(number)
        rest = rest.split(" //")[0]
        tags = _TAG.findall(rest)
        label = " ".join(_TAG.sub("", rest).split()) or kind.capitalize()
        self.blocks.append(_Block(kind, label, self.where(number, len(line) - len(line.lstrip()) + 1), tags))

    def close(self, kind: str, number: int) -> None:
        for i in range(len(self.blocks) - 1, -1, -1):
            if self.blocks[i].kind == kind:
                while len(self.blocks) > i:
                    self.end_block(self.blocks.pop())
                return
        self.draft.note(self.where(number), f"end{kind.capitalize()} without a {kind}; ignored")

    def close_all(self, number: int) -> None:
        while self.blocks:
            self.end_block(self.blocks.pop())

    def end_block(self, block: _Block) -> None:
        if self.blocks:
            self.blocks[-1].events.extend(block.events)
        if block.kind != "section" or not block.events:
            return
        first = min(block.events, key=lambda e: _key(e.start))
        last = max(block.events, key=lambda e: _key(e.end or e.start))
        self.draft.era(block.where, at(block.label, block.where), at(_year_month(first.start), block.where),
                       at(_year_month(last.end or last.start), block.where))

    def start_page(self, number: int) -> None:
        self.in_header = False
        if self.page_title is not None:  # a later page's title: its events join the one timeline
            label, where = self.page_title
            self.draft.note(where, f'the page "{label}" is merged into the timeline')
            self.page_title = None

    # --- events ----------------------------------------------------------------------
    def event_start(self, line: str) -> tuple[int, str, str] | None:
        """(column, range text, rest) when the line starts an event."""
        head = line.lstrip()
        if not head or _CHECK.match(line) or head[0] in "*#[" or head[0] == "-" and not head[1:2].isdigit():
            return None
        for m in re.finditer(r":(?=\s|$)", line):
            prefix = line[:m.start()].strip()
            if not prefix or len(prefix) > 80:
                continue
            every = _EVERY.search(prefix)
            if self.parse_range(prefix[:every.start()] if every else prefix, probe=True) is not None:
                column = len(line) - len(line.lstrip()) + 1
                return column, prefix, line[m.end():].strip()
        return None

    def begin(self, number: int, line: str, column: int, prefix: str, rest: str) -> _Event:
        if self.in_header:
            self.start_page(number)
        where = self.where(number, column)
        every = _EVERY.search(prefix)
        if every and self.parse_range(prefix[:every.start()], probe=True) is not None:
            self.draft.note(where, f'repeating event "{prefix}": only its first occurrence is kept')
            prefix = prefix[:every.start()]
        parsed = self.parse_range(prefix, where=where)
        start, end, after, now_start, now_end = parsed
        event = _Event(where, start, end, after)
        event.fields["date"] = at("now" if now_start else start.text(), where)
        if now_end:
            event.fields["end"] = at("now", where)
        elif end is not None and end.text() != start.text():
            event.fields["end"] = at(end.text(), where)
        title_column = line.index(rest) + 1 if rest and rest in line else column
        self.title(event, rest, self.where(number, title_column))
        self.last = event
        return event

    def title(self, event: _Event, text: str, where: Where) -> None:
        for ident in _ID.findall(text):
            self.remember(event, ident, where)
        text = _ID.sub("", text)
        event.tags += _TAG.findall(text)
        text = _TAG.sub("", text)
        text = self.media(event, text, where)
        sources = [at(url, where) for _, url in _LINK.findall(text) if url.startswith(("http://", "https://"))]
        if sources:
            event.fields.setdefault("sources", [])
            event.fields["sources"] += [self.draft.source(u) for u in sources]
        title = " ".join(_LINK.sub(lambda m: m[1], text).split())
        event.fields["title"] = at(title, where) if title else None

    def media(self, event: _Event, text: str, where: Where) -> str:
        for alt, url in _IMAGE.findall(text):
            kind, found = self.draft.media(url, where, alt)
            if kind == "icon":
                event.fields.setdefault("icon", found)
            elif kind == "source":
                event.fields.setdefault("sources", []).append(self.draft.source(found, alt))
        return _IMAGE.sub("", text)

    def remember(self, event: _Event, ident: str, where: Where) -> None:
        ours = source_id(ident)
        if ours:
            event.fields["id"] = at(ours, where)
        self.ids[ident] = event

    def finish(self, event: _Event | None) -> None:
        if event is None:
            return
        lines = list(event.lines)
        while lines and not lines[0][1].strip():
            lines.pop(0)
        while lines and _PROPERTY.match(lines[0][1]) and not _LINK.search(lines[0][1]):
            number, line = lines.pop(0)
            m = _PROPERTY.match(line)
            if m[1].strip().lower() == "id" and m[2].strip():
                self.remember(event, m[2].strip(), self.where(number, line.index(m[2]) + 1))
        body: list[str] = []
        first_where = None
        for number, line in lines:
            text = line.strip()
            if not text:
                continue
            event.tags += _TAG.findall(text)
            text = _TAG.sub("", text).strip()
            text = self.media(event, text, self.where(number))
            text = re.sub(r"\[([^\]]+)\]\((?:location|map)\)", r"\1", text)
            check = _CHECK.match(line)
            if check:
                text = "• " + _CHECK.sub("", line).strip() + (" (done)" if check[1].lower() == "x" else "")
            if text:
                first_where = first_where or self.where(number, len(line) - len(line.lstrip()) + 1)
                body.append(text)
        summary = "\n".join(body).strip()
        if summary:
            event.fields["summary"] = at(summary, first_where)
        groups = [b for b in self.blocks if b.kind == "group"]
        if groups:
            event.fields["group"] = at(" / ".join(b.label for b in groups), groups[-1].where)
        tags = list(dict.fromkeys(event.tags + [t for b in self.blocks for t in b.tags]))
        if tags:
            event.fields["category"] = self.draft.category(tags[0], event.where)
            event.fields["tags"] = at([at(t, event.where) for t in tags], event.where)
        if any(t.lower() == "milestone" for t in tags):
            event.fields["importance"] = at("high", event.where)  # Markwhen's #milestone keeps a full card
        if "sources" in event.fields:
            event.fields["sources"] = at(event.fields["sources"], event.where)
        self.draft.events.append(mapping(event.where, **event.fields))
        if self.blocks:
            self.blocks[-1].events.append(event)

    # --- dates -----------------------------------------------------------------------
    def parse_range(self, text: str, probe: bool = False, where: Where | None = None):
        """(start, inclusive end, instant after, start is now, end is now), or None when probing fails."""
        text = text.strip()
        for left, right in _splits(text):
            try:
                return self.resolve(left, right)
            except _NotADate:
                continue
            except _Bad as exc:
                if probe:
                    return ()
                raise fail(where, f'"{text}": {exc}') from None
        if probe:
            return None
        raise fail(where, f'"{text}" is not a date or range')

    def resolve(self, left: str, right: str | None):
        now_start = left.lower() == "now"
        start, after = self.one(left, None)
        if right is None:
            return start, None, after, now_start, False
        if right.lower() == "now":
            return start, None, after, now_start, True
        base = start.start() if start.start() is not None else None
        end, end_after = self.one(right, base, is_end=True, start=start)
        return start, end, end_after, now_start, False

    def one(self, text: str, base: dt.datetime | None, is_end: bool = False, start: Read | None = None):
        """A date (or a relative amount) as (Read, instant after it)."""
        text = text.strip()
        if text.lower() == "now":
            today = dt.date.today()
            found = Read(today.year, today.month, today.day)
            return found, found.after()
        found = dates.read(text, self.day_first)
        if found is not None and not _AMOUNT.fullmatch(text.strip()):
            return found, found.after()
        m = _RELATIVE.match(text)
        if not m or not (m["amount"] or m["id"]):
            raise _NotADate()
        amount = _amount(m["amount"] or "")
        if m["id"]:
            if m["id"] not in self.ids:
                raise _Bad(f'no event with the id "!{m["id"]}" before this line (ids must come first)')
            ref = self.ids[m["id"]]
        else:
            ref = self.last
        if is_end and not m["id"]:
            origin = base
        elif (m["dir"] or "").lower() in ("before", "by"):
            origin = ref.start.start() if ref else None
            amount = {k: -v for k, v in amount.items()}
        else:
            origin = ref.after if ref else None
        if origin is None:
            raise _Bad("a relative date needs an earlier dated event to count from")
        if is_end and start is not None and start.start() is not None and not m["id"]:
            origin = start.start()  # `START - 4 months`: four months from the start
        moved = add(origin, years=int(amount.get("years", 0)), months=int(amount.get("months", 0)),
                    days=amount.get("days", 0) + 7 * amount.get("weeks", 0),
                    seconds=amount.get("hours", 0) * 3600 + amount.get("minutes", 0) * 60 + amount.get("seconds", 0))
        precision = _precision(amount, origin)
        if is_end:
            last = moved - dt.timedelta(minutes=1) if precision == "minute" else moved - dt.timedelta(days=1)
            read_end = dates.from_datetime(last if precision != "minute" else moved, precision)
            return read_end, moved
        read_start = dates.from_datetime(moved, precision)
        return read_start, read_start.after()


class _NotADate(Exception):
    pass


class _Bad(Exception):
    pass


def _splits(text: str):
    """Ways to read text as `START[ - END]`: EDTF `/`, ` to `, ` - `, then a bare `-` between dates."""
    yield text, None
    for sep in ("/", " to ", " - ", " – ", "-"):
        start = 0
        while True:
            i = text.find(sep, start)
            if i <= 0:
                break
            left, right = text[:i].strip(), text[i + len(sep):].strip()
            if left and right:
                yield left, right
            start = i + 1


def _amount(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for number, weekday, unit in _AMOUNT.findall(text):
        unit = unit.lower()
        unit = {"y": "years", "mo": "months", "w": "weeks", "d": "days", "h": "hours", "m": "minutes",
                "s": "seconds"}.get(unit, _UNITS.get(unit.rstrip("s"), unit))
        value = float(number)
        if weekday and unit == "days":
            value = value * 7 / 5  # week days: about seven calendar days for five working days
        out[unit] = out.get(unit, 0) + value
    leftover = _AMOUNT.sub("", text).strip()
    if leftover:
        raise _NotADate()
    return out


def _coarse(amount: dict[str, float]) -> bool:
    return set(amount) <= {"years", "months"}


def _precision(amount: dict[str, float], origin: dt.datetime) -> str:
    if set(amount) & {"hours", "minutes", "seconds", "milliseconds"}:
        return "minute"
    if set(amount) & {"days", "weeks"} or origin.day != 1:
        return "day"
    if "months" in amount or origin.month != 1:
        return "month"
    return "year"


def _key(found: Read) -> tuple:
    return (found.year, found.month or 0, found.day or 0, found.hour or 0, found.minute or 0)


def _year_month(found: Read) -> str:
    return Read(found.year, found.month, found.day).text()
