"""The user cache: parsed fonts, icon outlines and QR codes kept across runs, never trusted blindly."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cache
from generator.fonts import LATIN, find_face, font_file, open_face

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache" / "timeline-generator"
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(folder))
    monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)
    return folder


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def test_round_trip_in_a_private_folder(cache_dir):
    cache.store("test", ("key", 1), {"a": [1, 2.5, "x"], "b": (b"\x00", None)})
    assert cache.load("test", ("key", 1)) == {"a": [1, 2.5, "x"], "b": (b"\x00", None)}
    assert cache.load("test", ("key", 2)) is None
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    assert len(entries(cache_dir)) == 1


def test_damaged_entries_are_misses(cache_dir):
    cache.store("test", ("k",), list(range(100)))
    (entry,) = entries(cache_dir)
    raw = entry.read_bytes()
    entry.write_bytes(raw[:-1] + bytes([raw[-1] ^ 1]))
    assert cache.load("test", ("k",)) is None
    entry.write_bytes(raw[: len(raw) // 2])
    assert cache.load("test", ("k",)) is None
    entry.write_bytes(b"")
    assert cache.load("test", ("k",)) is None
    cache.store("test", ("k",), [1])
    assert cache.load("test", ("k",)) == [1]


def test_symlinked_entries_and_unsafe_folders_are_not_used(cache_dir, tmp_path):
    cache.store("test", ("k",), "value")
    (entry,) = entries(cache_dir)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(elsewhere)
    assert cache.load("test", ("k",)) is None
    cache.store("test", ("k",), "new")
    assert not entry.is_symlink() and elsewhere.read_bytes() != entry.read_bytes()
    cache_dir.chmod(0o777)
    assert cache.folder() is None and cache.load("test", ("k",)) is None
    cache_dir.chmod(0o700)
    assert cache.load("test", ("k",)) == "new"


def test_a_folder_that_is_a_symlink_is_not_used(tmp_path, monkeypatch):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real)
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(link))
    assert cache.folder() is None
    cache.store("test", ("k",), 1)
    assert list(real.iterdir()) == []


def test_turned_off(cache_dir, monkeypatch):
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    cache.store("test", ("k",), 1)
    assert cache.load("test", ("k",)) is None
    assert not cache_dir.exists()


def test_a_cached_font_is_the_font_parsed_again(cache_dir):
    face = find_face(LATIN["regular"])
    if face is None:
        pytest.skip("no Latin TrueType font installed")
    font_file.cache_clear()
    parsed = font_file(face.path)
    font_file.cache_clear()
    restored = font_file(face.path)
    assert entries(cache_dir) and restored is not parsed
    for name, value in parsed.__dict__.items():
        if name != "_pdfScale":
            assert restored.__dict__[name] == value, name
    assert restored.name.ustr == parsed.name.ustr
    assert restored._pdfScale(1024) == parsed._pdfScale(1024)
    assert restored.makeSubset([0, 65, 66]) == parsed.makeSubset([0, 65, 66])


def test_a_changed_font_file_is_parsed_again(cache_dir, tmp_path):
    face = find_face(LATIN["regular"])
    if face is None:
        pytest.skip("no Latin TrueType font installed")
    copy = tmp_path / "font.ttf"
    copy.write_bytes(Path(face.path).read_bytes())
    font_file.cache_clear()
    open_face.cache_clear()
    before = open_face(str(copy)).widths
    bold = find_face(LATIN["bold"])
    copy.write_bytes(Path(bold.path).read_bytes())
    os.utime(copy, ns=(0, 10**18))
    font_file.cache_clear()
    open_face.cache_clear()
    assert open_face(str(copy)).widths == bold.widths != before
    font_file.cache_clear()
    open_face.cache_clear()


def test_a_cached_face_is_the_face_measured_from_the_parsed_file_without_reportlabs_parser(cache_dir):
    """The measurer's face comes back from the cache with the same numbers, in a process that never imports
    ReportLab's font parser (what `check` needs of a font)."""
    script = ("import sys, json\n"
              "from generator.fonts import LATIN, find_face\n"
              "face = find_face(LATIN['regular'])\n"
              "print(json.dumps([face.name, sorted(face.widths.items()), face.default_width, face.ascent,"
              " face.descent, face.bold, face.italic, 'reportlab.pdfbase.ttfonts' in sys.modules]))\n")
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120,
                           env={**os.environ, "TIMELINE_CACHE_DIR": str(cache_dir)}) for _ in range(2)]
    assert all(run.returncode == 0 for run in runs), runs[0].stderr + runs[1].stderr
    (*parsed, parser_first), (*cached, parser_then) = (json.loads(run.stdout) for run in runs)
    assert parser_first and not parser_then
    assert cached == parsed and len(parsed[1]) > 100
    assert any(p.name.startswith("face-") for p in entries(cache_dir))


def test_build_output_is_the_same_with_a_cold_cache_a_warm_one_and_none(tmp_path):
    data = ROOT / "data" / "container-history.yaml"
    outputs = {}
    for name, env in (("cold", {}), ("warm", {}), ("none", {"TIMELINE_NO_CACHE": "1"})):
        environment = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path / "cache"), **env}
        subprocess.run([sys.executable, "-m", "generator", "poster", str(data), "--lang", "ko", "-o",
                        str(tmp_path / f"{name}.pdf")], check=True, env=environment, capture_output=True)
        outputs[name] = (tmp_path / f"{name}.pdf").read_bytes()
    assert outputs["cold"] == outputs["warm"] == outputs["none"]
