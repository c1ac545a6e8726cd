"""The time axis: a piecewise-linear scale with compressed empty stretches, and its ticks.

Compression rule: a stretch between consecutive dates (events and era bounds) is
compressed when it is longer than a quarter of the whole span and more than four
times the median stretch. It then takes 4% of the axis and shows a break mark.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from statistics import median

from generator.model import Timeline

BREAK_SHARE = 0.04
KEEP = 0.6  # years kept at normal scale on each side of a compressed stretch


@dataclass(frozen=True)
class Axis:
    """Maps a decimal year to a position between `start` and `end` (points along the axis)."""

    knots: tuple[tuple[float, float], ...]   # (year, position), increasing in both
    breaks: tuple[tuple[float, float], ...]  # compressed (year_from, year_to)

    @property
    def first_year(self) -> float:
        return self.knots[0][0]

    @property
    def last_year(self) -> float:
        return self.knots[-1][0]

    def at(self, year: float) -> float:
        """Position of a decimal year (clamped to the axis)."""
        knots = self.knots
        if year <= knots[0][0]:
            return knots[0][1]
        if year >= knots[-1][0]:
            return knots[-1][1]
        i = bisect.bisect_left(self.years, year)
        (y0, p0), (y1, p1) = knots[i - 1], knots[i]
        return p0 + (p1 - p0) * (year - y0) / (y1 - y0) if y1 > y0 else p1

    @property
    def years(self) -> list[float]:
        cached = self.__dict__.get("_years")
        if cached is None:
            cached = [k[0] for k in self.knots]
            object.__setattr__(self, "_years", cached)
        return cached

    def compressed(self, year: float) -> bool:
        return any(a < year < b for a, b in self.breaks)


def build_axis(timeline: Timeline, start: float, end: float, events=None,
               span: tuple[float, float] | None = None, warp: float = 0.0) -> Axis:
    """An axis over the timeline's dates (or the given events) from position start to end.

    `span` fixes the time range (a row of a wrapped axis); otherwise it runs over the
    events and the eras they touch, rounded out to whole years (months or days for short ranges).
    `warp` (0-1) gives crowded stretches more room: each date's position blends its share of the
    time range with its share of the dates (ticks still mark the real dates).
    """
    events = timeline.events if events is None else events
    dates = sorted({e.date.as_decimal() for e in events} | {(e.end or e.date).end_decimal() for e in events})
    if span is not None:
        lo, hi = span
    else:
        lo, hi = dates[0], dates[-1]
        for era in timeline.eras:
            a, b = era.start.as_decimal(), era.end.end_decimal()
            if b > lo and a < hi:
                lo, hi = min(lo, a), max(hi, b)
        lo, hi = round_out(lo, hi)
    points = sorted({lo, hi} | {d for d in dates if lo <= d <= hi})
    if warp > 0 and len(points) > 2:
        return _warped(points, warp, start, end, [e.date.as_decimal() for e in events])
    breaks = _long_gaps(points, hi - lo)
    return _place(lo, hi, breaks, start, end)


def _warped(points: list[float], warp: float, start: float, end: float, starts: list[float]) -> Axis:
    """Each point's position blends its share of the time range with the share of events before it, so
    the stretch after a date that many events share is as long as they need."""
    lo, hi = points[0], points[-1]
    starts = sorted(starts)
    total = max(len(starts), 1)
    knots = []
    for p in points:
        share = bisect.bisect_left(starts, p) / total
        if p == hi:
            share = 1.0
        knots.append((p, start + (end - start) * ((1 - warp) * (p - lo) / (hi - lo) + warp * share)))
    return Axis(tuple(knots), ())


def round_out(lo: float, hi: float) -> tuple[float, float]:
    """The range rounded out to whole years; to months under three years, to days under two months."""
    if hi - lo >= 3:
        lo, hi = math.floor(lo), math.ceil(hi)
        return (lo, hi) if hi - lo >= 1 else (lo, lo + 1)
    unit = 1 / 12 if hi - lo >= 2 / 12 else 1 / 365
    lo, hi = math.floor(lo / unit + 1e-9) * unit, math.ceil(hi / unit - 1e-9) * unit
    return (lo, hi) if hi > lo else (lo, lo + unit)


def _long_gaps(points: list[float], span: float) -> list[tuple[float, float]]:
    gaps = [(a, b) for a, b in zip(points, points[1:]) if b > a]
    if len(gaps) < 3:
        return []
    typical = median(b - a for a, b in gaps)
    long = [(a + KEEP, b - KEEP) for a, b in gaps if b - a > span / 4 and b - a > 4 * typical]
    return [(a, b) for a, b in long if b - a > 1]


def _place(lo: float, hi: float, breaks: list[tuple[float, float]], start: float, end: float) -> Axis:
    length = end - start
    squeezed = BREAK_SHARE * length * len(breaks)
    normal_years = (hi - lo) - sum(b - a for a, b in breaks)
    per_year = (length - squeezed) / normal_years
    knots, pos, year = [(lo, start)], start, lo
    for a, b in breaks:
        pos += (a - year) * per_year
        knots.append((a, pos))
        pos += BREAK_SHARE * length
        knots.append((b, pos))
        year = b
    knots.append((hi, end))
    return Axis(tuple(knots), tuple(breaks))
