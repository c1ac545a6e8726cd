"""A test aid: scene pages drawn straight to pixels with Pillow, without going through a PDF.

The product's PNG previews are the PDF rendered by PDFium (generator/render/png.py). This
small rasteriser stays for tests that compare scene geometry pixel for pixel, e.g. tiles
pasted back together against the poster (tests/test_tiles.py): it places every shape on
the same pixel grid whatever the page it sits on, where a PDF renderer anti-aliases a
shape differently when its page is drawn at another sub-pixel offset.

Shapes (paths, rectangles, lines) are filled by a small scanline rasterizer
(exact nonzero and even-odd rules) on a mask supersampled 4x over the shape's
own bounding box, then scaled down with LANCZOS and composited in the item's
colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps

from generator import scene
from generator.errors import RenderError
from generator.render import unknown_primitive

SUPERSAMPLE = 4
MAX_MASK_PIXELS = 16_000_000
MAX_PAGE_PIXELS = 250_000_000
KAPPA = 0.5522847498  # cubic handle length for a quarter circle

Point = tuple[float, float]


def render_page(page: scene.Page, fonts: tuple[scene.FontFace, ...], dpi: float = 72) -> Image.Image:
    """One page as an RGB image covering the full media (trim plus bleed and slug)."""
    scale = dpi / 72
    margin = page.bleed + page.slug
    size = (_px(page.width + 2 * margin, scale), _px(page.height + 2 * margin, scale))
    if size[0] * size[1] > MAX_PAGE_PIXELS:
        raise RenderError(f"a {size[0]}x{size[1]} pixel image is too large; choose a lower dpi")
    image = Image.new("RGB", size, "white")
    painter = _Painter(image, _Transform(scale, margin * scale, margin * scale), _face_table(fonts))
    painter.draw_items(page.items)
    return image


# --- geometry helpers ---------------------------------------------------------------


@dataclass(frozen=True)
class _Transform:
    """Page points to canvas pixels: uniform scale, then offset."""

    scale: float
    dx: float
    dy: float

    def __call__(self, x: float, y: float) -> Point:
        return (self.dx + x * self.scale, self.dy + y * self.scale)

    def nested(self, x: float, y: float, scale: float, crop: tuple[int, int] = (0, 0)) -> "_Transform":
        ox, oy = self(x, y)
        return _Transform(self.scale * scale, ox - crop[0], oy - crop[1])


def _picture(im: Image.Image, size: tuple[int, int]) -> Image.Image:
    """A raster picture turned upright, as RGBA, scaled to size."""
    return ImageOps.exif_transpose(im).convert("RGBA").resize(size, Image.Resampling.LANCZOS)


def _px(length: float, scale: float) -> int:
    return max(1, round(length * scale))


def _rgb(color: str) -> tuple[int, int, int]:
    try:
        return ImageColor.getrgb(color)[:3]
    except ValueError:
        raise RenderError(f'"{color}" is not a colour') from None


def _flatten(commands, to_px: _Transform) -> list[list[Point]]:
    """Subpaths as polygons in canvas pixels; cubics split into short straight pieces."""
    polygons: list[list[Point]] = []
    current: list[Point] = []
    for cmd in commands:
        op = cmd[0]
        if op == "M":
            current = [to_px(cmd[1], cmd[2])]
            polygons.append(current)
        elif op == "L" and current:
            current.append(to_px(cmd[1], cmd[2]))
        elif op == "C" and current:
            pts = [to_px(cmd[i], cmd[i + 1]) for i in (1, 3, 5)]
            current.extend(_cubic_points(current[-1], *pts))
        elif op == "Z" and current:
            current = [current[0]]
            polygons.append(current)
    return [p for p in polygons if len(p) >= 2]


def _cubic_points(p0: Point, p1: Point, p2: Point, p3: Point) -> list[Point]:
    hull = math.dist(p0, p1) + math.dist(p1, p2) + math.dist(p2, p3)
    steps = max(2, min(200, math.ceil(hull * SUPERSAMPLE / 3)))
    out = []
    for i in range(1, steps + 1):
        t = i / steps
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def _bounds(polygons: list[list[Point]], pad: float, size: tuple[int, int]) -> tuple[int, int, int, int] | None:
    xs = [p[0] for poly in polygons for p in poly]
    ys = [p[1] for poly in polygons for p in poly]
    if not xs:
        return None
    x0, y0 = max(0, math.floor(min(xs) - pad)), max(0, math.floor(min(ys) - pad))
    x1, y1 = min(size[0], math.ceil(max(xs) + pad)), min(size[1], math.ceil(max(ys) + pad))
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def _factor(w: int, h: int) -> int:
    factor = SUPERSAMPLE
    while factor > 1 and w * h * factor * factor > MAX_MASK_PIXELS:
        factor //= 2
    return factor


class _Mask:
    """A supersampled coverage mask over one pixel box of the canvas."""

    def __init__(self, box: tuple[int, int, int, int]):
        self.box = box
        self.w, self.h = box[2] - box[0], box[3] - box[1]
        self.f = _factor(self.w, self.h)
        self.size = (self.w * self.f, self.h * self.f)

    def local(self, poly: list[Point]) -> list[Point]:
        return [((x - self.box[0]) * self.f, (y - self.box[1]) * self.f) for x, y in poly]

    def blank(self) -> Image.Image:
        return Image.new("L", self.size, 0)

    def finish(self, coverage: Image.Image) -> Image.Image:
        if self.f == 1:
            return coverage
        return coverage.resize((self.w, self.h), Image.Resampling.LANCZOS)


def _edges(polygons: list[list[Point]]) -> list[tuple[float, float, float, float, int]]:
    """Non-horizontal edges as (y_top, y_bottom, x at y_top, dx per dy, winding direction)."""
    edges = []
    for poly in polygons:
        for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1]):
            if y0 == y1:
                continue
            direction = 1 if y1 > y0 else -1
            if y0 > y1:
                x0, y0, x1, y1 = x1, y1, x0, y0
            edges.append((y0, y1, x0, (x1 - x0) / (y1 - y0), direction))
    edges.sort()
    return edges


def _scanline(polygons: list[list[Point]], size: tuple[int, int], evenodd: bool) -> Image.Image:
    """Fill polygons by sampling pixel centres, with the exact nonzero or even-odd rule."""
    width, height = size
    buf = bytearray(width * height)
    edges = _edges(polygons)
    active: list = []
    nxt = 0
    for row in range(height):
        y = row + 0.5
        while nxt < len(edges) and edges[nxt][0] <= y:
            active.append(edges[nxt])
            nxt += 1
        active = [e for e in active if e[1] > y]
        crossings = sorted((e[2] + (y - e[0]) * e[3], e[4]) for e in active if e[0] <= y)
        _fill_row(buf, row * width, width, crossings, evenodd)
    return Image.frombytes("L", size, bytes(buf))


def _fill_row(buf: bytearray, start: int, width: int, crossings, evenodd: bool) -> None:
    winding = 0
    for (x, direction), (x_next, _) in zip(crossings, crossings[1:]):
        winding += direction
        inside = winding % 2 if evenodd else winding
        if not inside:
            continue
        a = max(0, math.ceil(x - 0.5))
        b = min(width, math.ceil(x_next - 0.5))
        if b > a:
            buf[start + a:start + b] = b"\xff" * (b - a)


def _fill_mask(polygons, rule: str, size: tuple[int, int]):
    """An antialiased coverage mask for filled polygons, and its top-left on the canvas."""
    box = _bounds(polygons, 1, size)
    if box is None:
        return None, (0, 0)
    mask = _Mask(box)
    local = [mask.local(poly) for poly in polygons]
    coverage = _scanline(local, mask.size, rule == "evenodd")
    return mask.finish(coverage), box[:2]


def _stroke_mask(polygons, closed: list[bool], width: float, size: tuple[int, int]):
    """An antialiased coverage mask for stroked polylines with round joins."""
    box = _bounds(polygons, width / 2 + 1, size)
    if box is None or width <= 0:
        return None, (0, 0)
    mask = _Mask(box)
    layer = mask.blank()
    draw = ImageDraw.Draw(layer)
    stroke_px = max(1, round(width * mask.f))
    for poly, is_closed in zip(polygons, closed):
        pts = mask.local(poly + poly[:1] if is_closed else poly)
        draw.line(pts, fill=255, width=stroke_px, joint="curve")
    return mask.finish(layer), box[:2]


def _rounded_rect(x: float, y: float, w: float, h: float, r: float) -> tuple[tuple, ...]:
    """Path commands for a rectangle with corners of radius r (0 for square corners)."""
    r = max(0.0, min(r, w / 2, h / 2))
    if r == 0:
        return (("M", x, y), ("L", x + w, y), ("L", x + w, y + h), ("L", x, y + h), ("Z",))
    k = r * (1 - KAPPA)
    x1, y1 = x + w, y + h
    return (("M", x + r, y), ("L", x1 - r, y), ("C", x1 - k, y, x1, y + k, x1, y + r),
            ("L", x1, y1 - r), ("C", x1, y1 - k, x1 - k, y1, x1 - r, y1),
            ("L", x + r, y1), ("C", x + k, y1, x, y1 - k, x, y1 - r),
            ("L", x, y + r), ("C", x, y + k, x + k, y, x + r, y), ("Z",))


def _line_pieces(item: scene.Line) -> list[tuple[float, float, float, float]]:
    """The drawn stretches of a line: all of it, or its dashes."""
    length = math.hypot(item.x2 - item.x1, item.y2 - item.y1)
    if not item.dash or length == 0 or sum(item.dash) <= 0:
        return [(item.x1, item.y1, item.x2, item.y2)]
    ux, uy = (item.x2 - item.x1) / length, (item.y2 - item.y1) / length
    pieces, pos, i = [], 0.0, 0
    while pos < length:
        step = item.dash[i % len(item.dash)]
        if i % 2 == 0:
            end = min(pos + step, length)
            pieces.append((item.x1 + ux * pos, item.y1 + uy * pos, item.x1 + ux * end, item.y1 + uy * end))
        pos, i = pos + step, i + 1
    return pieces


def _piece_commands(piece, width: float) -> tuple[tuple, ...]:
    x1, y1, x2, y2 = piece
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    nx, ny = -(y2 - y1) / length * width / 2, (x2 - x1) / length * width / 2
    return (("M", x1 + nx, y1 + ny), ("L", x2 + nx, y2 + ny), ("L", x2 - nx, y2 - ny),
            ("L", x1 - nx, y1 - ny), ("Z",))


# --- fonts -------------------------------------------------------------------------


def _face_table(fonts: tuple[scene.FontFace, ...]) -> dict[str, scene.FontFace]:
    return {face.name: face for face in fonts}


@lru_cache(maxsize=64)
def _font(path: str, index: int, size: float) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(path, size=size, index=index)
    except OSError as err:
        raise RenderError(f"cannot open font {path}: {err}") from None


# --- drawing -----------------------------------------------------------------------


class _Painter:
    """Draws scene items onto one canvas through one transform."""

    def __init__(self, canvas: Image.Image, to_px: _Transform, faces: dict[str, scene.FontFace]):
        self.canvas = canvas
        self.to_px = to_px
        self.faces = faces

    def draw_items(self, items) -> None:
        for item in items:
            self.draw(item)

    def draw(self, item) -> None:
        if isinstance(item, scene.Link):
            return                      # a picture has nothing to click
        handler = getattr(self, f"draw_{type(item).__name__.lower()}", None)
        if handler is None:
            raise unknown_primitive("scene raster", item)
        handler(item)

    def paint(self, mask, origin, color: str) -> None:
        if mask is not None:
            self.canvas.paste(_rgb(color), (*origin, origin[0] + mask.width, origin[1] + mask.height), mask)

    def fill(self, commands, rule: str, color: str, opacity: float = 1.0) -> None:
        polygons = _flatten(commands, self.to_px)
        mask, origin = _fill_mask(polygons, rule, self.canvas.size)
        if mask is not None and opacity < 1:
            mask = mask.point(lambda v: round(v * opacity))
        self.paint(mask, origin, color)

    def draw_rect(self, item: scene.Rect) -> None:
        if item.fill:
            self.fill(_rounded_rect(item.x, item.y, item.w, item.h, item.radius), "nonzero", item.fill,
                      item.opacity)
        if item.stroke and item.stroke_width > 0:
            half = item.stroke_width / 2
            outer = _rounded_rect(item.x - half, item.y - half, item.w + 2 * half, item.h + 2 * half,
                                  item.radius + half if item.radius else 0)
            inner_w, inner_h = item.w - 2 * half, item.h - 2 * half
            inner = _rounded_rect(item.x + half, item.y + half, inner_w, inner_h,
                                  max(0.0, item.radius - half)) if inner_w > 0 and inner_h > 0 else ()
            self.fill(outer + inner, "evenodd", item.stroke)

    def draw_line(self, item: scene.Line) -> None:
        commands = tuple(c for piece in _line_pieces(item) for c in _piece_commands(piece, item.width))
        self.fill(commands, "nonzero", item.color)

    def draw_path(self, item: scene.Path) -> None:
        if item.fill:
            self.fill(item.page_commands(), item.fill_rule, item.fill)
        if item.stroke and item.stroke_width > 0:
            polygons = _flatten(item.page_commands(), self.to_px)
            closed = [_is_closed(poly) for poly in polygons]
            width = item.stroke_width * self.to_px.scale
            self.paint(*_stroke_mask(polygons, closed, width, self.canvas.size), item.stroke)

    def draw_text(self, item: scene.Text) -> None:
        draw = ImageDraw.Draw(self.canvas)
        size = item.size * self.to_px.scale
        for line in item.lines:
            for run in line.runs:
                face = self.faces.get(run.face)
                if face is None:
                    raise RenderError(f'a text run uses font "{run.face}", which the document does not list')
                font = _font(face.path, face.index, round(size, 2))
                draw.text(self.to_px(run.x, line.baseline), run.text, font=font, fill=_rgb(item.color),
                          anchor="ls")

    def draw_image(self, item: scene.Image) -> None:
        x0, y0 = self.to_px(item.x, item.y)
        x1, y1 = self.to_px(item.x + item.w, item.y + item.h)
        size = (max(1, round(x1 - x0)), max(1, round(y1 - y0)))
        try:
            with Image.open(item.source) as im:
                picture = _picture(im, size)
        except OSError as err:
            raise RenderError(f"cannot draw image {item.source}: {err}") from None
        self.canvas.paste(picture, (round(x0), round(y0)), picture)

    def draw_group(self, item: scene.Group) -> None:
        if item.clip is None:
            _Painter(self.canvas, self.to_px.nested(item.x, item.y, item.scale), self.faces).draw_items(
                item.page.items)
            return
        x0, y0 = self.to_px(item.clip.x, item.clip.y)
        x1, y1 = self.to_px(item.clip.right, item.clip.bottom)
        box = (max(0, round(x0)), max(0, round(y0)), min(self.canvas.width, round(x1)),
               min(self.canvas.height, round(y1)))
        if box[2] <= box[0] or box[3] <= box[1]:
            return
        window = self.canvas.crop(box)
        to_px = self.to_px.nested(item.x, item.y, item.scale, crop=box[:2])
        _Painter(window, to_px, self.faces).draw_items(item.page.items)
        self.canvas.paste(window, box[:2])


def _is_closed(poly: list[Point]) -> bool:
    return len(poly) > 2 and math.dist(poly[0], poly[-1]) < 1e-6


# --- files -------------------------------------------------------------------------
