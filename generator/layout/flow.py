"""The page flow of the handouts: blocks that know their height, paginated onto paper pages.

A block draws itself at a position (the platypus `wrap`/`draw` contract); `paginate`
fills pages with blocks, keeping headings with what follows and splitting only blocks
that know how to split. The small page helpers both handouts share live here too:
the words of the page furniture and lines cut to a width.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from generator.errors import LayoutError
from generator.fonts import FontChain
from generator.words import words

@dataclass(frozen=True)
class Block:
    """A piece of the flow: its height, how to draw it at (x, y), and how it may break.

    `before` is space above it, dropped at the top of a page; `lead` is the height of
    the smallest first piece (what `keep_with_next` must find room for); `split(room)`
    returns a first piece that fits room and the rest, or None.
    """

    height: float
    paint: Callable[[float, float], list]
    before: float = 0.0
    keep_with_next: bool = False
    new_page: bool = False
    lead: float | None = None
    split: Callable[[float], tuple["Block", "Block"] | None] | None = None

    @property
    def first_piece(self) -> float:
        return self.height if self.lead is None else self.lead


def paginate(blocks: list[Block], room: float, first_room: float | None = None) -> list[list[tuple[Block, float]]]:
    """Fill pages of height room (the first one first_room) with blocks; each page lists (block, y offset)."""
    pages: list[list[tuple[Block, float]]] = [[]]
    y, queue = 0.0, list(blocks)
    limit = room if first_room is None else first_room
    while queue:
        block = queue.pop(0)
        if block.new_page and pages[-1]:
            pages.append([])
            y, limit = 0.0, room
        gap = block.before if pages[-1] else 0.0
        fits = y + gap + block.height + _kept(block, queue) <= limit
        if fits or (not pages[-1] and block.height <= limit):
            pages[-1].append((block, y + gap))
            y += gap + block.height
            continue
        parts = block.split(limit - y - gap) if block.split else None
        if parts:
            pages[-1].append((parts[0], y + gap))
            queue.insert(0, replace(parts[1], new_page=True))
            continue
        if not pages[-1]:
            if limit >= room:
                raise LayoutError(f"a block {block.height:.0f} pt tall cannot fit a page {room:.0f} pt tall")
            pages.append([])            # too tall for the shorter first page: start on the next
            y, limit = 0.0, room
        queue.insert(0, replace(block, new_page=True))
    return pages


def _kept(block: Block, queue: list[Block]) -> float:
    """Room the blocks that must stay with this one need on the same page."""
    if not block.keep_with_next or not queue:
        return 0.0
    nxt = queue[0]
    chained = _kept(nxt, queue[1:]) if nxt.first_piece == nxt.height else 0.0
    return nxt.before + nxt.first_piece + chained


def paint_flow(placed: list[tuple[Block, float]], x: float, top: float) -> list:
    """Scene items of one paginated page, its flow starting at (x, top)."""
    items: list = []
    for block, y in placed:
        items += block.paint(x, top + y)
    return items


def fit_line(text: str, chain: FontChain, size: float, width: float) -> str:
    """The text, cut with an ellipsis if it is wider than width."""
    if chain.width(text, size) <= width:
        return text
    while text and chain.width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
