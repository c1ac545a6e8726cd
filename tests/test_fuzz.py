"""Property-based tests of the exit contract over generated data files and option values.

The contract: a command succeeds, or it fails with exit 1 and clean located lines; never
a traceback, never a partial or temporary file; a file that passes `check` builds, and
every event title is in the output's text.

The budget is fixed for CI (well under two minutes); set TIMELINE_FUZZ=N to multiply the
number of examples (e.g. TIMELINE_FUZZ=20 for a long run on demand).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pdfplumber
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.errors import OptionError
from generator.render.pdf import page_unit
from generator.scene import Page
from generator.sizes import INCH, MAX_BLEED, MAX_SHEET_SIDE, PDF_PAGE_LIMIT, crop_slug
from generator.style import poster_format, tile_format

SCALE = max(1, int(os.environ.get("TIMELINE_FUZZ", "1") or 1))
LOCATED = re.compile(r"^(Error: )?\S.*?(:\d+:\d+)?: ")


def budget(examples: int):
    return settings(max_examples=examples * SCALE, deadline=None, derandomize=SCALE == 1,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --- strategies --------------------------------------------------------------------

# Text a reader could type: Latin, Hangul, digits, punctuation, spaces (what the check below can find again).
WORDS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789éü가나다라마 .,-()'&"), min_size=1, max_size=40)
# Anything at all, for fields that only have to be refused or adjusted cleanly.
ANY_TEXT = st.text(max_size=60)
ODD_SCALARS = st.one_of(ANY_TEXT, st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.booleans(), st.none(),
                        st.sampled_from(["33:33", "0x7DD", "yes", "no", "2013-13", "2013-02-30", "-500", "1e400",
                                         "~", "a\n", "en\n", "\x00", "\u202e", "9999-12-31"]))
DATES = st.one_of(st.integers(-3000, 3000).map(str),
                  st.tuples(st.integers(1, 2100), st.integers(1, 12)).map(lambda t: f"{t[0]:04d}-{t[1]:02d}"),
                  st.dates().map(lambda d: d.isoformat()), ODD_SCALARS)
IDS = st.one_of(st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True), ODD_SCALARS)


@st.composite
def events(draw, good: bool):
    count = draw(st.integers(1, 6) if good else st.integers(0, 6))
    found = []
    for i in range(count):
        event = {"id": f"e{i}" if good else draw(IDS),
                 "date": draw(st.integers(1900, 2030)) if good else draw(DATES),
                 "title": draw(WORDS) if good else draw(st.one_of(WORDS, ODD_SCALARS))}
        if draw(st.booleans()):
            event["summary"] = draw(WORDS if good else st.one_of(WORDS, ANY_TEXT))
        if draw(st.booleans()):
            event["icon"] = draw(st.sampled_from(["whale", "rocket", "nope", "../x.svg", "http://x/y.png"]
                                                 if not good else ["whale", "rocket", "gear"]))
        if not good and draw(st.integers(0, 9)) == 0:
            event[draw(st.sampled_from(["titel", "date ", "end"]))] = draw(DATES)
        found.append(event)
    return found


@st.composite
def data_files(draw, good: bool):
    data = {"title": draw(WORDS) if good else draw(st.one_of(WORDS, ODD_SCALARS)), "events": draw(events(good))}
    if not good and draw(st.booleans()):
        data["languages"] = draw(st.lists(st.sampled_from(["en", "ko", "en\n", "EN", "x", "", "pt-BR"]), max_size=3))
    if draw(st.booleans()):
        data["eras"] = [{"id": "era", "label": draw(WORDS), "start": 1950, "end": draw(st.integers(1950, 2040))}]
    return data


def _run(args: list[str]):
    result = CliRunner().invoke(main, args)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    if result.exit_code == 1:
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert lines and all(LOCATED.match(line) for line in lines), result.output
    return result


def _no_leftovers(folder: Path) -> None:
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


# --- properties -------------------------------------------------------------------


@budget(120)
@given(data=data_files(good=False), mangle=st.integers(0, 30))
def test_check_never_raises_on_generated_files(data, mangle):
    """Any data file, even broken YAML: check succeeds or prints located lines, exit 1."""
    text = yaml.safe_dump(data, allow_unicode=True)
    if mangle == 0:
        text = text[: len(text) // 2]          # cut off mid-way
    elif mangle == 1:
        text = text.replace(":", "", 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.yaml"
        path.write_text(text, encoding="utf-8")
        _run(["check", str(path)])


@budget(6)
@given(data=data_files(good=False))
def test_what_check_accepts_builds_a_handout_with_every_title(data):
    """If check says OK, the handout builds (or refuses in one line), whole, with every title in it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        if _run(["check", str(path)]).exit_code != 0:
            return
        _build_and_read(Path(folder), path)


@budget(6)
@given(data=data_files(good=True))
def test_good_files_build_with_every_title_in_the_text(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        assert _run(["check", str(path)]).exit_code == 0
        _build_and_read(Path(folder), path, must_succeed=True)


def _build_and_read(folder: Path, path: Path, must_succeed: bool = False) -> None:
    out = folder / "out" / "h.pdf"
    result = _run(["handout", str(path), "-o", str(out)])
    if result.exit_code != 0:
        assert not must_succeed, result.output
        assert not out.exists()
        return
    from generator.load import load
    timeline = load(path)
    with pdfplumber.open(out) as pdf:
        text = "".join("".join((page.extract_text() or "").split()) for page in pdf.pages)
    for event in timeline.events:
        title = "".join(event.title.get(timeline.languages[0]).split())
        assert title in text, (title, text[:300])
    _no_leftovers(out.parent)


LENGTHS = st.one_of(st.from_regex(r"\d{1,30}(\.\d{1,3})?(mm|cm|in|pt)?", fullmatch=True), ANY_TEXT,
                    st.sampled_from(["-3mm", "1e9mm", "nan", "inf", " 3 mm ", "0", "20mm", "20.001mm"]))
SIZES = st.one_of(st.sampled_from(["A0", "A4", "a5", "Letter", "ARCH-E", "tabloid", "B9", "200x200in", "0x0mm"]),
                  st.from_regex(r"\d{1,6}(\.\d)?x\d{1,6}(mm|cm|in|pt)", fullmatch=True), ANY_TEXT)


@budget(300)
@given(size=SIZES, bleed=LENGTHS, crop=st.booleans(), orientation=st.sampled_from(["landscape", "portrait", "x"]))
def test_poster_options_are_refused_or_bounded(size, bleed, crop, orientation):
    try:
        fmt = poster_format(size, orientation, bleed, crop)
    except OptionError:   # the CLI shows it as one line (see test_poster_command_with_generated_options)
        return
    assert 0 <= fmt.bleed <= MAX_BLEED
    assert 2 * INCH <= min(fmt.width, fmt.height) and max(fmt.width, fmt.height) <= MAX_SHEET_SIDE
    slug = crop_slug(min(fmt.width, fmt.height)) if crop else 0.0
    page = Page(fmt.width, fmt.height, bleed=fmt.bleed, slug=slug)
    assert (max(fmt.width, fmt.height) + 2 * (fmt.bleed + slug)) / page_unit(page) <= PDF_PAGE_LIMIT


@budget(300)
@given(paper=st.sampled_from(["A4", "letter", "A3", "nonsense"]), overlap=LENGTHS, margin=LENGTHS)
def test_tile_options_leave_part_of_the_sheet(paper, overlap, margin):
    try:
        fmt = tile_format(paper, overlap, margin)
    except OptionError:
        return
    assert 2 * fmt.margin + fmt.overlap < fmt.short


@budget(4)
@given(size=st.sampled_from(["A5", "A4", "9x13in", "B9"]), bleed=LENGTHS, crop=st.booleans())
def test_poster_command_with_generated_options(size, bleed, crop):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.yaml"
        path.write_text("title: T\nevents:\n  - {id: a, date: 2001, title: Alpha}\n  - {id: b, date: 2010, title: Beta}\n")
        out = Path(folder) / "p.pdf"
        result = _run(["poster", str(path), "--size", size, "--bleed", bleed, "-o", str(out)]
                      + (["--crop-marks"] if crop else []))
        assert out.exists() == (result.exit_code == 0)
        _no_leftovers(Path(folder))
