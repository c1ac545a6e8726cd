"""Dates as people type them in spreadsheets and Markwhen, turned into our date strings.

`to_ours("4 January 1996")` gives "1996-01-04"; what cannot be read comes back unchanged,
so the loader reports it, located, as "is not a date".
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {name: i + 1 for i, names in enumerate((
    "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
    "august aug", "september sep sept", "october oct", "november nov", "december dec"))
    for name in names.split()}

_ISO = re.compile(r"^(?P<y>-?\d{1,11})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})"
                  r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$")
_SLASH = re.compile(r"^(?P<a>\d{1,2})/(?:(?P<b>\d{1,2})/)?(?P<y>\d{1,6})$")
_COMMA = re.compile(r"^(?P<y>-?\d{1,6}),(?P<m>\d{1,2})(?:,(?P<d>\d{1,2}))?$")  # TimelineJS 2 "YYYY,MM,DD"
_ERA = re.compile(r"^(?P<y>\d{1,11}(?:,\d{3})*)\s*(?P<era>bce|bc|b\.c\.e?\.?|ce|ad|a\.d\.)$", re.I)
_CIRCA = re.compile(r"^(?:~|c\.|ca\.|circa|about|approx\.?)\s*", re.I)
_CLOCK = re.compile(r"(?:^|\s)(?P<H>\d{1,2})(?::(?P<M>\d{2}))?(?::\d{2})?\s*(?P<ap>am|pm|a\.m\.|p\.m\.)?$", re.I)


class Read:
    """A date read from text: our date string and what it means."""

    def __init__(self, year: int, month: int | None = None, day: int | None = None,
                 hour: int | None = None, minute: int | None = None, approx: bool = False):
        self.year, self.month, self.day, self.hour, self.minute, self.approx = year, month, day, hour, minute, approx

    def text(self) -> str:
        out = str(self.year)
        if self.month is not None:
            out += f"-{self.month:02d}"
            if self.day is not None:
                out += f"-{self.day:02d}"
                if self.hour is not None:
                    out += f"T{self.hour:02d}:{self.minute or 0:02d}"
        return ("~" if self.approx else "") + out

    def start(self) -> dt.datetime | None:
        """The first instant, when the year is one Python's calendar handles."""
        if not 1 <= self.year <= 9999:
            return None
        try:
            return dt.datetime(self.year, self.month or 1, self.day or 1, self.hour or 0, self.minute or 0)
        except ValueError:
            return None

    def after(self) -> dt.datetime | None:
        """The first instant after the period this date names (end of its year, month or day)."""
        first = self.start()
        if first is None:
            return None
        if self.hour is not None:
            return first
        if self.day is not None:
            return first + dt.timedelta(days=1)
        if self.month is not None:
            return add(first, months=1)
        return add(first, years=1)


def add(when: dt.datetime, years: int = 0, months: int = 0, days: float = 0, seconds: float = 0) -> dt.datetime:
    """Calendar arithmetic: months and years keep the day (clamped to the month's last day)."""
    total = when.month - 1 + months + 12 * years
    year, month = when.year + total // 12, total % 12 + 1
    import calendar
    year = min(max(year, 1), 9999)
    day = min(when.day, calendar.monthrange(year, month)[1])
    return when.replace(year=year, month=month, day=day) + dt.timedelta(days=days, seconds=seconds)


def from_datetime(when: dt.datetime, precision: str) -> Read:
    """A datetime at a precision: 'year', 'month', 'day' or 'minute'."""
    keep = ("year", "month", "day", "minute").index(precision)
    return Read(when.year, when.month if keep >= 1 else None, when.day if keep >= 2 else None,
                when.hour if keep >= 3 else None, when.minute if keep >= 3 else None)


def read(text: str, day_first: bool = False) -> Read | None:
    """Read one date, or None. Years are human (-500 is 500 BCE)."""
    raw = " ".join(str(text).replace("\u00a0", " ").split())
    if not raw:
        return None
    approx = False
    m = _CIRCA.match(raw)
    if m and m.end() < len(raw):
        approx, raw = True, raw[m.end():]
    found = _read_plain(raw, day_first)
    if found is not None:
        found.approx = found.approx or approx
    return found


def _read_plain(raw: str, day_first: bool) -> Read | None:
    m = _ISO.match(raw)
    if m:
        year = int(m["y"])
        return _valid(year, _int(m["m"]), _int(m["d"]), _int(m["H"]), _int(m["M"]))
    m = _ERA.match(raw)
    if m:
        year = int(m["y"].replace(",", ""))
        bce = m["era"].lower().startswith("b")
        return _valid(-year if bce else year, None, None)
    m = _COMMA.match(raw)
    if m:
        return _valid(int(m["y"]), int(m["m"]), _int(m["d"]))
    m = _SLASH.match(raw)
    if m:
        if m["b"] is None:
            return _valid(int(m["y"]), int(m["a"]), None)
        month, day = (int(m["b"]), int(m["a"])) if day_first else (int(m["a"]), int(m["b"]))
        return _valid(int(m["y"]), month, day)
    return _casual(raw)


def _casual(raw: str) -> Read | None:
    """'4 January 1996', 'Jan 4, 1996', 'January 1996', 'Oct 8 2012 9:30am', '1450 BC'."""
    hour = minute = None
    clock = _CLOCK.search(raw)
    words = re.sub(r"[,.]", " ", raw).lower().split()
    if clock and (":" in clock.group(0) or clock["ap"]) and len(words) > 1:
        hour = int(clock["H"]) % 12 + (12 if (clock["ap"] or "").lower().startswith("p") else 0) \
            if clock["ap"] else int(clock["H"])
        minute = int(clock["M"] or 0)
        words = re.sub(r"[,.]", " ", raw[:clock.start()]).lower().split()
    bce = False
    if words and words[-1] in ("bc", "bce", "b c e", "ad", "ce"):
        bce = words.pop() in ("bc", "bce")
    month = day = year = None
    for word in words:
        word = re.sub(r"(st|nd|rd|th)$", "", word) if re.match(r"^\d+(st|nd|rd|th)$", word) else word
        if word in MONTHS and month is None:
            month = MONTHS[word]
        elif word.isdigit() and len(word) <= 2 and day is None and month is not None and year is None \
                or word.isdigit() and len(word) <= 2 and day is None and month is None and year is None:
            day = int(word)
        elif word.isdigit() and year is None:
            year = int(word)
        else:
            return None
    if year is None or (day is not None and month is None):
        if year is None and day is not None and month is None:
            return None
        if year is None:
            return None
    if bce:
        year = -year
    if day is not None and month is None:
        return None
    return _valid(year, month, day, hour if day is not None else None, minute if day is not None else None)


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _valid(year: int, month: int | None, day: int | None, hour: int | None = None,
           minute: int | None = None) -> Read | None:
    """A Read, even for an impossible date (the loader explains what is wrong with it)."""
    if hour is not None and day is None:
        hour = minute = None
    return Read(year, month, day if month is not None else None, hour, minute)


def to_ours(text: str, day_first: bool = False) -> str:
    """Our date string for text, or the text unchanged when it is not a date we can read."""
    found = read(text, day_first)
    return found.text() if found else str(text).strip()
