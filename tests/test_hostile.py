"""Hostile and broken input: bounded work, one located line, adjusted with a warning, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from generator import qr
from generator.cli import main
from generator.errors import OptionError
from generator.style import poster_format, tile_format

ONE_EVENT = "title: T\nevents:\n  - {id: a, date: 2001, title: A, icon: ICON}\n"


def _lines(result) -> list[str]:
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return [line for line in result.output.splitlines() if line.strip()]


def _check(runner, path: Path):
    result = runner.invoke(main, ["check", str(path)])
    return result, _lines(result)


# --- the data file is read with a limit --------------------------------------------


def test_check_dev_zero_is_refused_after_a_bounded_read(runner):
    result, lines = _check(runner, Path("/dev/zero"))
    assert result.exit_code == 1 and len(lines) == 1
    assert lines[0] in ("/dev/zero: file is larger than the 10 MB limit", "/dev/zero: is not a regular file")


def test_a_huge_sparse_file_is_refused_without_reading_it(runner, tmp_path):
    path = tmp_path / "sparse.yaml"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024**3)
    result, lines = _check(runner, path)
    assert result.exit_code == 1 and "the limit is 10 MB" in lines[0]


# --- SVG icons: limits applied before the work -------------------------------------


def _svg_case(tmp_path, body: str, root: str = 'viewBox="0 0 10 10"') -> Path:
    (tmp_path / "i.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg" {root}>{body}</svg>')
    data = tmp_path / "d.yaml"
    data.write_text(ONE_EVENT.replace("ICON", "i.svg"))
    return data


def _use_bomb() -> str:
    parts = ['<defs><path id="a0" d="M0 0L1 0L1 1Z"/>']
    for i in range(1, 20):
        parts.append(f'<g id="a{i}">' + f'<use href="#a{i - 1}"/>' * 4 + "</g>")
    return "".join(parts) + '</defs><use href="#a19"/>'


def test_a_use_bomb_is_refused_by_check(runner, tmp_path):
    data = _svg_case(tmp_path, _use_bomb())
    assert (tmp_path / "i.svg").stat().st_size < 2000
    done = subprocess.run([sys.executable, "-m", "generator", "check", str(data)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1
    assert "expands to more than 20,000 elements through <use>" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("body, root, message", [
    ('<path d="M0 0L1 0L1 1Z"/>', 'viewBox="0 0 1e400 1e400"', "size or viewBox out of range"),
    ('<path d="M0 0L1 0L1 1Z"/>', 'width="1e308" height="1e308"', "size or viewBox out of range"),
    ("<g>" * 80 + '<path d="M0 0L1 0L1 1Z"/>' + "</g>" * 80, 'viewBox="0 0 10 10"', "nests elements more than"),
    ('<path d="M0 0L1 0L1 1Z"/>' * 20_001, 'viewBox="0 0 10 10"', "more than 20,000 elements"),
    ('<path d="M0 0' + " L1 1" * 130_000 + 'Z"/>', 'viewBox="0 0 10 10"', "numbers in its paths"),
    ('<g id="x"><use href="#x"/></g>', 'viewBox="0 0 10 10"', "refers to itself"),
])
def test_svg_limits_are_located_refusals(runner, tmp_path, body, root, message):
    result, lines = _check(runner, _svg_case(tmp_path, body, root))
    assert result.exit_code == 1
    assert len(lines) == 1 and message in lines[0] and ":3:" in lines[0]


def test_an_svg_icon_is_read_with_a_limit(runner, tmp_path):
    with open(tmp_path / "i.svg", "wb") as handle:
        handle.truncate(8 * 1024**3)      # a sparse 8 GB "icon"
    data = tmp_path / "d.yaml"
    data.write_text(ONE_EVENT.replace("ICON", "i.svg"))
    result, lines = _check(runner, data)
    assert result.exit_code == 1 and "larger than 2 MB" in lines[0]


# --- text and YAML ----------------------------------------------------------------


def test_a_one_megabyte_title_is_a_located_error(runner, tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text("title: T\nevents:\n  - {id: a, date: 2001, title: " + "x" * 1_000_000 + "}\n")
    result, lines = _check(runner, data)
    assert result.exit_code == 1
    assert lines == [f"{data}:3:32: events[0].title: is 1,000,000 characters long; the limit is 500"]


@pytest.mark.parametrize("text, message", [
    ('title: T\nevents:\n  - {id: "a\\n", date: 2001, title: A}\n', 'events[0].id: "a\\n" is not a valid id'),
    ('title: T\nlanguages: ["en\\n"]\nevents:\n  - {id: a, date: 2001, title: A}\n',
     'languages[0]: "en\\n" is not a language code'),
    ("title: T\nevents:\n  - {id: a, date: 33:33, title: A}\n", 'events[0].date: "33:33" is not a date'),
    ("title: T\nevents:\n  - {id: a, date: 0x7DD, title: A}\n", 'events[0].date: "0x7DD" is not a date'),
])
def test_yaml_1_2_scalars_and_clean_ids(runner, tmp_path, text, message):
    data = tmp_path / "d.yaml"
    data.write_text(text)
    result, lines = _check(runner, data)
    assert result.exit_code == 1 and len(lines) == 1 and message in lines[0]


def test_yes_and_no_are_text_where_text_is_expected(runner, tmp_path):
    from generator.load import load
    data = tmp_path / "d.yaml"
    data.write_text("title: yes\nevents:\n  - {id: a, date: 2001, title: no, summary: on}\n")
    timeline = load(data)
    assert timeline.title.get("en") == "yes"
    assert (timeline.events[0].title.get("en"), timeline.events[0].summary.get("en")) == ("no", "on")


def test_a_raw_control_byte_is_located(runner, tmp_path):
    data = tmp_path / "d.yaml"
    data.write_bytes(b"title: T\nevents:\n  - {id: a, date: 2001, title: A\x01}\n")
    result, lines = _check(runner, data)
    assert result.exit_code == 1
    assert lines == [f"{data}:3:33: the character U+0001 is not allowed in YAML (a control character); remove it"]


@pytest.mark.parametrize("text", ["events: " + "[" * 5000 + "]" * 5000, "events: " + "[" * 200 + "]" * 200,
                                  "events:\n" + "".join("  " * i + "-\n" for i in range(1, 3000)),
                                  "events:\n" + "".join("  " * i + "-\n" for i in range(1, 300))])
def test_deep_nesting_is_one_line(runner, tmp_path, text):
    data = tmp_path / "d.yaml"
    data.write_text("title: T\n" + text + "\n")
    result, lines = _check(runner, data)
    assert result.exit_code == 1 and len(lines) == 1
    assert "nested too deeply" in lines[0] or "maximum nesting depth" in lines[0]


def test_empty_events_after_a_warning_is_refused_by_check(runner, tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text("title: {ko: T}\nlanguages: [en, ko]\nevents: []\n")
    result, lines = _check(runner, data)
    assert result.exit_code == 1
    assert any("events: must list at least one event" in line for line in lines)


def test_the_missing_language_warning_names_the_language_used(runner, tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text("title: T\nlanguages: [en, ko]\nevents:\n  - {id: a, date: 2001, title: {ko: 가}}\n")
    result, lines = _check(runner, data)
    assert result.exit_code == 0
    assert 'events[0].title: has no "en" text; "ko" is used instead' in lines[0]


# --- adjusted with a warning, then built ------------------------------------------


def test_control_characters_are_removed_with_a_warning_and_the_deck_builds(runner, tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text('title: "T\\u0001x"\nevents:\n  - {id: a, date: 2001, title: "A\\u0007b", summary: "x\\u000by"}\n')
    result, lines = _check(runner, data)
    assert result.exit_code == 0 and sum("control characters, which are removed" in line for line in lines) == 3
    out = tmp_path / "d.pptx"
    result = runner.invoke(main, ["deck", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    texts = [shape.text_frame.text for slide in Presentation(str(out)).slides for shape in slide.shapes
             if shape.has_text_frame]
    assert any("Ab" in text for text in texts)


def test_a_url_too_long_for_a_qr_code_is_a_warning_and_no_qr(runner, tmp_path):
    url = "https://example.org/" + "한" * 1000
    assert qr.qr_matrix(url) is None and qr.qr_items(url, 0, 0, 10) == ()
    data = tmp_path / "d.yaml"
    data.write_text(f'title: T\nevents:\n  - {{id: a, date: 2001, title: A, sources: [s]}}\n'
                    f'sources:\n  - {{id: s, title: S, url: "{url}"}}\n')
    result, lines = _check(runner, data)
    assert "too long for a QR code" in lines[0]    # (check may also predict that the deck cannot show it)
    result = runner.invoke(main, ["handout", str(data), "-o", str(tmp_path / "h.pdf")])
    assert result.exit_code == 0, result.output


def test_a_long_author_and_many_categories_fit_the_deck_properties(runner, tmp_path):
    data = tmp_path / "d.yaml"
    cats = "".join(f"  - {{id: c{i}, label: Category number {i}}}\n" for i in range(30))
    events = "".join(f"  - {{id: e{i}, date: {2000 + i}, title: E{i}, category: c{i}}}\n" for i in range(30))
    data.write_text("title: T\nmeta: {author: " + "Ann " * 66 + "}\ncategories:\n" + cats + "events:\n" + events)
    result, lines = _check(runner, data)
    assert result.exit_code == 0 and "author property is shortened" in lines[0]
    out = tmp_path / "d.pptx"
    result = runner.invoke(main, ["deck", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    props = Presentation(str(out)).core_properties
    assert len(props.author) == 255 and props.author.startswith("Ann Ann")
    assert len(props.keywords) <= 255


# --- options, fonts, templates -----------------------------------------------------


@pytest.mark.parametrize("kwargs, message", [
    ({"bleed": "99999999999999999999999999mm"}, "at most 20 mm"),
    ({"bleed": "2000mm"}, "at most 20 mm"),
    ({"size": "50001x100mm"}, "between 2 in and 50 m"),
    ({"size": "99999999999999999999x100cm", "bleed": "3mm"}, "between 2 in and 50 m"),
])
def test_poster_options_are_bounded(kwargs, message):
    with pytest.raises(OptionError, match=message):
        poster_format(**kwargs)


def test_a_sheet_up_to_the_page_limit_is_fine():
    fmt = poster_format(size="A0", bleed="20mm", crop_marks=True)
    assert fmt.bleed > 56


@pytest.mark.parametrize("overlap, margin", [("300mm", "5mm"), ("10mm", "200mm"), ("1e9mm", "0mm")])
def test_overlap_and_margin_must_leave_part_of_the_tile(overlap, margin):
    with pytest.raises(OptionError):
        tile_format("A4", overlap if "e" not in overlap else "1000000000mm", margin)


def test_the_cli_reports_a_huge_bleed_in_one_line(runner, tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text("title: T\nevents:\n  - {id: a, date: 2001, title: A}\n")
    result = runner.invoke(main, ["poster", str(data), "--bleed", "99999999999999999999999999mm",
                                  "-o", str(tmp_path / "p.pdf")])
    assert result.exit_code == 1 and len(_lines(result)) == 1
    assert not (tmp_path / "p.pdf").exists()


def test_a_truncated_font_is_one_line(runner, tmp_path):
    font = tmp_path / "cut.ttf"
    font.write_bytes(Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf").read_bytes()[:300])
    data = tmp_path / "d.yaml"
    data.write_text("title: T\nevents:\n  - {id: a, date: 2001, title: A}\n")
    result = runner.invoke(main, ["handout", str(data), "--font", str(font), "-o", str(tmp_path / "h.pdf")])
    assert result.exit_code == 1
    lines = _lines(result)
    assert len(lines) == 1 and "cannot use this font" in lines[0]


def test_a_template_without_layouts_is_one_line(runner, tmp_path):
    good = tmp_path / "good.pptx"
    Presentation().save(good)
    bad = tmp_path / "bad.pptx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "ppt/slideMasters/_rels/slideMaster1.xml.rels":
                data = data.replace(b"slideLayouts/", b"../missing/")
            if item.filename == "ppt/slideMasters/slideMaster1.xml":
                import re
                data = re.sub(rb"<p:sldLayoutIdLst>.*?</p:sldLayoutIdLst>", b"", data, flags=re.S)
            if item.filename.startswith("ppt/slideLayouts/"):
                continue
            dst.writestr(item, data)
    data = tmp_path / "d.yaml"
    data.write_text("title: T\nevents:\n  - {id: a, date: 2001, title: A}\n")
    result = runner.invoke(main, ["deck", str(data), "--template", str(bad), "-o", str(tmp_path / "d.pptx")])
    assert result.exit_code == 1
    assert len(_lines(result)) == 1
    assert not (tmp_path / "d.pptx").exists()


def test_an_internal_error_is_one_line_and_the_traceback_needs_debug(tmp_path):
    script = ("import sys\nfrom generator import build\n"
              "def boom(*a, **k):\n    raise ZeroDivisionError('x')\n"
              "build.open_data = boom\nfrom generator.cli import main\n"
              f"sys.argv = ['timeline'] + sys.argv[1:] + ['handout', {str(tmp_path / 'd.yaml')!r}]\nmain()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 70
    assert done.stderr.count("\n") == 1 and "please report this as a bug" in done.stderr
    debug = subprocess.run([sys.executable, "-c", script, "--debug"], capture_output=True, text=True, timeout=60,
                           env={**os.environ})
    assert debug.returncode == 70 and "Traceback" in debug.stderr
