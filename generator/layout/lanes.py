"""Swimlanes: one band per category or group (rows on landscape, columns on portrait) on one shared time axis.

Each band is as deep as its own events need, so a lane of two events does not take the room a lane
of twenty needs; the type is the largest at which every lane fits (grown on a roomy sheet, down to
the sheet's floors), and the room left over is shared out by need. Only when full cards do not fit
even at the floors does a lane step down its own ladder (summaries, then labels), and last the
reference rung's small type.
"""

from __future__ import annotations

from dataclasses import replace

from generator.layout.context import Context
from generator.layout.density import (
    DENSE_NARROW, GROW_STEPS, SHRINK_STEPS, WARP, Fit, NoFit, _measured, _reference_helps, _row, _try,
)
from generator.layout.timeline import BRIEF, CARD, EMPHASIS, LABEL
from generator.scene import Box, Rect
from generator.text import block_height, text_block, wrap

LANE_OTHER = {"en": "Other", "ko": "기타"}
WIDE = 1.8              # landscape lanes: cards this much wider when the usual width does not fit
SEARCH_STEPS = 5        # halvings when looking for the least depth a lane needs


def lanes_of(timeline, by: str = "category", lang: str | None = None) -> list[tuple[object, tuple]]:
    """(category, group name or None, its events) for each lane that has events, in the data's order.

    By category: one lane per category (in the legend's order), then events without one. By group:
    one lane per `group` (in order of first appearance), then events without one.
    """
    if by == "group":
        names: dict[str, list] = {}
        rest = []
        for event in timeline.events:
            if event.group is None:
                rest.append(event)
            else:
                names.setdefault(event.group.get(lang) if lang else str(event.group), []).append(event)
        lanes = [(name, tuple(events)) for name, events in names.items()]
        return lanes + ([(None, tuple(rest))] if rest else [])
    lanes = [(c, tuple(e for e in timeline.events if e.category is not None and e.category.id == c.id))
             for c in timeline.categories]
    lanes.append((None, tuple(e for e in timeline.events if e.category is None)))
    return [(c, events) for c, events in lanes if events]


def fit_lanes(base: Context, region: Box, allow_reference: bool = True, memos: dict | None = None,
              by: str = "category") -> Fit:
    """The lanes at the largest type at which they all fit as full cards; else, at the floors (then at the
    reference rung), each lane's own ladder in a band sized by what its events need."""
    lanes = lanes_of(base.timeline, by, base.lang)
    memos = {} if memos is None else memos
    top = base.size("title") / (base.theme.scale["event_title"] * base.scale * max(EMPHASIS.values()) * 1.1)
    sizes = sorted({s for s in SHRINK_STEPS} | {g for g in GROW_STEPS if g <= top})
    full = _largest(base, region, lanes, sizes, memos, by)
    if full is not None:
        return full
    floor = replace(base, shrink=SHRINK_STEPS[-1], narrow=DENSE_NARROW)
    configs = [(floor, 0.0), (floor, WARP)]
    if allow_reference and _reference_helps(base):
        reference = replace(base, reference=True, shrink=0.01, narrow=DENSE_NARROW)
        configs += [(reference, 0.0), (reference, WARP)]
    for ctx, warp in configs:
        fit = _laddered(ctx, region, lanes, _memo(memos, by, ctx), warp, by)
        if fit is not None:
            return fit
    raise NoFit(f"{len(base.timeline.events)} events do not fit this sheet in lanes")


def _memo(memos: dict, by: str, ctx: Context) -> dict:
    return memos.setdefault(("lanes", by, ctx.shrink, ctx.narrow, ctx.reference), {})


def _largest(base: Context, region: Box, lanes, sizes: list[float], memos: dict, by: str) -> Fit | None:
    """Full cards in every lane at the largest size step that fits (a binary search over the steps, once
    the smallest is known to fit)."""
    def full_at(size: float) -> Fit | None:
        """Full cards at a size; on landscape, failing that, wider (so shorter) cards: bands are long."""
        narrow = max(DENSE_NARROW, size)
        ctx = replace(base, shrink=size, narrow=narrow)
        fit = _full(ctx, region, lanes, _memo(memos, by, ctx), by)
        if fit is not None or region.w < region.h or _crowded(ctx, region, lanes, _memo(memos, by, ctx)):
            return fit
        wide = replace(ctx, narrow=narrow * WIDE)
        return _full(wide, region, lanes, _memo(memos, by, wide), by)

    best = full_at(sizes[0])
    if best is None:
        return None
    lo, hi = 1, len(sizes) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        fit = full_at(sizes[mid])
        if fit is not None:
            best, lo = fit, mid + 1
        else:
            hi = mid - 1
    return best


def _crowded(ctx: Context, region: Box, lanes, memo: dict) -> bool:
    """True when the cards (measured at ctx) have more area than the bands: wider cards would not help."""
    frame = _frame(ctx, region, len(lanes))
    if frame is None:
        return True
    area = sum(c.width * c.height for _, group in lanes for c in (_measured(ctx, memo, e, CARD) for e in group))
    return area / frame.region.w > frame.room


def _full(ctx: Context, region: Box, lanes, memo: dict, by: str) -> Fit | None:
    """Every lane as full cards, each band as deep as it needs plus a share of the room left over."""
    frame = _frame(ctx, region, len(lanes))
    if frame is None:
        return None
    needs, sides = [], []
    for _, group in lanes:
        cards = [_measured(ctx, memo, e, CARD) for e in group]
        need = _least(ctx, frame, group, [CARD] * len(group), cards, 0.0, frame.room - sum(needs))
        if need is None:
            return None
        needs.append(need[0])
        sides.append(need[1])
    depths = _share(needs, needs, frame.room)
    return _assemble(ctx, frame, lanes, depths, sides, memo, 0.0, by, full=True)


def _laddered(ctx: Context, region: Box, lanes, memo: dict, warp: float, by: str) -> Fit | None:
    """Each lane steps down its own ladder in a band at least as deep as its labels need; the room left
    over goes to the lanes whose full cards need the most more."""
    frame = _frame(ctx, region, len(lanes))
    if frame is None:
        return None
    needs: list[list[float]] = [[] for _ in lanes]   # per lane: the depth its labels, its cards without
    sides: list[list[bool]] = [[] for _ in lanes]    # summary, its cards need (the room: more than there is)
    for rung in (LABEL, BRIEF, CARD):       # rung by rung, so that a sheet too small is known early
        spare = frame.room - sum(n[0] for n in needs if n)
        for (_, group), need, side in zip(lanes, needs, sides):
            cards = [_measured(ctx, memo, e, rung) for e in group]
            limit = spare if rung == LABEL else need[0] + spare
            found = _least(ctx, frame, group, [rung] * len(group), cards, warp, limit) \
                if rung == LABEL or need[-1] < frame.room else None
            if found is None and rung == LABEL:
                return None
            if rung == LABEL:
                spare -= found[0]
            need.append(frame.room if found is None else max(found[0], need[-1] if need else 0.0))
            side.append(side[-1] if found is None else found[1])
    levels = _levels(needs, [len(group) for _, group in lanes], frame.room)
    depths = [n[k] for n, k in zip(needs, levels)]
    spare = frame.room - sum(depths)
    gaps = [(n[k + 1] - n[k], i) for i, (n, k) in enumerate(zip(needs, levels)) if k + 1 < len(n)]
    for gap, i in sorted(gaps):     # what is left goes whole to the lanes nearest their next rung: a part of
        give = min(gap, spare)      # a rung keeps some summaries, a sliver for every lane keeps none
        depths[i] += give
        spare -= give
    depths = _share(depths, depths, max(frame.room, sum(depths)))
    side = [s[k] for s, k in zip(sides, levels)]
    return _assemble(ctx, frame, lanes, depths, side, memo, warp, by, full=False)


def _levels(needs: list[list[float]], counts: list[int], room: float) -> list[int]:
    """Each lane's rung (0 labels, 1 cards without summary, 2 cards): every lane starts at labels, then the
    lane whose next rung costs the least depth per event steps up, while the room holds it (a whole rung
    for one lane is worth more than a sliver for each)."""
    levels = [0] * len(needs)
    used = sum(n[0] for n in needs)
    while True:
        steps = [((n[k + 1] - n[k]) / count, i) for i, (n, k, count) in enumerate(zip(needs, levels, counts))
                 if k + 1 < len(n) and used + n[k + 1] - n[k] <= room + 1e-6]
        if not steps:
            return levels
        _, i = min(steps)
        used += needs[i][levels[i] + 1] - needs[i][levels[i]]
        levels[i] += 1


class _Frame:
    """The region cut into the shared ruler and the room for the lanes' bands (with a name strip each)."""

    def __init__(self, ctx: Context, region: Box, count: int):
        self.horizontal = region.w >= region.h
        self.region = region
        self.strip = block_height(1, ctx.size("legend")) + ctx.space("gap") * 0.5
        ruler = block_height(2, ctx.size("era")) + ctx.size("tick") * 2.4 + ctx.space("gap") * 2
        if self.horizontal:
            self.ruler = Box(region.x, region.y, region.w, ruler)
            self.room = region.h - ruler - self.strip * count
        else:
            ruler = max(ruler, region.w * 0.12)
            self.ruler = Box(region.x, region.y + self.strip, ruler, region.h - self.strip)
            self.room = region.w - ruler

    def band(self, start: float, depth: float) -> tuple[Box, Box]:
        """The name strip and the band of a lane `depth` deep, `start` into the room."""
        r = self.region
        if self.horizontal:
            y = r.y + self.ruler.h + start
            return Box(r.x, y, r.w, self.strip), Box(r.x, y + self.strip, r.w, depth)
        x = r.x + self.ruler.w + start
        return Box(x, r.y, depth, self.strip), Box(x, r.y + self.strip, depth, r.h - self.strip)

    def lane_box(self, depth: float) -> Box:
        return self.band(0.0, depth)[1]


def _frame(ctx: Context, region: Box, count: int) -> _Frame | None:
    frame = _Frame(ctx, region, count)
    return frame if frame.room > 0 else None


def _least(ctx: Context, frame: _Frame, group, rungs, cards, warp: float,
           limit: float | None = None) -> tuple[float, bool] | None:
    """About the least depth of a band in which the lane's events fit at these rungs, and whether its line
    runs along the band's top (cards on one side) rather than its middle; None when more than `limit`
    (the whole room by default). On landscape a lane tries one side first: a quiet lane then needs the
    depth of one card, not two."""
    limit = frame.room if limit is None else min(limit, frame.room)
    length = frame.region.w if frame.horizontal else frame.region.h - frame.strip
    area = sum(c.width * c.height for c in cards) / max(length, 1.0)     # the cards' area over the axis
    if limit <= 0 or area > limit:
        return None
    sides = (True, False) if frame.horizontal else (False,)
    best = None
    for one_side in sides:
        depth = _least_depth(ctx, frame, group, rungs, cards, warp, one_side, limit, area)
        if depth is not None and (best is None or depth < best[0]):
            best = (depth, one_side)
        if best is not None and best[0] <= _deepest(frame, cards) * 1.3:
            break           # one row of cards beside the line: the other way cannot be shallower
    return best


def _deepest(frame: _Frame, cards) -> float:
    return max(c.height if frame.horizontal else c.width for c in cards)


def _least_depth(ctx: Context, frame: _Frame, group, rungs, cards, warp: float, one_side: bool, limit: float,
                 area: float) -> float | None:
    """Binary search between the deepest card (or the cards' area over the axis) and the limit."""

    def fits(depth: float) -> bool:
        return _try(ctx, frame.lane_box(depth), group, rungs, None, cards, warp, ruler=False,
                    axis_events=ctx.timeline.events, one_side=one_side, draw=False) is not None

    if not fits(limit):
        return None
    lo = min(max(_deepest(frame, cards), area), limit)
    if fits(lo):
        return lo
    hi = limit
    for _ in range(SEARCH_STEPS):
        mid = (lo + hi) / 2
        if fits(mid):
            hi = mid
        else:
            lo = mid
    return hi


def _share(needs: list[float], weights: list[float], room: float) -> list[float]:
    """Each lane's need, plus the room left over shared in proportion to weights."""
    spare = max(0.0, room - sum(needs))
    total = sum(weights) or 1.0
    return [n + spare * w / total for n, w in zip(needs, weights)]


def _assemble(ctx: Context, frame: _Frame, lanes, depths: list[float], sides: list[bool], memo: dict, warp: float,
              by: str, full: bool) -> Fit | None:
    events = ctx.timeline.events
    ruler = _try(ctx, frame.ruler, (), [], warp=warp, axis_events=events)
    if ruler is None:
        return None
    items, placements, start = list(ruler.items), [], 0.0
    for (lane, group), depth, one_side in zip(lanes, depths, sides):
        label_box, box = frame.band(start, depth)
        start += depth + (frame.strip if frame.horizontal else 0.0)
        lane_args = {"ruler": False, "axis_events": events, "one_side": one_side}
        if full:
            cards = [_measured(ctx, memo, e, CARD) for e in group]
            laid = _try(ctx, box, group, [CARD] * len(group), None, cards, warp, **lane_args)
        else:
            laid = _row(ctx, box, group, None, memo, warp, **lane_args)
            if laid is None and one_side:       # its labels needed both sides of the line
                laid = _row(ctx, box, group, None, memo, warp, **dict(lane_args, one_side=False))
        if laid is None:
            return None
        items += _lane_label(ctx, lane, label_box) + list(laid.items)
        placements += laid.placements
    order = {e.id: i for i, e in enumerate(events)}
    placements.sort(key=lambda p: order[p.event])
    return Fit(tuple(items), tuple(placements), 1, ctx.reference, ctx, warp > 0, lanes=len(lanes), lanes_by=by)


def _lane_label(ctx: Context, lane, box: Box) -> list:
    """The lane's name with a swatch: a category's colour, or the muted colour for a group or the rest."""
    size, chain = ctx.size("legend"), ctx.chain("legend")
    if lane is None:
        name, color = LANE_OTHER.get(ctx.lang, LANE_OTHER["en"]), ctx.color("muted")
    elif isinstance(lane, str):
        name, color = lane, ctx.color("axis")
    else:
        name, color = ctx.text(lane.label), ctx.category_of(lane)
    swatch = size * 0.9
    width = min(chain.width(name, size) + 1, box.w - swatch - size * 0.4)
    lines = wrap(name, chain, size, width)[:1]
    return [Rect(box.x, box.y + (block_height(1, size) - swatch) / 2, swatch, swatch, fill=color,
                 radius=swatch * 0.2, role="legend"),
            text_block(lines, chain, size, box.x + swatch + size * 0.4, box.y, width, ctx.color("text"),
                       role="lane", lang=ctx.lang)]
