"""The `timeline` command line. The only module that imports Click."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator import build
from generator.build import Options
from generator.errors import DataError, OptionError, TimelineError
from generator.load import load_with_warnings
from generator.starter import write_starter


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="timeline-generator")
def main() -> None:
    """Turn a YAML file of dated events into posters, decks and handouts."""


def _fail(exc: TimelineError) -> None:
    """Turn a project error into a Click error (exit 1, no traceback)."""
    raise click.ClickException(str(exc)) from None


@main.command()
@click.argument("data", type=click.Path(path_type=Path))
@click.option("--allow-outside-assets", is_flag=True, help="Allow icon files outside the data file's folder.")
def check(data: Path, allow_outside_assets: bool) -> None:
    """Validate a data file and print every problem found."""
    try:
        timeline, warnings = load_with_warnings(data, allow_outside_assets)
    except DataError as exc:
        for problem in exc.problems + exc.warnings:
            click.echo(str(problem), err=True)
        sys.exit(1)
    except TimelineError as exc:
        _fail(exc)
    for problem in warnings:
        click.echo(str(problem), err=True)
    first, last = timeline.events[0], timeline.events[-1]
    click.echo(f"{data}: OK: {len(timeline.events)} events, {len(timeline.eras)} eras, "
               f"{len(timeline.categories)} categories, {len(timeline.sources)} sources, "
               f"languages {', '.join(timeline.languages)}, "
               f"{first.date.format('en')} to {(last.end or last.date).format('en')}"
               + (f" ({len(warnings)} warnings)" if warnings else ""))


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(file: Path, force: bool) -> None:
    """Write a commented starter data file."""
    try:
        write_starter(file, force)
    except TimelineError as exc:
        _fail(exc)
    click.echo(f"wrote {file}; next: timeline check {file}")


def _options(**kw) -> Options:
    lang = kw.pop("lang", None)
    return Options(langs=(lang,) if lang else (), **kw)


def _report(written: list) -> None:
    for w in written:
        click.echo(f"wrote {w.path}  ({w.kind}, {w.lang}, {w.pages} page{'s' if w.pages != 1 else ''}, "
                   f"{w.size_kb:,.0f} KB; {w.detail})")


def _language(timeline, lang: str | None) -> str:
    if lang is None:
        return timeline.languages[0]
    if lang not in timeline.languages:
        raise OptionError(f'--lang {lang}: the data has {", ".join(timeline.languages)}')
    return lang


poster_options = [
    click.option("--size", default="A0", show_default=True,
                 help="A0-A5, Letter, Legal, Tabloid, ARCH-C/D/E, or custom like 60x90cm."),
    click.option("--orientation", type=click.Choice(["landscape", "portrait"]), default="landscape",
                 show_default=True),
    click.option("--theme", default=None, help="A bundled theme name or a theme .yaml file."),
    click.option("--font", default=None, help="A TrueType file put first in every font role."),
    click.option("--bleed", default="0mm", show_default=True, help="Bleed past the trim, e.g. 3mm."),
    click.option("--crop-marks", is_flag=True, help="Draw crop marks outside the trim."),
    click.option("--allow-outside-assets", is_flag=True, help="Allow icon files outside the data folder."),
]


def with_poster_options(func):
    for option in reversed(poster_options):
        func = option(func)
    return func


@main.command()
@click.argument("data", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="The PDF to write.")
@click.option("--lang", default=None, help="Language of the text (default: the data's first).")
@with_poster_options
def poster(data: Path, output: Path | None, lang: str | None, **kw) -> None:
    """Lay out the wall poster as a print-ready PDF."""
    try:
        options = _options(**kw)
        timeline = build.open_data(data, options)
        lang = _language(timeline, lang)
        output = output or Path("output") / f"{data.stem}-{lang}-poster.pdf"
        _report([build.poster(timeline, lang, options, output)])
    except DataError as exc:
        raise click.ClickException(str(exc)) from None
    except TimelineError as exc:
        _fail(exc)


@main.command(name="build")
@click.argument("data", type=click.Path(path_type=Path), required=False)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("output"), show_default=True)
@with_poster_options
def build_command(data: Path, out_dir: Path, **kw) -> None:
    """Write every output for every language of the data into --out."""
    try:
        _report(build.build_all(data or build.default_data(), out_dir, _options(**kw)))
    except TimelineError as exc:
        _fail(exc)


@main.command()
@click.option("--sheet", type=click.Path(path_type=Path), default=None,
              help="Write a contact sheet of every icon to this .pdf or .png file.")
def icons(sheet: Path | None) -> None:
    """List the bundled icons, or draw them all on a contact sheet."""
    try:
        if sheet is not None:
            _report([build.icon_sheet(sheet)])
            return
        for info in build.bundled_icons():
            click.echo(f"{info.name:14} {', '.join(info.keywords)}")
    except TimelineError as exc:
        _fail(exc)
