"""Place event cards beside the axis so that no cards or leader lines overlap.

Works in axis coordinates: `a` runs along the axis, `c` is the distance out from
the axis bar's edge. On each side, consecutive events are stacked in columns
(nearest the axis first). Every card has its own lane in a gutter beside its
column; its leader runs out from the event's exact point, along a track in the
channel between the axis and the cards, to its lane, then into the card. Lanes
and anchors are both in time order, so tracks can always be chosen ("river
routing") so that no two leaders cross.
"""

from __future__ import annotations

import bisect
import itertools
import math
import operator
from dataclasses import dataclass
from typing import NamedTuple

from generator.errors import LayoutError


GROUPING_WORK = 20_000     # items x groupings tried per placement


class Item(NamedTuple):
    """Something to place: its size along and across the axis, and where it points on the axis (a named
    tuple: thousands are made per placement)."""

    key: int
    anchor: float
    along: float
    across: float


class Placed(NamedTuple):
    """A placed item and its leader (a polyline of (a, c) points)."""

    key: int
    a: float
    c: float
    along: float
    across: float
    leader: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Spacing:
    gap: float        # between columns, and between the channel and the cards
    lane: float       # between lanes in a gutter
    track: float      # between tracks in the channel
    stack: float = 0.0  # between cards stacked in a column


def too_long(items: list[Item], lo: float, hi: float, depth: float, sp: Spacing) -> bool:
    """True when place_side surely raises for items at least as large as these (in both directions): at its
    first, shallowest channel no grouping into columns fits, found from the sizes alone. Any grouping into C
    columns of `room` depth has C >= (sum of across + stack * n) / (room + stack), and needs at least
    n * lane - C * lane / 2 + C * (least along) + gap * (C - 1) along the axis (see _gutter, _columns)."""
    if not items:
        return False
    room = depth - sp.track * 3 - sp.gap
    across = [i.across for i in items]
    if max(across) > room:
        return True             # _columns: a card is taller than the room beside the axis
    if room + sp.stack <= 0:
        return False
    n, least = len(items), min(i.along for i in items)
    if least - sp.lane / 2 + sp.gap <= 0:
        return False
    count = math.ceil((sum(across) + sp.stack * n) / (room + sp.stack) * (1 - 1e-9))
    need = n * sp.lane - count * sp.lane / 2 + count * least + sp.gap * (count - 1)
    return need > (hi - lo) * (1 + 1e-9) + 1e-6


def place_side(items: list[Item], lo: float, hi: float, depth: float, first: bool, sp: Spacing,
               assemble: bool = True) -> list[Placed]:
    """Place one side's items (in time order) within [lo, hi] along and `depth` across.

    `first` puts each column's gutter before its cards (lanes at smaller a);
    otherwise after. Raises LayoutError when the items cannot fit.
    `assemble=False` only finds whether they fit (raising alike) and returns []: the cards and leaders are
    made from the decisions when the same side is placed again and wanted.
    """
    if not items:
        return []
    key = (tuple(items), lo, hi, depth, first, sp)
    known = _PLACED.get(key)
    if known is None:
        try:
            known = _place_side(items, lo, hi, depth, first, sp)
        except LayoutError as exc:
            known = exc
        _PLACED[key] = known
        while len(_PLACED) > PLACED_KEPT:
            del _PLACED[next(iter(_PLACED))]
    if isinstance(known, LayoutError):
        raise LayoutError(str(known))
    if not assemble:
        return []
    if not isinstance(known, list):     # the decisions, not yet assembled
        known = _PLACED[key] = _assemble(*known)
    return list(known)


PLACED_KEPT = 64
_PLACED: dict[tuple, list[Placed] | tuple | LayoutError] = {}     # the last sides placed (or the decisions
                                            # that place them): the density ladder's search tries the same side
                                            # again (the chosen rung drawn)


def _place_side(items: list[Item], lo: float, hi: float, depth: float, first: bool, sp: Spacing) -> tuple:
    """The decisions that place the items: _assemble's arguments."""
    items = _separate(items, sp.lane)     # parallel stems at least a lane (2 mm on A0) apart
    runs = _Runs(items, sp, first)
    channel = sp.track * 3
    tried = set()       # the fewest columns at the channels tried: the same ones lead to the same failure
    for _ in range(60):
        fewest = _columns(runs, lo, hi, depth - channel - sp.gap)
        if tuple(fewest) not in tried:
            tried.add(tuple(fewest))
            columns, starts, lanes = _best(runs, fewest, lo, hi)
            stack = max(map(runs.stack.__getitem__, columns))
            levels = _levels(runs.anchors, lanes, sp.lane, _too_many(sp, stack, depth))
            if levels is not None:
                needed = sp.track * (max(levels, default=0) + 2)
                return runs.columns(columns), starts, lanes, levels, needed, first, sp
        channel += sp.track
    raise LayoutError("leader lines need more room than the sheet has")


def _too_many(sp: Spacing, stack: float, depth: float) -> int:
    """The fewest track levels whose channel, with the deepest column beyond it, no longer fits `depth`."""
    level = max(0, int((depth - sp.gap - stack) / sp.track) - 3)
    while sp.track * (level + 2) + sp.gap + stack <= depth:
        level += 1
    while level > 0 and sp.track * (level + 1) + sp.gap + stack > depth:
        level -= 1
    return level


class _Runs:
    """One side's items, and what is known of each run items[a:b] (a column is a run), found once per
    placement: the tries at every channel depth and every grouping share them. `along` is the column's
    extent along the axis (its gutter and widest card), `stack` its depth across (its cards stacked),
    `ideal` where it would start with its lanes centred on its anchors, `out` how far leaders run out
    past its nearer cards."""

    def __init__(self, items: list[Item], sp: Spacing, first: bool):
        self.items, self.sp, self.first = items, sp, first
        self.anchors = [i.anchor for i in items]
        self.along: dict[tuple[int, int], float] = {}
        self.stack: dict[tuple[int, int], float] = {}
        self.ideal: dict[tuple[int, int], float] = {}
        self.out: dict[tuple[int, int], float] = {}
        self._cut: dict[tuple[int, int], int] = {}
        self._bends: dict[tuple[int, int], tuple[list[float], list[float]]] = {}
        self.steps = [k * sp.lane for k in range(len(items) + 1)]     # lanes' offsets in a gutter
        self.alongs = [i.along for i in items]
        self.acrosses = [i.across for i in items]
        self.gaps = [0.0] + [b - a for a, b in zip(self.anchors, self.anchors[1:])]   # before each anchor
        self.width: dict[tuple[int, int], tuple[int, float]] = {}   # how full a column is (to split the fullest)
        self.tallest = max(self.acrosses)
        half = sp.lane / 2
        self.gutters = [_gutter(n, sp) for n in range(len(items) + 1)]      # by count, worked out once
        self._nearest = list(map(half.__add__, self.steps))     # a gutter's lanes' offsets from its start (first)

    def columns(self, runs: list[tuple[int, int]]) -> list[list[Item]]:
        return [self.items[a:b] for a, b in runs]

    def add(self, run: tuple[int, int]) -> None:
        if run in self.along:
            return
        a, b = run
        sp = self.sp
        gutter = self.gutters[b - a]
        along = self.along[run] = gutter + max(self.alongs[a:b])
        stack = self.stack[run] = sum(self.acrosses[a:b]) + sp.stack * (b - a - 1)
        self.out[run] = stack - self.acrosses[b - 1]
        mean = sum(self.anchors[a:b]) / (b - a)
        self.ideal[run] = mean - gutter / 2 if self.first else mean - (along - gutter) - gutter / 2
        self.width[run] = (b - a, self.anchors[b - 1] - self.anchors[a])

    def ink(self, runs: list[tuple[int, int]], starts: list[float]) -> float:
        """_ink of the columns at these starts, found per column from its sorted anchors (equal to it up to
        rounding)."""
        total = 0.0
        bends, bend, below_of = self._bends, self._bend, bisect.bisect_left
        for run, start in zip(runs, starts):
            known = bends.get(run)
            if known is None:
                known = bends[run] = bend(run)
            points, sums, count, whole, out = known
            below = below_of(points, start)
            total += start * (2 * below - count) + whole - 2 * sums[below] + out
        return total

    def _bend(self, run: tuple[int, int]) -> tuple[list[float], list[float], int, float, float]:
        """Where the column's leaders run no distance along the axis (the starts at which a lane meets its
        anchor), sorted, and their running sums: the column's ink is piecewise linear in its start. With them
        their count, their sum and how far the leaders run out past nearer cards."""
        a, b = run
        n = b - a
        if self.first:      # half + k * lane for the first n - 1, then n * lane
            offsets = self._nearest[:n - 1]
            offsets.append(self.steps[n])
        else:
            half = self.sp.lane / 2
            end = self.along[run] - self.gutters[n]
            offsets = [end - half]
            offsets += map((end + half).__add__, self.steps[:n - 1])    # end + half + k * lane
        points = sorted(map(operator.sub, self.anchors[a:b], offsets))
        sums = list(itertools.accumulate(points, initial=0.0))
        return points, sums, n, sums[n], self.out[run]

    def cut(self, run: tuple[int, int]) -> int:
        """Where a column splits: at the widest gap between two of its anchors (the first, if equal)."""
        k = self._cut.get(run)
        if k is None:
            a, b = run
            gaps = self.gaps[a + 1:b]
            k = self._cut[run] = gaps.index(max(gaps)) + 1
        return k

    def total(self, runs: list[tuple[int, int]]) -> float:
        """The columns' extent along the axis, with the gaps between them (every run added)."""
        return sum(map(self.along.__getitem__, runs)) + self.sp.gap * (len(runs) - 1)


def _best(runs: _Runs, fewest: list[tuple[int, int]], lo: float, hi: float):
    """The grouping into columns (from the fewest that fit the depth, see _groupings), and its placement,
    that needs the least leader ink.

    Long timelines try fewer groupings (each costs a pass over every item), so the work stays linear.
    Each grouping's ink is first found per column (in a few steps, see _Runs.ink); only the groupings
    within a rounding error of the least are costed lane by lane, so the choice is the one that costing
    every grouping lane by lane would make.
    """
    tries = max(12, GROUPING_WORK // len(runs.items))
    scored = []
    ink = runs.ink
    for columns in itertools.islice(_groupings(runs, fewest, hi - lo), tries):
        starts = _spread(runs, columns, lo, hi)
        scored.append((ink(columns, starts), columns, starts))
    least = min(s[0] for s in scored)
    near = least + 1e-6 + abs(least) * 1e-9     # far beyond the rounding of either sum
    best = None
    for approx, columns, starts in scored:
        if approx <= near:
            lanes = _lanes(runs, columns, starts)
            cost = _ink(runs, columns, lanes)
            if best is None or cost < best[0]:
                best = (cost, columns, starts, lanes)
    return best[1:]


def _separate(items: list[Item], step: float) -> list[Item]:
    """Nudge equal anchors apart so no two leaders share a line."""
    out, last = [], None
    for item in items:
        if last is None or item.anchor > last + step:
            out.append(item)        # an Item is immutable: the same one serves
            last = item.anchor
        else:
            last = last + step
            out.append(Item(item.key, last, item.along, item.across))
    return out


def _gutter(count: int, sp: Spacing) -> float:
    """Lanes beside a column: one for each card but the nearest, whose leader enters its near edge."""
    return (count - 1) * sp.lane + sp.lane / 2


def _columns(runs: _Runs, lo: float, hi: float, depth: float) -> list[tuple[int, int]]:
    """Group consecutive items into as few columns as fit `depth`, then split while the axis has room."""
    columns: list[tuple[int, int]] = []
    stack = runs.sp.stack
    if runs.tallest > depth:
        raise LayoutError("a card is taller than the room beside the axis")
    start, height = 0, 0.0      # the open column: its first item, its cards' summed depth
    for index, across in enumerate(runs.acrosses):
        if index > start and (height + across) + stack * (index - start) > depth:
            columns.append((start, index))
            start, height = index, 0.0
        height += across
    columns.append((start, len(runs.items)))
    known, add = runs.along, runs.add
    for run in columns:
        if run not in known:
            add(run)
    room = hi - lo
    if runs.total(columns) > room:
        raise LayoutError(f"{len(runs.items)} cards need {runs.total(columns):.0f} pt along the axis; "
                          f"it has {room:.0f} pt")
    return columns


def _groupings(runs: _Runs, columns: list[tuple[int, int]], room: float):
    """The fewest columns first, then each split of the fullest column while the axis has room."""
    fullness = runs.width.__getitem__
    known, add = runs.along, runs.add
    yield columns
    while True:
        widest = max(columns, key=fullness)     # the most cards, then the longest stretch of time
        a, b = widest
        if b - a < 2:
            return
        cut = a + runs.cut(widest)
        index = columns.index(widest)
        halves = [(a, cut), (cut, b)]
        for half in halves:
            if half not in known:
                add(half)
        trial = columns[:index] + halves + columns[index + 1:]
        if runs.total(trial) > room:
            return
        columns = trial
        yield columns


def _ink(runs: _Runs, columns: list[tuple[int, int]], lanes: list[float]) -> float:
    """Total leader length, ignoring the channel: along to the lane, and out past nearer cards."""
    along = sum(map(abs, map(operator.sub, lanes, runs.anchors)))
    out = runs.out
    return along + sum([out[c] for c in columns])


def _spread(runs: _Runs, columns: list[tuple[int, int]], lo: float, hi: float) -> list[float]:
    """Start positions: each column's lanes near its anchors, no overlaps, all within [lo, hi]."""
    sizes = list(map(runs.along.__getitem__, columns))
    gap = runs.sp.gap
    offsets = _offsets(sizes, gap)
    positions = _pooled(map(operator.sub, map(runs.ideal.__getitem__, columns), offsets))     # _isotonic's
    shift = max(0.0, lo - (positions[0] + offsets[0]))
    starts = list(map(operator.add, map(operator.add, positions, offsets), itertools.repeat(shift)))
    last = len(starts) - 1
    limit = hi - sizes[last]
    if starts[last] > limit:
        starts[last] = limit
    after = starts[last]
    for i in range(last - 1, -1, -1):
        limit = after - gap - sizes[i]
        after = starts[i]
        if after > limit:
            after = starts[i] = limit
    return starts


def _isotonic(ideal: list[float], sizes: list[float], gap: float) -> list[float]:
    """Positions closest (least squares) to ideal with each start >= previous end + gap."""
    offsets = _offsets(sizes, gap)
    return list(map(operator.add, _pooled(map(operator.sub, ideal, offsets)), offsets))


def _offsets(sizes: list[float], gap: float) -> list[float]:
    """Where each block starts when they are packed one after another, `gap` apart, from 0."""
    return list(itertools.accumulate(map(operator.add, sizes[:-1], itertools.repeat(gap)), initial=0.0))


def _pooled(values) -> list[float]:
    """The nondecreasing sequence closest (least squares) to values: adjacent violators pooled into their mean."""
    sums: list[float] = []      # blocks of pooled values: their sum, count and mean
    counts: list[int] = []
    means: list[float] = []
    for value in values:
        if means and means[-1] > value:         # value / 1 is value
            count = 1
            while means and means[-1] > value / count:
                means.pop()
                value = sums.pop() + value
                count += counts.pop()
            sums.append(value)
            counts.append(count)
            means.append(value / count)
        else:
            sums.append(value)
            counts.append(1)
            means.append(value)
    if len(means) == sum(counts):               # nothing pooled
        return means
    positions: list[float] = []
    for mean, count in zip(means, counts):
        positions += [mean] * count
    return positions


def _lanes(runs: _Runs, columns: list[tuple[int, int]], starts: list[float]) -> list[float]:
    """One lane per item, in time order along the axis."""
    lanes: list[float] = []
    half = runs.sp.lane / 2
    steps = runs.steps
    if runs.first:      # gutter before the cards; the earliest item is farthest out, its lane leftmost
        for (a, b), start in zip(columns, starts):
            n = b - a
            lanes += map((start + half).__add__, steps[:n - 1])
            lanes.append(start + steps[n])
    else:               # gutter after the cards; the earliest item is nearest, its lane leftmost
        along = runs.along
        for (a, b), start in zip(columns, starts):
            n = b - a
            end = start + along[(a, b)] - ((n - 1) * runs.sp.lane + half)
            lanes.append(end - half)
            lanes += map((end + half).__add__, steps[:n - 1])
    return lanes


def _levels(anchors: list[float], lanes: list[float], clear: float, limit: int | None = None) -> list[int] | None:
    """Track levels so that no leader crosses or touches another (levels count out from the axis).

    Two leaders going the same way whose horizontal runs come within `clear` of each other
    need different tracks. None as soon as a leader would need `limit` levels or more.
    """
    n = len(anchors)
    levels = [0] * n
    right = list(map(operator.gt, lanes, anchors))
    left = list(map(operator.lt, lanes, anchors))
    for i in range(n - 1, -1, -1):          # going right: later ones run nearer the axis
        if right[i]:
            reach, level, j = lanes[i] + clear, 0, i + 1
            while j < n and anchors[j] <= reach:
                if right[j] and levels[j] >= level:
                    level = levels[j] + 1
                j += 1
            if limit is not None and level >= limit:
                return None
            levels[i] = level
    for j in range(n):                      # going left: earlier ones run nearer the axis
        if left[j]:
            reach, level, i = lanes[j] - clear, 0, j - 1
            while i >= 0 and anchors[i] >= reach:
                if left[i] and levels[i] >= level:
                    level = levels[i] + 1
                i -= 1
            if limit is not None and level >= limit:
                return None
            levels[j] = level
    return levels


def _assemble(columns, starts, lanes, levels, channel, first, sp) -> list[Placed]:
    placed, k = [], 0
    for column, start in zip(columns, starts):
        n = len(column)
        order = list(reversed(column)) if first else column     # nearest the axis first
        c = channel + sp.gap
        depth_of = {}
        for item in order:
            depth_of[item.key] = c
            c += item.across + sp.stack
        card_a = start + _gutter(n, sp) if first else start
        for item in column:
            lane, track = lanes[k], sp.track * (levels[k] + 1)
            cc = depth_of[item.key]
            mid = cc + item.across / 2
            edge = card_a if first else card_a + item.along
            if item.along < item.across:    # tall narrow card (vertical axis): enter at its near end
                mid = cc + min(item.across / 2, sp.gap * 2)
            if item is order[0]:            # the nearest card: its leader enters its near edge
                leader = ((item.anchor, 0.0), (item.anchor, track), (lane, track), (lane, cc - 0.05))
            else:
                leader = ((item.anchor, 0.0), (item.anchor, track), (lane, track), (lane, mid), (edge, mid))
            placed.append(Placed(item.key, card_a, cc, item.along, item.across, leader))
            k += 1
    return placed


# --- tiers: compact labels on stems --------------------------------------------------


def place_tiers(items: list[Item], lo: float, hi: float, depths: dict[int, float], pitch: float,
                gap: float) -> list[tuple[int, Placed]]:
    """Labels on straight stems, in tiers out from the axis on either side (side -1 or 1).

    Stems start at the anchors, spread to at least half a `pitch` apart (least squares), and
    run straight out to their label's near edge; two stems on the same side stay a whole
    `pitch` apart. A label starts at its stem (shifted back when it would pass `hi`).
    Working from the latest label back, each goes as near the axis as it can on the side
    that keeps every stem clear of every other label (labels that cover a stem lie beyond
    its label; a stem passes only labels farther out). Raises LayoutError when a side runs
    out of depth.
    """
    if not items:
        return []
    return _tiers(items, lo, hi, depths, pitch, gap, pitch / 2)


def _tiers(items: list[Item], lo: float, hi: float, depths: dict[int, float], pitch: float, gap: float,
           spread: float) -> list[tuple[int, Placed]]:
    """place_tiers with stems at least `spread` apart."""
    half = pitch / 2
    stems = _isotonic([i.anchor for i in items], [0.0] * len(items), spread)
    shift = max(0.0, lo - stems[0])
    stems = [s + shift for s in stems]
    for k in range(len(stems) - 1, -1, -1):         # a label starts at its stem and ends before hi
        limit = hi - items[k].along
        stems[k] = min(stems[k], limit if k == len(stems) - 1 else min(limit, stems[k + 1] - spread))
    if stems[0] < lo:
        raise LayoutError("the labels' stems need more room along the axis than the sheet has")
    reach = max(i.along for i in items)
    placed: dict[int, list[tuple[float, float, float, float, float]]] = {-1: [], 1: []}  # (stem, x0, x1, c, h)
    out: list[tuple[int, Placed]] = []
    for k in range(len(items) - 1, -1, -1):
        item, stem = items[k], stems[k]
        choices = []
        for side in (-1, 1):
            if placed[side] and placed[side][-1][0] - stem < pitch - 1e-6:
                continue            # a parallel stem on this side too near
            prefer = 0 if side == (-1 if k % 2 == 0 else 1) else 1
            x0, x1 = stem, stem + item.along
            c = _slot(placed[side], stem, x0, x1, item.across, gap, reach, half)
            if c is not None and c + item.across <= depths[side] + 1e-6:
                choices.append((c, prefer, side, x0, x1))
        if not choices:
            raise LayoutError("labels need more tiers than the room beside the axis holds")
        c, _, side, x0, x1 = min(choices)
        placed[side].append((stem, x0, x1, c, item.across))
        leader = ((stem, 0.0), (stem, c))
        out.append((side, Placed(item.key, x0, c, item.along, item.across, leader)))
    return out


def _slot(placed: list[tuple[float, float, float, float, float]], stem: float, x0: float, x1: float,
          height: float, gap: float, reach: float, clear: float) -> float | None:
    """The nearest distance out from the axis for a label [x0, x1] of `height` on `stem`, given the labels
    placed after it (or None): beyond every label whose stem it would cover, nearer than every label its
    stem would pass under, and clear of the rest."""
    low, high, blocked = gap, None, []
    for s, a, b, c, h in reversed(placed):          # nearest stems first
        if s - reach > x1 + gap:                       # no later label reaches back this far
            break
        if a - clear < stem - 1e-6 and stem <= b + gap:     # our stem would pass under their label
            high = c if high is None else min(high, c)
        if x0 - gap <= s <= x1 + gap:                  # their stem passes under our label
            low = max(low, c + h + gap)
        if a < x1 + gap and x0 < b + gap:
            blocked.append((c - gap - height, c + h + gap))
    c = low
    for start, end in sorted(blocked):
        if end <= c:
            continue
        if start >= c:
            break
        c = end
    if high is not None and c + height + gap > high + 1e-6:
        return None
    return c
