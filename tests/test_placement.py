"""Channel placement (generator/layout/placement.py): its quicker paths against the plain ones they replace.

Each plain version below is the straightforward code the module ran before it was made quicker; the module
must give bit-for-bit the same numbers (compared by float.hex, which tells -0.0 from 0.0), the same
placements and the same errors, on random items.
"""

from __future__ import annotations

import bisect
import itertools
import random

import pytest

from generator.errors import LayoutError
from generator.layout import placement as P
from generator.layout.placement import Item, Spacing, place_side


def hexes(values) -> list[str]:
    return [float(v).hex() for v in values]


def plain_isotonic(ideal, sizes, gap):
    offsets = list(itertools.accumulate([size + gap for size in sizes[:-1]], initial=0.0))
    sums, counts = [], []
    for i, o in zip(ideal, offsets):
        value, count = i - o, 1
        while sums and sums[-1] / counts[-1] > value / count:
            value = sums.pop() + value
            count += counts.pop()
        sums.append(value)
        counts.append(count)
    positions = []
    for value, count in zip(sums, counts):
        positions += [value / count] * count
    return [b + o for b, o in zip(positions, offsets)]


def plain_spread(runs, columns, lo, hi):
    sizes = [runs.along[c] for c in columns]
    gap = runs.sp.gap
    starts = plain_isotonic([runs.ideal[c] for c in columns], sizes, gap)
    shift = max(0.0, lo - starts[0])
    starts = [s + shift for s in starts]
    last = len(starts) - 1
    limit = hi - sizes[last]
    if starts[last] > limit:
        starts[last] = limit
    for i in range(last - 1, -1, -1):
        limit = starts[i + 1] - gap - sizes[i]
        if starts[i] > limit:
            starts[i] = limit
    return starts


def plain_ink(runs, columns, starts):
    total, lane = 0.0, runs.sp.lane
    half = lane / 2
    for (a, b), start in zip(columns, starts):
        n = b - a
        if runs.first:
            offsets = [half + k * lane for k in range(n - 1)] + [n * lane]
        else:
            end = runs.along[(a, b)] - P._gutter(n, runs.sp)
            offsets = [end - half] + [end + half + k * lane for k in range(n - 1)]
        points = sorted(anchor - offset for anchor, offset in zip(runs.anchors[a:b], offsets))
        sums = [0.0]
        for point in points:
            sums.append(sums[-1] + point)
        below = bisect.bisect_left(points, start)
        total += start * (2 * below - n) + sums[n] - 2 * sums[below] + runs.out[(a, b)]
    return total


def plain_separate(items, step):
    out, last = [], None
    for item in items:
        anchor = item.anchor if last is None or item.anchor > last + step else last + step
        out.append(Item(item.key, anchor, item.along, item.across))
        last = anchor
    return out


def plain_place_side(items, lo, hi, depth, first, sp, seen):
    """The channel search trying every channel depth in turn (no depth skipped), assembled at once; `seen`
    collects the fewest columns of every depth tried."""
    items = plain_separate(items, sp.lane)
    runs = P._Runs(items, sp, first)
    channel = sp.track * 3
    for _ in range(60):
        fewest = P._columns(runs, lo, hi, depth - channel - sp.gap)
        seen.append(tuple(fewest))
        columns, starts, lanes = P._best(runs, fewest, lo, hi)
        stack = max(runs.stack[c] for c in columns)
        levels = P._levels(runs.anchors, lanes, sp.lane, P._too_many(sp, stack, depth))
        if levels is not None:
            needed = sp.track * (max(levels, default=0) + 2)
            return P._assemble(runs.columns(columns), starts, lanes, levels, needed, first, sp)
        channel += sp.track
    raise LayoutError("leader lines need more room than the sheet has")


def random_side(rng: random.Random):
    n = rng.choice([1, 2, 5, 12, 40, 90])
    anchors = sorted(rng.uniform(0, 2000) for _ in range(n))
    if rng.random() < 0.3:          # runs of equal dates: _separate nudges them apart
        anchors = sorted(rng.choice(anchors[: max(1, n // 4)]) for _ in range(n))
    items = [Item(k, a, rng.uniform(20, 160), rng.uniform(6, 80)) for k, a in enumerate(anchors)]
    sp = Spacing(gap=rng.uniform(2, 9), lane=rng.uniform(1, 6), track=rng.uniform(1, 6), stack=rng.uniform(0, 4))
    lo = rng.uniform(-50, 50)
    hi = lo + sum(i.along for i in items) * rng.uniform(0.1, 0.9) + 100
    depth = max(i.across for i in items) * rng.uniform(1.0, 6.0) + sp.track * 3 + sp.gap
    return items, lo, hi, depth, rng.random() < 0.5, sp


def test_pooling_gives_the_plain_pool_adjacent_violators_numbers():
    rng = random.Random(11)
    pooled = 0
    for _ in range(3000):
        n = rng.choice([1, 2, 3, 7, 20, 60])
        ideal = [rng.uniform(-500, 3000) for _ in range(n)]
        if rng.random() < 0.5:
            ideal.sort()
        sizes = [rng.choice([0.0, rng.uniform(0, 200)]) for _ in range(n)]
        gap = rng.choice([0.0, rng.uniform(0, 10)])
        got, want = P._isotonic(ideal, sizes, gap), plain_isotonic(ideal, sizes, gap)
        assert hexes(got) == hexes(want)
        pooled += len(set(b - a for a, b in zip(want, want[1:]))) < n - 1
    assert pooled > 100


def test_the_columns_spread_and_ink_give_the_plain_numbers():
    rng = random.Random(12)
    checked = 0
    for _ in range(400):
        items, lo, hi, depth, first, sp = random_side(rng)
        runs = P._Runs(plain_separate(items, sp.lane), sp, first)
        try:
            fewest = P._columns(runs, lo, hi, depth - sp.track * 3 - sp.gap)
        except LayoutError:
            continue
        for columns in itertools.islice(P._groupings(runs, fewest, hi - lo), 12):
            starts = P._spread(runs, columns, lo, hi)
            assert hexes(starts) == hexes(plain_spread(runs, columns, lo, hi))
            assert runs.ink(columns, starts).hex() == plain_ink(runs, columns, starts).hex()
            checked += 1
    assert checked > 500


def test_separating_equal_dates_gives_the_plain_anchors():
    rng = random.Random(13)
    for _ in range(500):
        items, *_, sp = random_side(rng)
        got = P._separate(items, sp.lane)
        assert [tuple(i) for i in got] == [tuple(i) for i in plain_separate(items, sp.lane)]
        assert all(b.anchor > a.anchor for a, b in zip(got, got[1:]))


def test_a_side_is_placed_as_the_plain_channel_search_places_it():
    """The search skips a channel depth whose fewest columns it has tried (the same failure); a fit test
    (assemble=False) keeps the decisions and assembles them when the side is placed again: both give the
    plain search's placements and errors."""
    rng = random.Random(14)
    outcomes, repeated = {"placed": 0, "failed": 0}, 0
    for _ in range(300):
        items, lo, hi, depth, first, sp = random_side(rng)
        seen: list = []
        try:
            want = plain_place_side(items, lo, hi, depth, first, sp, seen)
        except LayoutError as exc:
            want = str(exc)
        repeated += len(seen) - len(set(seen))
        for test_first in (False, True):
            P._PLACED.clear()
            try:
                if test_first:
                    assert place_side(items, lo, hi, depth, first, sp, assemble=False) == []
                got = place_side(items, lo, hi, depth, first, sp)
            except LayoutError as exc:
                got = str(exc)
            if isinstance(want, str):
                assert got == want
            else:
                assert [tuple(p) for p in got] == [tuple(p) for p in want]
                assert [hexes((p.a, p.c) + sum(p.leader, ())) for p in got] == \
                       [hexes((p.a, p.c) + sum(p.leader, ())) for p in want]
        outcomes["failed" if isinstance(want, str) else "placed"] += 1
    assert outcomes["placed"] > 50 and outcomes["failed"] > 20
    assert repeated > 0         # the skipped depths were met


@pytest.mark.parametrize("first", [True, False])
def test_a_fit_test_raises_as_the_placement_does(first):
    items = [Item(k, k * 3.0, 100.0, 30.0) for k in range(40)]
    sp = Spacing(gap=4, lane=2, track=2, stack=1)
    P._PLACED.clear()
    with pytest.raises(LayoutError) as quick:
        place_side(items, 0.0, 600.0, 200.0, first, sp, assemble=False)
    with pytest.raises(LayoutError) as whole:
        place_side(items, 0.0, 600.0, 200.0, first, sp)
    assert str(quick.value) == str(whole.value)
