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
the poster. The strip of each tile that ends up under a neighbour (from the glue
line to the window's edge) is tinted and hatched: that is where the glue goes.

Tiles are named by row letter and column number: A1, A2, ... B1 ... With
`skip_blank`, tiles on which nothing of the poster but its background would be
printed are left out; the assembly map still shows where they go.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.errors import LayoutError, OptionError
from generator.fonts import FontChain
from generator.scene import Box, Document, Group, Line, Link, Page, Path, Rect, Text
from generator.sizes import MM
from generator.style import Style, TileFormat
from generator.text import block_height, line_height, text_block, wrap
from generator.words import words

LABEL_BAND = 13 * MM
LABEL_MIN, LABEL_MAX = 14.0, 17.0     # tile labels: readable at arm's length, and inside the label band
MARK_BAND = 5 * MM
TICK = 4 * MM
TICK_GAP = 1 * MM
MIN_WINDOW = 30 * MM
HATCH_STEP = 2.5 * MM
GLUE_WORD = (6.0, 8.0)                # the word in the glue zone: smallest and largest size
GLUE_WORD_EVERY = 70 * MM


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
    """The poster's first page as an assembly map followed by one page per tile (blank ones left out
    when `fmt.skip_blank`)."""
    art = poster.pages[0]
    grid = tile_grid(art.width, art.height, fmt)
    skipped = blank_tiles(art, grid) if fmt.skip_blank else frozenset()
    printed = [(r, c) for r in range(grid.rows) for c in range(grid.cols) if (r, c) not in skipped]
    pages = [_map_page(poster, grid, style, lang, skipped)]
    for number, (row, col) in enumerate(printed, 1):
        sheet = Sheet(grid, row, col, number, len(printed), skipped)
        pages.append(_tile_page(art, sheet, style, lang))
    faces = {f.name: f for f in poster.fonts + style.fonts.faces()}
    return Document(tuple(pages), tuple(faces.values()), title=poster.title, author=poster.author,
                    subject=poster.subject, lang=lang, date=poster.date, keywords=poster.keywords)


def blank_tiles(art: Page, grid: TileGrid) -> frozenset[tuple[int, int]]:
    """(row, col) of the tiles whose window no primitive of the poster but its background touches."""
    marks = [box for item in art.items if (box := _extent(item)) is not None]
    return frozenset((r, c) for r in range(grid.rows) for c in range(grid.cols)
                     if not any(box.overlaps(grid.window(r, c)) for box in marks))


def _extent(item) -> Box | None:
    """What an item prints over, in its page's points; None for the background and for links."""
    if isinstance(item, Link) or getattr(item, "role", "") == "background":
        return None
    if isinstance(item, Line):
        half = item.width / 2
        return Box(min(item.x1, item.x2) - half, min(item.y1, item.y2) - half,
                   abs(item.x2 - item.x1) + item.width, abs(item.y2 - item.y1) + item.width)
    if isinstance(item, Group):
        return item.clip or Box(item.x, item.y, item.page.width * item.scale, item.page.height * item.scale)
    box = item.box
    half = (getattr(item, "stroke_width", 0.0) if getattr(item, "stroke", None) else 0.0) / 2
    return Box(box.x - half, box.y - half, box.w + 2 * half, box.h + 2 * half)


@dataclass(frozen=True)
class Sheet:
    """One printed tile: where it sits in the grid, its number among the printed ones, the tiles left out."""

    grid: TileGrid
    row: int
    col: int
    number: int
    total: int
    skipped: frozenset = frozenset()

    def neighbour(self, dr: int, dc: int) -> tuple[int, int] | None:
        """The printed tile next to this one in a direction, if any."""
        r, c = self.row + dr, self.col + dc
        inside = 0 <= r < self.grid.rows and 0 <= c < self.grid.cols
        return (r, c) if inside and (r, c) not in self.skipped else None


def label_size(style: Style) -> float:
    """The tile label's type size: the theme's, never under 14 pt, never too big for the label band."""
    return min(max(style.theme.tiles["label"], LABEL_MIN), LABEL_MAX)


# --- one tile ------------------------------------------------------------------------


def _tile_page(art: Page, sheet: Sheet, style: Style, lang: str) -> Page:
    grid, row, col = sheet.grid, sheet.row, sheet.col
    window, p = grid.window(row, col), grid.printable
    clip = Box(p.x, p.y, window.w, window.h)
    look = style.theme.tiles
    items: list = [Group(art, p.x - window.x, p.y - window.y, 1.0, clip)]
    items += _glue_zone(sheet, clip, style, lang)
    items += _glue_lines(sheet, clip, look)
    items += _cut_marks(grid, row, col, clip, look)
    items += _labels(sheet, clip, style, lang)
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


def _glue_strips(sheet: Sheet, clip: Box) -> list[Box]:
    """The parts of a tile that end up under its right and lower neighbours: from the glue line to the
    window's edge (the corner counted once)."""
    half = sheet.grid.overlap / 2
    if half <= 0:
        return []
    right, below = sheet.neighbour(0, 1), sheet.neighbour(1, 0)
    strips = [Box(clip.right - half, clip.y, half, clip.h)] if right else []
    if below:
        strips.append(Box(clip.x, clip.bottom - half, clip.w - (half if right else 0.0), half))
    return strips


def _glue_zone(sheet: Sheet, clip: Box, style: Style, lang: str) -> list:
    """The glue strips lightly tinted, hatched, and named with the catalog's word for glue."""
    look = style.theme.tiles
    color, items = look["colors"]["glue"], []
    for strip in _glue_strips(sheet, clip):
        items.append(Rect(strip.x, strip.y, strip.w, strip.h, fill=color, opacity=look["glue_tint"],
                          role="glue-zone"))
        items += [Line(x1, y1, x2, y2, color, look["glue"] * 0.6, role="glue-hatch")
                  for x1, y1, x2, y2 in _hatch(strip, HATCH_STEP)]
        items += _glue_words(strip, style, lang)
    return items


def _hatch(box: Box, step: float) -> list[tuple[float, float, float, float]]:
    """Diagonal lines (x + y constant) every `step` across box, cut to it."""
    lines, k = [], box.x + box.y + step / 2
    while k < box.right + box.bottom:
        lo, hi = max(box.x, k - box.bottom), min(box.right, k - box.y)
        if hi > lo:
            lines.append((lo, k - lo, hi, k - hi))
        k += step
    return lines


def _glue_words(strip: Box, style: Style, lang: str) -> list:
    """The word "glue" on small label-coloured plates along the strip, where it fits."""
    look, chain = style.theme.tiles, style.fonts.chain("body", lang)
    text = words(lang)["glue"]
    across = min(strip.w, strip.h)
    size = min(GLUE_WORD[1], (across - 2) / 1.35)
    if size < GLUE_WORD[0]:
        return []
    pad = size * 0.3
    w, h = chain.width(text, size) + 2 * pad, line_height(size)
    along = max(strip.w, strip.h)
    if w > across and strip.w < strip.h or w + 2 * pad > along:
        return []                                        # a vertical strip too narrow for the word
    count = max(1, int(along // GLUE_WORD_EVERY))
    items: list = []
    for i in range(count):
        centre = (i + 0.5) * along / count
        if strip.w >= strip.h:
            x, y = strip.x + centre - w / 2, strip.y + (strip.h - h) / 2
        else:
            x, y = strip.x + (strip.w - w) / 2, strip.y + centre - h / 2
        items.append(Rect(x, y, w, h, fill=look["colors"]["label_fill"], radius=h * 0.3, role="glue-plate"))
        items.append(text_block([text], chain, size, x, y, w, look["colors"]["ink"], "center", role="glue-word",
                                lang=lang))
    return items


def _glue_lines(sheet: Sheet, clip: Box, look) -> list:
    """Dotted lines where the next tile's cut edge goes (hidden once it is glued on)."""
    half, lines = sheet.grid.overlap / 2, []
    if sheet.neighbour(0, 1):
        x = clip.right - half
        lines.append(Line(x, clip.y, x, clip.bottom, look["colors"]["guide"], look["glue"], dash=(1.5, 2.5), role="glue"))
    if sheet.neighbour(1, 0):
        y = clip.bottom - half
        lines.append(Line(clip.x, y, clip.right, y, look["colors"]["guide"], look["glue"], dash=(1.5, 2.5), role="glue"))
    return lines


def _labels(sheet: Sheet, clip: Box, style: Style, lang: str) -> list:
    """The label band under the window, below the crop ticks: the tile's name (centred) and arrows to
    the printed neighbours: left and up at the left end, down and right at the right end."""
    grid, fonts, ink = sheet.grid, style.fonts, style.theme.tiles["colors"]["ink"]
    p, size = grid.printable, label_size(style)
    y = clip.bottom + TICK_GAP + TICK + 0.5 * MM
    band = Box(p.x + 7 * MM, y, p.w - MARK_BAND - 14 * MM, line_height(size))
    bold, body = fonts.chain("heading", lang), fonts.chain("body", lang)
    gap, items = size * 1.2, []
    left, right = band.x, band.right
    for direction, (dr, dc) in (("left", (0, -1)), ("up", (-1, 0)), ("right", (0, 1)), ("down", (1, 0))):
        at = sheet.neighbour(dr, dc)
        if at is None:
            continue
        name = tile_label(*at)
        width = _arrow_width(name, size, body)
        if direction in ("left", "up"):
            items += _arrow_label(direction, name, left, y, size, body, lang, ink)
            left += width + gap
        else:
            right -= width
            items += _arrow_label(direction, name, right, y, size, body, lang, ink)
            right -= gap
    name = tile_label(sheet.row, sheet.col)
    caption = f"{name} · " + words(lang)["tile"].format(n=sheet.number, m=sheet.total)
    if bold.width(caption, size) + 1 > right - left:
        caption = name                                   # no room for "tile n of m" between the arrows
    half = (bold.width(caption, size) + 1) / 2
    centre = min(max(band.x + band.w / 2, left + half), right - half)
    return [_text(caption, bold, size, centre, y, "center", ink, lang)] + items


def _arrow_width(name: str, size: float, chain: FontChain) -> float:
    return size * 0.8 + size * 0.3 + chain.width(name, size) + 1


def _arrow_label(direction: str, name: str, x: float, y: float, size: float, chain: FontChain, lang: str,
                 ink: str) -> list:
    """A triangle pointing to a neighbour, with its name beside it, starting at x."""
    tri = size * 0.8
    width = chain.width(name, size)
    ty = y + (line_height(size) - tri) / 2
    if direction == "right":
        text_x, tri_x = x, x + width + size * 0.3
    else:
        tri_x, text_x = x, x + tri + size * 0.3
    return [_triangle(tri_x, ty, tri, direction, ink), _text(name, chain, size, text_x, y, "left", ink, lang)]


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


def _map_page(poster: Document, grid: TileGrid, style: Style, lang: str, skipped: frozenset = frozenset()) -> Page:
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
    summary = w["sheets"].format(poster=_poster_name(grid), n=grid.count - len(skipped), paper=grid.paper,
                                 cols=grid.cols, rows=grid.rows, orientation=w[grid.orientation],
                                 overlap=_mm(grid.overlap), margin=_mm(grid.margin))
    if skipped:
        names = ", ".join(tile_label(r, c) for r, c in sorted(skipped))
        summary += " " + w["skipped"].format(names=names)
    lines = wrap(summary, body, size, width)
    items.append(text_block(lines, body, size, x, y, width, muted, role="summary", lang=lang))
    y += block_height(len(lines), size) + 6
    steps = [wrap(f"{i}. {step}", body, size, width) for i, step in enumerate(w.steps, 1)]
    steps_h = sum(block_height(len(s), size) + 2 for s in steps)
    bottom = p.bottom - 4 * MM
    view = Box(x, y, width, bottom - steps_h - 8 - y)
    if view.h < 40:
        raise LayoutError("the assembly map does not fit the tile paper")
    items += _map_view(poster.pages[0], grid, view, bold, look["colors"], skipped)
    y = bottom - steps_h
    for step in steps:
        items.append(text_block(step, body, size, x, y, width, ink, role="step", lang=lang))
        y += block_height(len(step), size) + 2
    return Page(grid.sheet_w, grid.sheet_h, tuple(items), title=w["map"], kind="tile-map")


def _mm(points: float) -> str:
    return f"{points / MM:.0f}" if abs(points / MM - round(points / MM)) < 0.05 else f"{points / MM:.1f}"


def _poster_name(grid: TileGrid) -> str:
    return f"{_mm(grid.poster_w)} × {_mm(grid.poster_h)} mm"


def _map_view(art: Page, grid: TileGrid, box: Box, chain: FontChain, colors, skipped: frozenset) -> list:
    """The poster scaled into box with each tile's visible part outlined; row letters on the left and
    column numbers above, and each tile's name inside its cell where no poster text lies under it.
    Tiles left out are hatched, their names dashed."""
    cell_h = min(grid.visible(0, 0).h, grid.visible(0, 0).w) * min(box.w / grid.poster_w, box.h / grid.poster_h)
    size = max(6.0, min(14.0, cell_h * 0.3))
    head = size * 1.8                                  # room for the row letters and column numbers
    scale = min((box.w - 2 * head) / grid.poster_w, (box.h - head) / grid.poster_h)
    ox = box.x + (box.w - grid.poster_w * scale) / 2
    oy = box.y + head
    frame = Box(ox, oy, grid.poster_w * scale, grid.poster_h * scale)
    words_under = [Box(ox + b.x * scale, oy + b.y * scale, b.w * scale, b.h * scale) for b in _ink_boxes(art)]
    items: list = [Group(art, ox, oy, scale, frame)]
    for row in range(grid.rows):
        for col in range(grid.cols):
            v = grid.visible(row, col)
            cell = Box(ox + v.x * scale, oy + v.y * scale, v.w * scale, v.h * scale)
            left_out = (row, col) in skipped
            if left_out:
                items.append(Rect(cell.x, cell.y, cell.w, cell.h, fill=colors["label_fill"], opacity=0.6,
                                  role="tile-skipped"))
                items += [Line(*seg, colors["muted"], 0.4, role="tile-skipped") for seg in _hatch(cell, 6.0)]
            items.append(Rect(cell.x, cell.y, cell.w, cell.h, stroke=colors["ink"], stroke_width=0.8, role="tile"))
            items += _cell_label(tile_label(row, col), cell, chain, size, colors, words_under, left_out)
    items.append(Rect(frame.x, frame.y, frame.w, frame.h, stroke=colors["ink"], stroke_width=1.2, role="frame"))
    for col in range(grid.cols):
        v = grid.visible(0, col)
        items.append(text_block([str(col + 1)], chain, size, ox + v.x * scale, oy - head + size * 0.2, v.w * scale,
                                colors["ink"], "center", role="tile-axis"))
    for row in range(grid.rows):
        v = grid.visible(row, 0)
        letter = tile_label(row, 0)[:-1]
        items.append(text_block([letter], chain, size, ox - head, oy + (v.y + v.h / 2) * scale - line_height(size) / 2,
                                head - size * 0.3, colors["ink"], "right", role="tile-axis"))
    return items


def _ink_boxes(art: Page) -> list[Box]:
    """One box per line of the poster's text, as wide as its runs and as tall as its type."""
    boxes = []
    for text in (item for item in art.items if isinstance(item, Text)):
        for line in text.lines:
            if line.runs:
                left = min(run.x for run in line.runs)
                right = max(run.x + run.width for run in line.runs)
                boxes.append(Box(left, line.baseline - text.size * 0.9, right - left, text.size * 1.15))
    return boxes


def _cell_label(name: str, cell: Box, chain: FontChain, size: float, colors, words_under: list[Box],
                left_out: bool = False) -> list:
    """The tile's name on a small plate in its cell: the centre if no poster text lies there, else the
    first free spot (corners, edges, then a finer grid); none if the cell has no free spot (a tile
    left out has no text: its name goes wherever it fits)."""
    width = chain.width(name, size) + size * 0.8
    height = line_height(size) + size * 0.2
    spot = _free_spot(cell, width, height, words_under)
    if spot is None:
        return []                          # the row letter and column number still name it
    x, y = spot
    plate = Rect(x, y, width, height, fill=colors["label_fill"], stroke=colors["ink"], stroke_width=0.5,
                 radius=size * 0.25, role="tile-name")
    if left_out:
        plate = Rect(x, y, width, height, fill=colors["label_fill"], stroke=None, radius=size * 0.25,
                     role="tile-name")
    return [plate, text_block([name], chain, size, x, y + size * 0.1, width,
                              colors["muted"] if left_out else colors["ink"], "center", role="tile-name")]


def _free_spot(cell: Box, width: float, height: float, words_under: list[Box]) -> tuple[float, float] | None:
    """Top-left of a width x height box inside cell that touches none of words_under, or None."""
    inset = 2.0
    free_w, free_h = cell.w - width - 2 * inset, cell.h - height - 2 * inset
    if free_w < 0 or free_h < 0:
        return None
    near = [b for b in words_under if b.overlaps(cell)]
    fractions = [(0.5, 0.5), (0, 0), (1, 0), (0, 1), (1, 1), (0.5, 0), (0.5, 1), (0, 0.5), (1, 0.5)]
    fractions += [(i / 6, j / 6) for j in range(7) for i in range(7)]
    for fx, fy in fractions:
        x, y = cell.x + inset + fx * free_w, cell.y + inset + fy * free_h
        plate = Box(x, y, width, height)
        if not any(plate.overlaps(b, gap=1.0) for b in near):
            return x, y
    return None
