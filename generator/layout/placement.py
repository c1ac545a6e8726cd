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

import itertools
from dataclasses import dataclass

from generator.errors import LayoutError


GROUPING_WORK = 20_000     # items x groupings tried per placement


@dataclass(frozen=True)
class Item:
    """Something to place: its size along and across the axis, and where it points on the axis."""

    key: int
    anchor: float
    along: float
    across: float


@dataclass(frozen=True)
class Placed:
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


def place_side(items: list[Item], lo: float, hi: float, depth: float, first: bool, sp: Spacing) -> list[Placed]:
    """Place one side's items (in time order) within [lo, hi] along and `depth` across.

    `first` puts each column's gutter before its cards (lanes at smaller a);
    otherwise after. Raises LayoutError when the items cannot fit.
    """
    if not items:
        return []
    items = _separate(items, sp.lane)     # parallel stems at least a lane (2 mm on A0) apart
    channel = sp.track * 3
    for _ in range(60):
        columns, starts, lanes = _best(items, lo, hi, depth - channel - sp.gap, first, sp)
        levels = _levels([i.anchor for i in items], lanes, sp.lane)
        needed = sp.track * (max(levels, default=0) + 2)
        if needed + sp.gap + max(_stack(c, sp) for c in columns) <= depth:
            return _assemble(columns, starts, lanes, levels, needed, first, sp)
        channel += sp.track
    raise LayoutError("leader lines need more room than the sheet has")


def _best(items: list[Item], lo: float, hi: float, depth: float, first: bool, sp: Spacing):
    """The grouping into columns, and its placement, that needs the least leader ink.

    Long timelines try fewer groupings (each costs a pass over every item), so the work stays linear.
    """
    best = None
    tries = max(12, GROUPING_WORK // len(items))
    for columns in itertools.islice(_groupings(_columns(items, lo, hi, depth, sp), hi - lo, sp), tries):
        starts = _spread(columns, lo, hi, first, sp)
        lanes = _lanes(columns, starts, first, sp)
        cost = _ink(columns, starts, lanes, items, sp)
        if best is None or cost < best[0]:
            best = (cost, columns, starts, lanes)
    return best[1:]


def _separate(items: list[Item], step: float) -> list[Item]:
    """Nudge equal anchors apart so no two leaders share a line."""
    out, last = [], None
    for item in items:
        anchor = item.anchor if last is None or item.anchor > last + step else last + step
        out.append(Item(item.key, anchor, item.along, item.across))
        last = anchor
    return out


def _gutter(count: int, sp: Spacing) -> float:
    """Lanes beside a column: one for each card but the nearest, whose leader enters its near edge."""
    return (count - 1) * sp.lane + sp.lane / 2


def _column_along(column: list[Item], sp: Spacing) -> float:
    return _gutter(len(column), sp) + max(i.along for i in column)


def _stack(column: list[Item], sp: Spacing) -> float:
    return sum(i.across for i in column) + sp.stack * (len(column) - 1)


def _columns(items: list[Item], lo: float, hi: float, depth: float, sp: Spacing) -> list[list[Item]]:
    """Group consecutive items into as few columns as fit `depth`, then split while the axis has room."""
    columns: list[list[Item]] = [[]]
    for item in items:
        if item.across > depth:
            raise LayoutError("a card is taller than the room beside the axis")
        if columns[-1] and _stack(columns[-1] + [item], sp) > depth:
            columns.append([])
        columns[-1].append(item)
    room = hi - lo
    if _total(columns, sp) > room:
        raise LayoutError(f"{len(items)} cards need {_total(columns, sp):.0f} pt along the axis; it has {room:.0f} pt")
    return columns


def _groupings(columns: list[list[Item]], room: float, sp: Spacing):
    """The fewest columns first, then each split of the fullest column while the axis has room."""
    yield columns
    while True:
        candidates = [c for c in columns if len(c) > 1]
        if not candidates:
            return
        widest = max(candidates, key=lambda c: (len(c), c[-1].anchor - c[0].anchor))
        cut = max(range(1, len(widest)), key=lambda k: widest[k].anchor - widest[k - 1].anchor)
        index = columns.index(widest)
        trial = columns[:index] + [widest[:cut], widest[cut:]] + columns[index + 1:]
        if _total(trial, sp) > room:
            return
        columns = trial
        yield columns


def _ink(columns: list[list[Item]], starts: list[float], lanes: list[float], items: list[Item], sp: Spacing) -> float:
    """Total leader length, ignoring the channel: along to the lane, and out past nearer cards."""
    along = sum(abs(lane - item.anchor) for lane, item in zip(lanes, items))
    out = sum(_stack(column, sp) - column[-1].across for column in columns)
    return along + out


def _total(columns: list[list[Item]], sp: Spacing) -> float:
    return sum(_column_along(c, sp) for c in columns) + sp.gap * (len(columns) - 1)


def _spread(columns: list[list[Item]], lo: float, hi: float, first: bool, sp: Spacing) -> list[float]:
    """Start positions: each column's lanes near its anchors, no overlaps, all within [lo, hi]."""
    sizes = [_column_along(c, sp) for c in columns]
    ideal = []
    for column, size in zip(columns, sizes):
        mean = sum(i.anchor for i in column) / len(column)
        gutter = _gutter(len(column), sp)
        ideal.append(mean - gutter / 2 if first else mean - (size - gutter) - gutter / 2)
    starts = _isotonic(ideal, sizes, sp.gap)
    shift = max(0.0, lo - starts[0])
    starts = [s + shift for s in starts]
    for i in range(len(starts) - 1, -1, -1):
        limit = hi - sizes[i] if i == len(starts) - 1 else starts[i + 1] - sp.gap - sizes[i]
        starts[i] = min(starts[i], limit)
    return starts


def _isotonic(ideal: list[float], sizes: list[float], gap: float) -> list[float]:
    """Positions closest (least squares) to ideal with each start >= previous end + gap."""
    offsets, total = [], 0.0
    for size in sizes:
        offsets.append(total)
        total += size + gap
    blocks: list[list[float]] = []  # [sum of (ideal - offset), count]
    for value in (i - o for i, o in zip(ideal, offsets)):
        blocks.append([value, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, n = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += n
    base = [b[0] / b[1] for b in blocks for _ in range(b[1])]
    return [b + o for b, o in zip(base, offsets)]


def _lanes(columns: list[list[Item]], starts: list[float], first: bool, sp: Spacing) -> list[float]:
    """One lane per item, in time order along the axis."""
    lanes = []
    for column, start in zip(columns, starts):
        n = len(column)
        if first:   # gutter before the cards; the earliest item is farthest out, its lane leftmost
            lanes += [start + sp.lane / 2 + k * sp.lane for k in range(n - 1)] + [start + n * sp.lane]
        else:       # gutter after the cards; the earliest item is nearest, its lane leftmost
            end = start + _column_along(column, sp) - _gutter(n, sp)
            lanes += [end - sp.lane / 2] + [end + sp.lane / 2 + k * sp.lane for k in range(n - 1)]
    return lanes


def _levels(anchors: list[float], lanes: list[float], clear: float) -> list[int]:
    """Track levels so that no leader crosses or touches another (levels count out from the axis).

    Two leaders going the same way whose horizontal runs come within `clear` of each other
    need different tracks.
    """
    n = len(anchors)
    levels = [0] * n
    for i in range(n - 1, -1, -1):          # going right: later ones run nearer the axis
        if lanes[i] > anchors[i]:
            j = i + 1
            while j < n and anchors[j] <= lanes[i] + clear:
                if lanes[j] > anchors[j]:
                    levels[i] = max(levels[i], levels[j] + 1)
                j += 1
    for j in range(n):                      # going left: earlier ones run nearer the axis
        if lanes[j] < anchors[j]:
            i = j - 1
            while i >= 0 and anchors[i] >= lanes[j] - clear:
                if lanes[i] < anchors[i]:
                    levels[j] = max(levels[j], levels[i] + 1)
                i -= 1
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
