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

@dataclass(frozen=True)
class Block:
    """A piece of the flow: its height, how to draw it at (x, y), and how it may break.

    `before` is space above it, dropped at the top of a page; `lead` is the height of
    the smallest first piece (what `keep_with_next` must find room for); `split(room)`
    returns a first piece that fits room and the rest, or None. `carry` is a block
    repeated above this one when it is pushed to the top of a new page (an era's
    heading marked "(cont.)").
    """

    height: float
    paint: Callable[[float, float], list]
    before: float = 0.0
    keep_with_next: bool = False
    new_page: bool = False
    lead: float | None = None
    split: Callable[[float], tuple["Block", "Block"] | None] | None = None
    carry: "Block | None" = None

    @property
    def first_piece(self) -> float:
        return self.height if self.lead is None else self.lead


Flow = list[list[tuple[Block, float]]]
FULL_ENOUGH = 0.4      # the last page is balanced with the one before it when filled less than this


def paginate(blocks: list[Block], room: float, first_room: float | None = None) -> Flow:
    """Fill pages of height room (the first one first_room) with blocks; each page lists (block, y offset).

    Headings stay with what follows; a block pushed onto a new page brings its `carry`
    above it. When the last page would be filled less than FULL_ENOUGH, the page
    before it ends earlier (at one of its own block ends), choosing the cut that
    leaves the fuller of the two pages' emptiness the smallest.
    """
    def room_of(n: int) -> float:
        return first_room if n == 0 and first_room is not None else room

    pages = _fill(blocks, room_of)
    if len(pages) < 2 or _used(pages[-1]) >= FULL_ENOUGH * room:
        return pages
    before = len(pages) - 2
    tail = _flowed(pages[-2:])                  # the pages before these two stay as they are
    best, score = pages, _balance(pages, room_of)
    for _block, y in reversed(pages[-2][1:]):
        trial = pages[:-2] + _fill(tail, lambda n, cut=y: cut if n == 0 else room_of(before + n))
        if len(trial) == len(pages) and _balance(trial, room_of) > score:
            best, score = trial, _balance(trial, room_of)
    return best


def _flowed(pages: Flow) -> list[Block]:
    """The blocks placed on pages, in order, without the headings repeated above a page's first block."""
    blocks = []
    for page in pages:
        placed = [block for block, _y in page]
        if len(placed) > 1 and placed[1].carry is placed[0]:
            placed = placed[1:]
        blocks += placed
    return blocks


def _used(page: list[tuple[Block, float]]) -> float:
    """How far down a page its flow reaches."""
    return max((y + block.height for block, y in page), default=0.0)


def _balance(pages: Flow, room_of: Callable[[int], float]) -> float:
    """How full the emptier of the last two pages is (a share of its room)."""
    n = len(pages)
    return min(_used(pages[-2]) / room_of(n - 2), _used(pages[-1]) / room_of(n - 1))


def _fill(blocks: list[Block], room_of: Callable[[int], float]) -> Flow:
    """Greedy pagination: page n holds room_of(n) points of flow."""
    pages: Flow = [[]]
    queue = list(blocks)
    y, fresh, limit = 0.0, True, room_of(0)
    push = False                       # the block did not fit: it starts the next page
    while queue:
        block = queue.pop(0)
        if (block.new_page or push) and not fresh:
            pages.append([])
            y, fresh, limit = 0.0, True, room_of(len(pages) - 1)
        push = False
        if not pages[-1] and len(pages) > 1 and block.carry is not None \
                and block.carry.height + block.first_piece <= limit:
            pages[-1].append((block.carry, 0.0))
            y = block.carry.height
        gap = block.before if pages[-1] else 0.0
        fits = y + gap + block.height + _kept(block, queue) <= limit
        if fits or (fresh and y + gap + block.height <= limit):
            pages[-1].append((block, y + gap))
            y, fresh = y + gap + block.height, False
            continue
        parts = block.split(limit - y - gap) if block.split else None
        if parts:
            pages[-1].append((parts[0], y + gap))
            fresh = False
            queue.insert(0, replace(parts[1], new_page=True))
            continue
        if fresh and pages[-1]:         # too tall to sit under its carried heading: alone on the page
            pages[-1].clear()
            y = 0.0
            queue.insert(0, replace(block, carry=None))
            continue
        if fresh:
            if limit >= room_of(len(pages)):
                raise LayoutError(f"a block {block.height:.0f} pt tall cannot fit a page {limit:.0f} pt tall")
            pages.append([])            # too tall for a shorter page: start on the next
            y, limit = 0.0, room_of(len(pages) - 1)
            queue.insert(0, block)
            continue
        queue.insert(0, block)
        push = True
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
