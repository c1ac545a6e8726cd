"""Event cards and compact labels: measured once ("wrap"), then drawn at any position ("draw").

A card has a box, an icon, the date, the title and (when kept) the summary. A compact
label is the densest form of an event beside the axis: its date and title, no box.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import icons
from generator.errors import FontError
from generator.layout.context import Context
from generator.layout.marks import marker
from generator.model import Event
from generator.scene import Image, Rect
from generator.text import block_height, text_block, wrap, wrap_marked
from generator.labels import event_date
from generator.layout.mirror import mirrored
from generator.scripts import is_rtl_language


@dataclass(frozen=True)
class Card:
    """A measured card: its size and broken lines; `draw` places it."""

    event: Event
    width: float
    height: float
    date_lines: tuple[str, ...]
    title_lines: tuple[str, ...]
    summary_lines: tuple[str, ...]
    icon_size: float
    pad: float
    label: bool = False
    emphasis: float = 1.0      # type scale for important events
    inline: float = 0.0        # a label whose date starts its first line: the title's first line starts this far in

    def size(self, ctx: Context, role: str) -> float:
        return ctx.size(role) * (self.emphasis if role == "event_title" else 1.0)

    def draw(self, ctx: Context, x: float, y: float) -> list:
        """Scene items of the card (or label) with its top-left at (x, y)."""
        if self.label:
            return self._draw_label(ctx, x, y)
        pad, icon = self.pad, self.icon_size
        color = ctx.category_color(self.event)
        items: list = [
            Rect(x, y, self.width, self.height, fill=ctx.color("card"), stroke=ctx.color("card_border"),
                 stroke_width=ctx.space("line") / 2, radius=ctx.space("radius"), role="card"),
            Rect(x, y, pad / 2, self.height, fill=color, role="marker"),
        ]
        items += event_icon_items(ctx, self.event, x + pad, y + pad, icon, color)
        items += shape_badge(ctx, self.event, x + pad, y + pad, icon, color)
        tx, tw = x + pad + icon + pad * 0.8, self.width - pad * 2.8 - icon
        where = f"event {self.event.id} ({self.event.where})"
        cursor = y + pad
        for role, lines, color_key in (("date", self.date_lines, "muted"),
                                       ("event_title", self.title_lines, "text"),
                                       ("summary", self.summary_lines, "text")):
            if not lines:
                continue
            size = self.size(ctx, role)
            items.append(text_block(list(lines), ctx.chain(role), size, tx, cursor, tw, ctx.color(color_key),
                                    role=role, lang=ctx.lang, context=where))
            cursor += block_height(len(lines), size) + (ctx.size("summary") * 0.25 if role != "summary" else 0)
        if is_rtl_language(ctx.lang):          # accent bar and icon on the right, where reading starts
            return mirrored(items, x, x + self.width)
        return items

    def _draw_label(self, ctx: Context, x: float, y: float) -> list:
        where = f"event {self.event.id} ({self.event.where})"
        size, title_size = self.size(ctx, "date"), self.size(ctx, "event_title")
        date_chain, title_chain = ctx.chain("date"), ctx.chain("event_title")
        if self.inline:     # "1453 Fall of" / "Constantinople": the date's baseline on the title's first line
            shift = _baseline(title_chain, title_size) - _baseline(date_chain, size)
            items = [text_block(list(self.date_lines), date_chain, size, x, y + shift, self.inline,
                                ctx.color("muted"), role="date", lang=ctx.lang, context=where),
                     text_block(list(self.title_lines[:1]), title_chain, title_size, x + self.inline, y,
                                self.width - self.inline - 0.01, ctx.color("text"), role="event_title", lang=ctx.lang,
                                context=where)]
            if len(self.title_lines) > 1:
                items.append(text_block(list(self.title_lines[1:]), title_chain, title_size, x,
                                        y + block_height(1, title_size), self.width, ctx.color("text"),
                                        role="event_title", lang=ctx.lang, context=where))
            return mirrored(items, x, x + self.width) if is_rtl_language(ctx.lang) else items
        items = [text_block(list(self.date_lines), date_chain, size, x, y, self.width,
                            ctx.color("muted"), role="date", lang=ctx.lang, context=where)]
        y += block_height(len(self.date_lines), size)
        items.append(text_block(list(self.title_lines), title_chain, title_size,
                                x, y, self.width, ctx.color("text"), role="event_title", lang=ctx.lang,
                                context=where))
        return items


def _baseline(chain, size: float) -> float:
    """How far below a text block's top its first baseline sits (as text_block places it)."""
    return (block_height(1, size) - (chain.ascent + chain.descent) * size) / 2 + chain.ascent * size


def shape_badge(ctx: Context, event: Event, x: float, y: float, size: float, color: str) -> list:
    """On themes that tell categories apart by shape, the category's marker on the icon's lower right corner
    (on a halo of the card colour), so a card names its category even printed in grey."""
    if len(ctx.theme.markers) < 2 or not event.icon or event.category is None:
        return []
    badge = size * 0.42
    return [marker(ctx.category_marker(event.category), x + size - badge * 0.7, y + size - badge * 0.7, badge,
                   color, "marker", ctx.color("card"), badge * 0.16)]


def event_icon_items(ctx: Context, event: Event, x: float, y: float, size: float, color: str) -> list:
    """The event's icon, or its category's marker when it has none."""
    if not event.icon:
        dot = size * 0.5
        return [marker(ctx.category_marker(event.category), x + size / 4, y + size / 4, dot, color, "marker")]
    return icon_items(ctx, event.icon, x, y, size, color, ctx.text(event.title))


def icon_items(ctx: Context, ref: str, x: float, y: float, size: float, color: str, alt: str) -> list:
    """A bundled or user icon in the square (x, y, size): vector paths, or the picture (renderers size it)."""
    icon = ctx.style.icon(ref)
    if icon.is_vector:
        return list(icons.icon_paths(icon, x, y, size, color, alt=alt))
    box = icons.icon_box(icon, x, y, size)
    return [Image(box.x, box.y, box.w, box.h, str(icon.source), alt=alt, role="icon")]


LABEL_SHARE = 0.6      # a label is at most this share of a card's width
REFERENCE_SHARE = 0.9  # on the reference rung (small type): wider, fewer lines, less ragged


def measure_label(ctx: Context, event: Event, width: float, emphasis: float = 1.0) -> Card:
    """A compact label: date and title in one or two lines, as narrow as its words allow.

    The date starts the first line when it is short beside the label's width ("1453 Fall of /
    Constantinople"); a long date (a span) gets a line of its own above the title.
    """
    limit = width * (REFERENCE_SHARE if ctx.reference else LABEL_SHARE)
    title_size, date_size = ctx.size("event_title") * emphasis, ctx.size("date")
    title_chain, date_chain = ctx.chain("event_title"), ctx.chain("date")
    try:
        title, date = " ".join(ctx.text(event.title).split()), event_date(event, ctx.lang)
        date_w = date_chain.width(date, date_size)
        indent = date_w + date_size * 0.4
        most, widest = (4, limit * 1.25) if ctx.reference else (2, limit * 2)   # read up close: taller
        if indent <= limit * 0.5:
            inline = _inline_label(event, title, date, indent, title_chain, title_size, limit, most, widest)
            if inline is not None:
                lines, used = inline
                height = block_height(len(lines), title_size)
                return Card(event, used, height, (date,), tuple(lines), (), 0.0, 0.0, True, emphasis, indent)
        natural = max(title_chain.width(title, title_size), date_w)
        wide = min(limit, natural)
        lines = wrap(title, title_chain, title_size, wide)
        while len(lines) > most and wide < widest:       # widen a long title rather than stack it
            wide = min(widest, wide * 1.25)
            lines = wrap(title, title_chain, title_size, wide)
        if len(lines) > 1:                               # no wider than its longest line
            wide = max(title_chain.width(line, title_size) for line in lines)
        date_lines = wrap(date, date_chain, date_size, wide)
        used = max([title_chain.width(line, title_size) for line in lines]
                   + [date_chain.width(line, date_size) for line in date_lines]) + 1
    except FontError as exc:
        raise FontError(f"{event.where}: event {event.id}: {exc}") from None
    height = block_height(len(date_lines), date_size) + block_height(len(lines), title_size)
    return Card(event, used, height, tuple(date_lines), tuple(lines), (), 0.0, 0.0, True, emphasis)


def _inline_label(event, title: str, date: str, indent: float, chain, size: float, limit: float, most: int,
                  widest: float):
    """The title's lines with its first line after the date, and the label's width; None when it cannot start
    after the date (a first word wider than the room beside the date)."""
    wide = min(limit, indent + chain.width(title, size))
    while True:
        first = wrap(title, chain, size, wide - indent)[0]
        if not title.startswith(first) or (len(first) < len(title) and title[len(first)] != " "):
            return None     # the first word had to be cut: the date goes on a line of its own
        rest = title[len(first):].strip()
        lines = [first] + (wrap(rest, chain, size, wide) if rest else [])
        if len(lines) <= most or wide >= widest:
            break
        wide = min(widest, wide * 1.25)
    used = max([indent + chain.width(first, size)] + [chain.width(line, size) for line in lines[1:]]) + 1
    return lines, used


def _frame(ctx: Context, event: Event, with_summary: bool, emphasis: float) -> tuple[float, float]:
    """A card's padding and icon size (smaller on a card without its summary)."""
    compact = not (with_summary and event.summary is not None)
    pad = ctx.space("card_padding") * (0.55 if compact else 1.0)
    return pad, ctx.size("event_title") * (1.3 if compact else 1.9) * emphasis


def least_card_area(ctx: Context, event: Event, width: float, with_summary: bool = True,
                    emphasis: float = 1.0) -> float:
    """A lower bound on the area of `measure_card(ctx, event, width, with_summary, emphasis)`, without
    breaking any text: its exact width, and its height with one line of date and of title (`wrap` gives
    at least one line) and none of summary."""
    return width * emphasis * least_card_height(ctx, event, with_summary, emphasis)


def least_card_height(ctx: Context, event: Event, with_summary: bool = True, emphasis: float = 1.0) -> float:
    """A lower bound on the height of `measure_card(ctx, event, width, with_summary, emphasis)` at any width,
    without breaking any text: one line of date and of title (`wrap` gives at least one line), none of summary."""
    pad, icon = _frame(ctx, event, with_summary, emphasis)
    text_h = (block_height(1, ctx.size("date")) + block_height(1, ctx.size("event_title") * emphasis)
              + ctx.size("summary") * 0.25)
    return pad * 2 + max(icon, text_h)


def measure_card(ctx: Context, event: Event, width: float, with_summary: bool = True,
                 emphasis: float = 1.0) -> Card:
    """Break the card's text for its width and work out its height."""
    pad, icon = _frame(ctx, event, with_summary, emphasis)
    width *= emphasis
    text_width = width - pad * 2.8 - icon
    try:
        return _measure(ctx, event, width, with_summary, pad, icon, text_width, emphasis)
    except FontError as exc:
        raise FontError(f"{event.where}: event {event.id}: {exc}") from None


def _measure(ctx: Context, event: Event, width: float, with_summary: bool, pad: float, icon: float,
             text_width: float, emphasis: float) -> Card:
    title_size = ctx.size("event_title") * emphasis
    date = wrap(event_date(event, ctx.lang), ctx.chain("date"), ctx.size("date"), text_width)
    title = wrap(ctx.text(event.title), ctx.chain("event_title"), title_size, text_width)
    summary = []
    if with_summary and event.summary is not None:
        summary = wrap_marked(ctx.summary(event), ctx.chain("summary"), ctx.size("summary"), text_width)
    text_h = (block_height(len(date), ctx.size("date")) + block_height(len(title), title_size)
              + ctx.size("summary") * 0.25)
    if summary:
        text_h += block_height(len(summary), ctx.size("summary")) + ctx.size("summary") * 0.25
    height = pad * 2 + max(icon, text_h)
    return Card(event, width, height, tuple(date), tuple(title), tuple(summary), icon, pad, False, emphasis)
