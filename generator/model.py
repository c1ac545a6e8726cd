"""Domain objects: Timeline, Event, Era, Category, Source and PartialDate.

Frozen dataclasses with no geometry and no library imports. Every object keeps
the position it came from, so later stages can report problems as FILE:LINE.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from functools import lru_cache, total_ordering

from generator.errors import Where

NOWHERE = Where("<memory>")

NOW_WORD = {"en": "now", "ko": "현재", "ja": "現在", "zh": "至今", "de": "heute", "fr": "aujourd’hui",
            "es": "hoy", "pt": "hoje", "it": "oggi", "nl": "heden", "ru": "наст. время"}
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DATE = re.compile(r"^(?P<approx>~)?(?P<year>-?\d{1,6}|-\d{7,11})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
                   r"(?:T(?P<hour>\d{2}):(?P<minute>\d{2}))?)?)?$")
MAX_YEAR = 999_999
MIN_YEAR = -20_000_000_000  # deep time (geology, cosmology) reaches far into the past, not the future
HINT = " (YYYY, YYYY-MM or YYYY-MM-DD)"


class DateFormatError(ValueError):
    """A string is not a YYYY, YYYY-MM or YYYY-MM-DD date."""


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A year with an optional month, day and time of day; a negative year is BCE (no year 0).

    `approx` marks a date known only roughly ("c. 1450").
    """

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    approx: bool = False

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Parse `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` (a leading minus for BCE, `~` for circa)."""
        m = _DATE.match(text.strip())
        if not m:
            raise DateFormatError(f'"{text}" is not a date{HINT}')
        year = int(m["year"])
        month, day, hour, minute = (int(m[k]) if m[k] else None for k in ("month", "day", "hour", "minute"))
        date = cls.checked(year, month, day, text)
        if hour is not None:
            if hour > 23 or minute > 59:
                raise DateFormatError(f'"{text}" is not a date{HINT}: {hour:02d}:{minute:02d} is not a time of day')
            date = cls(date.year, date.month, date.day, hour, minute)
        return cls(date.year, date.month, date.day, date.hour, date.minute, True) if m["approx"] else date

    @classmethod
    def checked(cls, year: int, month: int | None, day: int | None, text: str = "") -> "PartialDate":
        """Build a date, refusing year 0, month 13, Feb 30 and the like."""
        shown = text or _iso(year, month, day)
        if year > MAX_YEAR or year < MIN_YEAR:
            raise DateFormatError(f'"{shown}" is not a date{HINT}: years run from {MIN_YEAR:,} to {MAX_YEAR}')
        if year < -MAX_YEAR and month is not None:
            raise DateFormatError(f'"{shown}" is not a date{HINT}: a year before -{MAX_YEAR} takes no month or day')
        if year == 0:
            raise DateFormatError(f'"{shown}" is not a date{HINT}: there is no year 0 (use -1 for 1 BCE)')
        if month is not None and not 1 <= month <= 12:
            raise DateFormatError(f'"{shown}" is not a date{HINT}: month {month} is not 1-12')
        if day is not None:
            last = calendar.monthrange(_leap_proxy(year), month)[1]
            if not 1 <= day <= last:
                raise DateFormatError(f'"{shown}" is not a date{HINT}: {_month_name(month)} has no day {day}')
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        """'year', 'month', 'day' or 'minute'."""
        if self.hour is not None:
            return "minute"
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def as_decimal(self) -> float:
        """Position on a continuous year scale (astronomical numbering, start of the period)."""
        minutes = (self.hour or 0) * 60 + (self.minute or 0)
        base = _decimal(self.year, self.month, self.day)
        if not minutes:
            return base
        return base + minutes / 1440 / _year_days(self.year)

    def end_decimal(self) -> float:
        """Position of the end of the period this date names (end of its year, month or day)."""
        if self.month is None:
            return self.as_decimal() + 1
        days = _year_days(self.year)
        if self.hour is not None:
            return self.as_decimal() + 1 / (days * 1440)
        if self.day is not None:
            return self.as_decimal() + 1 / days
        return self.as_decimal() + _month_days(self.year, self.month) / days

    def ends_before(self, other: "PartialDate") -> bool:
        """True when this whole period ends before `other` begins (a span's end is inclusive)."""
        return self.end_decimal() <= other.as_decimal()

    def _key(self) -> tuple[int, int, int, int, int]:
        return (self.year, self.month or 0, self.day or 0, -1 if self.hour is None else self.hour, self.minute or 0)

    def __lt__(self, other: "PartialDate") -> bool:
        return self._key() < other._key()

    def __str__(self) -> str:
        text = _iso(self.year, self.month, self.day)
        if self.hour is not None:
            text += f"T{self.hour:02d}:{self.minute or 0:02d}"
        return ("~" if self.approx else "") + text

    def format(self, lang: str) -> str:
        """Human form of the date in a language ('Mar 2013', '2013년 3월', '500 BCE', 'c. 1450')."""
        clock = f" {self.hour:02d}:{self.minute or 0:02d}" if self.hour is not None else ""
        if lang == "ko":
            text = f"기원전 {_big(-self.year)}년" if self.year < 0 else f"{self.year}년"
            if self.month:
                text += f" {self.month}월"
            if self.day:
                text += f" {self.day}일"
            return text + clock + ("경" if self.approx else "")
        year = f"{_big(-self.year)} BCE" if self.year < 0 else str(self.year)
        if self.month and self.day:
            text = f"{self.day} {MONTHS_EN[self.month - 1]} {year}"
        elif self.month:
            text = f"{MONTHS_EN[self.month - 1]} {year}"
        else:
            text = year
        return ("c. " if self.approx else "") + text + clock


def _big(years: int) -> str:
    """A count of years, grouped when it runs to millions ('13,798,000,000')."""
    return f"{years:,}" if years > MAX_YEAR else str(years)


@lru_cache(maxsize=65536)
@lru_cache(maxsize=4096)
def _decimal(year: int, month: int | None, day: int | None) -> float:
    astro = year + 1 if year < 0 else year
    if month is None:
        return float(astro)
    days = _year_days(year)
    before = sum(_month_days(year, m) for m in range(1, month))
    return astro + (before + (day or 1) - 1) / days


@lru_cache(maxsize=1024)
def _year_days(year: int) -> int:
    return 366 if calendar.isleap(_leap_proxy(year)) else 365


@lru_cache(maxsize=4096)
def _month_days(year: int, month: int) -> int:
    return calendar.monthrange(_leap_proxy(year), month)[1]


def _leap_proxy(year: int) -> int:
    """A year the calendar module accepts with the same leap rule (proleptic Gregorian)."""
    astro = year + 1 if year < 0 else year
    return 2000 + astro % 400


def _month_name(month: int | None) -> str:
    return calendar.month_name[month] if month else "that month"


def _iso(year: int, month: int | None, day: int | None) -> str:
    text = str(year)
    if month is not None:
        text += f"-{month:02d}"
    if day is not None:
        text += f"-{day:02d}"
    return text


@dataclass(frozen=True)
class LocalText:
    """Text in one or more languages; `get` falls back to the default language."""

    values: tuple[tuple[str, str], ...]
    default: str = "en"

    @classmethod
    def of(cls, value: str | dict[str, str], default: str = "en") -> "LocalText":
        if isinstance(value, str):
            return cls((("*", value),), default)
        return cls(tuple(value.items()), default)

    def get(self, lang: str) -> str:
        table = dict(self.values)
        for key in (lang, "*", self.default):
            if key in table:
                return table[key]
        return next(iter(table.values()), "")

    def has(self, lang: str) -> bool:
        return any(key in (lang, "*") for key, _ in self.values)


@dataclass(frozen=True)
class Category:
    id: str
    label: LocalText
    color: str | None = None
    where: Where = NOWHERE


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    where: Where = NOWHERE


@dataclass(frozen=True)
class Era:
    id: str
    label: LocalText
    start: PartialDate
    end: PartialDate
    color: str | None = None
    where: Where = NOWHERE


IMPORTANCE = ("high", "normal", "low")


@dataclass(frozen=True)
class Event:
    id: str
    date: PartialDate
    title: LocalText
    summary: LocalText | None = None
    end: PartialDate | None = None
    display_date: LocalText | None = None
    category: Category | None = None
    icon: str | None = None
    sources: tuple[Source, ...] = ()
    where: Where = NOWHERE
    order: int = 0
    importance: str = "normal"      # "high", "normal" or "low": who keeps a full card on a crowded sheet
    tags: tuple[str, ...] = ()
    group: LocalText | None = None
    open_end: bool = False  # `end: now`: `end` holds the as-of date, readers see "now"
    derived_id: bool = False  # no id in the file: derived from date and title
    markup: LocalText | None = None  # the summary as written, with its **bold**, *italic* and [links](url)

    def date_label(self, lang: str) -> str:
        """The date as shown to readers: display_date, or the formatted date or span."""
        if self.display_date is not None:
            return self.display_date.get(lang)
        text = self.date.format(lang)
        if self.open_end:
            text += " – " + NOW_WORD.get(lang.split("-")[0], "now")
        elif self.end is not None:
            text += " – " + self.end.format(lang)
        return text


def chronological(events) -> tuple[Event, ...]:
    """Events in the one order every output uses.

    By the start of the period each date names (`2015` starts on 1 Jan 2015, so it comes
    before `2015-07`; `2016` and `2016-01` start together), then by the event's `order`
    (default 0), then in the order given (the file's order). The sort is stable.
    """
    return tuple(sorted(events, key=lambda e: (e.date.as_decimal(), e.order)))


@dataclass(frozen=True)
class Meta:
    author: str = ""
    url: str = ""
    license: str = ""
    date: str = ""
    as_of: str = ""


@dataclass(frozen=True)
class Timeline:
    title: LocalText
    languages: tuple[str, ...]
    events: tuple[Event, ...]
    subtitle: LocalText | None = None
    categories: tuple[Category, ...] = ()
    eras: tuple[Era, ...] = ()
    sources: tuple[Source, ...] = ()
    meta: Meta = field(default_factory=Meta)
    path: str = ""

    def era_of(self, event: Event) -> Era | None:
        """The era whose span holds the event's date, if any."""
        x = event.date.as_decimal()
        for era in self.eras:
            if era.start.as_decimal() <= x < era.end.end_decimal():
                return era
        return None

    def cited_sources(self) -> tuple[Source, ...]:
        """Every source in reference-number order: by first citation in event order, then the uncited ones.

        Poster, deck, handout and speaker notes all number sources by this order
        (`source_numbers`), so a source has the same number in every output.
        """
        known = self.__dict__.get("_cited_sources")      # worked out once: every slide asks
        if known is None:
            seen: dict[str, Source] = {}
            for event in self.events:
                for s in event.sources:
                    seen.setdefault(s.id, s)
            for s in self.sources:
                seen.setdefault(s.id, s)
            known = self.__dict__["_cited_sources"] = tuple(seen.values())
        return known

    def source_numbers(self) -> dict[str, int]:
        """The reference number of every source id (1-based, in `cited_sources` order)."""
        return {s.id: n for n, s in enumerate(self.cited_sources(), 1)}
