"""Turn a data file into output files: one function per product, plus `build_all`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import FontError
from generator.fonts import INSTALL_HINT, resolve
from generator.icons import bundled_icons
from generator.output import atomic_path
from generator.layout.poster import layout_poster
from generator.load import load
from generator.model import Timeline
from generator.render.pdf import render_pdf
from generator.sizes import oriented, parse_length, parse_size
from generator.theme import load_theme

DEFAULT_DATA = Path("data/container-history.yaml")
BUNDLED_DATA = Path(__file__).resolve().parent.parent / DEFAULT_DATA


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


def poster(timeline: Timeline, lang: str, options: Options, out: Path) -> Written:
    """Lay out and write the poster for one language."""
    theme = load_theme(options.theme)
    fonts = resolve(theme.font_roles(), options.font)
    label, width, height = parse_size(options.size)
    width, height = oriented(width, height, options.orientation)
    bleed = parse_length(options.bleed)
    doc = layout_poster(timeline, lang, theme, fonts, width, height, bleed, options.crop_marks)
    render_pdf(doc, out)
    used = sorted({run.face for item in doc.pages[0].items if hasattr(item, "lines")
                   for line in item.lines for run in line.runs})
    detail = f"{label} {options.orientation} {width / 72 * 25.4:.0f}x{height / 72 * 25.4:.0f} mm; fonts: {', '.join(used)}"
    return Written(out, "poster", lang, len(doc.pages), detail)


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
        with atomic_path(out) as temp:
            render_png(doc, temp.with_suffix(".png"))
            temp.with_suffix(".png").replace(temp)
    else:
        render_pdf(doc, out)
    return Written(out, "icon sheet", "-", len(doc.pages), f"{len(bundled_icons())} icons")


def languages(timeline: Timeline, options: Options) -> tuple[str, ...]:
    return options.langs or timeline.languages


def build_all(data: str | Path, out_dir: str | Path, options: Options) -> list[Written]:
    """Write every product for every language of the data into out_dir."""
    timeline = open_data(data, options)
    out_dir = Path(out_dir)
    stem = Path(data).stem
    written = []
    for lang in languages(timeline, options):
        written.append(poster(timeline, lang, options, out_dir / f"{stem}-{lang}-poster.pdf"))
    return written
