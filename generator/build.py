"""Turn a data file into output files: one function per product, plus `build_all`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import FontError
from generator.fonts import INSTALL_HINT, resolve
from generator.icons import bundled_icons
from generator.output import atomic_path
from generator.layout.deck import layout_deck
from generator.layout.handout import layout_handout
from generator.layout.poster import layout_poster
from generator.layout.slides import layout_slide_handout
from generator.layout.tiles import layout_tiles, tile_grid
from generator.load import load
from generator.model import Timeline
from generator.render.pdf import render_pdf
from generator.render.pptx import render_pptx
from generator.resources import shipped
from generator.sizes import MM, oriented, parse_length, parse_size
from generator.theme import load_theme

DEFAULT_DATA = Path("data/container-history.yaml")
BUNDLED_DATA = shipped("data") / DEFAULT_DATA.name


def default_data() -> Path:
    """data/container-history.yaml here, else the one beside the package."""
    return DEFAULT_DATA if DEFAULT_DATA.exists() or not BUNDLED_DATA.exists() else BUNDLED_DATA


@dataclass(frozen=True)
class Options:
    """Everything a build may be asked for, as given on the command line."""

    size: str = "A0"
    orientation: str = "landscape"
    theme: str | None = None
    font: str | None = None
    bleed: str = "0mm"
    crop_marks: bool = False
    allow_outside_assets: bool = False
    langs: tuple[str, ...] = field(default_factory=tuple)
    tile: str | None = None
    overlap: str = "10mm"
    margin: str = "5mm"
    aspect: str = "16:9"
    template: str | None = None
    paper: str = "A4"


@dataclass(frozen=True)
class Written:
    """One file a build wrote, for the summary table."""

    path: Path
    kind: str
    lang: str
    pages: int
    detail: str

    @property
    def size_kb(self) -> float:
        return self.path.stat().st_size / 1024


def open_data(data: str | Path, options: Options) -> Timeline:
    return load(data, options.allow_outside_assets)


def _theme_and_fonts(options: Options):
    theme = load_theme(options.theme)
    return theme, resolve(theme.font_roles(), options.font)


def _fonts_used(doc) -> str:
    used = sorted({run.face for page in doc.pages for item in page.items if hasattr(item, "lines")
                   for line in item.lines for run in line.runs})
    return ", ".join(used)


def poster(timeline: Timeline, lang: str, options: Options, out: Path) -> Written:
    """Lay out and write the poster for one language (as tiles when options.tile is set)."""
    theme, fonts = _theme_and_fonts(options)
    label, width, height = parse_size(options.size)
    width, height = oriented(width, height, options.orientation)
    bleed = parse_length(options.bleed)
    doc = layout_poster(timeline, lang, theme, fonts, width, height, bleed, options.crop_marks)
    detail = f"{label} {options.orientation} {width / MM:.0f}x{height / MM:.0f} mm; fonts: {_fonts_used(doc)}"
    kind = "poster"
    if options.tile:
        overlap, margin = parse_length(options.overlap), parse_length(options.margin)
        grid = tile_grid(width, height, options.tile, overlap, margin)
        doc = layout_tiles(doc, options.tile, overlap, margin, lang, fonts=fonts)
        kind = "poster tiles"
        detail = (f"{label} poster on {grid.cols}x{grid.rows} {options.tile} {grid.orientation} sheets "
                  f"+ assembly map, {options.overlap} overlap; fonts: {_fonts_used(doc)}")
    render_pdf(doc, out)
    return Written(out, kind, lang, len(doc.pages), detail)


def deck_scene(timeline: Timeline, lang: str, options: Options):
    """The deck laid out as scenes (shared by the deck and the slide handout)."""
    theme, fonts = _theme_and_fonts(options)
    return layout_deck(timeline, lang, theme, fonts, options.aspect)


def deck(timeline: Timeline, lang: str, options: Options, out: Path, slides=None) -> Written:
    """Write the PPTX deck for one language (`slides`: its scene, if already laid out)."""
    slides = slides or deck_scene(timeline, lang, options)
    render_pptx(slides, out, load_theme(options.theme), template=options.template)
    return Written(out, "deck", lang, len(slides.pages), f"{options.aspect} slides"
                   + (f" on {Path(options.template).name}" if options.template else ""))


def handout(timeline: Timeline, lang: str, options: Options, out: Path, per_page: int | None = None,
            slides=None) -> Written:
    """Write the reading handout, or with `per_page` the 3- or 6-per-page slide handout."""
    theme, fonts = _theme_and_fonts(options)
    if per_page:
        slides = slides or deck_scene(timeline, lang, options)
        doc = layout_slide_handout(slides, options.paper, per_page, lang, fonts=fonts)
        detail = f"{len(slides.pages)} slides, {per_page} per page, {options.paper}"
    else:
        doc = layout_handout(timeline, lang, theme, fonts, options.paper)
        detail = options.paper
    render_pdf(doc, out)
    return Written(out, "slide handout" if per_page else "handout", lang, len(doc.pages), detail)


def icon_sheet(out: Path) -> Written:
    """Write the contact sheet of every bundled icon, as PDF or PNG by the file's suffix."""
    from generator.fonts import LATIN, find_face
    from generator.layout.sheet import icon_sheet as sheet_layout
    from generator.render.png import render_png
    face = find_face(LATIN["regular"])
    if face is None:
        raise FontError(f"no Latin TrueType font for the sheet's labels; {INSTALL_HINT}")
    doc = sheet_layout(columns=6, cell=96, font_face=face.font_face)
    if out.suffix.lower() == ".png":
        with atomic_path(out, keep_suffix=True) as temp:
            render_png(doc, temp)
    else:
        render_pdf(doc, out)
    return Written(out, "icon sheet", "-", len(doc.pages), f"{len(bundled_icons())} icons")


def languages(timeline: Timeline, options: Options) -> tuple[str, ...]:
    return options.langs or timeline.languages


def build_all(data: str | Path, out_dir: str | Path, options: Options) -> list[Written]:
    """Write every product for every language of the data into out_dir.

    Each file is written to a temporary name and moved into place, so a failure
    leaves no half-written file behind.
    """
    timeline = open_data(data, options)
    out_dir = Path(out_dir)
    stem = Path(data).stem
    written = []
    for lang in languages(timeline, options):
        base = out_dir / f"{stem}-{lang}"
        written.append(poster(timeline, lang, options, Path(f"{base}-poster.pdf")))
        slides = deck_scene(timeline, lang, options)
        written.append(deck(timeline, lang, options, Path(f"{base}-deck.pptx"), slides))
        written.append(handout(timeline, lang, options, Path(f"{base}-handout.pdf")))
        written.append(handout(timeline, lang, options, Path(f"{base}-slides-3up.pdf"), 3, slides))
    return written
