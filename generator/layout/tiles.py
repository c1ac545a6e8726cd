"""Tiled posters: a poster split across sheets an office printer can print, kept vector.

Every sheet keeps the printer's unprintable `margin` blank. Inside it, the poster's
window (a clipped scene.Group) fills the printable area except a label band along
the bottom and a narrow mark band on the right. Windows of neighbouring tiles
overlap by exactly `overlap`; the seam where the visible parts meet runs down the
middle of the overlap, so either sheet may be printed a little off and the poster
still meets. Assembly: cut each tile along its cut marks (left and top; the right
and bottom too on the last column and row), lay it over its left and upper
neighbours with the artwork lined up on their dotted glue lines, and glue. The
label bands and the strips beyond the glue lines end up underneath, or outside
the poster.

Tiles are named by row letter and column number: A1, A2, ... B1 ...
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.errors import LayoutError, OptionError
from generator.fonts import FontChain
from generator.scene import Box, Document, Group, Line, Page, Path, Rect
from generator.sizes import MM
from generator.style import Style, TileFormat
from generator.text import block_height, line_height, text_block, wrap
from generator.words import words

LABEL_BAND = 9 * MM
MARK_BAND = 5 * MM
TICK = 4 * MM
TICK_GAP = 1 * MM
MIN_WINDOW = 30 * MM
def tile_label(row: int, col: int) -> str:
    """A1, B3, ...: letters for the row (A..Z, AA..), numbers for the column, both from 0 here."""
    letters, n = "", row + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{col + 1}"


@dataclass(frozen=True)
class TileGrid:
    """How a poster is cut into tiles: sheet size and orientation, bands, and the windows."""

    poster_w: float
    poster_h: float
    paper: str
    sheet_w: float
    sheet_h: float
    margin: float
    overlap: float
    rows: int
    cols: int

    @property
    def orientation(self) -> str:
        return "landscape" if self.sheet_w > self.sheet_h else "portrait"

    @property
    def printable(self) -> Box:
        m = self.margin
        return Box(m, m, self.sheet_w - 2 * m, self.sheet_h - 2 * m)

    @property
    def window_w(self) -> float:
        return self.printable.w - MARK_BAND

    @property
    def window_h(self) -> float:
        return self.printable.h - LABEL_BAND

    @property
    def count(self) -> int:
        return self.rows * self.cols

    def window(self, row: int, col: int) -> Box:
        """The part of the poster (poster points) printed on a tile; clamped to the poster."""
        x = col * (self.window_w - self.overlap)
        y = row * (self.window_h - self.overlap)
        return Box(x, y, min(self.window_w, self.poster_w - x), min(self.window_h, self.poster_h - y))

    def visible(self, row: int, col: int) -> Box:
        """The part of a tile that shows in the assembled poster: from seam to seam."""
        w = self.window(row, col)
        half = self.overlap / 2
        x0 = w.x + half if col else 0.0
        y0 = w.y + half if row else 0.0
        x1 = w.right - half if col < self.cols - 1 else self.poster_w
        y1 = w.bottom - half if row < self.rows - 1 else self.poster_h
        return Box(x0, y0, x1 - x0, y1 - y0)


def tile_grid(poster_w: float, poster_h: float, fmt: TileFormat) -> TileGrid:
    """The grid with the fewest sheets (portrait or landscape, portrait on a tie)."""
    tile_paper, short, long, overlap, margin = fmt.paper, fmt.short, fmt.long, fmt.overlap, fmt.margin
    if overlap < 0 or margin < 0:
        raise OptionError("the overlap and the margin cannot be negative")
    grids = [_grid(poster_w, poster_h, tile_paper, w, h, margin, overlap) for w, h in ((short, long), (long, short))]
    grids = [g for g in grids if g is not None]
    if not grids:
        raise LayoutError(f"a {tile_paper} sheet with a {margin / MM:g} mm margin and a {overlap / MM:g} mm overlap "
                          f"leaves no room for the poster; use a smaller margin or overlap")
    return min(grids, key=lambda g: g.count)


def _grid(poster_w, poster_h, paper, sheet_w, sheet_h, margin, overlap) -> TileGrid | None:
    probe = TileGrid(poster_w, poster_h, paper, sheet_w, sheet_h, margin, overlap, 1, 1)
    step_w, step_h = probe.window_w - overlap, probe.window_h - overlap
    if min(probe.window_w, probe.window_h) < MIN_WINDOW or min(step_w, step_h) < MIN_WINDOW / 2:
        return None
    cols = max(1, math.ceil((poster_w - overlap) / step_w - 1e-9))
    rows = max(1, math.ceil((poster_h - overlap) / step_h - 1e-9))
    return TileGrid(poster_w, poster_h, paper, sheet_w, sheet_h, margin, overlap, rows, cols)


def tile_windows(poster_w: float, poster_h: float, fmt: TileFormat) -> list[Box]:
    """Each tile's window on the poster (poster points), row by row."""
    grid = tile_grid(poster_w, poster_h, fmt)
    return [grid.window(r, c) for r in range(grid.rows) for c in range(grid.cols)]


def layout_tiles(poster: Document, lang: str, style: Style, fmt: TileFormat) -> Document:
    """The poster's first page as an assembly map followed by one page per tile."""
    art = poster.pages[0]
    grid = tile_grid(art.width, art.height, fmt)
    pages = [_map_page(poster, grid, style, lang)]
    for row in range(grid.rows):
        for col in range(grid.cols):
            pages.append(_tile_page(art, grid, row, col, style, lang))
    faces = {f.name: f for f in poster.fonts + style.fonts.faces()}
    return Document(tuple(pages), tuple(faces.values()), title=poster.title, author=poster.author,
                    subject=poster.subject, lang=lang, date=poster.date, keywords=poster.keywords)


# --- one tile ------------------------------------------------------------------------


def _tile_page(art: Page, grid: TileGrid, row: int, col: int, style: Style, lang: str) -> Page:
    window, p = grid.window(row, col), grid.printable
    clip = Box(p.x, p.y, window.w, window.h)
    look = style.theme.tiles
    items: list = [Group(art, p.x - window.x, p.y - window.y, 1.0, clip)]
    items += _glue_lines(grid, row, col, clip, look)
    items += _cut_marks(grid, row, col, clip, look)
    items += _labels(grid, row, col, clip, style, lang)
    return Page(grid.sheet_w, grid.sheet_h, tuple(items), title=tile_label(row, col), kind="tile")


def _kept(grid: TileGrid, row: int, col: int, clip: Box) -> Box:
    """The part of the tile left after cutting, in sheet points."""
    half = grid.overlap / 2
    x0 = clip.x + (half if col else 0.0)
    y0 = clip.y + (half if row else 0.0)
    return Box(x0, y0, clip.right - x0, clip.bottom - y0)


def _cut_marks(grid: TileGrid, row: int, col: int, clip: Box, look) -> list:
    """Crop ticks at both ends of every edge that is cut: outside the kept part where there is room."""
    kept, p = _kept(grid, row, col, clip), grid.printable
    room = {"top": kept.y - p.y, "left": kept.x - p.x, "bottom": p.bottom - kept.bottom,
            "right": p.right - kept.right}
    marks: list = []
    xs = [kept.x] + ([kept.right] if col == grid.cols - 1 else [])
    ys = [kept.y] + ([kept.bottom] if row == grid.rows - 1 else [])
    for x in xs:
        marks += _tick(x, kept.y, 0, -1, room["top"], look)
        marks += _tick(x, kept.bottom, 0, 1, room["bottom"], look)
    for y in ys:
        marks += _tick(kept.x, y, -1, 0, room["left"], look)
        marks += _tick(kept.right, y, 1, 0, room["right"], look)
    return marks


def _tick(x: float, y: float, dx: int, dy: int, room: float, look) -> list:
    """A crop tick on the cut line through (x, y): outward (dx, dy) if room allows, else inward along it;
    on a halo of the label fill, so it shows where it crosses dark artwork."""
    inward = room < TICK_GAP + 2 * MM
    if inward:
        length, start, dx, dy = TICK, 0.0, -dx, -dy
    else:
        length, start = min(TICK, room - TICK_GAP), TICK_GAP
    x1, y1 = x + dx * start, y + dy * start
    x2, y2 = x + dx * (start + length), y + dy * (start + length)
    tick = Line(x1, y1, x2, y2, look["colors"]["ink"], look["cut"], role="cut")
    pad = look["cut"] * 2
    halo = Rect(min(x1, x2) - pad, min(y1, y2) - pad, abs(x2 - x1) + 2 * pad, abs(y2 - y1) + 2 * pad,
                fill=look["colors"]["label_fill"], role="halo")
    return [halo, tick]


def _glue_lines(grid: TileGrid, row: int, col: int, clip: Box, look) -> list:
    """Dotted lines where the next tile's cut edge goes (hidden once it is glued on)."""
    half, lines = grid.overlap / 2, []
    if col < grid.cols - 1:
        x = clip.right - half
        lines.append(Line(x, clip.y, x, clip.bottom, look["colors"]["guide"], look["glue"], dash=(1.5, 2.5), role="glue"))
    if row < grid.rows - 1:
        y = clip.bottom - half
        lines.append(Line(clip.x, y, clip.right, y, look["colors"]["guide"], look["glue"], dash=(1.5, 2.5), role="glue"))
    return lines


def _labels(grid: TileGrid, row: int, col: int, clip: Box, style: Style, lang: str) -> list:
    """The label band under the window, below the crop ticks: the tile's name and arrows to neighbours."""
    fonts, ink = style.fonts, style.theme.tiles["colors"]["ink"]
    p, size = grid.printable, style.theme.tiles["label"]
    y = clip.bottom + TICK_GAP + TICK + 0.5 * MM
    band = Box(p.x + 7 * MM, y, p.w - MARK_BAND - 14 * MM, line_height(size))
    bold, body = fonts.chain("heading", lang), fonts.chain("body", lang)
    caption = f"{tile_label(row, col)} · " + words(lang)["tile"].format(n=row * grid.cols + col + 1, m=grid.count)
    items: list = [_text(caption, bold, size, band.x + band.w / 2, y, "center", ink, lang)]
    neighbours = {"left": (row, col - 1), "right": (row, col + 1), "up": (row - 1, col), "down": (row + 1, col)}
    for direction, (r, c) in neighbours.items():
        if 0 <= r < grid.rows and 0 <= c < grid.cols:
            items += _arrow_label(direction, tile_label(r, c), band, size, body, lang, ink)
    return items


def _arrow_label(direction: str, name: str, band: Box, size: float, chain: FontChain, lang: str,
                 ink: str) -> list:
    """A triangle pointing to a neighbour, with its name beside it."""
    tri = size * 0.8
    width = chain.width(name, size)
    slots = {"left": band.x, "up": band.x + band.w * 0.2, "down": band.x + band.w * 0.72,
             "right": band.right - tri - size * 0.3 - width}
    x, y = slots[direction], band.y
    ty = y + (line_height(size) - tri) / 2
    if direction == "right":
        text_x, tri_x = x, x + width + size * 0.3
    else:
        tri_x, text_x = x, x + tri + size * 0.3
    return [_triangle(tri_x, ty, tri, direction, ink),
            _text(name, chain, size, text_x, y, "left", ink, lang)]


def _triangle(x: float, y: float, s: float, direction: str, ink: str) -> Path:
    points = {"left": ((x + s, y), (x, y + s / 2), (x + s, y + s)),
              "right": ((x, y), (x + s, y + s / 2), (x, y + s)),
              "up": ((x, y + s), (x + s / 2, y), (x + s, y + s)),
              "down": ((x, y), (x + s / 2, y + s), (x + s, y))}[direction]
    (x0, y0), (x1, y1), (x2, y2) = points
    return Path((("M", x0, y0), ("L", x1, y1), ("L", x2, y2), ("Z",)), fill=ink, role="arrow")


def _text(text: str, chain: FontChain, size: float, x: float, y: float, align: str, color: str, lang: str):
    """One line of text: left-aligned at x, or centred on x."""
    width = chain.width(text, size) + 1
    left = x - width / 2 if align == "center" else x
    return text_block([text], chain, size, left, y, width, color, role="tile-label", lang=lang)


# --- the assembly map --------------------------------------------------------------------


def _map_page(poster: Document, grid: TileGrid, style: Style, lang: str) -> Page:
    """The grid of tiles over a small view of the poster, and the instructions."""
    w = words(lang)
    p = grid.printable
    look = style.theme.tiles
    ink, muted = look["colors"]["ink"], look["colors"]["muted"]
    bold, body = style.fonts.chain("heading", lang), style.fonts.chain("body", lang)
    x, y, width = p.x + 4 * MM, p.y + 4 * MM, p.w - 8 * MM
    items: list = []
    title_size, size = look["title"], look["text"]
    heading = f"{w['map']} · {poster.title}" if poster.title else w["map"]
    lines = wrap(heading, bold, title_size, width)
    items.append(text_block(lines, bold, title_size, x, y, width, ink, role="title", lang=lang))
    y += block_height(len(lines), title_size) + 4
    summary = w["sheets"].format(poster=_poster_name(grid), n=grid.count, paper=grid.paper, cols=grid.cols,
                                 rows=grid.rows, orientation=w[grid.orientation],
                                 overlap=_mm(grid.overlap), margin=_mm(grid.margin))
    lines = wrap(summary, body, size, width)
    items.append(text_block(lines, body, size, x, y, width, muted, role="summary", lang=lang))
    y += block_height(len(lines), size) + 6
    steps = [wrap(f"{i}. {step}", body, size, width) for i, step in enumerate(w.steps, 1)]
    steps_h = sum(block_height(len(s), size) + 2 for s in steps)
    bottom = p.bottom - 4 * MM
    view = Box(x, y, width, bottom - steps_h - 8 - y)
    if view.h < 40:
        raise LayoutError("the assembly map does not fit the tile paper")
    items += _map_view(poster.pages[0], grid, view, bold, look["colors"])
    y = bottom - steps_h
    for step in steps:
        items.append(text_block(step, body, size, x, y, width, ink, role="step", lang=lang))
        y += block_height(len(step), size) + 2
    return Page(grid.sheet_w, grid.sheet_h, tuple(items), title=w["map"], kind="tile-map")


def _mm(points: float) -> str:
    return f"{points / MM:.0f}" if abs(points / MM - round(points / MM)) < 0.05 else f"{points / MM:.1f}"


def _poster_name(grid: TileGrid) -> str:
    return f"{_mm(grid.poster_w)} × {_mm(grid.poster_h)} mm"


def _map_view(art: Page, grid: TileGrid, box: Box, chain: FontChain, colors) -> list:
    """The poster scaled into box with each tile's visible part outlined and named."""
    scale = min(box.w / grid.poster_w, box.h / grid.poster_h)
    ox = box.x + (box.w - grid.poster_w * scale) / 2
    oy = box.y
    frame = Box(ox, oy, grid.poster_w * scale, grid.poster_h * scale)
    items: list = [Group(art, ox, oy, scale, frame)]
    cell_h = min(grid.visible(0, 0).h, grid.visible(0, 0).w) * scale
    size = max(6.0, min(14.0, cell_h * 0.3))
    for row in range(grid.rows):
        for col in range(grid.cols):
            v = grid.visible(row, col)
            cell = Box(ox + v.x * scale, oy + v.y * scale, v.w * scale, v.h * scale)
            items.append(Rect(cell.x, cell.y, cell.w, cell.h, stroke=colors["ink"], stroke_width=0.8, role="tile"))
            items += _cell_label(tile_label(row, col), cell, chain, size, colors)
    items.append(Rect(frame.x, frame.y, frame.w, frame.h, stroke=colors["ink"], stroke_width=1.2, role="frame"))
    return items


def _cell_label(name: str, cell: Box, chain: FontChain, size: float, colors) -> list:
    width = chain.width(name, size) + size * 0.8
    height = line_height(size) + size * 0.2
    x, y = cell.x + (cell.w - width) / 2, cell.y + (cell.h - height) / 2
    return [Rect(x, y, width, height, fill=colors["label_fill"], stroke=colors["ink"], stroke_width=0.5,
                 radius=size * 0.25, role="tile-name"),
            text_block([name], chain, size, x, y + size * 0.1, width, colors["ink"], "center", role="tile-name")]
