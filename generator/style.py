"""Everything resolved at the edge: one immutable Style per build, and the typed format of each output.

`build` turns the command's option strings into the formats below once (sheet,
orientation, bleed, tiles, aspect, paper) and builds one `Style`: the theme, loaded,
merged and validated; its fonts, found and opened; and the timeline's icons, read
and checked. Layout receives `(timeline, lang, style, format)` and never asks for
a file, parses an option string or touches an image again.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from generator import icons as icon_files
from generator.errors import LayoutError, OptionError
from generator.fonts import FontSet, resolve
from generator.icons import Icon
from generator.model import Timeline
from generator.sizes import MAX_BLEED, MM, oriented, parse_length, parse_size
from generator.theme import Theme, load_theme

ASPECTS = {"16:9": (960.0, 540.0), "4:3": (720.0, 540.0)}
ORIENTATIONS = ("landscape", "portrait")


@dataclass(frozen=True)
class Style:
    """The theme, its fonts and the timeline's icons, for one build.

    `paper` selects the theme's printed-handout colours (white paper) instead of the
    poster and deck colours; `colors` is whichever set is in use.
    """

    theme: Theme
    fonts: FontSet
    icons: Mapping[str, Icon] = field(default_factory=lambda: MappingProxyType({}))
    paper: bool = False

    @property
    def colors(self) -> Mapping:
        return self.theme.paper_colors if self.paper else self.theme.colors

    def color(self, key: str) -> str:
        return self.colors[key]

    @property
    def palette(self) -> tuple[str, ...]:
        return self.theme.palette

    def on_paper(self) -> "Style":
        """The same style with the printed-handout colours."""
        return replace(self, paper=True)

    def icon(self, ref: str) -> Icon:
        """An icon resolved at the edge (bundled icons are always there)."""
        icon = self.icons.get(ref)
        if icon is None:
            raise LayoutError(f'icon "{ref}" was not resolved before layout')
        return icon

    @property
    def deck_fonts(self) -> tuple[str, str]:
        """The font names the deck asks PowerPoint for: (Latin, East Asian)."""
        deck = self.theme.fonts.get("deck") or {}
        return deck.get("latin", "Arial"), deck.get("east_asian", "Malgun Gothic")

    def with_icons(self, timeline: Timeline | None = None, names: tuple[str, ...] = ()) -> "Style":
        """This style also holding every icon the timeline's events name, and the bundled `names`, read once."""
        found = dict(self.icons)
        found.update(load_icons(timeline) if timeline is not None else {})
        found.update({name: icon_files.load_icon(name, None) for name in names if name not in found})
        return replace(self, icons=MappingProxyType(found))


def load_style(theme: str | None = None, font: str | None = None, timeline: Timeline | None = None) -> Style:
    """Load the theme, resolve its fonts (with `font` first in every role) and read the timeline's icons."""
    loaded = load_theme(theme)
    style = Style(loaded, resolve(loaded.font_roles(), font))
    return style.with_icons(timeline) if timeline is not None else style


def load_icons(timeline: Timeline) -> dict[str, Icon]:
    """The icons the events name, by reference. Loading the data already refused icons outside
    its folder (unless allowed), so every reference left here may be read."""
    base = Path(timeline.path).parent if timeline.path else None
    refs = {event.icon for event in timeline.events if event.icon}
    return {ref: icon_files.load_icon(ref, base, allow_outside=True) for ref in sorted(refs)}


# --- formats ------------------------------------------------------------------------


@dataclass(frozen=True)
class PosterFormat:
    """The poster's trim in points (already oriented), its bleed and crop marks."""

    width: float
    height: float
    label: str = ""
    orientation: str = "landscape"
    bleed: float = 0.0
    crop_marks: bool = False
    min_type: float | None = None     # a type floor in points the user insists on (--min-type)
    lanes: str | None = None          # "category" or "group": a swimlane per category (or group) on one time axis


@dataclass(frozen=True)
class TileFormat:
    """Office-printer sheets for a tiled poster: portrait sheet size, glue overlap and printer margin."""

    paper: str
    short: float
    long: float
    overlap: float = 10 * MM
    margin: float = 5 * MM
    skip_blank: bool = False     # leave out tiles with nothing of the poster printed on them


@dataclass(frozen=True)
class DeckFormat:
    """The slide size."""

    aspect: str = "16:9"
    width: float = 960.0
    height: float = 540.0


@dataclass(frozen=True)
class PaperFormat:
    """Portrait paper for handouts; `per_page` is the slides per page of a slide handout (3 or 6)."""

    name: str = "A4"
    width: float = 210 * MM
    height: float = 297 * MM
    per_page: int = 0


def poster_format(size: str = "A0", orientation: str = "landscape", bleed: str = "0mm",
                  crop_marks: bool = False, min_type: str | None = None, lanes: str | None = None) -> PosterFormat:
    if orientation not in ORIENTATIONS:
        raise OptionError(f'orientation "{orientation}" is not one of {", ".join(ORIENTATIONS)}')
    label, width, height = parse_size(size)
    width, height = oriented(width, height, orientation)
    bleed_pt = parse_length(bleed)
    if bleed_pt > MAX_BLEED:
        raise OptionError(f'--bleed {bleed}: at most {MAX_BLEED / MM:g} mm (print shops ask for about 3 mm)')
    floor = parse_length(min_type, "pt") if min_type else None
    if lanes not in (None, "category", "group"):
        raise OptionError(f'--lanes "{lanes}": lanes can be by category or by group')
    return PosterFormat(width, height, label, orientation, bleed_pt, crop_marks, floor, lanes)


def tile_format(paper: str = "A4", overlap: str = "10mm", margin: str = "5mm", skip_blank: bool = False) -> TileFormat:
    label, short, long = parse_size(paper)
    overlap_pt, margin_pt = parse_length(overlap), parse_length(margin)
    if 2 * margin_pt + overlap_pt >= short:
        raise OptionError(f"--margin {margin} and --overlap {overlap} leave nothing of a {label or paper} sheet "
                          f"({short / MM:.0f} mm wide): twice the margin plus the overlap must be smaller")
    return TileFormat(label if label else paper, short, long, overlap_pt, margin_pt, skip_blank)


def deck_format(aspect: str = "16:9") -> DeckFormat:
    if aspect not in ASPECTS:
        raise OptionError(f'aspect "{aspect}" is not one of {", ".join(ASPECTS)}')
    return DeckFormat(aspect, *ASPECTS[aspect])


def paper_format(paper: str = "A4", per_page: int = 0) -> PaperFormat:
    if per_page not in (0, 3, 6):
        raise OptionError(f"slides per page must be 3 or 6, not {per_page}")
    label, width, height = parse_size(paper)
    return PaperFormat(label, width, height, per_page)
