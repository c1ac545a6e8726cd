"""Writing into a folder the user may not write to: one clean line, exit 1, no partial file, the old file intact.

The suite usually runs as root, which `chmod` does not stop, so the commands run as an
unprivileged user (nobody, through `setpriv`) in a subprocess. Skipped only where that is
impossible (no setpriv, or the project is not reachable by another user).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOBODY = 65534
DATA = "title: Read-only test\nevents:\n  - {id: a, date: 2001, title: First}\n  - {id: b, date: 2004, title: Second}\n"
OLD = b"%PDF-1.4 an earlier poster the user keeps\n"


def _as_user() -> list[str]:
    """The command prefix that runs a program without root's privileges ([] if we are not root)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot drop the privilege that ignores file modes")
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


@pytest.fixture
def place():
    """A world-reachable folder with the data, a private cache for the user, and a read-only output folder."""
    folder = Path(tempfile.mkdtemp(prefix="timeline-ro-"))
    try:
        folder.chmod(0o755)
        (folder / "data.yaml").write_text(DATA, encoding="utf-8")
        (folder / "data.yaml").chmod(0o644)
        cache = folder / "cache"
        cache.mkdir(mode=0o700)
        if os.geteuid() == 0:
            os.chown(cache, NOBODY, NOBODY)
        out = folder / "out"
        out.mkdir()
        (out / "keep.pdf").write_bytes(OLD)
        (out / "keep.pdf").chmod(0o644)
        out.chmod(0o555)
        yield folder
    finally:
        (folder / "out").chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def run(place: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent", "LANG": "C.UTF-8",
           "XDG_CACHE_HOME": str(place / "cache"), "PYTHONPATH": str(ROOT)}
    return subprocess.run(_as_user() + [sys.executable, "-m", "generator", *args], cwd=place, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def can_drop(place):
    """Skip if the unprivileged user cannot run Python here, fail if the folder does not stop it."""
    probe = subprocess.run(_as_user() + [sys.executable, "-c", "import generator, sys;"
                                         f"open({str(place / 'out' / 'probe')!r}, 'w')"],
                           cwd=place, env={"PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=60)
    if "ModuleNotFoundError" in probe.stderr or "ImportError" in probe.stderr or "can't open file" in probe.stderr:
        pytest.skip(f"the unprivileged user cannot run the project here: {probe.stderr.strip()[-200:]}")
    assert "PermissionError" in probe.stderr, "the read-only folder did not stop the unprivileged user"


@pytest.mark.parametrize("args, target", [
    (("poster", "data.yaml", "-o", "out/keep.pdf"), "out/keep.pdf"),
    (("deck", "data.yaml", "-o", "out/deck.pptx"), "out/deck.pptx"),
    (("poster", "data.yaml", "-o", "out/poster.png"), "out/poster.png"),
    (("export", "data.yaml", "-o", "out/data.json"), "out/data.json"),
    # build writes its outputs on both cores: whichever fails first is the one named
    (("build", "data.yaml", "--out", "out"), re.compile(r"out/data-[a-z]+-(poster|deck|handout|slides-3up)\.(pdf|pptx)")),
])
def test_a_read_only_folder_is_one_clean_line(place, can_drop, args, target):
    result = run(place, *args)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert result.returncode == 1, result.stdout + result.stderr
    assert len(lines) == 1 and "Traceback" not in result.stderr
    named = target.search(lines[0]) if isinstance(target, re.Pattern) else target in lines[0]
    assert named and "Permission denied" in lines[0], lines[0]
    assert sorted(p.name for p in (place / "out").iterdir()) == ["keep.pdf"]     # nothing partial, nothing hidden
    assert (place / "out" / "keep.pdf").read_bytes() == OLD
