"""`timeline build`, `deck`, `handout` and tiled `poster` through the CLI; no partial files on failure."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pypdf import PdfReader

from generator import build
from generator.render import pdf
from generator.cli import main
from generator.errors import RenderError
from generator.sizes import SHEETS

DATA = Path(__file__).resolve().parent.parent / "data" / "container-history.yaml"
PRODUCTS = ("poster.pdf", "deck.pptx", "handout.pdf", "slides-3up.pdf")


def test_build_writes_every_product_for_every_language(tmp_path):
    result = CliRunner().invoke(main, ["build", str(DATA), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"container-history-{lang}-{p}" for lang in ("en", "ko") for p in PRODUCTS)
    header = result.output.splitlines()[0].split()
    assert header == ["file", "kind", "lang", "length", "size", "details"]
    deck = Presentation(str(tmp_path / "container-history-ko-deck.pptx"))
    assert f"{len(deck.slides)} slides" in result.output
    slides = PdfReader(str(tmp_path / "container-history-ko-slides-3up.pdf"))
    assert len(slides.pages) == -(-len(deck.slides) // 3)


def test_failure_in_the_middle_of_build_leaves_nothing_partial(tmp_path, monkeypatch):
    calls = {"n": 0}
    real_save = pdf.Canvas.save

    def failing_save(canvas):
        calls["n"] += 1
        if calls["n"] == 3:                      # the third PDF: bytes half written, then a failure
            canvas._filename.write(b"%PDF-1.4 half a file")     # the temporary file's handle render_pdf opened
            raise RenderError("disk full (injected)")
        return real_save(canvas)

    monkeypatch.setattr(pdf.Canvas, "save", failing_save)
    result = CliRunner().invoke(main, ["build", str(DATA), "--out", str(tmp_path), "--jobs", "1"])
    assert result.exit_code == 1 and "disk full (injected)" in result.output
    assert "Traceback" not in result.output
    left = sorted(tmp_path.iterdir())
    assert [p.name for p in left if p.suffix not in (".pdf", ".pptx")] == []   # no temporary files
    for path in left:
        if path.suffix == ".pdf":
            assert len(PdfReader(str(path)).pages) >= 1                       # complete, readable
        else:
            assert len(Presentation(str(path)).slides) > 1
    assert not (tmp_path / "container-history-en-slides-3up.pdf").exists()


@pytest.mark.parametrize("paper,lang", [("A4", "en"), ("letter", "ko")])
def test_handout_command(tmp_path, paper, lang):
    out = tmp_path / "h.pdf"
    result = CliRunner().invoke(main, ["handout", str(DATA), "--paper", paper, "--lang", lang, "-o", str(out)])
    assert result.exit_code == 0, result.output
    width = float(PdfReader(str(out)).pages[0].mediabox.width)
    assert width == pytest.approx(SHEETS["a4" if paper == "A4" else "letter"][0], abs=0.5)


def test_six_up_slide_handout(tmp_path):
    out = tmp_path / "s.pdf"
    result = CliRunner().invoke(main, ["handout", str(DATA), "--slides", "6", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "6 per page" in result.output


def test_tiled_poster_command(tmp_path):
    out = tmp_path / "t.pdf"
    result = CliRunner().invoke(main, ["poster", str(DATA), "--tile", "letter", "--overlap", "15mm", "-o", str(out)])
    assert result.exit_code == 0, result.output
    pages = PdfReader(str(out)).pages
    assert float(pages[1].mediabox.width) in (pytest.approx(612, abs=0.5), pytest.approx(792, abs=0.5))
    assert "15mm overlap" in result.output


def test_deck_command_and_bad_template(tmp_path):
    out = tmp_path / "d.pptx"
    result = CliRunner().invoke(main, ["deck", str(DATA), "--lang", "ko", "--aspect", "4:3", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert Presentation(str(out)).slide_width * 3 == Presentation(str(out)).slide_height * 4
    bad = tmp_path / "not.pptx"
    bad.write_text("hello", encoding="utf-8")
    result = CliRunner().invoke(main, ["deck", str(DATA), "--template", str(bad), "-o", str(tmp_path / "x.pptx")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert not (tmp_path / "x.pptx").exists()


@pytest.mark.parametrize("args,expected", [
    (["poster", "--size", "B9"], "is not a sheet size (4A0, 2A0, A0, A1, A2, A3, A4, A5, Letter, Legal, Tabloid, ARCH-C"),
    (["poster", "--bleed", "lots"], "is not a length"),
    (["poster", "--lang", "fr"], "--lang fr"),
    (["poster", "--theme", "nope"], 'no theme "nope"'),
    (["poster", "--tile", "A9"], '"A9" is not a sheet size'),
])
def test_bad_options_are_one_line_errors(tmp_path, args, expected):
    out = tmp_path / "o.pdf"
    result = CliRunner().invoke(main, [args[0], str(DATA), *args[1:], "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert expected in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_an_installed_wheel_carries_icons_themes_and_data(tmp_path):
    """A non-editable install must find the bundled icons, themes and data inside the package."""
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "-w", str(tmp_path), str(root)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "generator/assets/icons/index.yaml" in names and "generator/assets/icons/whale.svg" in names
    assert "generator/templates/default.yaml" in names
    assert "generator/data/container-history.yaml" in names
    assert "generator/timeline.schema.json" in names


def test_a_parallel_build_writes_the_same_bytes_as_a_serial_one(tmp_path):
    serial = build.build_all(DATA, tmp_path / "serial", build.Options(), jobs=1)
    parallel = build.build_all(DATA, tmp_path / "parallel", build.Options(), jobs=2)
    assert [(w.path.name, w.kind, w.lang, w.pages) for w in serial] == \
        [(w.path.name, w.kind, w.lang, w.pages) for w in parallel]
    for written in serial:
        assert written.path.read_bytes() == (tmp_path / "parallel" / written.path.name).read_bytes()


def test_a_parallel_build_shares_the_parts_between_its_processes(tmp_path, monkeypatch):
    import os
    real_part = build._build_part
    log = tmp_path / "pids"

    def logged_part(*task):
        with open(log, "a") as handle:      # appended by whichever process builds the part
            handle.write(f"{os.getpid()} {task[1]} {task[4]}\n")
        return real_part(*task)

    monkeypatch.setattr(build, "_build_part", logged_part)
    written = build.build_all(DATA, tmp_path / "out", build.Options(), jobs=2)
    assert len(written) == 8
    rows = [line.split() for line in log.read_text().splitlines()]
    assert sorted((lang, part) for _pid, lang, part in rows) == \
        sorted((lang, part) for lang in ("en", "ko") for part in build.PARTS)     # each part once
    assert [part for _pid, _lang, part in rows[:2]] == ["deck", "deck"]            # the longest first
    assert len({pid for pid, _lang, _part in rows}) == 2 and str(os.getpid()) in {pid for pid, *_ in rows}
    with pytest.raises(ChildProcessError):      # every forked process was waited for
        os.waitpid(-1, os.WNOHANG)


def test_a_bug_in_a_forked_process_is_one_line_and_no_process_is_left(tmp_path, monkeypatch):
    import os
    real_part = build._build_part
    parent = os.getpid()

    def buggy_part(*task):
        if os.getpid() != parent and task[4] == "deck":
            raise ZeroDivisionError("injected")
        return real_part(*task)

    monkeypatch.setattr(build, "_build_part", buggy_part)
    result = CliRunner().invoke(main, ["build", str(DATA), "--out", str(tmp_path), "--jobs", "2"])
    assert result.exit_code == 70, result.output         # the command line's exit code for a bug
    assert "internal error (ZeroDivisionError: injected)" in result.output and "Traceback" not in result.output
    assert len(list(tmp_path.glob("*-deck.pptx"))) <= 1     # only the parent's deck, if it took one
    assert [p.name for p in tmp_path.iterdir() if p.suffix not in (".pdf", ".pptx")] == []
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_a_failing_worker_fails_the_parallel_build_and_leaves_nothing_partial(tmp_path, monkeypatch):
    real_save = pdf.Canvas.save

    def failing_save(canvas):
        if "ko-handout" in getattr(canvas._filename, "name", ""):     # the handle render_pdf opened
            canvas._filename.write(b"%PDF-1.4 half a file")     # the temporary file's handle render_pdf opened
            raise RenderError("disk full (injected)")
        return real_save(canvas)

    monkeypatch.setattr(pdf.Canvas, "save", failing_save)
    result = CliRunner().invoke(main, ["build", str(DATA), "--out", str(tmp_path), "--jobs", "2"])
    assert result.exit_code == 1 and "disk full (injected)" in result.output
    assert "Traceback" not in result.output
    left = sorted(tmp_path.iterdir())
    assert [p.name for p in left if p.suffix not in (".pdf", ".pptx")] == []
    assert not (tmp_path / "container-history-ko-handout.pdf").exists()
    for path in left:
        if path.suffix == ".pdf":
            assert len(PdfReader(str(path)).pages) >= 1
        else:
            assert len(Presentation(str(path)).slides) > 1
