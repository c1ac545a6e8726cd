"""Dates, spans and numbers in the reader's language, from CLDR data through Babel.

`format_date(PartialDate(2013, 3), "ja")` is "2013年3月", in Korean "2013년 3월", in
German "März 2013"; years before 1 carry the language's era word ("500 v. Chr.",
"기원전 500년"). English keeps the project's own style ("Mar 2013", "500 BCE").
Years outside Python's 1-9999 are formatted through a stand-in year with the same
leap rule, then given their real digits.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_interval, format_skeleton

from generator.model import Event, PartialDate
from generator.scripts import base_language
from generator.words import words

WIDE_ERAS = ("ko",)          # languages whose short era name is the English "BC"


@lru_cache(maxsize=64)
def locale_for(lang: str) -> Locale | None:
    """The CLDR locale for a language code (its data loaded now), or None if CLDR has none."""
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        try:
            locale = Locale.parse(base_language(lang))
        except (UnknownLocaleError, ValueError, TypeError):
            return None
    locale.eras                      # noqa: B018 - load the locale's data once, at the edge
    return locale


def _skeleton(d: PartialDate) -> str:
    return "y" + ("MMM" if d.month else "") + ("d" if d.day else "")


def _stand_in(d: PartialDate) -> date:
    astro = d.year + 1 if d.year < 0 else d.year
    return date(2000 + astro % 400, d.month or 1, d.day or 1)


@lru_cache(maxsize=8192)        # layout asks again for every slide, card and retry
def format_date(d: PartialDate, lang: str) -> str:
    """A date as readers of lang write it, at its own precision (year, month or day)."""
    if base_language(lang) == "en":      # the project's own style: no CLDR data to load
        return d.format("en")
    locale = locale_for(lang)
    if locale is None:
        return d.format("en")
    stand_in = _stand_in(d)
    text = format_skeleton(("G" if d.year < 0 else "") + _skeleton(d), stand_in, locale=locale)
    text = text.replace(str(stand_in.year), str(abs(d.year)), 1)
    if d.year < 0:
        width = "wide" if base_language(lang) in WIDE_ERAS else "abbreviated"
        text = text.replace(locale.eras["abbreviated"][1], locale.eras[width][0], 1)
    return text


@lru_cache(maxsize=8192)        # layout asks again for every slide, card and retry
def format_span(start: PartialDate, end: PartialDate, lang: str) -> str:
    """A span: CLDR's interval format where it applies ('2013年3月～2014年5月'), else 'start – end'."""
    if base_language(lang) != "en" and start.year > 0 and end.year <= 9999 \
            and start.precision == end.precision and start.year < 10000:
        locale = locale_for(lang)
        if locale is not None:
            first = date(start.year, start.month or 1, start.day or 1)
            last = date(end.year, end.month or 1, end.day or 1)
            return format_interval(first, last, _skeleton(start), locale=locale)
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


def event_date(event: Event, lang: str) -> str:
    """The date as shown to readers: the event's display_date, or its formatted date or span."""
    if event.display_date is not None:
        return event.display_date.get(lang)
    if event.end is not None:
        return format_span(event.date, event.end, lang)
    return format_date(event.date, lang)


def circa(text: str, lang: str) -> str:
    """'c. 1979' in the reader's language."""
    return words(lang).format("circa", date=text)
