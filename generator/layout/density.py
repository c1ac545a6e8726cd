"""The density ladder: how a crowded timeline steps down, event by event, until it fits.

Rungs, richest first:
1. full cards (grown on roomy sheets, eased towards the type floors on crowded ones);
2. cards without their summary, only for the events that must lose it;
3. compact labels (date and title beside the axis, no box), again only where needed;
4. a wrapped axis: the time range split into rows stacked top to bottom, each row with
   its own ladder, so a quiet stretch keeps its cards while a busy one uses labels;
5. the reference rung: rungs 1-4 again with card text at the theme's fixed `minimum`
   (for posters read up close), unless the user insisted on a floor (`min_type`);
6. last, the same with a warped axis: crowded stretches get more room (ticks keep the real dates).
Which events step down first: low importance, then the most crowded stretch of the axis,
then the longest summary. Nothing here prints: the result says what was shortened.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, replace

from generator.errors import LayoutError
from generator.layout.axis import round_out
from generator.layout.context import Context, reference_floor
from generator.layout.timeline import (BRIEF, CARD, EMPHASIS, LABEL, Laid, Placement, lay_timeline, least_size,
                                       measure, surely_unfit)
from generator.scene import Box, Line
from generator.text import block_height

GROW_STEPS = (2.6, 2.3, 2.0, 1.75, 1.5, 1.3, 1.15)   # roomy timelines get larger cards and type
NEAR_MEDIAN, NEAR_MAX = 0.01, 0.1     # grown cards may sit this far from their dates (shares of the axis),
WIDER_STEPS = (1.2, 1.4, 1.6)          # portrait sheets: cards this much wider than grown, while the room allows
NEAR_SLACK = 1.2                      # or a little farther than at the plain size
SHRINK_STEPS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
NARROW_STEPS = (1.0, 0.85, 0.7, 0.55)
DENSE_NARROW = 0.7          # card width on the per-event rungs
MAX_ROWS = 12
AREA_SHARE = 0.6            # labels never fill more of a region than this (axis, gaps, leaders)
WARP = 1.0                 # on the last try, crowded stretches of the axis get this much more room
RANK = {"low": 0, "normal": 1, "high": 2}


class NoFit(LayoutError):
    """Even the densest rung does not fit this region."""


@dataclass(frozen=True)
class Fit:
    """The fitted timeline: items, one placement per event, and what was shortened."""

    items: tuple
    placements: tuple[Placement, ...]
    rows: int = 1
    reference: bool = False
    ctx: Context | None = None
    warped: bool = False
    lanes: int = 0
    lanes_by: str = "category"
    floors_of: str = ""         # a custom sheet laid out as this standard sheet inside it (its type and region)

    @property
    def summaries_left_out(self) -> int:
        return sum(1 for p in self.placements if p.rung in (BRIEF, LABEL) and p.has_summary)

    @property
    def labels(self) -> int:
        return sum(1 for p in self.placements if p.rung == LABEL)


def fit_timeline(base: Context, region: Box, allow_reference: bool = True, memos: dict | None = None,
                 draw: bool = True) -> Fit:
    """The richest rung of the ladder that fits region; NoFit when even the densest does not.

    `memos` keeps measured cards between calls on the same sheet (a second try with narrow margins).
    `draw=False` finds the same fit without drawing it (no items): what `check` needs.
    """
    events = base.timeline.events
    every = _whole(base, region, events, draw)
    if every is not None:
        return every
    memos = {} if memos is None else memos      # cards measured once per context, shared by every row split
    for ctx, warp, memo, rows, boxes in _row_splits(base, region, allow_reference, memos):
        fit = _rows(ctx, boxes, events, memo, warp, draw)
        if fit is not None:
            return fit
    raise NoFit(f"{len(events)} events do not fit this sheet even as compact labels")


def _row_splits(base: Context, region: Box, allow_reference: bool, memos: dict):
    """(context, warp, its measured cards, rows, row boxes) in the order the ladder tries them."""
    for ctx, warp in _configs(base, allow_reference):
        memo = memos.setdefault(ctx.reference, {})
        for rows in range(1, MAX_ROWS + 1):
            boxes = _row_boxes(region, rows)
            if boxes is None:
                break
            yield ctx, warp, memo, rows, boxes


def fits_at_all(base: Context, region: Box, allow_reference: bool = True, memos: dict | None = None) -> bool:
    """Whether fit_timeline finds any rung for region (it raises NoFit exactly when this is False), found
    cheaply: every rung richer than labels falls back to labels, so only labels are placed (not drawn)."""
    events = base.timeline.events
    memos = {} if memos is None else memos
    for ctx, warp, memo, rows, boxes in _row_splits(base, region, allow_reference, memos):
        if rows > 1 and any(box.w < box.h for box in boxes):
            continue
        if _labels_exceed(ctx, memo, events, AREA_SHARE * sum(b.w * b.h for b in boxes)):
            continue
        labels = [_measured(ctx, memo, e, LABEL) for e in events]
        if rows == 1 and _fits(ctx, region, events, [LABEL] * len(events), None, labels, warp):
            return True
        if rows > 1 and _balanced_cuts(ctx, boxes, events, memo, warp) is not None:
            return True
    return _whole_fits(base, region)


def _whole_fits(base: Context, region: Box) -> bool:
    """Whether _whole finds full cards for every event: at the theme's sizes or at the floors."""
    events = base.timeline.events
    if len(events) * _least_card_area(base) > AREA_SHARE * region.w * region.h:
        return False
    cards = [CARD] * len(events)
    return any(_fits(ctx, region, events, cards) for ctx in
               (base, replace(base, shrink=SHRINK_STEPS[-1], narrow=NARROW_STEPS[-1])))


def keeps_all(base: Context, region: Box) -> bool:
    """True when fit_timeline surely keeps every event as a card with its summary in region, found cheaply
    from the first rungs it tries: every full card at the theme's sizes or eased to the floors, or at the
    floors on one row (False may also mean only that the cheap tests could not tell)."""
    if _whole_fits(base, region):
        return True
    floor = replace(base, shrink=SHRINK_STEPS[-1], narrow=DENSE_NARROW)
    events = base.timeline.events
    if len(events) * _least_card_area(floor) > AREA_SHARE * region.w * region.h:
        return False
    memo: dict = {}
    if _labels_exceed(floor, memo, events, AREA_SHARE * region.w * region.h):
        return False
    cards = [_measured(floor, memo, e, CARD) for e in events]
    return _fits(floor, region, events, [CARD] * len(events), None, cards)


def _configs(base: Context, allow_reference: bool) -> list[tuple[Context, float]]:
    floor = replace(base, shrink=SHRINK_STEPS[-1], narrow=DENSE_NARROW)
    configs = [(floor, 0.0), (floor, WARP)]     # the sheet's floors first, even on a stretched scale
    if allow_reference and _reference_helps(base):
        reference = replace(base, reference=True, shrink=0.01, narrow=DENSE_NARROW)
        configs += [(reference, 0.0), (reference, WARP)]
    return configs


def _reference_helps(base: Context) -> bool:
    return reference_floor(base.theme, "summary") < base.floor("summary") - 1e-6


def _whole(base: Context, region: Box, events, draw: bool = True) -> Fit | None:
    """Every event as a full card: grown when roomy, else eased down to the floors."""
    cards = [CARD] * len(events)
    if len(events) * _least_card_area(base) > AREA_SHARE * region.w * region.h:
        return None         # not even the smallest cards at the floors could fit: no need to measure them
    plain = _try(base, region, events, cards, draw=draw)
    if plain is not None:
        return _grown(base, region, events, cards, plain, draw)
    if not _fits(replace(base, shrink=SHRINK_STEPS[-1], narrow=NARROW_STEPS[-1]), region, events, cards):
        return None         # not even at the floors: no need to try every step between
    tried = {(1.0,) + _sizes(base)}
    for shrink in SHRINK_STEPS:
        for narrow in NARROW_STEPS:
            ctx = replace(base, shrink=shrink, narrow=narrow)
            key = (narrow,) + _sizes(ctx)
            if key in tried:
                continue
            tried.add(key)
            laid = _try(ctx, region, events, cards, draw=draw)
            if laid is not None:
                return _fit(laid, ctx)
    return None


def _grown(base: Context, region: Box, events, cards, plain: Laid, draw: bool = True) -> Fit:
    """The largest cards that fit a roomy sheet, with the ruler and legend grown alike (see Context.size):
    no card title reaches the poster's title, and cards stay about as near their dates as at the plain size.
    On a portrait sheet the cards then widen into the room across."""
    top = base.size("title") / (base.theme.scale["event_title"] * base.scale * max(EMPHASIS.values()) * 1.1)
    median, most = _nearness(plain)
    bounds = max(median * NEAR_SLACK, NEAR_MEDIAN), max(most * NEAR_SLACK, NEAR_MAX)

    def attempt(grow: float, wider: float = 1.0) -> tuple[Context, Laid] | None:
        """The grown context and its placements (placed, not drawn), if it fits near enough."""
        ctx = replace(base, shrink=grow, narrow=grow * wider)
        laid = _try(ctx, region, events, cards, draw=False)
        if laid is None:
            return None
        m, x = _nearness(laid)
        return (ctx, laid) if m <= bounds[0] and x <= bounds[1] else None

    found = (base, plain)
    steps = [g for g in GROW_STEPS if g <= top]
    for above, grow in zip([top] + steps, steps):
        grown = attempt(grow)
        if grown is not None:       # one step finer between the step that fits and the one above it
            found = (attempt((grow + above) / 2) if above > grow + 0.1 else None) or grown
            break
    if region.w < region.h:
        for wider in WIDER_STEPS:
            if _across_fill(found[1], region) >= 0.85:
                break
            wide = attempt(found[0].shrink, wider)
            if wide is None:
                break
            found = wide
    ctx, laid = found
    if ctx is not base and draw:    # only the chosen size is drawn (placed as it was when tried)
        drawn = _try(ctx, region, events, cards)
        ctx, laid = (ctx, drawn) if drawn is not None else (base, plain)
    return _fit(laid, ctx)


def _nearness(laid: Laid) -> tuple[float, float]:
    """The median and the largest distance of a card from its date (shares of the axis)."""
    distances = sorted(p.distance for p in laid.placements)
    if not distances:
        return 0.0, 0.0
    return distances[len(distances) // 2], distances[-1]


def _across_fill(fit: Fit | Laid, region: Box) -> float:
    if not fit.placements:
        return 1.0
    left = min(p.box.x for p in fit.placements)
    right = max(p.box.x + p.box.w for p in fit.placements)
    return (right - left) / region.w


def _least_card_area(base: Context, shrink: float = SHRINK_STEPS[-1]) -> float:
    """A lower bound on a card's area at the floors: the narrowest card, one line of date and of title."""
    ctx = replace(base, shrink=min(shrink, SHRINK_STEPS[-1]), narrow=min(NARROW_STEPS[-1], DENSE_NARROW))
    pad = ctx.space("card_padding") * 0.55
    height = pad * 2 + block_height(1, ctx.size("date")) + block_height(1, ctx.size("event_title"))
    return ctx.card_width * height


def _sizes(ctx: Context) -> tuple:
    return tuple(ctx.size(r) for r in ("event_title", "date", "summary"))


def _fit(laid: Laid, ctx: Context, rows: int = 1) -> Fit:
    return Fit(laid.items, laid.placements, rows, ctx.reference, ctx)


def _ink(laid: Laid) -> float:
    """Total length of the leader lines: how far cards sit from their dates."""
    return sum(abs(i.x2 - i.x1) + abs(i.y2 - i.y1) for i in laid.items
               if isinstance(i, Line) and i.role.startswith("leader "))


def _try(ctx: Context, box: Box, events, rungs, span=None, cards=None, warp: float = 0.0, **lane) -> Laid | None:
    try:
        return lay_timeline(ctx, box, events, rungs, span, cards, warp, **lane)
    except LayoutError:
        return None


def _fits(*args, **lane) -> bool:
    """Whether _try would lay it out (placed, not drawn)."""
    return _try(*args, draw=False, placements=False, **lane) is not None


# --- rows of a wrapped axis ----------------------------------------------------


def _row_boxes(region: Box, rows: int) -> list[Box] | None:
    """The region cut into rows stacked top to bottom; None when rows would be too thin."""
    if rows == 1:
        return [region]
    gap = min(region.h * 0.01, 12.0)
    height = (region.h - gap * (rows - 1)) / rows
    if height < region.w * 0.06 or height < 60:
        return None
    return [Box(region.x, region.y + r * (height + gap), region.w, height) for r in range(rows)]


def _rows(ctx: Context, boxes: list[Box], events, memo: dict, warp: float = 0.0, draw: bool = True) -> Fit | None:
    if len(boxes) > 1 and any(box.w < box.h for box in boxes):
        return None
    items, placements = [], []
    if _labels_exceed(ctx, memo, events, AREA_SHARE * sum(b.w * b.h for b in boxes)):
        return None         # more label than sheet: no need to lay it out to know
    cuts = None
    if len(boxes) > 1:      # every row must hold its events as labels before any row tries richer rungs
        cuts = _balanced_cuts(ctx, boxes, events, memo, warp)
        if cuts is None:
            return None
    groups, spans = split_rows(events, len(boxes), cuts)
    spans = [span if len(boxes) > 1 else None for span in spans]
    for box, group, span in zip(boxes, groups, spans):
        laid = _row(ctx, box, group, span, memo, warp, draw)
        if laid is None:
            return None
        items += laid.items
        placements += laid.placements
    return Fit(tuple(items), tuple(placements), len(boxes), ctx.reference, ctx, warp > 0)


REBALANCE = 8       # tries at moving a row's boundary when its labels do not fit


def _balanced_cuts(ctx: Context, boxes: list[Box], events, memo: dict, warp: float) -> list[int] | None:
    """Where to cut the events into rows so that every row holds its events as labels: equal counts first,
    then a row that does not fit hands a few events to a neighbour that does (rows differ: spans,
    eras and title lengths are not spread evenly). None when no cut found fits."""
    events, rows = tuple(events), len(boxes)
    cuts = [round(len(events) * r / rows) for r in range(rows + 1)]
    known: dict[tuple[int, int], bool] = {}
    for _ in range(REBALANCE):
        if any(b <= a for a, b in zip(cuts, cuts[1:])):
            return None
        groups, spans = split_rows(events, rows, cuts)
        fits = []
        for box, group, span, key in zip(boxes, groups, spans, zip(cuts, cuts[1:])):
            if key not in known:
                labels = [_measured(ctx, memo, e, LABEL) for e in group]
                known[key] = _fits(ctx, box, group, [LABEL] * len(group), span, labels, warp)
            fits.append(known[key])
        if all(fits):
            return cuts
        moved = list(cuts)
        for r, fit in enumerate(fits):
            if fit:
                continue
            step = max(1, round((cuts[r + 1] - cuts[r]) * 0.04))
            if r > 0 and fits[r - 1]:
                moved[r] += step
            if r + 1 < rows and fits[r + 1]:
                moved[r + 1] -= step
        if moved == cuts:
            return None
        cuts = moved
    return None


def split_rows(events, rows: int, cuts: list[int] | None = None) -> tuple[list[tuple], list[tuple[float, float]]]:
    """Events cut into `rows` runs (of about equal count, or at `cuts`), and each run's time range (contiguous)."""
    events = tuple(events)
    lo, hi = round_out(min(e.date.as_decimal() for e in events),
                       max((e.end or e.date).end_decimal() for e in events))
    if rows == 1:
        return [events], [(lo, hi)]
    cuts = cuts or [round(len(events) * r / rows) for r in range(rows + 1)]
    groups = [events[a:b] for a, b in zip(cuts, cuts[1:])]
    bounds = [lo]
    for before, after in zip(groups, groups[1:]):
        if not before or not after:
            return [events], [(lo, hi)]
        a, b = before[-1].date.as_decimal(), after[0].date.as_decimal()
        whole = math.ceil(a)
        bounds.append(float(whole) if whole <= b and whole > bounds[-1] else max((a + b) / 2, bounds[-1]))
    bounds.append(hi)
    return groups, list(zip(bounds, bounds[1:]))


# --- one row: cards, then cards without summaries, then labels, event by event ----


def _labels_exceed(ctx: Context, memo: dict, events, area: float) -> bool:
    """Whether the events' labels cover more than `area`: measured in order only until they do."""
    total = 0.0
    for event in events:
        card = _measured(ctx, memo, event, LABEL)
        total += card.width * card.height
        if total > area:
            return True
    return False


def _measured(ctx: Context, memo: dict, event, rung: str):
    key = (event.id, rung if event.summary is not None or rung == LABEL else CARD)
    if key not in memo:
        memo[key] = measure(ctx, event, key[1])
    return memo[key]


def _row(ctx: Context, box: Box, events, span, memo: dict, warp: float = 0.0, draw: bool = True,
         **lane) -> Laid | None:
    n = len(events)
    if n == 0:
        return None
    order = _priority(ctx, events)
    brief = [_measured(ctx, memo, e, BRIEF) for e in events]
    label = [_measured(ctx, memo, e, LABEL) for e in events]

    def attempt(drop: int, labels: int, test: bool = False):
        """The row with the first `drop` summaries dropped and the first `labels` events as labels: laid out,
        or (test) only whether it fits. Full cards are measured only when a try has them."""
        rungs = [CARD] * n
        for i in with_summary[:drop]:
            rungs[i] = BRIEF
        for i in order[:labels]:
            rungs[i] = LABEL
        cards = [label[i] if rung == LABEL else brief[i] if rung == BRIEF else _measured(ctx, memo, e, CARD)
                 for i, (rung, e) in enumerate(zip(rungs, events))]
        if test:
            return _fits(ctx, box, events, rungs, span, cards, warp, **lane)
        return _try(ctx, box, events, rungs, span, cards, warp, draw=draw, **lane)

    with_summary = [i for i in order if events[i].summary is not None]
    least = [least_size(ctx, e) for e in events]    # no full cards fit when cards this size cannot
    if not surely_unfit(ctx, box, events, least, span, warp, **lane) and (laid := attempt(0, 0)) is not None:
        return laid
    if attempt(len(with_summary), 0, test=True):
        return attempt(_least(lambda k: attempt(k, 0, test=True), 1, len(with_summary)), 0)
    with_summary = order     # every card left loses its summary once labels are needed
    if not attempt(n, n, test=True):
        return None
    return attempt(n, _least(lambda k: attempt(n, k, test=True), 1, n))


def _least(fits, lo: int, hi: int) -> int:
    """The smallest k in [lo, hi] for which fits(k) (hi is known to fit): binary search."""
    while lo < hi:
        mid = (lo + hi) // 2
        if fits(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def _priority(ctx: Context, events) -> list[int]:
    """Indexes in the order events step down: low importance, crowded stretches, long summaries."""
    dates = [e.date.as_decimal() for e in events]
    spread = (max(dates) - min(dates)) or 1.0
    window = spread * 0.04
    crowd = [bisect.bisect_right(dates, d + window) - bisect.bisect_left(dates, d - window) for d in dates]

    def key(i: int):
        event = events[i]
        summary = len(ctx.text(event.summary)) if event.summary is not None else 0
        return (RANK.get(event.importance, 1), -crowd[i], -summary, i)

    return sorted(range(len(events)), key=key)
