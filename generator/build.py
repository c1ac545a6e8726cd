"""Turn a data file into output files: one function per product, plus `build_all`."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from generator.errors import DataError, FontError, RenderError, TimelineError
from generator import forks
from generator.forks import available_cores
from generator.icons import bundled_icons, bundled_names
from generator.report import write_report
from generator.layout.poster import layout_poster
from generator.layout.sheet import icon_sheet as sheet_layout
from generator.load import load
from generator import output
from generator.model import Timeline
from generator.resources import shipped
from generator.sizes import MM
from generator.coverage import missing_characters
from generator.labels import locale_for
from generator.scripts import base_language
from generator.words import fallback_note, words
from generator.theme import theme_names
from generator.style import (DeckFormat, PaperFormat, PosterFormat, Style, TileFormat, deck_format, load_style,
                             paper_format, poster_format, tile_format)

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
    skip_blank: bool = False
    aspect: str = "16:9"
    template: str | None = None
    paper: str = "A4"
    min_type: str | None = None
    report: str | None = None
    lanes: str | None = None
    dpi: int = 150


@dataclass(frozen=True)
class Written:
    """One file a build wrote, for the summary table."""

    path: Path
    kind: str
    lang: str
    pages: int
    detail: str
    notices: tuple[str, ...] = ()

    @property
    def size_kb(self) -> float:
        return self.path.stat().st_size / 1024


@dataclass(frozen=True)
class Settings:
    """The options resolved once, at the edge: the Style and the typed format of every output."""

    options: Options
    style: Style
    poster: PosterFormat
    tiles: TileFormat | None
    deck: DeckFormat
    paper: PaperFormat


def resolve(options: Options, timeline: Timeline | None = None, refuse_missing: bool = True,
            style: Style | None = None) -> Settings:
    """Parse every option string, load the theme, open its fonts and read the timeline's icons: once.

    `refuse_missing=False` (for `check`, which reports them with everything else) lets
    characters no installed font has through. `style` is what `load_style(options.theme, options.font)`
    gave already, if it was called (`check` calls it before the data is read).
    """
    poster_fmt = poster_format(options.size, options.orientation, options.bleed, options.crop_marks,
                               options.min_type, options.lanes)
    tiles = tile_format(options.tile, options.overlap, options.margin, options.skip_blank) if options.tile else None
    deck_fmt, paper = deck_format(options.aspect), paper_format(options.paper)
    if style is None:
        style = load_style(options.theme, options.font, timeline)
    elif timeline is not None:
        style = style.with_icons(timeline)
    if timeline is not None:
        prepare_languages(timeline, style, options.langs or timeline.languages, refuse_missing)
    return Settings(options, style, poster_fmt, tiles, deck_fmt, paper)


def prepare_languages(timeline: Timeline, style: Style, langs: tuple[str, ...], refuse_missing: bool = True) -> None:
    """Load each language's words and CLDR data now, and refuse characters no installed font has.

    English dates are the project's own style (`labels.format_date`): no CLDR data is loaded for them.
    """
    for lang in langs:
        _load_language(lang)
    problems = missing_characters(timeline, style.fonts, langs) if refuse_missing else []
    if problems:
        raise FontError("\n".join(str(p) for p in problems))


def _load_language(lang: str) -> None:
    words(lang)
    if base_language(lang) != "en":
        locale_for(lang)


_LANGUAGES = re.compile(r"^languages:[ \t]*(?:\[([^\]\n]*)\]|\n((?:[ \t]*-[^\n]*\n?)+))", re.MULTILINE)
_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def warm_languages(path: str | Path) -> None:
    """Load the words and CLDR data of the languages a YAML data file lists near its top, before the file is
    read (`check` does it while another process reads the data). Only a guess that saves time: `resolve`
    loads what the data really names, and raises what it would raise."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))     # never waits on a pipe
    except (OSError, ValueError):
        return
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):      # a pipe's bytes are the reader's alone
            return
        head = os.read(fd, 1 << 16).decode("utf-8", "replace")
    except OSError:
        return
    finally:
        os.close(fd)
    found = _LANGUAGES.search(head)
    if found is None:
        return
    listed = (found[1] or "").split(",") if found[1] is not None else \
        [line.strip()[1:] for line in found[2].splitlines()]
    for code in listed[:8]:
        code = code.strip().strip("'\"")
        if _CODE.fullmatch(code):
            try:
                _load_language(code)
            except Exception:  # noqa: BLE001  (a language we cannot load: resolve says so, located)
                pass


def language_notes(langs) -> list[str]:
    """One note per language whose furniture words fall back to English."""
    return [note for note in (fallback_note(lang) for lang in dict.fromkeys(langs) if lang != "-") if note]


def open_data(data: str | Path, options: Options) -> Timeline:
    return load(data, options.allow_outside_assets)


def run_inputs(timeline: Timeline, settings: Settings) -> list[tuple[str, Path]]:
    """The files a build reads, as (role, path): no output may be written onto them."""
    options = settings.options
    found = [("data file", Path(timeline.path))] if timeline.path else []
    found += [("icon", icon.source) for icon in settings.style.icons.values()]
    for role, value in (("theme", options.theme), ("font", options.font), ("template", options.template)):
        if value and Path(value).is_file():
            found.append((role, Path(value)))
    found += [("font", Path(face.path)) for face in settings.style.fonts.faces()]
    return found


def _fonts_used(doc) -> str:
    used = sorted({run.face for page in doc.pages for item in page.items if hasattr(item, "lines")
                   for line in item.lines for run in line.runs})
    return ", ".join(used)


def poster(timeline: Timeline, lang: str, settings: Settings, out: Path) -> Written:
    """Lay out and write the poster for one language (as tiles when a tile paper is set)."""
    fmt, options = settings.poster, settings.options
    doc = layout_poster(timeline, lang, settings.style, fmt)
    poster_doc = doc
    detail = f"{fmt.label} {fmt.orientation} {fmt.width / MM:.0f}x{fmt.height / MM:.0f} mm; fonts: {_fonts_used(doc)}"
    kind = "poster"
    if settings.tiles:
        from generator.layout.tiles import layout_tiles, tile_grid
        grid = tile_grid(fmt.width, fmt.height, settings.tiles)
        doc = layout_tiles(doc, lang, settings.style, settings.tiles)
        kind = "poster tiles"
        left_out = grid.count - (len(doc.pages) - 1)
        skipped = f" ({left_out} blank left out)" if left_out else ""
        detail = (f"{fmt.label} poster on {grid.cols}x{grid.rows} {options.tile} {grid.orientation} sheets{skipped} "
                  f"+ assembly map, {options.overlap} overlap; fonts: {_fonts_used(doc)}")
    notices = poster_doc.notices
    with output.protecting(run_inputs(timeline, settings)):
        out, note = _write_pdf(doc, out, options)
    if options.report:
        write_report(poster_doc, Path(options.report))
    return Written(out, kind, lang, len(doc.pages), detail + note, tuple(f"{out}: {n}" for n in notices))


def deck_scene(timeline: Timeline, lang: str, settings: Settings):
    """The deck laid out as scenes (shared by the deck and the slide handout); inside the template if given."""
    from generator.layout.deck import Frame, layout_deck
    template = settings.options.template
    if not template:
        return layout_deck(timeline, lang, settings.style, settings.deck)
    from generator.render.pptx_template import look_colors, read_look
    look = read_look(template)
    theme = settings.style.theme
    style = replace(settings.style, theme=replace(theme, colors=MappingProxyType(look_colors(theme.colors, look))))
    fmt = DeckFormat(settings.deck.aspect, look.width, look.height)
    return layout_deck(timeline, lang, style, fmt, Frame(look.width, look.height, look.title, look.body))


def deck(timeline: Timeline, lang: str, settings: Settings, out: Path, slides=None) -> Written:
    """Write the PPTX deck for one language (`slides`: its scene, if already laid out)."""
    from generator.render.pptx import render_pptx   # python-pptx is slow to import: only for decks
    options = settings.options
    slides = slides or deck_scene(timeline, lang, settings)
    if is_preview(out):      # the slides' scenes drawn by the PDF renderer, then rendered by PDFium
        with output.protecting(run_inputs(timeline, settings)):
            out, note = _write_pdf(slides, out, options)
        return Written(out, "deck", lang, len(slides.pages), f"{options.aspect} slides" + note)
    with output.protecting(run_inputs(timeline, settings)):
        render_pptx(slides, out, settings.style.theme, template=options.template)
    return Written(out, "deck", lang, len(slides.pages), f"{options.aspect} slides"
                   + (f" on {Path(options.template).name}" if options.template else ""))


def handout(timeline: Timeline, lang: str, settings: Settings, out: Path, per_page: int | None = None,
            slides=None) -> Written:
    """Write the reading handout, or with `per_page` the 3- or 6-per-page slide handout."""
    from generator.layout.handout import layout_handout
    from generator.layout.slides import layout_slide_handout
    paper = settings.paper
    if per_page:
        slides = slides or deck_scene(timeline, lang, settings)
        doc = layout_slide_handout(slides, lang, settings.style, paper_format(paper.name, per_page))
        detail = f"{len(slides.pages)} slides, {per_page} per page, {settings.options.paper}"
    else:
        doc = layout_handout(timeline, lang, settings.style, paper)
        detail = settings.options.paper
    with output.protecting(run_inputs(timeline, settings)):
        out, note = _write_pdf(doc, out, settings.options)
    return Written(out, "slide handout" if per_page else "handout", lang, len(doc.pages), detail + note)


def is_preview(out: Path) -> bool:
    """A .png target asks for PNG previews instead of the product's own format."""
    return Path(out).suffix.lower() == ".png"


def _write_pdf(doc, out: Path, options: Options) -> tuple[Path, str]:
    """Write doc as a PDF, or for a .png target as PNG previews of that PDF.

    Returns the (first) file written and a note for the summary table.
    """
    if not is_preview(out):
        from generator.render.pdf import render_pdf
        render_pdf(doc, out)
        return out, ""
    from generator.render.png import render_png
    written = render_png(doc, out, options.dpi)
    names = written[0].name if len(written) == 1 else f"{written[0].name} ... {written[-1].name}"
    return written[0], f"; PNG from the PDF at {options.dpi} dpi: {names}"


def icon_sheet(out: Path, theme: str | None = None) -> Written:
    """Write the contact sheet of every bundled icon, as PDF or PNG by the file's suffix."""
    style = load_style(theme).with_icons(names=tuple(bundled_names()))
    doc = sheet_layout(style, columns=6, cell=96)
    with output.protecting(("font", face.path) for face in doc.fonts):
        out, note = _write_pdf(doc, out, Options())
    return Written(out, "icon sheet", "-", len(doc.pages), f"{len(bundled_icons())} icons" + note)


def themes_sheet(out: Path, data: str | Path | None = None, lang: str | None = None) -> Written:
    """Write a PDF with a sample page per bundled theme: its colours, markers and the data's poster (A3)."""
    from generator.layout.themes_sheet import themes_sheet as sheet_layout
    timeline = load(data or default_data())
    lang = lang or timeline.languages[0]
    fmt = poster_format("A3", "landscape")
    samples = []
    for name in theme_names():
        style = load_style(name, None, timeline)
        samples.append((style, layout_poster(timeline, lang, style, fmt)))
    doc = sheet_layout(samples, samples[0][0])
    from generator.render.pdf import render_pdf
    render_pdf(doc, out)
    return Written(out, "theme sheet", lang, len(doc.pages), ", ".join(theme_names()))


def languages(timeline: Timeline, options: Options) -> tuple[str, ...]:
    return options.langs or timeline.languages


def build_all(data: str | Path, out_dir: str | Path, options: Options, jobs: int | None = None) -> list[Written]:
    """Write every product for every language of the data into out_dir.

    Each file is written to a temporary name and moved into place, so a failure
    leaves no half-written file behind. The options are resolved once for the whole build.
    The products are built by `jobs` processes (default: one per available core, at most
    one per product): this one and others forked from it, so they share its parsed fonts;
    1 builds here only.
    The build holds a lock on out_dir: a second build into it waits.
    """
    timeline = open_data(data, options)
    settings = resolve(options, timeline)
    out_dir = Path(out_dir)
    stem = Path(data).stem
    with output.folder_lock(out_dir):
        return _build_parts(timeline, settings, out_dir, stem, jobs)


def _build_parts(timeline: Timeline, settings: Settings, out_dir: Path, stem: str, jobs: int | None) -> list[Written]:
    tasks = [(timeline, lang, settings, out_dir / f"{stem}-{lang}", part)
             for lang in languages(timeline, settings.options) for part in PARTS]
    jobs = min(jobs or available_cores(), len(tasks))
    if jobs <= 1 or not hasattr(os, "fork"):
        return _in_order([w for task in tasks for w in _build_part(*task)])
    import generator.layout.deck, generator.layout.handout, generator.render.pdf, generator.render.pptx  # noqa: E401,F401
    # (imported once, before the fork, rather than by each process)
    return _in_order(_forked(tasks, jobs))


def _forked(tasks: list[tuple], jobs: int) -> list[Written]:
    """Build the tasks here and in `jobs - 1` processes forked from this one, longest first.

    The forked processes share this one's memory (parsed fonts, loaded modules); the
    tasks wait in a pipe, two bytes per task, and each process takes the next by reading
    two bytes (an atomic read of a pipe), so a process that finishes early takes more.
    Every process stops taking tasks at the first failure (the pipe is emptied), the
    running ones finish, and the first failure is raised here, as a serial build would.
    """
    order = sorted(range(len(tasks)), key=lambda i: LONGEST_FIRST.index(tasks[i][4]))
    queue = forks.task_queue(order)
    children: list[tuple[int, int]] = []        # (pid, read end of its results pipe)
    try:
        forks.fork(jobs - 1, lambda: _take(tasks, queue), queue, children)
        results, failure = _take(tasks, queue)
        while children:
            child_results, child_failure = forks.collect(*children[0], _stopped)
            children.pop(0)
            results.update(child_results)
            failure = failure or child_failure
    except BaseException as exc:   # Ctrl-C (the others have it too), SIGTERM, a bug: the others stop
        forks.drain(queue)
        forks.stop(children, exc.signum if isinstance(exc, output.Terminated) else None)
        raise
    finally:
        os.close(queue)
    if failure is not None:
        raise failure.error() if isinstance(failure, _Failure) else failure
    return [w for i in range(len(tasks)) for w in results[i]]


def _take(tasks: list[tuple], queue: int) -> tuple[dict[int, list[Written]], _Failure | None]:
    """Build tasks taken from the queue until it is empty or one fails (then empty it)."""
    results: dict[int, list[Written]] = {}
    while (index := forks.next_task(queue)) is not None:
        try:
            results[index] = _build_part(*tasks[index])
        except TimelineError as exc:
            forks.drain(queue)
            return results, _Failure(type(exc), str(exc))
    return results, None


def _stopped(how: str) -> RenderError:
    return RenderError(f"a build process stopped unexpectedly ({how})")


PARTS = ("poster", "handout", "deck")
LONGEST_FIRST = ("deck", "handout", "poster")      # a deck is laid out once for the deck and its slide handout
KIND_ORDER = ("poster", "poster tiles", "deck", "handout", "slide handout")


def _in_order(written: list[Written]) -> list[Written]:
    """Per language (in the order built): poster, deck, handout, slide handout."""
    langs = list(dict.fromkeys(w.lang for w in written))
    return sorted(written, key=lambda w: (langs.index(w.lang), KIND_ORDER.index(w.kind)))


def _build_part(timeline: Timeline, lang: str, settings: Settings, base: Path, part: str) -> list[Written]:
    """One language's poster, its handout, or its deck and slide handout (one deck layout for both)."""
    if part == "poster":
        return [poster(timeline, lang, settings, Path(f"{base}-poster.pdf"))]
    if part == "handout":
        return [handout(timeline, lang, settings, Path(f"{base}-handout.pdf"))]
    slides = deck_scene(timeline, lang, settings)
    return [deck(timeline, lang, settings, Path(f"{base}-deck.pptx"), slides),
            handout(timeline, lang, settings, Path(f"{base}-slides-3up.pdf"), 3, slides)]


@dataclass(frozen=True)
class _Failure:
    """A worker's TimelineError, carried back as its class and message."""

    kind: type
    message: str

    def error(self) -> TimelineError:
        return self.kind(self.message) if self.kind is not DataError else TimelineError(self.message)
