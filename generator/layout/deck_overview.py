"""The deck's overviews, made to be read from the back of the room.

`overview_items`: the whole span on one slide, a band per era with its name, a mark per
event on one axis, and as many 18 pt labels as fit in lanes above it (the rest stay
unlabelled marks). `section_items`: one era zoomed, its events as cards at 14 pt or more
in two staggered rows, each joined to its mark by a leader. Marks, labels and cards link
to the event slides ("#event-ID" keys that the deck resolves to page numbers).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right

from generator.layout.deck import SLACK, grouped
from generator.labels import format_date
from generator.model import Event
from generator.scene import Box, Line, Link, Rect
from generator.text import block_height

MARK = 12.0
LABEL_MAX = 230.0      # widest overview label (points); longer titles are cut with an ellipsis
CARD_MAX = 280.0
CARD_MIN = 132.0       # narrowest card on an era slide
CARD_GAP = 12.0
CARD_PAD = 8.0


def _vdc(n: int) -> float:
    """The van der Corput sequence: spreads label priority evenly over time."""
    q, d = 0.0, 1.0
    while n:
        d *= 2
        q += (n % 2) / d
        n //= 2
    return q


def label_order(events: list[Event], era_of) -> list[int]:
    """Indexes of events in the order they get labels: each era's first event, then spread evenly."""
    firsts, seen = [], set()
    for i, event in enumerate(events):
        era = era_of(event)
        key = era.id if era is not None else None
        if key not in seen:
            seen.add(key)
            firsts.append(i)
    rest = sorted((i for i in range(len(events)) if i not in firsts), key=lambda i: (_vdc(i), i))
    return firsts + rest


def overview_items(deck, top: float) -> list:
    """The room overview's items below `top`: legend, era bands, axis, marks, labels."""
    ctx = deck.ctx
    timeline = ctx.timeline
    events = list(timeline.events)
    left, right = deck.left, deck.right
    legend, legend_top = _legend(deck, events)
    tick_size = deck.sizes["tick"][0]
    band_h = block_height(2, deck.sizes["era_band"][0]) + 8 if timeline.eras else 0.0
    axis_y = legend_top - 12 - block_height(1, tick_size) - 6 - band_h - 4
    lo, hi = deck.lo, deck.hi

    def x_at(value: float) -> float:
        return deck.x_at(value, lo, hi, left + MARK, right - MARK)

    items: list = []
    bands: list = []
    for era in timeline.eras:
        a, b = x_at(era.start.as_decimal()), x_at(era.end.end_decimal())
        fill = deck.era_fill(era)
        bands.append(Rect(a + 1, axis_y + 4, b - a - 2, band_h, fill=fill, role="era"))
        name = _band_name(deck, ctx.text(era.label), a + 5, axis_y + 6, b - a - 10, band_h - 4,
                          deck.readable(fill, "text"))
        bands += name
    items += grouped(bands, "Eras")
    items.append(Line(left, axis_y, right, axis_y, ctx.color("axis"), 2.0, role="axis"))
    items += _ticks(deck, x_at, axis_y + 4 + band_h + 4, tick_size)
    if not deck.draw and deck.surely_drawable("label", [ctx.text(event.title) for event in events] + ["…"]):
        return items + legend       # undrawn: the marks and labels decide nothing else and cannot fail
    # marks, grouped per era
    marks: dict[str, list] = {}
    links: list = []
    for event in events:
        era = timeline.era_of(event)
        x = x_at(event.date.as_decimal())
        name = f"Marks: {ctx.text(era.label)}" if era else "Marks"
        marks.setdefault(name, []).append(Rect(x - MARK / 2, axis_y - MARK / 2, MARK, MARK,
                                               fill=ctx.category_color(event), stroke=ctx.color("background"),
                                               stroke_width=1.0, radius=MARK / 2, role="mark"))
        links.append(Link(x - MARK / 2, axis_y - MARK / 2, MARK, MARK, f"#event-{event.id}"))
    for name, group in marks.items():
        items += grouped(group, name)
    items += _labels(deck, events, x_at, axis_y, top)
    return items + legend + links


def _band_name(deck, label: str, x: float, y: float, width: float, height: float, color: str) -> list:
    """An era's name inside its band: up to two lines from 18 pt down to 14 pt, cut if it must be."""
    if width < 24:
        return []
    start, floor = deck.sizes["era_band"]
    chain = deck.chain("era_band")
    from generator.text import wrap
    size = float(start)
    while size >= floor:
        lines = wrap(label, chain, size, width * (1 - SLACK))
        if len(lines) <= 2 and block_height(len(lines), size) <= height:
            return [deck.block(lines, "era_band", size, x, y + (height - block_height(len(lines), size)) / 2,
                               width, color, "center")]
        size -= 1
    cut = deck.one_line(label, "era_band", floor, width * (1 - SLACK))
    if len(cut) <= 2:
        return []
    return [deck.block([cut], "era_band", floor, x, y + (height - block_height(1, floor)) / 2, width, color,
                       "center")]


def _ticks(deck, x_at, y: float, size: float) -> list:
    """Years under the bands: the ends of the span and where eras start, as many as fit apart."""
    ctx = deck.ctx
    from generator.model import PartialDate
    years = sorted({math.floor(deck.lo)} | {era.start.year for era in ctx.timeline.eras})
    years = sorted(set(years) | {math.ceil(deck.hi) - 1})   # the span ends where its last year ends
    chain = deck.chain("tick")
    placed: list[Box] = []
    items = []
    for year in years:
        text = format_date(PartialDate(year if year != 0 else 1), ctx.lang)
        w = chain.width(text, size) / (1 - SLACK) + 2
        x = min(max(deck.left, x_at(float(year)) - w / 2), deck.right - w)
        box = Box(x, y, w, block_height(1, size))
        if any(box.overlaps(other, 8) for other in placed):
            continue
        placed.append(box)
        items.append(deck.block([text], "tick", size, x, y, w, "muted", "center"))
    return grouped(items, "Years")


class _Row:
    """The boxes of one lane, and the leaders of its labels, each kept in order of x: a box or a leader is only
    tested against those near enough in x to meet it (plus a point to spare; the tests themselves are exact)."""

    def __init__(self):
        self.box_xs: list[float] = []
        self.boxes: list[Box] = []
        self.widest = 0.0
        self.lead_xs: list[float] = []
        self.leads: list[tuple[float, float, float]] = []

    def add(self, box: Box, lead: tuple[float, float, float]) -> None:
        at = bisect_right(self.box_xs, box.x)
        self.box_xs.insert(at, box.x)
        self.boxes.insert(at, box)
        self.widest = max(self.widest, box.w)
        at = bisect_right(self.lead_xs, lead[0])
        self.lead_xs.insert(at, lead[0])
        self.leads.insert(at, lead)

    def boxes_from(self, left: float, right: float) -> list[Box]:
        """The boxes whose left edge may lie between left - the widest box and right."""
        xs = self.box_xs
        return self.boxes[bisect_left(xs, left - self.widest - 1):bisect_right(xs, right + 1)]

    def leads_from(self, left: float, right: float) -> list[tuple[float, float, float]]:
        xs = self.lead_xs
        return self.leads[bisect_left(xs, left - 1):bisect_right(xs, right + 1)]


def _labels(deck, events: list[Event], x_at, axis_y: float, top: float) -> list:
    """Labels in lanes above the axis, each with a leader down to its mark; as many as fit."""
    ctx = deck.ctx
    size = deck.sizes["label"][0]
    chain = deck.chain("label")
    step = block_height(1, size) + 6
    lanes = max(0, int((axis_y - MARK - 8 - top) // step))
    # Every box in a lane has the same top and bottom, so which lanes can meet is worked out once, with the
    # very tests below (a box overlapping another, a leader passing a box); only the boxes and leaders of
    # those lanes that are near in x are tested again.
    rows = [Box(0.0, axis_y - MARK - 8 - (lane + 1) * step + 6, 0.0, step - 6) for lane in range(lanes)]
    foot = axis_y - MARK / 2
    near = [[o for o, other in enumerate(rows) if row.y < other.bottom + 10 and other.y < row.bottom + 10]
            for row in rows]
    crossed_by = [[o for o, other in enumerate(rows) if other.bottom < row.bottom and foot > row.y] for row in rows]
    crossing = [[o for o, other in enumerate(rows) if other.y < foot and other.bottom > row.bottom] for row in rows]
    found = [_Row() for _ in range(lanes)]
    placed: list[tuple[int, Box, int]] = []
    texts: dict[int, str] = {}
    for index in label_order(events, ctx.timeline.era_of):
        event = events[index]
        x = x_at(event.date.as_decimal())
        text = texts[index] = deck.one_line(ctx.text(event.title), "label", size, LABEL_MAX)
        w = chain.width(text, size) / (1 - SLACK) + 2
        bx = min(max(deck.left, x - w / 2), deck.right - w)
        for lane in range(lanes):
            y = axis_y - MARK - 8 - (lane + 1) * step + 6
            box = Box(bx, y, w, step - 6)
            lead = (x, box.bottom, axis_y - MARK / 2)
            if any(box.overlaps(other, 10) for o in near[lane]
                   for other in found[o].boxes_from(box.x - 10, box.right + 10)):
                continue
            if any(box.x - 4 <= lx <= box.right + 4 and y0 < box.bottom and y1 > box.y
                   for o in crossed_by[lane] for lx, y0, y1 in found[o].leads_from(box.x - 4, box.right + 4)):
                continue
            if any(other.x - 4 <= x <= other.right + 4 and other.y < lead[2] and other.bottom > lead[1]
                   for o in crossing[lane] for other in found[o].boxes_from(x - 4, x + 4)):
                continue
            found[lane].add(box, lead)
            placed.append((index, box, lane))
            break
    items: list = []
    for index, box, _lane in sorted(placed, key=lambda p: p[0]):
        event = events[index]
        x = x_at(event.date.as_decimal())
        label = deck.block([texts[index]], "label", size, box.x, box.y, box.w, "text", "center")
        leader = Line(x, box.bottom + 1, x, axis_y - MARK / 2 - 1, ctx.category_color(event), 1.5, role="leader")
        link = Link(box.x, box.y, box.w, box.h, f"#event-{event.id}")
        items += grouped([label, leader], f"Label: {ctx.text(event.title)}") + [link]
    return items


def _legend(deck, events: list[Event]) -> tuple[list, float]:
    """Swatches and names of the categories in rows at the foot of the content box; and its top."""
    ctx = deck.ctx
    size = deck.sizes["legend"][0]
    step, swatch = block_height(1, size), size * 0.9
    first: dict = {}
    for event in events:
        if event.category is not None:
            first.setdefault(event.category.id, event)
    entries = [c for c in ctx.timeline.categories if c.id in first]
    if not entries:
        return [], deck.bottom
    rows: list[list] = [[]]
    x = deck.left
    for category in entries:
        label = ctx.text(category.label)
        width = deck.chain("legend").width(label, size) / (1 - SLACK) + 2
        if x + swatch + 6 + width > deck.right - 44 and rows[-1]:
            rows.append([])
            x = deck.left
        rows[-1].append((x, category, label, width))
        x += swatch + 6 + width + size * 1.5
    items: list = []
    top = deck.strip_top + 6 - (len(rows) - 1) * step
    for r, row in enumerate(rows):
        y = top + r * step
        for x, category, label, width in row:
            color = ctx.category_color(first[category.id])
            items.append(Rect(x, y + (step - swatch) / 2, swatch, swatch, fill=color, radius=2, role="legend"))
            items.append(deck.block([label], "legend", size, x + swatch + 6, y, width, "text"))
    return grouped(items, "Legend"), top


def section_items(deck, section, top: float, bottom: float) -> list:
    """An era zoomed: cards in two staggered rows around an axis, each joined to its mark."""
    ctx = deck.ctx
    events = list(section.events)
    k = len(events)
    left, right = deck.left, deck.right
    width = card_width(right - left, k)
    step = (right - left - width) / (k - 1) if k > 1 else 0.0
    scale = 1.5 if k <= 2 else 1.25 if k <= 4 else 1.0
    room = (bottom - top) / 2 - 22.0          # a card's most height: half the region less the leader gap
    cards = [_card(deck, event, width, scale, room) for event in events]
    if max(c[1] for c in cards) > room and scale > 1.0:
        cards = [_card(deck, event, width, 1.0, room) for event in events]
    height = max(c[1] for c in cards)
    axis_y = (top + bottom) / 2
    gap = max(22.0, min(40.0, (bottom - top) / 2 - height))
    lo, hi = section.lo, section.hi
    pad = (hi - lo) * 0.04 or 0.5

    def x_at(value: float) -> float:
        return deck.x_at(value, lo - pad, hi + pad, left + MARK, right - MARK)

    items: list = [Line(left, axis_y, right, axis_y, ctx.color("axis"), 2.0, role="axis")]
    items += _section_ticks(deck, section, axis_y)
    for m, (event, (build, h)) in enumerate(zip(events, cards)):
        cx = left + width / 2 + m * step if k > 1 else (left + right) / 2
        x = cx - width / 2
        above = m % 2 == 0
        y = axis_y - gap - height if above else axis_y + gap
        mx = x_at(event.date.as_decimal())
        card = build(x, y, height)
        color = ctx.category_color(event)
        end = (cx, y + height) if above else (cx, y)
        leader = Line(end[0], end[1], mx, axis_y + (-MARK / 2 if above else MARK / 2), color, 1.5, role="leader")
        mark = Rect(mx - MARK / 2, axis_y - MARK / 2, MARK, MARK, fill=color, stroke=ctx.color("background"),
                    stroke_width=1.0, radius=MARK / 2, role="mark")
        items += grouped(card + [leader, mark], f"Card: {ctx.text(event.title)}")
        items.append(Link(x, y, width, height, f"#event-{event.id}"))
    return items


def _section_ticks(deck, section, axis_y: float) -> list:
    """The dates at both ends of the zoomed axis."""
    lang, size = deck.ctx.lang, deck.sizes["tick"][0]
    if section.era is not None:
        first, last = format_date(section.era.start, lang), format_date(section.era.end, lang)
    else:
        first = format_date(section.events[0].date, lang)
        last = format_date(section.events[-1].end or section.events[-1].date, lang)
    half = (deck.right - deck.left) / 2 - 40
    y = axis_y + 4
    return [deck.block([first], "tick", size, deck.left, y, half, "muted"),
            deck.block([last], "tick", size, deck.right - half, y, half, "muted", "right")]


def card_width(inner: float, k: int) -> float:
    """The width of k cards in two staggered rows: neighbours in a row stay CARD_GAP apart."""
    if k <= 1:
        return min(CARD_MAX * 1.2, inner)
    return min(CARD_MAX, (2 * inner - CARD_GAP * (k - 1)) / (k + 1))


def cards_per_slide(inner: float) -> int:
    """The most cards an era slide holds while each stays at least CARD_MIN wide."""
    k = 2
    while card_width(inner, k + 1) >= CARD_MIN:
        k += 1
    return k


def _card(deck, event: Event, width: float, scale: float = 1.0, room: float = 1e9):
    """A card's height and a function drawing it: category stripe, date, title (up to three lines)."""
    ctx = deck.ctx
    from generator.text import wrap
    inner = width - 2 * CARD_PAD - 5
    date_size = deck.sizes["card_date"][0] * scale
    date = deck.one_line(deck.date_of(event), "card_date", date_size, inner * (1 - SLACK))
    start, floor = deck.sizes["card_title"]
    start, floor = start * scale, floor * scale
    size = float(start)
    title = ctx.text(event.title)
    while True:
        lines = wrap(title, deck.chain("card_title"), size, inner * (1 - SLACK))
        if len(lines) <= 3 or size <= floor:
            break
        size -= 1
    fits = int((room - 2 * CARD_PAD - block_height(1, date_size) - 2) // block_height(1, size))
    keep = max(1, min(3, fits))            # a low content area: fewer title lines, the rest cut
    if len(lines) > keep:
        lines = lines[:keep - 1] + [deck.one_line(" ".join(lines[keep - 1:]), "card_title", size,
                                                  inner * (1 - SLACK))]
    height = 2 * CARD_PAD + block_height(1, date_size) + 2 + block_height(len(lines), size)

    def build(x: float, y: float, h: float) -> list:
        color = ctx.category_color(event)
        return [Rect(x, y, width, h, fill=ctx.color("card"), stroke=ctx.color("card_border"), stroke_width=1.0,
                     radius=6, role="card"),
                Rect(x, y, 5, h, fill=color, role="marker"),
                deck.block([date], "card_date", date_size, x + 5 + CARD_PAD, y + CARD_PAD, inner, "muted"),
                deck.block(lines, "card_title", size, x + 5 + CARD_PAD,
                           y + CARD_PAD + block_height(1, date_size) + 2, inner, "text")]

    return build, height
