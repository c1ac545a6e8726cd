"""A disk that fills up: one clean line, exit 1, no partial file, the earlier file intact (on a real small tmpfs).

Mounting a tmpfs needs root (or a user namespace); the tests are skipped only where it cannot be mounted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "container-history.yaml"
OLD = b"the earlier file, which must survive\n"


@pytest.fixture
def full_disk():
    """A 64 KB tmpfs holding one earlier file per kind; unmounted afterwards."""
    mount, umount = shutil.which("mount"), shutil.which("umount")
    folder = Path(tempfile.mkdtemp(prefix="timeline-full-"))
    if mount is None or subprocess.run([mount, "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                                       capture_output=True).returncode != 0:
        folder.rmdir()
        pytest.skip("cannot mount a small tmpfs here")
    try:
        for name in ("poster.pdf", "deck.pptx", "poster.png"):
            (folder / name).write_bytes(OLD)
        yield folder
    finally:
        if subprocess.run([umount, str(folder)], capture_output=True).returncode != 0:
            subprocess.run([umount, "-l", str(folder)], check=True)    # busy (a leaked file): detach it anyway
        folder.rmdir()


def open_files_in(folder: Path) -> list[str]:
    """Files this process still holds open under folder (a deleted temporary file holds the disk's space)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


@pytest.mark.parametrize("args, target", [
    (["poster", str(DATA), "-o", "{out}/poster.pdf"], "poster.pdf"),
    (["deck", str(DATA), "-o", "{out}/deck.pptx"], "deck.pptx"),
    (["poster", str(DATA), "--size", "A3", "-o", "{out}/poster.png"], "poster.png"),
    (["build", str(DATA), "--out", "{out}"], "container-history-"),
])
def test_a_full_disk_is_one_clean_line_and_keeps_the_earlier_file(runner, full_disk, args, target):
    result = runner.invoke(main, [a.replace("{out}", str(full_disk)) for a in args])
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, (OSError, RuntimeError))
    assert len(lines) == 1 and lines[0].startswith(f"Error: {full_disk / target}")
    assert lines[0].endswith(": cannot write (No space left on device)")
    assert sorted(p.name for p in full_disk.iterdir()) == ["deck.pptx", "poster.pdf", "poster.png"]
    assert all((full_disk / name).read_bytes() == OLD for name in ("deck.pptx", "poster.pdf", "poster.png"))
    assert open_files_in(full_disk) == []
