"""The `timeline` command line. The only module that imports Click."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.errors import DataError, TimelineError
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
