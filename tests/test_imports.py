"""`timeline --help` and `timeline check` start fast: they import no renderer library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("reportlab", "pptx", "PIL", "qrcode", "lxml", "pypdfium2")  # check may parse SVG icons

PROBE = """
import sys
from generator.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except (SystemExit, Exception):
    pass
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


def imported(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT,
                            check=True)
    return set(result.stdout.split("\n")[-2].split())


# `check` lays out every output (measured with the real fonts) unless --no-layout: that path stays light.
@pytest.mark.parametrize("args", [("--help",), ("check", "--no-layout", "data/container-history.yaml"),
                                  ("poster", "--help")])
def test_no_renderer_is_imported(args):
    assert imported(*args).isdisjoint(HEAVY)


def test_the_probe_sees_imports():
    assert "reportlab" in imported("icons", "--sheet", "/dev/null/x.pdf")
