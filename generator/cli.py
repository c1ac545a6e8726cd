"""The `timeline` command line. The only module that imports Click.

Exit codes: 0 success; 1 a problem with the user's input or environment (one
located line, no traceback); 2 a usage error (Click); 130 on Ctrl-C (143 on
SIGTERM); an internal error prints one line asking for a bug report, and its
traceback only with `--debug`. The heavy modules are imported only once a command
runs, so Ctrl-C during start-up is handled too.
"""

from __future__ import annotations

import sys
from dataclasses import replace
import traceback
from pathlib import Path

import click

from generator.errors import DataError, OptionError, TimelineError, one_line

BUG_REPORT = "please report this as a bug, with the command and the data file"

quick_exit = False      # set by a command that writes no file: `timeline` ends without the interpreter's teardown


class _Main(click.Group):
    """The command group that keeps the exit contract for every command."""

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt:
            click.echo("\ninterrupted", err=True)
            sys.exit(130)

    def invoke(self, ctx: click.Context):
        try:
            from generator import output
            output.install_signal_handlers()
            output.on_wait = lambda message: click.echo(message, err=True)
            return super().invoke(ctx)
        except TimelineError as exc:
            _fail(exc)
        except KeyboardInterrupt:
            click.echo("\ninterrupted", err=True)
            sys.exit(130)
        except output.Terminated as exc:
            click.echo(f"terminated (signal {exc.signum})", err=True)
            sys.exit(128 + exc.signum)
        except RecursionError:
            raise click.ClickException("the input is nested too deeply to process") from None
        except MemoryError:
            raise click.ClickException("out of memory; the input is too large to process") from None
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:  # a bug: one line, the traceback only with --debug
            stop = _stopped_by(exc, output.Terminated)
            if isinstance(stop, KeyboardInterrupt):     # Ctrl-C inside a library's bare `except:` (ReportLab's)
                click.echo("\ninterrupted", err=True)
                sys.exit(130)
            if stop is not None:
                click.echo(f"terminated (signal {stop.signum})", err=True)
                sys.exit(128 + stop.signum)
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            name = type(exc).__name__
            click.echo(f"internal error ({name}: {str(exc).splitlines()[0] if str(exc) else ''}); {BUG_REPORT}"
                       + ("" if ctx.obj and ctx.obj.get("debug") else " (run with --debug for details)"),
                       err=True)
            sys.exit(70)


def _stopped_by(exc: BaseException, terminated: type) -> BaseException | None:
    """The Ctrl-C (KeyboardInterrupt) or termination signal an exception was raised while handling, if any:
    a library that catches everything turns one into an error of its own."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, (KeyboardInterrupt, terminated)):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="timeline-generator")
@click.option("--debug", is_flag=True, envvar="TIMELINE_DEBUG", help="Show the traceback of an internal error.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn a YAML file of dated events into posters, decks and handouts."""
    ctx.obj = {"debug": debug}


def _print_problems(exc: DataError) -> None:
    """Print every problem and warning of a broken data file, one located line each; exit 1."""
    for problem in exc.problems + exc.warnings:
        click.echo(str(problem), err=True)
    sys.exit(1)


def _fail(exc: TimelineError) -> None:
    """Turn a project error into a Click error (exit 1, no traceback): one line per problem."""
    if isinstance(exc, DataError):
        raise click.ClickException("\n".join(str(p) for p in exc.problems) or str(exc)) from None
    raise click.ClickException(one_line(str(exc))) from None


@main.command()
@click.argument("data", type=click.Path(path_type=Path))
@click.option("--allow-outside-assets", is_flag=True, help="Allow icon files outside the data file's folder.")
@click.option("--size", default="A0", show_default=True, help="The poster sheet to predict, as for `poster`.")
@click.option("--orientation", type=click.Choice(["landscape", "portrait"]), default="landscape", show_default=True)
@click.option("--aspect", type=click.Choice(["16:9", "4:3"]), default="16:9", show_default=True)
@click.option("--paper", type=click.Choice(["A4", "letter"], case_sensitive=False), default="A4", show_default=True)
@click.option("--lang", default=None, help="Predict one language only (default: every language of the data).")
@click.option("--theme", default=None, help="Check colours and lay out with this theme (a bundled name or a .yaml file).")
@click.option("--font", default=None, help="A TrueType file put first in every font role.")
@click.option("--strict-colors", is_flag=True, help="Colours too faint for the theme's contrast are errors.")
@click.option("--no-layout", is_flag=True, help="Only check the file (fast, light); do not lay out the outputs.")
@click.option("--ids", is_flag=True, help="List the ids derived from date and title for events without one.")
def check(data: Path, allow_outside_assets: bool, no_layout: bool, ids: bool, lang: str | None,
          strict_colors: bool, **kw) -> None:
    """Validate a data file and predict every build: print every problem found, located."""
    global quick_exit
    quick_exit = True
    early = None
    if not no_layout:     # the layouts' process, forked first: it opens the fonts while this one reads the data
        from generator.predict import ahead
        early = ahead(lambda: _warm(kw, data), lambda timeline: _settings(timeline, allow_outside_assets, kw),
                      _characters)
    from generator.colors import color_problems
    from generator.importers import read_tree
    from generator.load import load_tree
    from generator.predict import Locator, derived_ids, implausible_dates
    from generator.theme import load_theme
    missing = None
    try:
        root = read_tree(data)
        timeline, warnings = load_tree(root, data, allow_outside_assets)
        colors = color_problems(timeline, load_theme(kw["theme"]))
        langs = (_language(timeline, lang),) if lang else timeline.languages
        if no_layout:
            found = implausible_dates(timeline, Locator(root, timeline))
        elif early is not None:
            found, missing = early.predict(timeline, root, langs)
        else:
            from generator.predict import predict
            found = predict(timeline, root, _settings(timeline, allow_outside_assets, kw), langs)
    except DataError as exc:
        _print_problems(exc)
    except TimelineError as exc:
        _fail(exc)
    finally:
        if early is not None:
            early.close()
    if strict_colors and colors:
        for problem in warnings + [replace(p, warning=False) for p in colors]:
            click.echo(str(problem), err=True)
        sys.exit(1)
    warnings = warnings + colors
    for problem in warnings + found:
        click.echo(str(problem), err=True)
    if ids:
        for where, path, event in derived_ids(timeline, Locator(root, timeline)):
            click.echo(f"{where}: {path}.id: {event.id}")
    errors = [p for p in found if not p.warning]
    if errors:
        sys.exit(1)
    _check_characters(timeline, missing)
    warned = len(warnings) + len(found)
    derived = sum(1 for e in timeline.events if e.derived_id)
    first = timeline.events[0]
    last = max((e.end or e.date for e in timeline.events), key=lambda d: d.end_decimal())
    click.echo(f"{data}: OK: {len(timeline.events)} events, {len(timeline.eras)} eras, "
               f"{len(timeline.categories)} categories, {len(timeline.sources)} sources, "
               f"languages {', '.join(timeline.languages)}, "
               f"{first.date.format('en')} to {last.format('en')}"
               + (f", {derived} derived ids (--ids lists them)" if derived and not ids else "")
               + (f" ({warned} warnings)" if warned else ""))


def _column_map(text: str | None) -> dict[str, str]:
    """`date=When,title=What` as {"date": "When", "title": "What"}."""
    if not text:
        return {}
    found = {}
    for part in text.split(","):
        field, sep, column = part.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise click.BadParameter(f'"{part}" is not FIELD=COLUMN (e.g. date=When,title=What)',
                                     param_hint="--map")
        found[field.strip().lower()] = column.strip()
    return found


@main.command(name="import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="The YAML file to write (default: print to standard output).")
@click.option("--from", "fmt", type=click.Choice(["timelinejs", "timelinejs-sheet", "sheet", "table", "markwhen"]),
              default=None, help="The source format (default: by extension and content).")
@click.option("--map", "column_map", default=None,
              help="Columns of a table: FIELD=COLUMN,... e.g. date=When,title=What,summary=Notes,category=Type.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def import_command(source: Path, output: Path | None, fmt: str | None, column_map: str | None, force: bool) -> None:
    """Convert a TimelineJS JSON/CSV/XLSX, Markwhen or spreadsheet file into our YAML."""
    from generator.importing import import_file
    try:
        text, notes, timeline = import_file(source, fmt, _column_map(column_map), output, force)
    except DataError as exc:
        _print_problems(exc)
    except TimelineError as exc:
        _fail(exc)
    for note in notes:
        click.echo(note, err=True)
    if output is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {output}: {len(timeline.events)} events, {len(timeline.eras)} eras; "
                   f"next: timeline check {output}", err=True)


@main.command(name="export")
@click.argument("data", type=click.Path(path_type=Path))
@click.option("--to", "fmt", type=click.Choice(["timelinejs"]), default="timelinejs", show_default=True,
              help="The format to write.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="The file to write (default: print to standard output).")
@click.option("--lang", default=None, help="Language of the text (default: the data's first).")
def export_command(data: Path, fmt: str, output: Path | None, lang: str | None) -> None:
    """Export the data as TimelineJS JSON, for the same timeline on the web."""
    from generator.exporting import export_file
    try:
        text = export_file(data, output, lang)
    except DataError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    except TimelineError as exc:
        _fail(exc)
    if output is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {output}", err=True)


def _check_characters(timeline, missing=None) -> None:
    """Every character no installed font has, located; exit 1 if there is any (outputs would fail).
    `missing`: what `_characters(timeline)` returned, if it ran already (beside the layouts)."""
    if missing is None:
        missing = _characters(timeline)
    if isinstance(missing, TimelineError):
        _fail(missing)
    if isinstance(missing, BaseException):
        raise missing
    for problem in missing:
        click.echo(str(problem), err=True)
    if missing:
        sys.exit(1)


def _characters(timeline):
    """The located characters no installed font has, or the error that stopped the search."""
    from generator.coverage import missing_characters
    try:
        return missing_characters(timeline)
    except Exception as exc:
        return exc


def _warm(kw: dict, data: Path) -> None:
    """What `check`'s layouts will need, loaded before the data is read: the layout modules, the theme and its
    fonts (kept for `_settings`), the languages the file lists near its top."""
    from generator import build, predict
    predict._import_layouts()
    _warmed.append(build.load_style(kw["theme"], kw["font"]))
    build.warm_languages(data)


_warmed: list = []      # in check's layouts process: the style `_warm` loaded


def _settings(timeline, allow_outside_assets: bool, kw: dict):
    """The options of `check`, resolved as a build resolves them."""
    from generator import build
    options = build.Options(allow_outside_assets=allow_outside_assets, **kw)
    return build.resolve(options, timeline, refuse_missing=False, style=_warmed[0] if _warmed else None)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(file: Path, force: bool) -> None:
    """Write a commented starter data file."""
    from generator.starter import write_starter
    try:
        write_starter(file, force)
    except TimelineError as exc:
        _fail(exc)
    click.echo(f"wrote {file}; next: timeline check {file}")


def _build():
    """The build module, imported only by commands that write files (keeps --help and check fast)."""
    from generator import build
    return build


def _options(**kw):
    lang = kw.pop("lang", None)
    return _build().Options(langs=(lang,) if lang else (), **kw)


def _report(written: list) -> None:
    """A table of what was written: file, kind, language, pages or slides, size, details."""
    rows = [(str(w.path), w.kind, w.lang, f"{w.pages} {'slide' if w.kind == 'deck' else 'page'}"
             + ("s" if w.pages != 1 else ""),
             f"{w.size_kb:,.0f} KB", w.detail) for w in written]
    header = ("file", "kind", "lang", "length", "size", "details")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(5)]
    for row in [header] + rows:
        click.echo("  ".join(cell.ljust(widths[i]) if i < 5 else cell for i, cell in enumerate(row)).rstrip())
    for w in written:
        for notice in w.notices:
            click.echo(f"note: {notice}", err=True)
    for note in _build().language_notes(w.lang for w in written):
        click.echo(note, err=True)


def _language(timeline, lang: str | None) -> str:
    if lang is None:
        return timeline.languages[0]
    if lang not in timeline.languages:
        raise OptionError(f'--lang {lang}: the data has {", ".join(timeline.languages)}')
    return lang


data_argument = click.argument("data", type=click.Path(path_type=Path))
output_option = click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
                             help="The file to write (default: output/<data>-<lang>-...).")
lang_option = click.option("--lang", default=None, help="Language of the text (default: the data's first).")
theme_option = click.option("--theme", default=None, help="A bundled theme name or a theme .yaml file.")
font_option = click.option("--font", default=None, help="A TrueType file put first in every font role.")
assets_option = click.option("--allow-outside-assets", is_flag=True,
                             help="Allow icon files outside the data file's folder.")
aspect_option = click.option("--aspect", type=click.Choice(["16:9", "4:3"]), default="16:9", show_default=True)


def with_options(*options):
    """Apply click options in the order they are listed."""
    def decorate(func):
        for option in reversed(options):
            func = option(func)
        return func
    return decorate


output_options = with_options(data_argument, output_option, lang_option, theme_option, font_option,
                              assets_option)

poster_options = with_options(
    click.option("--size", default="A0", show_default=True,
                 help="A0-A5, Letter, Legal, Tabloid, ARCH-C/D/E, or custom like 60x90cm."),
    click.option("--orientation", type=click.Choice(["landscape", "portrait"]), default="landscape",
                 show_default=True),
    theme_option,
    font_option,
    click.option("--bleed", default="0mm", show_default=True, help="Bleed past the trim, e.g. 3mm."),
    click.option("--crop-marks", is_flag=True, help="Draw crop marks outside the trim."),
    click.option("--min-type", default=None,
                 help="Smallest type allowed, e.g. 12pt: fail (naming a --size that fits) rather than go smaller."),
    click.option("--lanes", type=click.Choice(["category", "group"]), default=None,
                 help="A swimlane per category or per group (rows on landscape, columns on portrait) on one time axis."),
    assets_option,
)


def preview_options(native: str):
    """--format (the command's own format, or png) and --dpi for PNG previews."""
    return with_options(
        click.option("--format", "file_format", type=click.Choice([native, "png"]), default=None,
                     help=f"{native.upper()}, or PNG previews rendered from the PDF (default: by the -o suffix, "
                          f"else {native})."),
        click.option("--dpi", type=click.IntRange(10, 1200), default=150, show_default=True,
                     help="Resolution of PNG previews."),
    )


def _output_format(output: Path | None, file_format: str | None, suffix: str) -> str:
    """The default file name's suffix: the asked --format, else that of -o, else the command's own."""
    if file_format and output is not None and output.suffix.lower() != f".{file_format}":
        raise OptionError(f"-o {output}: --format {file_format} writes a .{file_format} file")
    if file_format:
        return suffix.rsplit(".", 1)[0] + f".{file_format}"
    return suffix


def _single(data: Path, output: Path | None, lang: str | None, suffix: str, make, **kw) -> None:
    """Shared body of the one-output commands: load, pick the language, write, report."""
    try:
        suffix = _output_format(output, kw.pop("file_format", None), suffix)
        options = _options(**kw)
        timeline = _build().open_data(data, options)
        lang = _language(timeline, lang)
        settings = _build().resolve(options, timeline)
        output = output or Path("output") / f"{data.stem}-{lang}-{suffix}"
        from generator.output import check_target
        check_target(output, _build().run_inputs(timeline, settings))   # refuse before the slow work
        _report([make(timeline, lang, settings, output)])
    except TimelineError as exc:
        _fail(exc)


@main.command()
@data_argument
@output_option
@lang_option
@poster_options
@click.option("--tile", default=None, help="Split the poster over A4 or Letter sheets (A4|letter).")
@click.option("--overlap", default="10mm", show_default=True, help="Glue margin shared by neighbouring tiles.")
@click.option("--margin", default="5mm", show_default=True, help="The printer's unprintable margin.")
@click.option("--skip-blank", is_flag=True, default=False,
              help="With --tile: leave out tiles with nothing of the poster printed on them (the map still shows them).")
@click.option("--report", default=None, type=click.Path(path_type=Path),
              help="Also write FILE.json: per event its card box, anchor point, rung and whether its summary was kept.")
@preview_options("pdf")
def poster(data: Path, output: Path | None, lang: str | None, **kw) -> None:
    """Lay out the wall poster as a print-ready PDF (or as tiles for an office printer), or a PNG preview."""
    suffix = f"poster-tiles-{kw['tile']}.pdf" if kw.get("tile") else "poster.pdf"
    _single(data, output, lang, suffix, _build().poster, **kw)


@main.command()
@output_options
@aspect_option
@click.option("--template", type=click.Path(path_type=Path), default=None,
              help="Build on this PowerPoint template (.pptx): its masters, layouts and theme.")
@preview_options("pptx")
def deck(data: Path, output: Path | None, lang: str | None, **kw) -> None:
    """Lay out the conference deck as a PowerPoint file, or its slides as PNG previews."""
    _single(data, output, lang, "deck.pptx", _build().deck, **kw)


@main.command()
@output_options
@aspect_option
@click.option("--paper", type=click.Choice(["A4", "letter"], case_sensitive=False), default="A4",
              show_default=True)
@click.option("--slides", type=click.Choice(["3", "6"]), default=None,
              help="Print the deck's slides, 3 per page with note lines, or 6 per page.")
@preview_options("pdf")
def handout(data: Path, output: Path | None, lang: str | None, slides: str | None, **kw) -> None:
    """Lay out the printable handout (or the slide handout) as a PDF, or its pages as PNG previews."""
    count = int(slides) if slides else None
    suffix = f"slides-{count}up.pdf" if count else "handout.pdf"

    def make(timeline, lang, settings, out):
        return _build().handout(timeline, lang, settings, out, count)

    _single(data, output, lang, suffix, make, **kw)


@main.command(name="build")
@click.argument("data", type=click.Path(path_type=Path), required=False)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("output"), show_default=True)
@poster_options
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes building outputs side by side (default: one per core).")
def build_command(data: Path, out_dir: Path, jobs: int | None, **kw) -> None:
    """Write every output for every language of the data into --out."""
    try:
        _report(_build().build_all(data or _build().default_data(), out_dir, _options(**kw), jobs))
    except TimelineError as exc:
        _fail(exc)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


@main.command()
@data_argument
@lang_option
@poster_options
@aspect_option
@click.option("--paper", type=click.Choice(["A4", "letter"], case_sensitive=False), default="A4",
              show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port of the preview page on 127.0.0.1 (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview page in the web browser.")
@click.option("--dpi", type=click.IntRange(10, 300), default=60, show_default=True,
              help="Resolution of the preview pictures.")
def watch(data: Path, lang: str | None, port: int, open_browser: bool, dpi: int, **kw) -> None:
    """Rebuild previews whenever the data, its icons or the theme change, on a local page."""
    import signal
    import threading
    import webbrowser

    from generator.watch import Previewer, serve, watch as watch_files
    if not data.is_file():
        _fail(OptionError(f"{data}: no such data file"))
    previewer = Previewer(data, _options(**kw), lang, dpi)
    previewer.start_workers(_build().available_cores())    # forked before the server's thread starts
    stop = threading.Event()
    try:
        server = serve(previewer, port)
    except TimelineError as exc:
        previewer.close()
        _fail(exc)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    click.echo(f"previewing {data} at {url} (Ctrl-C to stop)")
    if open_browser:
        webbrowser.open(url)

    def report(state: dict) -> None:
        if state["error"]:
            click.echo(f"build {state['generation']} failed:\n{state['error']}", err=True)
        else:
            click.echo(f"build {state['generation']}: {state['seconds']:.2f} s, {state['drawn']} pictures drawn")

    signal.signal(signal.SIGINT, signal.default_int_handler)     # even when started in the background
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        watch_files(previewer, stop, report)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        previewer.close()
    click.echo("stopped")


@main.command()
@click.option("--sheet", type=click.Path(path_type=Path), default=None,
              help="Write a sample of every theme (the data's poster in each) to this .pdf file.")
@click.option("--data", type=click.Path(path_type=Path), default=None,
              help="The data drawn in the samples (default: the bundled data).")
def themes(sheet: Path | None, data: Path | None) -> None:
    """List the bundled themes (use one with --theme NAME), or draw a sample of each."""
    try:
        if sheet is not None:
            if sheet.suffix.lower() != ".pdf":
                raise OptionError(f"--sheet {sheet}: the theme sheet is a .pdf file")
            _report([_build().themes_sheet(sheet, data)])
            return
        from generator.theme import load_theme, theme_names
        for name in theme_names():
            description = load_theme(name).description
            click.echo(f"{name:14} {description}")
    except TimelineError as exc:
        _fail(exc)


@main.command()
@click.option("--sheet", type=click.Path(path_type=Path), default=None,
              help="Write a contact sheet of every icon to this .pdf or .png file.")
def icons(sheet: Path | None) -> None:
    """List the bundled icons, or draw them all on a contact sheet."""
    try:
        if sheet is not None:
            _report([_build().icon_sheet(sheet)])
            return
        for info in _build().bundled_icons():
            click.echo(f"{info.name:14} {', '.join(info.keywords)}")
    except TimelineError as exc:
        _fail(exc)
