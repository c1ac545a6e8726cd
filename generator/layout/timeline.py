"""The timeline itself: an axis bar with eras and ticks, and event cards placed beside it.

Shared by the poster, the deck's overview slides and the handout's compact view.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, replace

from generator.errors import LayoutError
from generator.layout.axis import Axis, build_axis
from generator.layout.cards import Card, least_card_height, measure_card, measure_label
from generator.layout.context import Context
from generator.layout.marks import marker
from generator.colors import readable
from generator.layout.placement import Item, Placed, Spacing, place_side, place_tiers, too_long
from generator.model import PartialDate
from generator.scene import Box, Line, Rect
from generator.text import block_height, text_block, wrap
from generator.labels import format_date


@dataclass(frozen=True)
class Bar:
    """The axis bar's geometry: along range, and the across band it occupies."""

    horizontal: bool
    lo: float
    hi: float
    near: float     # top (horizontal) or left (vertical) edge of the bar
    far: float      # bottom or right edge
    era_depth: float
    band: float = 0.0       # the stacked span bars' band, at the far edge of the ruler
    pitch: float = 0.0      # one span row's share of the band


STEM_PITCH = 2.0 * 72 / 25.4 + 1e-6  # parallel leaders at least 2 mm apart on A0 (scaled with the sheet)
CARD, BRIEF, LABEL = "card", "card without summary", "label"     # the density rungs of one event
EMPHASIS = {"high": 1.2, "normal": 1.0, "low": 1.0}


@dataclass(frozen=True)
class Placement:
    """Where one event ended up: its card (or label) box, its point on the axis and its rung."""

    event: str
    rung: str
    box: Box
    anchor: tuple[float, float]
    summary_kept: bool
    has_summary: bool
    distance: float     # along the axis, point to nearest card edge, as a share of the axis length


@dataclass(frozen=True)
class Laid:
    """A laid-out timeline: its scene items and one placement per event (in time order)."""

    items: tuple
    placements: tuple[Placement, ...]


def timeline_items(ctx: Context, box: Box, events=None, with_summary: bool = True) -> tuple:
    """Axis, eras and event cards of the timeline inside box; LayoutError when it cannot fit."""
    events = tuple(ctx.timeline.events if events is None else events)
    return lay_timeline(ctx, box, events, [CARD if with_summary else BRIEF] * len(events)).items


def measure(ctx: Context, event, rung: str) -> Card:
    """The event's card (or label) at a rung."""
    emphasis = EMPHASIS.get(event.importance, 1.0)
    if rung == LABEL:
        return measure_label(ctx, event, ctx.card_width, emphasis)
    return measure_card(ctx, event, ctx.card_width, rung == CARD, emphasis)


def least_size(ctx: Context, event) -> tuple[float, float]:
    """A lower bound on the width and height of the event's full card (measure(ctx, event, CARD))."""
    emphasis = EMPHASIS.get(event.importance, 1.0)
    return ctx.card_width * emphasis, least_card_height(ctx, event, True, emphasis)


def lay_timeline(ctx: Context, box: Box, events, rungs, span: tuple[float, float] | None = None,
                 cards: list[Card] | None = None, warp: float = 0.0, ruler: bool = True,
                 axis_events=None, one_side: bool = False, draw: bool = True, placements: bool = True) -> Laid:
    """The timeline of `events`, each at its rung, inside box; `span` fixes the axis's time range.

    `ruler=False` draws a swimlane: a thin axis line (no eras, no ticks) on the time scale of
    `axis_events` (the whole timeline's), so lanes laid out alike share one time axis; `one_side` puts a
    landscape lane's line at the top of its band, every card below it (a shallower band for a quiet lane).
    `draw=False` only places (the placements, no items): a quicker test of whether it fits; with
    `placements=False` too, only whether it fits.
    Raises LayoutError when it cannot fit.
    """
    events = tuple(events)
    bar, axis, stacked = _frame(ctx, box, events, span, warp, ruler, axis_events, one_side)
    if cards is None:
        cards = [measure(ctx, e, r) for e, r in zip(events, rungs)]
    placed = _place(ctx, box, bar, axis, cards, quick=not placements, assemble=draw or placements)
    items: list = []
    if draw:
        items += _bar_items(ctx, bar, axis, box) if ruler else _lane_items(ctx, bar, axis)
    for side, group in (placed if draw else ()):
        for p in group:
            items += _leader(ctx, bar, side, p, cards[p.key])
            items += _span(ctx, bar, axis, cards[p.key].event, stacked)
    if not placements:
        return Laid(tuple(items), ())
    in_time_order = sorted(((p.key, side, p) for side, group in placed for p in group), key=lambda t: t[0])
    found = []
    length = max(bar.hi - bar.lo, 1e-9)
    point = _anchors(axis)
    for key, side, p in in_time_order:      # cards in reading (time) order, for text extraction
        x, y = _card_origin(bar, side, p)
        card = cards[key]
        if draw:
            items += card.draw(ctx, x, y)
        anchor = _to_page(bar, side, p.leader[0][0], 0.0)
        date = point(card.event)        # the event's own point, not its stem's
        near = max(0.0, p.a - date, date - (p.a + p.along))
        rung = LABEL if card.label else (CARD if card.summary_lines or card.event.summary is None else BRIEF)
        found.append(Placement(card.event.id, rung, Box(x, y, card.width, card.height), anchor,
                               bool(card.summary_lines), card.event.summary is not None, near / length))
    return Laid(tuple(items), tuple(found))


# --- the bar -----------------------------------------------------------------


def _era_lines(ctx: Context, axis: Axis) -> int:
    """How many lines the longest era label needs in its band (one or two; more cannot be shown)."""
    size, chain, pad = ctx.size("era"), ctx.chain("era"), ctx.space("gap") / 2
    lines = [1]
    for era in ctx.timeline.eras:
        span = axis.at(era.end.end_decimal()) - axis.at(era.start.as_decimal())
        if span >= 1:       # eras off this axis are not drawn (as in _bar_items)
            lines.append(min(2, len(wrap(ctx.text(era.label), chain, size, max(1.0, span - 2 * pad)))))
    return max(lines)


FRAMES_KEPT = 16
_FRAMES: dict[tuple, tuple] = {}     # the last bars and axes laid out: the density ladder tries the same
                                     # events in the same box at rung after rung


def _frame(ctx: Context, box: Box, events: tuple, span, warp: float, ruler: bool, axis_events,
           one_side: bool) -> tuple[Bar, Axis, dict[str, int]]:
    """The axis bar, the time axis and the span bars' rows for these events in box (they do not depend on
    the events' rungs). Remembered by the identity of the context and the events (kept alive with it)."""
    key = (id(ctx), box, tuple(map(id, events)), span, warp, ruler,
           None if axis_events is None else tuple(map(id, axis_events)), one_side)
    known = _FRAMES.get(key)
    if known is not None:
        return known[0]
    scale_events = tuple(events if axis_events is None else axis_events)
    horizontal = box.w >= box.h
    bar = _bar(ctx, box, horizontal)
    axis = build_axis(ctx.timeline, bar.lo, bar.hi, scale_events, span, warp)
    if ruler:       # the ruler's depth (a lane's line has no labels; its length is the ruler's)
        shape = {"era_lines": _era_lines(ctx, axis)} if horizontal else {"tick_width": _widest_tick(ctx, axis)}
        bar = _bar(ctx, box, horizontal, **shape)
        axis = build_axis(ctx.timeline, bar.lo, bar.hi, scale_events, span, warp)
    else:
        shape = {}
    stacked = span_rows(events, axis, ctx.space("line") * 2.5)
    if stacked:         # overlapping spans get rows of their own inside the bar
        bar = _bar(ctx, box, horizontal, span_rows=max(stacked.values()) + 1, **shape)
    if not ruler:
        bar = _lane_bar(ctx, box, bar, one_side)
    _FRAMES[key] = ((bar, axis, stacked), (ctx, events, axis_events))
    while len(_FRAMES) > FRAMES_KEPT:
        del _FRAMES[next(iter(_FRAMES))]
    return bar, axis, stacked


def _bar(ctx: Context, box: Box, horizontal: bool, era_lines: int = 2, tick_width: float = 0.0,
         span_rows: int = 0) -> Bar:
    bar = _plain_bar(ctx, box, horizontal, era_lines, tick_width)
    if not span_rows:
        return bar
    pitch = ctx.space("line") * 3.1
    share = 0.15 if ctx.shrink >= 1 else 0.07      # crowded sheets keep the room for their labels
    pitch = min(pitch, max(ctx.space("line") * 0.8, (box.h if horizontal else box.w) * share / span_rows))
    band = pitch * span_rows + ctx.space("line")
    near = bar.near - band / 2
    return replace(bar, near=near, far=bar.far + band / 2, band=band, pitch=pitch)


def _lane_bar(ctx: Context, box: Box, bar: Bar, one_side: bool = False) -> Bar:
    """A swimlane's axis: a thin line (and its span band), centred across the lane (or at its top)."""
    thickness = ctx.space("line") * 1.5 + bar.band
    if not bar.horizontal:      # a narrow column: the line at its left, every card to its right
        return replace(bar, near=box.x, far=box.x + thickness, era_depth=0.0)
    if one_side:
        return replace(bar, near=box.y, far=box.y + thickness, era_depth=0.0)
    middle = box.y + box.h / 2
    return replace(bar, near=middle - thickness / 2, far=middle + thickness / 2, era_depth=0.0)


def _lane_items(ctx: Context, bar: Bar, axis: Axis) -> list:
    items = [_rect(bar, bar.lo, bar.hi, bar.near, bar.near + ctx.space("line"), ctx.color("axis"), "axis")]
    for a, b in axis.breaks:
        items += _break_mark(ctx, bar, axis.at(a), axis.at(b))
    return items


def span_rows(events, axis: Axis, least: float) -> dict[str, int]:
    """Rows for the events with an end date, so that no two span bars overlap (Gantt-like, greedy)."""
    rows: dict[str, int] = {}
    ends: list[float] = []
    spans = sorted((e for e in events if e.end is not None), key=lambda e: e.date.as_decimal())
    for event in spans:
        a0 = axis.at(event.date.as_decimal())
        a1 = max(axis.at(event.end.end_decimal()), a0 + least)
        row = next((r for r, end in enumerate(ends) if end <= a0), len(ends))
        if row == len(ends):
            ends.append(a1)
        ends[row] = a1 + least * 0.3
        rows[event.id] = row
    return rows


def _plain_bar(ctx: Context, box: Box, horizontal: bool, era_lines: int = 2, tick_width: float = 0.0) -> Bar:
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
        try:
            items += _era_label(ctx, bar, a0, a1, ctx.text(era.label), readable_on(fill, ctx.color("era_text"), ctx.theme.contrast["text"]))
        except LayoutError:     # an era too short for its label keeps its band (a cut era shows it on the next row)
            pass
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


def readable_on(fill: str, preferred: str, ratio: float = 4.5) -> str:
    """The preferred text colour, darkened or lightened (hue kept) until it reads at ratio on fill."""
    return readable(preferred, (fill,), ratio)


def _era_label(ctx: Context, bar: Bar, a0: float, a1: float, label: str, color: str) -> list:
    """The era's label in its band; a short era on a grown ruler takes the floor's size before it gives up."""
    try:
        return _era_label_at(ctx, ctx.size("era"), bar, a0, a1, label, color)
    except LayoutError:
        if ctx.size("era") <= ctx.floor("era"):
            raise
        return _era_label_at(ctx, ctx.floor("era"), bar, a0, a1, label, color)


def _era_label_at(ctx: Context, size: float, bar: Bar, a0: float, a1: float, label: str, color: str) -> list:
    chain, pad = ctx.chain("era"), ctx.space("gap") / 2
    if bar.horizontal:
        width = a1 - a0 - 2 * pad
        lines = wrap(label, chain, size, width) if width > 0 else []
        if len(lines) > 2 or width <= 0 or any(chain.width(line, size) > width + 0.01 for line in lines):
            raise LayoutError(f'the era "{label}" is too short on this sheet to hold its label')
        top = bar.near + (bar.era_depth - block_height(len(lines), size)) / 2
        return [text_block(lines, chain, size, a0 + pad, top, width, color, "center",
                           role="era", lang=ctx.lang)]
    width = bar.era_depth - 2 * pad
    lines = wrap(label, chain, size, width)
    if block_height(len(lines), size) > a1 - a0 - pad or any(chain.width(line, size) > width + 0.01 for line in lines):
        raise LayoutError(f'the era "{label}" is too short on this sheet to hold its label')
    return [text_block(lines, chain, size, bar.near + pad, a0 + pad / 2, width, color,
                       role="era", lang=ctx.lang)]


def _tick_label(year: int, lang: str) -> str:
    text = format_date(PartialDate(year), lang)
    return text.replace("년", "") if year > 0 else text


YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000)
MONTH_STEPS = (1, 2, 3, 6)
DAY_STEPS = (1, 2, 7, 14)


def tick_marks(axis: Axis, lang: str, room) -> list[tuple[float, str]]:
    """Ticks as (decimal year, label), as fine as the labels allow: days, months, years ... millennia.

    `room(label)` is the length along the axis a label needs; labels never touch, and no tick
    falls inside a compressed stretch.
    """
    length = abs(axis.knots[-1][1] - axis.knots[0][1])
    span = axis.last_year - axis.first_year
    for unit, step in _tick_units(span):
        if span / _unit_years(unit, step) > length / 4:     # too many to ever fit: skip quickly
            continue
        marks = [(d, text) for d, text in _tick_candidates(axis, unit, step, lang)
                 if axis.first_year - 1e-9 <= d <= axis.last_year + 1e-9 and not axis.compressed(d)]
        if len(marks) < 2 and unit != "year":
            continue
        positions = [axis.at(d) for d, _ in marks]
        if all(pb - pa >= (room(ta) + room(tb)) / 2
               for (_, ta), (_, tb), pa, pb in zip(marks, marks[1:], positions, positions[1:])):
            return marks
    return []


def _tick_units(span: float):
    if span <= 0.5:
        yield from (("day", s) for s in DAY_STEPS)
    if span <= 4:
        yield from (("month", s) for s in MONTH_STEPS)
    yield from (("year", s) for s in YEAR_STEPS)


def _unit_years(unit: str, step: int) -> float:
    return {"day": 1 / 365, "month": 1 / 12, "year": 1.0}[unit] * step


def _tick_candidates(axis: Axis, unit: str, step: int, lang: str):
    first, last = axis.first_year, axis.last_year
    if unit == "year":
        start = int(first // step) * step
        for year in range(start, int(last) + step, step):
            year = year if year != 0 else 1
            yield PartialDate(year).as_decimal(), _tick_label(year, lang)
        return
    year = math.floor(first)
    while year <= last:
        historical = year if year > 0 else year - 1
        for month in range(1, 13):
            if unit == "month":
                if (month - 1) % step == 0:
                    yield PartialDate(historical, month).as_decimal(), format_date(PartialDate(historical, month), lang)
                continue
            days = calendar.monthrange(2000 + year % 400, month)[1]
            for day in range(1, days + 1, step):
                if day + step - 1 <= days:
                    date = PartialDate(historical, month, day)
                    yield date.as_decimal(), format_date(date, lang)
        year += 1


def _widest_tick(ctx: Context, axis: Axis) -> float:
    """The widest tick label this axis can show (BCE labels are the widest)."""
    chain, size = ctx.chain("tick"), ctx.size("tick")
    years = [math.floor(axis.first_year), math.ceil(axis.last_year)]
    years = [y if y > 0 else y - 1 for y in years]       # astronomical to historical (no year 0)
    labels = [_tick_label(y, ctx.lang) for y in years]
    labels += [text for _, text in tick_marks(axis, ctx.lang, lambda text: size * 2.4)]
    return max(chain.width(text, size) for text in labels)


def _ticks(ctx: Context, bar: Bar, axis: Axis) -> list:
    size, chain = ctx.size("tick"), ctx.chain("tick")
    if bar.horizontal:
        def room(text: str) -> float:
            return chain.width(text, size) + size
    else:
        def room(text: str) -> float:
            return size * 2.4
    items: list = []
    ruler_near = bar.near + bar.era_depth
    mark = ctx.space("gap") * 0.6
    for decimal, text in tick_marks(axis, ctx.lang, room):
        a = axis.at(decimal)
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


def surely_unfit(ctx: Context, box: Box, events, sizes: list[tuple[float, float]], span=None, warp: float = 0.0,
                 ruler: bool = True, axis_events=None, one_side: bool = False) -> bool:
    """True when cards (not labels) at least as wide and tall as `sizes` cannot be placed in box however
    they are grouped: lay_timeline would raise for them, found without measuring their text."""
    events = tuple(events)
    bar, axis, _ = _frame(ctx, box, events, span, warp, ruler, axis_events, one_side)
    spacing, lo, hi, depth = _room(ctx, box, bar)
    items = [Item(index, 0.0, *((w, h) if bar.horizontal else (h, w))) for index, (w, h) in enumerate(sizes)]
    return any(too_long(group, lo, hi, depth[side], spacing) for side, group in _sides(items, depth).items())


def _room(ctx: Context, box: Box, bar: Bar) -> tuple[Spacing, float, float, dict[int, float]]:
    """The cards' spacing, their range along the axis, and the depth on either side of it."""
    gap = ctx.space("gap")
    lane = STEM_PITCH * leader_scale(ctx)      # parallel leader segments 2 mm apart on A0, scaled
    spacing = Spacing(gap=gap, lane=lane, track=lane, stack=gap * 0.45)
    lo, hi = (box.x, box.right) if bar.horizontal else (box.y, box.bottom)
    depth = {-1: bar.near - (box.y if bar.horizontal else box.x),
             1: (box.bottom if bar.horizontal else box.right) - bar.far}
    return spacing, lo, hi, depth


def _sides(items: list[Item], depth: dict[int, float]) -> dict[int, list[Item]]:
    """Cards alternate sides of the axis; all go below (or right) when the other side is shallow."""
    sides: dict[int, list[Item]] = {-1: [], 1: []}
    one_sided = depth[-1] < depth[1] * 0.2
    for item in items:
        sides[1 if one_sided or item.key % 2 else -1].append(item)
    return sides


def _place(ctx: Context, box: Box, bar: Bar, axis: Axis, cards: list[Card],
           quick: bool = False, assemble: bool = True) -> list[tuple[int, list[Placed]]]:
    """Every card placed, per side of the axis; LayoutError when a side cannot hold its cards.

    `quick` (only whether it fits is wanted, not which error) places first the side that failed last:
    the density ladder's tries near its answer fail on the same side, and the other side's work is then
    not needed. Either order gives the same placements (each side is placed on its own).
    `assemble=False` (only whether it fits): the sides' cards come back empty (see place_side).
    """
    spacing, lo, hi, depth = _room(ctx, box, bar)
    gap, lane = spacing.gap, spacing.lane
    anchor = _anchors(axis)
    if bar.horizontal:
        items = [Item(index, anchor(card.event), card.width, card.height) for index, card in enumerate(cards)]
    else:
        items = [Item(index, anchor(card.event), card.height, card.width) for index, card in enumerate(cards)]
    if cards and all(card.label for card in cards):       # the densest rung: labels on stems, in tiers
        pitch = lane
        try:
            placed = place_tiers(items, lo, hi, depth, pitch, ctx.size("date") * 0.6)
            return [(side, [p for s, p in placed if s == side]) for side in (-1, 1)]
        except LayoutError:     # columns with gutters pack deep sides better than tiers
            gap = min(gap, ctx.size("date") * 0.6, lane * 0.6)
            spacing = Spacing(gap=gap, lane=lane, track=lane, stack=gap * 0.45)
    groups = _sides(items, depth)
    order = sorted(groups, key=lambda side: side != _FAILED[0]) if quick else list(groups)
    placed = {}
    for side in order:
        try:
            placed[side] = place_side(groups[side], lo, hi, depth[side], side == -1, spacing, assemble)
        except LayoutError:
            _FAILED[0] = side
            raise
    return [(side, placed[side]) for side in groups]


_FAILED = [1]       # the side of the axis whose cards failed to fit last (see _place's `quick`)


def _anchors(axis: Axis):
    """A function giving an event's point on the axis (axis.at of its date), remembered per axis: the density
    ladder places the same events on one axis at rung after rung."""
    known = _ANCHORS.get(id(axis))
    if known is None or known[0] is not axis:
        known = _ANCHORS[id(axis)] = (axis, {})
        while len(_ANCHORS) > FRAMES_KEPT:
            del _ANCHORS[next(iter(_ANCHORS))]
    points = known[1]

    def anchor(event) -> float:
        found = points.get(id(event))
        if found is not None and found[0] is event:
            return found[1]
        point = axis.at(event.date.as_decimal())
        points[id(event)] = (event, point)      # the event kept with it: its id stays its own
        return point

    return anchor


_ANCHORS: dict[int, tuple[Axis, dict[int, tuple]]] = {}      # per axis (kept with it): id(event) -> (event, point)


def leader_scale(ctx: Context) -> float:
    """How leader spacing scales: with the sheet, except on the reference rung, whose type keeps one physical
    size on every sheet, so its leaders keep A0's spacing on larger sheets (never more than 2 mm apart needed)."""
    return min(ctx.scale, 1.0) if ctx.reference else ctx.scale


def _to_page(bar: Bar, side: int, a: float, c: float) -> tuple[float, float]:
    edge = bar.near if side < 0 else bar.far
    across = edge + side * c
    return (a, across) if bar.horizontal else (across, a)


def _card_origin(bar: Bar, side: int, p: Placed) -> tuple[float, float]:
    c = p.c + p.across if side < 0 else p.c
    return _to_page(bar, side, p.a, c)


def _span(ctx: Context, bar: Bar, axis: Axis, event, rows: dict[str, int]) -> list:
    """An event with an end date: a bar in its category colour in its own row of the span band."""
    if event.end is None:
        return []
    a0, a1 = axis.at(event.date.as_decimal()), axis.at(event.end.end_decimal())
    depth = bar.pitch * 0.75
    c0 = bar.far - bar.band + ctx.space("line") * 0.5 + rows[event.id] * bar.pitch
    return [_rect(bar, a0, max(a1, a0 + ctx.space("line") * 2.5), c0, c0 + depth, ctx.category_color(event), "span")]


def _leader(ctx: Context, bar: Bar, side: int, p: Placed, card: Card) -> list:
    points = [_to_page(bar, side, a, c) for a, c in p.leader]
    color, width = ctx.color("leader"), ctx.space("line") * 0.8
    lines = [Line(x1, y1, x2, y2, color, width, role=f"leader {card.event.id}")
             for (x1, y1), (x2, y2) in zip(points, points[1:]) if (x1, y1) != (x2, y2)]
    x, y = points[0]
    dot = ctx.space("line") * (2.4 if len(ctx.theme.markers) == 1 else 5.0)   # shapes need room to be told apart
    lines.append(marker(ctx.category_marker(card.event.category), x - dot / 2, y - dot / 2, dot,
                        ctx.category_color(card.event), "anchor", ctx.color("background"), dot * 0.18))
    return lines
