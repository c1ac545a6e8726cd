"""Scaled pictures: kept in the user's verified cache, handed on from a private folder, never from $TMPDIR."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from generator import cache, icons


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def picture(tmp_path):
    Image.new("RGB", (400, 200), "red").save(tmp_path / "red.png")
    return icons.load_icon("red.png", tmp_path)


def _entries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith("scaled-picture-")]


def test_scaled_pictures_are_not_in_a_shared_temporary_folder(cache_dir, picture):
    out = icons.raster_for_print(picture, 100)
    assert not (Path(tempfile.gettempdir()) / "timeline-icon-cache").exists() or \
        out.parent != Path(tempfile.gettempdir()) / "timeline-icon-cache"
    assert stat.S_IMODE(os.stat(out.parent).st_mode) == 0o700
    assert out.parent.stat().st_uid == os.getuid()
    assert len(_entries(cache_dir)) == 1
    assert stat.S_IMODE(os.stat(cache_dir).st_mode) == 0o700
    with Image.open(out) as im:
        assert im.size == (100, 50)


def test_a_poisoned_cache_entry_is_rebuilt_not_trusted(cache_dir, picture, monkeypatch):
    icons.raster_for_print(picture, 100)
    (entry,) = _entries(cache_dir)
    blue = Image.new("RGB", (100, 50), "blue")
    import io
    buffer = io.BytesIO()
    blue.save(buffer, "PNG")
    raw = entry.read_bytes()
    entry.write_bytes(raw[:len(cache.MAGIC) + cache.DIGEST] + raw[len(cache.MAGIC) + cache.DIGEST:][:-40]
                      + buffer.getvalue()[:40])           # content no longer matches its hash
    icons._private_dir.cache_clear()
    with Image.open(icons.raster_for_print(picture, 100)) as im:
        assert im.convert("RGB").getpixel((50, 25)) == (255, 0, 0)


def test_a_symlink_planted_at_an_entry_is_not_followed(cache_dir, picture, tmp_path):
    icons.raster_for_print(picture, 100)
    (entry,) = _entries(cache_dir)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    entry.unlink()
    entry.symlink_to(victim)
    icons._private_dir.cache_clear()
    with Image.open(icons.raster_for_print(picture, 100)) as im:
        assert im.size == (100, 50)
    assert victim.read_text() == "precious"
    assert not entry.is_symlink()


def test_the_private_folder_is_removed_at_exit_by_its_own_process_only(tmp_path):
    """A forked copy that exits normally leaves the folder to the process that made it, which removes it."""
    import subprocess
    import sys
    script = (
        "import os, sys\n"
        "from generator import icons\n"
        "folder = icons._private_dir()\n"
        "print(folder, flush=True)\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    sys.exit(0)\n"                  # the copy runs the atexit handlers
        "os.waitpid(pid, 0)\n"
        "print(folder.is_dir(), flush=True)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[1])
    folder, still_there = done.stdout.split()
    assert done.returncode == 0 and still_there == "True"
    assert not Path(folder).exists()
