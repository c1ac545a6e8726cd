"""`timeline new`: a commented starter that passes `check`, never overwritten by accident."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.cli import main
from generator.load import load_with_warnings

ROOT = Path(__file__).resolve().parent.parent


def test_new_writes_a_file_that_passes_check(tmp_path, runner):
    path = tmp_path / "mine.yaml"
    result = runner.invoke(main, ["new", str(path)])
    assert result.exit_code == 0, result.output
    assert f"wrote {path}" in result.output
    checked = runner.invoke(main, ["check", str(path)])
    assert checked.exit_code == 0, checked.output
    assert "warning" not in checked.output
    assert ": OK: 5 events, 2 eras, 2 categories, 1 sources, languages en, ko" in checked.output


def test_starter_content(tmp_path, runner):
    path = tmp_path / "mine.yaml"
    runner.invoke(main, ["new", str(path)])
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "timeline check mine.yaml" in text
    assert sum(1 for line in text.splitlines() if line.lstrip().startswith("#")) >= 3
    timeline, warnings = load_with_warnings(path)
    assert not warnings
    assert len(timeline.events) == 5 and len(timeline.eras) == 2 and len(timeline.sources) == 1
    assert any(e.end is not None for e in timeline.events)
    for event in timeline.events:
        assert {lang for lang, _ in event.title.values} == {"en", "ko"}


def test_new_refuses_to_overwrite(tmp_path, runner):
    path = tmp_path / "mine.yaml"
    path.write_text("keep me\n", encoding="utf-8")
    result = runner.invoke(main, ["new", str(path)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "already exists" in result.output and "--force" in result.output
    assert path.read_text(encoding="utf-8") == "keep me\n"


def test_new_force_overwrites(tmp_path, runner):
    path = tmp_path / "mine.yaml"
    path.write_text("keep me\n", encoding="utf-8")
    result = runner.invoke(main, ["new", "--force", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") != "keep me\n"
    assert runner.invoke(main, ["check", str(path)]).exit_code == 0


def test_new_creates_missing_folders(tmp_path, runner):
    path = tmp_path / "a" / "b" / "mine.yaml"
    result = runner.invoke(main, ["new", str(path)])
    assert result.exit_code == 0, result.output
    assert path.is_file()


def test_new_refuses_a_directory_even_with_force(tmp_path, runner):
    result = runner.invoke(main, ["new", "--force", str(tmp_path)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "is a directory" in result.output


def test_python_dash_m_help():
    result = subprocess.run([sys.executable, "-m", "generator", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout
    for command in ("check", "new"):
        assert command in result.stdout


def test_python_dash_m_check_exit_codes(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nevents:\n  - {id: a, date: 2013-13, title: x}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "check", str(bad)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{bad}:3:19: events[0].date: ")
    assert "Traceback" not in result.stderr
