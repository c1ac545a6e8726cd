"""The timeline itself: an axis bar with eras and ticks, and event cards placed beside it.

Shared by the poster, the deck's overview slides and the handout's compact view.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.errors import LayoutError
from generator.layout.axis import Axis, build_axis
from generator.layout.cards import Card, measure_card
from generator.layout.context import Context
from generator.layout.ink import contrast
from generator.layout.placement import Item, Placed, Spacing, place_side
from generator.model import PartialDate
from generator.scene import Box, Line, Rect
from generator.text import block_height, text_block, wrap


@dataclass(frozen=True)
class Bar:
    """The axis bar's geometry: along range, and the across band it occupies."""

    horizontal: bool
    lo: float
    hi: float
    near: float     # top (horizontal) or left (vertical) edge of the bar
    far: float      # bottom or right edge
    era_depth: float


def timeline_items(ctx: Context, box: Box, events=None, with_summary: bool = True) -> tuple:
    """Axis, eras and event cards of the timeline inside box; LayoutError when it cannot fit."""
    events = tuple(ctx.timeline.events if events is None else events)
    horizontal = box.w >= box.h
    bar = _bar(ctx, box, horizontal)
    axis = build_axis(ctx.timeline, bar.lo, bar.hi, events)
    if horizontal:
        bar = _bar(ctx, box, horizontal, _era_lines(ctx, axis))
    else:
        bar = _bar(ctx, box, horizontal, tick_width=_widest_tick(ctx, axis))
    cards = [measure_card(ctx, e, ctx.card_width, with_summary) for e in events]
    placed = _place(ctx, box, bar, axis, cards)
    items: list = list(_bar_items(ctx, bar, axis, box))
    for side, group in placed:
        for p in group:
            items += _leader(ctx, bar, side, p, cards[p.key])
            items += _span(ctx, bar, axis, side, cards[p.key].event)
    in_time_order = sorted(((p.key, side, p) for side, group in placed for p in group), key=lambda t: t[0])
    for key, side, p in in_time_order:      # cards in reading (time) order, for text extraction
        x, y = _card_origin(bar, side, p)
        items += cards[key].draw(ctx, x, y)
    return tuple(items)


# --- the bar -----------------------------------------------------------------


def _era_lines(ctx: Context, axis: Axis) -> int:
    """How many lines the longest era label needs in its band (at least one)."""
    size, chain, pad = ctx.size("era"), ctx.chain("era"), ctx.space("gap") / 2
    lines = [1]
    for era in ctx.timeline.eras:
        span = axis.at(era.end.end_decimal()) - axis.at(era.start.as_decimal())
        if span >= 1:       # eras off this axis are not drawn (as in _bar_items)
            lines.append(len(wrap(ctx.text(era.label), chain, size, max(1.0, span - 2 * pad))))
    return max(lines)


def _widest_tick(ctx: Context, axis: Axis) -> float:
    """The widest tick label this axis can show (BCE labels are the widest)."""
    years = [math.floor(axis.first_year), math.ceil(axis.last_year)]
    years = [y if y > 0 else y - 1 for y in years]       # astronomical to historical (no year 0)
    chain, size = ctx.chain("tick"), ctx.size("tick")
    return max(chain.width(_tick_label(y, ctx.lang), size) for y in years)


def _bar(ctx: Context, box: Box, horizontal: bool, era_lines: int = 2, tick_width: float = 0.0) -> Bar:
    tick = ctx.size("tick")
    era_depth = block_height(era_lines, ctx.size("era")) + ctx.space("gap")
    tick_depth = tick * 2.2
    inset = ctx.chain("tick").width("0000", tick) * 0.8 + ctx.space("gap")
    if horizontal:
        thickness = era_depth + tick_depth
        near = box.y + (box.h - thickness) / 2
        return Bar(True, box.x + inset, box.right - inset, near, near + thickness, era_depth)
    era_width = max(box.w * 0.12, ctx.size("era") * 6)
    tick_width = tick_width or ctx.chain("tick").width("0000", tick)
    thickness = era_width + tick_width + ctx.space("gap") * 2
    near = box.x + (box.w - thickness) / 2
    return Bar(False, box.y + tick, box.bottom - tick, near, near + thickness, era_width)


def _bar_items(ctx: Context, bar: Bar, axis: Axis, box: Box) -> list:
    items: list = []
    fills = ctx.color("era_fills")
    for index, era in enumerate(ctx.timeline.eras):
        a0, a1 = axis.at(era.start.as_decimal()), axis.at(era.end.end_decimal())
        if a1 - a0 < 1:
            continue
        fill = era.color or fills[index % len(fills)]
        items.append(_rect(bar, a0, a1, bar.near, bar.far, fill, "era"))
        items += _era_label(ctx, bar, a0, a1, ctx.text(era.label), readable_on(fill, ctx.color("era_text")))
    items.append(_rect(bar, bar.lo, bar.hi, bar.near + bar.era_depth, bar.far, ctx.color("background"), "ruler"))
    edge = ctx.space("line")
    for start, end in ((bar.near, bar.near + edge), (bar.far - edge, bar.far)):
        items.append(_rect(bar, bar.lo, bar.hi, start, end, ctx.color("axis"), "axis"))
    items += _ticks(ctx, bar, axis)
    for a, b in axis.breaks:
        items += _break_mark(ctx, bar, axis.at(a), axis.at(b))
    return items


def _rect(bar: Bar, a0: float, a1: float, c0: float, c1: float, fill: str, role: str) -> Rect:
    if bar.horizontal:
        return Rect(a0, c0, a1 - a0, c1 - c0, fill=fill, role=role)
    return Rect(c0, a0, c1 - c0, a1 - a0, fill=fill, role=role)


def readable_on(fill: str, preferred: str) -> str:
    """The preferred text colour, or black or white, whichever reads at 4.5:1 on fill."""
    for color in (preferred, "#000000", "#FFFFFF"):
        if contrast(color, fill) >= 4.5:
            return color
    return max(("#000000", "#FFFFFF"), key=lambda c: contrast(c, fill))


def _era_label(ctx: Context, bar: Bar, a0: float, a1: float, label: str, color: str) -> list:
    size, chain, pad = ctx.size("era"), ctx.chain("era"), ctx.space("gap") / 2
    if bar.horizontal:
        width = a1 - a0 - 2 * pad
        lines = wrap(label, chain, size, width)
        if len(lines) > 2 or width <= 0:
            raise LayoutError(f'the era "{label}" is too short on this sheet to hold its label')
        top = bar.near + (bar.era_depth - block_height(len(lines), size)) / 2
        return [text_block(lines, chain, size, a0 + pad, top, width, color, "center",
                           role="era", lang=ctx.lang)]
    width = bar.era_depth - 2 * pad
    lines = wrap(label, chain, size, width)
    if block_height(len(lines), size) > a1 - a0 - pad:
        raise LayoutError(f'the era "{label}" is too short on this sheet to hold its label')
    return [text_block(lines, chain, size, bar.near + pad, a0 + pad / 2, width, color,
                       role="era", lang=ctx.lang)]


def _tick_label(year: int, lang: str) -> str:
    text = PartialDate(year).format(lang)
    return text.replace("년", "") if year > 0 else text


def _ticks(ctx: Context, bar: Bar, axis: Axis) -> list:
    size, chain = ctx.size("tick"), ctx.chain("tick")
    if bar.horizontal:
        def room(year: int) -> float:
            return chain.width(_tick_label(year, ctx.lang), size) + size
    else:
        def room(year: int) -> float:
            return size * 2.4
    items: list = []
    ruler_near = bar.near + bar.era_depth
    mark = ctx.space("gap") * 0.6
    for year in _tick_years(axis, room):
        a = axis.at(PartialDate(year).as_decimal())
        text = _tick_label(year, ctx.lang)
        width = chain.width(text, size) + 2
        if bar.horizontal:
            items.append(Line(a, ruler_near, a, ruler_near + mark, ctx.color("axis"), ctx.space("line") / 2))
            items.append(text_block([text], chain, size, a - width / 2, ruler_near + mark * 1.2, width,
                                    ctx.color("text"), "center", role="tick", lang=ctx.lang))
        else:
            items.append(Line(ruler_near, a, ruler_near + mark, a, ctx.color("axis"), ctx.space("line") / 2))
            items.append(text_block([text], chain, size, ruler_near + mark * 1.4, a - size * 0.61, width,
                                    ctx.color("text"), role="tick", lang=ctx.lang))
    return items


def _tick_years(axis: Axis, room) -> list[int]:
    """Historical tick years (no year 0) whose labels do not touch, outside compressed stretches."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        years = []
        first = int(axis.first_year // step) * step
        for year in range(first, int(axis.last_year) + step, step):
            year = year if year != 0 else 1
            decimal = PartialDate(year).as_decimal()
            if axis.first_year <= decimal <= axis.last_year and not axis.compressed(decimal):
                years.append(year)
        positions = [axis.at(PartialDate(y).as_decimal()) for y in years]
        if all(pb - pa >= (room(a) + room(b)) / 2 for a, b, pa, pb in zip(years, years[1:], positions, positions[1:])):
            return years
    return []


def _break_mark(ctx: Context, bar: Bar, a0: float, a1: float) -> list:
    """Two slanted strokes across the ruler where time is compressed."""
    mid, tilt, width = (a0 + a1) / 2, ctx.space("gap") * 0.5, ctx.space("line") * 1.5
    c0, c1 = bar.near + bar.era_depth, bar.far
    items = [_rect(bar, mid - tilt * 1.5, mid + tilt * 1.5, c0, c1, ctx.color("background"), "break")]
    for offset in (-tilt, tilt):
        if bar.horizontal:
            items.append(Line(mid + offset - tilt / 2, c1, mid + offset + tilt / 2, c0, ctx.color("axis"), width))
        else:
            items.append(Line(c0, mid + offset - tilt / 2, c1, mid + offset + tilt / 2, ctx.color("axis"), width))
    return items


# --- cards -------------------------------------------------------------------


def _place(ctx: Context, box: Box, bar: Bar, axis: Axis, cards: list[Card]) -> list[tuple[int, list[Placed]]]:
    gap = ctx.space("gap")
    spacing = Spacing(gap=gap, lane=ctx.space("line") * 2.2, track=ctx.space("line") * 2.2, stack=gap * 0.45)
    sides: dict[int, list[Item]] = {-1: [], 1: []}
    for index, card in enumerate(cards):
        anchor = axis.at(card.event.date.as_decimal())
        along, across = (card.width, card.height) if bar.horizontal else (card.height, card.width)
        sides[-1 if index % 2 == 0 else 1].append(Item(index, anchor, along, across))
    lo, hi = (box.x, box.right) if bar.horizontal else (box.y, box.bottom)
    depth = {-1: bar.near - (box.y if bar.horizontal else box.x),
             1: (box.bottom if bar.horizontal else box.right) - bar.far}
    return [(side, place_side(items, lo, hi, depth[side], side == -1, spacing)) for side, items in sides.items()]


def _to_page(bar: Bar, side: int, a: float, c: float) -> tuple[float, float]:
    edge = bar.near if side < 0 else bar.far
    across = edge + side * c
    return (a, across) if bar.horizontal else (across, a)


def _card_origin(bar: Bar, side: int, p: Placed) -> tuple[float, float]:
    c = p.c + p.across if side < 0 else p.c
    return _to_page(bar, side, p.a, c)


def _span(ctx: Context, bar: Bar, axis: Axis, side: int, event) -> list:
    """An event with an end date: a band in its category colour along the bar's edge on its side."""
    if event.end is None:
        return []
    a0, a1 = axis.at(event.date.as_decimal()), axis.at(event.end.end_decimal())
    depth = ctx.space("line") * 2.5
    edge = bar.near if side < 0 else bar.far - depth
    return [_rect(bar, a0, max(a1, a0 + depth), edge, edge + depth, ctx.category_color(event), "span")]


def _leader(ctx: Context, bar: Bar, side: int, p: Placed, card: Card) -> list:
    points = [_to_page(bar, side, a, c) for a, c in p.leader]
    color, width = ctx.color("leader"), ctx.space("line") * 0.8
    lines = [Line(x1, y1, x2, y2, color, width, role=f"leader {card.event.id}")
             for (x1, y1), (x2, y2) in zip(points, points[1:]) if (x1, y1) != (x2, y2)]
    x, y = points[0]
    dot = ctx.space("line") * 2.4
    lines.append(Rect(x - dot / 2, y - dot / 2, dot, dot, fill=ctx.category_color(card.event),
                      radius=dot / 2, role="anchor"))
    return lines
