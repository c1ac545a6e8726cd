"""Event cards: measured once ("wrap"), then drawn at any position ("draw")."""

from __future__ import annotations

from dataclasses import dataclass

from generator import icons
from generator.errors import FontError
from generator.layout.context import Context
from generator.model import Event
from generator.scene import Image, Rect
from generator.text import block_height, text_block, wrap


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

    def draw(self, ctx: Context, x: float, y: float) -> list:
        """Scene items of the card with its top-left at (x, y)."""
        pad, icon = self.pad, self.icon_size
        color = ctx.category_color(self.event)
        items: list = [
            Rect(x, y, self.width, self.height, fill=ctx.color("card"), stroke=ctx.color("card_border"),
                 stroke_width=ctx.space("line") / 2, radius=ctx.space("radius"), role="card"),
            Rect(x, y, pad / 2, self.height, fill=color, role="marker"),
        ]
        items += event_icon_items(ctx, self.event, x + pad, y + pad, icon, color)
        tx, tw = x + pad + icon + pad * 0.8, self.width - pad * 2.8 - icon
        where = f"event {self.event.id} ({self.event.where})"
        cursor = y + pad
        for role, lines, color_key in (("date", self.date_lines, "muted"),
                                       ("event_title", self.title_lines, "text"),
                                       ("summary", self.summary_lines, "text")):
            if not lines:
                continue
            size = ctx.size(role)
            items.append(text_block(list(lines), ctx.chain(role), size, tx, cursor, tw, ctx.color(color_key),
                                    role=role, lang=ctx.lang, context=where))
            cursor += block_height(len(lines), size) + (ctx.size("summary") * 0.25 if role != "summary" else 0)
        return items


def event_icon_items(ctx: Context, event: Event, x: float, y: float, size: float, color: str) -> list:
    """The event's icon, or a round category marker when it has none."""
    if not event.icon:
        dot = size * 0.5
        return [Rect(x + size / 4, y + size / 4, dot, dot, fill=color, radius=dot / 2, role="marker")]
    return icon_items(ctx, event.icon, x, y, size, color, ctx.text(event.title))


def icon_items(ctx: Context, ref: str, x: float, y: float, size: float, color: str, alt: str) -> list:
    """A bundled or user icon in the square (x, y, size): vector paths, or the picture (renderers size it)."""
    icon = ctx.style.icon(ref)
    if icon.is_vector:
        return list(icons.icon_paths(icon, x, y, size, color, alt=alt))
    box = icons.icon_box(icon, x, y, size)
    return [Image(box.x, box.y, box.w, box.h, str(icon.source), alt=alt, role="icon")]


def measure_card(ctx: Context, event: Event, width: float, with_summary: bool = True) -> Card:
    """Break the card's text for its width and work out its height."""
    compact = not (with_summary and event.summary is not None)
    pad = ctx.space("card_padding") * (0.55 if compact else 1.0)
    icon = ctx.size("event_title") * (1.3 if compact else 1.9)
    text_width = width - pad * 2.8 - icon
    try:
        return _measure(ctx, event, width, with_summary, pad, icon, text_width)
    except FontError as exc:
        raise FontError(f"{event.where}: event {event.id}: {exc}") from None


def _measure(ctx: Context, event: Event, width: float, with_summary: bool, pad: float, icon: float,
             text_width: float) -> Card:
    date = wrap(event.date_label(ctx.lang), ctx.chain("date"), ctx.size("date"), text_width)
    title = wrap(ctx.text(event.title), ctx.chain("event_title"), ctx.size("event_title"), text_width)
    summary = []
    if with_summary and event.summary is not None:
        summary = wrap(ctx.text(event.summary), ctx.chain("summary"), ctx.size("summary"), text_width)
    text_h = (block_height(len(date), ctx.size("date")) + block_height(len(title), ctx.size("event_title"))
              + ctx.size("summary") * 0.25)
    if summary:
        text_h += block_height(len(summary), ctx.size("summary")) + ctx.size("summary") * 0.25
    height = pad * 2 + max(icon, text_h)
    return Card(event, width, height, tuple(date), tuple(title), tuple(summary), icon, pad)
