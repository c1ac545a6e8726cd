"""The scene: pages of positioned primitives in points, origin at the top-left of the trim.

Layout produces it, renderers consume it. Everything is frozen so a test can
assert on it without opening a PDF. Colours are "#RRGGBB" strings. Consecutive
items with the same non-empty `group` belong together (a card, its leader and its
mark): an editable output keeps them as one named group.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class Box:
    """An axis-aligned box; the base for overlap and containment checks."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: "Box", gap: float = 0.0) -> bool:
        """True if the boxes (grown by gap/2 each) share any area."""
        return (self.x < other.right + gap and other.x < self.right + gap
                and self.y < other.bottom + gap and other.y < self.bottom + gap)

    def inside(self, other: "Box", tol: float = 0.01) -> bool:
        return (self.x >= other.x - tol and self.y >= other.y - tol
                and self.right <= other.right + tol and self.bottom <= other.bottom + tol)


@dataclass(frozen=True)
class Rect:
    """A filled and/or stroked rectangle, optionally with rounded corners."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0
    radius: float = 0.0
    role: str = ""
    group: str = ""
    opacity: float = 1.0       # below 1: a tint that lets what is under it show through

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.w, self.h)


@dataclass(frozen=True)
class Line:
    """A straight stroke."""

    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width: float
    dash: tuple[float, ...] = ()
    role: str = ""
    group: str = ""


@dataclass(frozen=True)
class Path:
    """A vector outline: commands ("M", x, y), ("L", x, y), ("C", x1, y1, x2, y2, x, y), ("Z",).

    A point (x, y) of the commands lies at (origin + scale * (x, y)) on the page: most paths
    keep origin (0, 0) and scale 1 and give page points; an icon's paths give its outlines
    in the unit box, shared by every use of the icon, and place them with origin and scale
    (so a big icon used a thousand times is held, and can be written, once).
    `fill_rule` is "nonzero" or "evenodd".
    """

    commands: tuple[tuple, ...]
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0
    fill_rule: str = "nonzero"
    alt: str = ""
    role: str = ""
    group: str = ""
    origin: tuple[float, float] = (0.0, 0.0)
    scale: float = 1.0

    @property
    def placed(self) -> bool:
        """True if the commands are not page points but are moved and scaled onto the page."""
        return self.scale != 1.0 or self.origin != (0.0, 0.0)

    def page_commands(self) -> tuple[tuple, ...]:
        """The commands in page points (made on each call for a placed path)."""
        if not self.placed:
            return self.commands
        (ox, oy), s = self.origin, self.scale
        return tuple((c[0], *((ox if i % 2 == 0 else oy) + v * s for i, v in enumerate(c[1:])))
                     for c in self.commands)

    @property
    def box(self) -> Box:
        x, y, w, h = bounds(self.commands)
        (ox, oy), s = self.origin, self.scale
        return Box(ox + x * s, oy + y * s, w * s, h * s)


@lru_cache(maxsize=1 << 14)
def bounds(commands: tuple[tuple, ...]) -> tuple[float, float, float, float]:
    """(x, y, w, h) of the points of path commands (control points included).

    Remembered: an icon's outlines are shared by all its uses, and layout asks for their boxes often.
    """
    xs = [c[i] for c in commands for i in range(1, len(c), 2)]
    ys = [c[i] for c in commands for i in range(2, len(c), 2)]
    if not xs:
        return 0.0, 0.0, 0.0, 0.0
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


EMOJI_FACE = "emoji"
BOLD_STROKE = 0.035      # synthetic bold: glyph outline width per point of type size
OBLIQUE = 0.2126         # synthetic italic: horizontal shear, tan(12 degrees)


@dataclass(frozen=True)
class Run:
    """A stretch of one line drawn in one font face; x is absolute, width measured.

    `text` is in logical (reading) order. `rtl`: the run reads right to left (the
    renderer draws it so); `shaped`: drawn through HarfBuzz (complex scripts);
    `synthetic_bold`: the role is bold but the script has no bold face, so the
    renderer strokes the glyphs as well as filling them. A run whose face is
    EMOJI_FACE is one emoji cluster, drawn as a colour picture `width` wide.

    Summary markup: `bold`/`italic` say the run was marked so (its face is the family's bold or
    italic file when there is one); `synthetic_italic`: italic was asked for but the script's
    font has no italic, so the renderer slants the glyphs (OBLIQUE); `url`: the words link there.
    """

    text: str
    face: str
    x: float
    width: float
    rtl: bool = False
    shaped: bool = False
    synthetic_bold: bool = False
    bold: bool = False
    italic: bool = False
    synthetic_italic: bool = False
    url: str = ""

    @property
    def emoji(self) -> bool:
        return self.face == EMOJI_FACE


@dataclass(frozen=True)
class TextLine:
    """One broken line of text: its runs in reading order and baseline (absolute y).

    `rtl`: the line's paragraph direction is right to left.
    """

    runs: tuple[Run, ...]
    baseline: float
    rtl: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Text:
    """A block of text already broken into lines and split into font runs.

    (x, y, w, h) is the block's box; every glyph lies inside it.
    """

    x: float
    y: float
    w: float
    h: float
    lines: tuple[TextLine, ...]
    size: float
    color: str
    align: str = "left"
    role: str = ""
    lang: str = "en"
    weight: str = "regular"     # "bold" or "regular": the face's weight, for renderers that name fonts
    link: str = ""              # a URL the whole block opens
    group: str = ""

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.w, self.h)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def run_links(self) -> list["Link"]:
        """A Link over each stretch of linked words (runs with a url), one per line and URL stretch."""
        found: list[Link] = []
        step = self.h / len(self.lines) if self.lines else 0.0
        for i, line in enumerate(self.lines):
            top = self.y + i * step
            for run in sorted((r for r in line.runs if r.url), key=lambda r: r.x):
                last = found[-1] if found else None
                if last is not None and last.url == run.url and last.y == top \
                        and abs(last.x + last.w - run.x) < 0.01:
                    found[-1] = Link(last.x, top, run.x + run.width - last.x, step, run.url)
                else:
                    found.append(Link(run.x, top, run.width, step, run.url))
        return found


@dataclass(frozen=True)
class Image:
    """A raster picture from a file, scaled into its box."""

    x: float
    y: float
    w: float
    h: float
    source: str
    alt: str = ""
    role: str = ""
    group: str = ""

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.w, self.h)


@dataclass(frozen=True)
class Link:
    """A clickable area that opens a URL, or (`page`, 1-based) goes to another page of the document."""

    x: float
    y: float
    w: float
    h: float
    url: str
    page: int = 0


@dataclass(frozen=True)
class Group:
    """Another page's items drawn here: scaled by `scale`, its origin at (x, y), clipped to `clip`.

    Used for slide handouts (slides drawn small) and poster tiles (a window on the poster).
    `clip` is in this page's coordinates; None means no clipping.
    """

    page: "Page"
    x: float
    y: float
    scale: float = 1.0
    clip: Box | None = None


@dataclass(frozen=True)
class FontFace:
    """A font file the renderers embed; `name` is how runs refer to it."""

    name: str
    path: str
    index: int = 0


@dataclass(frozen=True)
class Page:
    """One page or slide. Coordinates are relative to the trim's top-left corner.

    `bleed` is how far backgrounds run past the trim; `slug` is extra room beyond
    the bleed for crop marks. The media box is trim + 2 * (bleed + slug).
    """

    width: float
    height: float
    items: tuple = ()
    bleed: float = 0.0
    slug: float = 0.0
    title: str = ""
    notes: str = ""
    kind: str = ""

    @property
    def trim(self) -> Box:
        return Box(0, 0, self.width, self.height)


@dataclass(frozen=True)
class Document:
    """A laid-out output: pages, the fonts they use, and metadata."""

    pages: tuple[Page, ...]
    fonts: tuple[FontFace, ...]
    title: str = ""
    author: str = ""
    subject: str = ""
    lang: str = "en"
    date: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)
    notices: tuple[str, ...] = ()       # what layout shortened to make it fit, for the user
    placements: tuple = ()              # per event: card box, anchor, rung (layout.timeline.Placement)
