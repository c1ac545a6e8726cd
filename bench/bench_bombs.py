"""Benchmark: wall time and peak memory of `timeline check` on hostile files (each should end in under 5 s).

Not a test. Run `python bench/bench_bombs.py [--repeats 3]`. Each case is a fresh process
(`python -m generator check FILE`) with a fresh user cache; it prints the median wall time,
the largest peak RSS, the exit code and the first line the user sees. A baseline, `check`
on a small good file, is measured in the same run (start-up and imports are most of it).

- `use-bomb`: a 1.6 KB SVG icon whose <use> elements would expand to 4**19 elements;
- `title-1MB`: one event whose title is a single 1,000,000-character word;
- `dev-zero`: /dev/zero given as the data file;
- `deep-flow` / `deep-block`: 5,000 nested flow sequences; 3,000 nested block sequences;
- `alias-bomb`: the "billion laughs" (nine levels of nine aliases);
- `big-icon`: a legitimate 0.9 MB SVG icon (1,800 shapes, 225,000 numbers) read for the first time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))

import synthetic  # noqa: E402
from bench_memory import big_svg  # noqa: E402

ONE_EVENT = "title: T\nevents:\n  - {id: a, date: 2001, title: A, icon: ICON}\n"


def use_bomb() -> str:
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><path id="a0" d="M0 0L1 0L1 1Z"/>']
    for i in range(1, 20):
        parts.append(f'<g id="a{i}">' + f'<use href="#a{i - 1}"/>' * 4 + "</g>")
    return "".join(parts) + '</defs><use href="#a19"/></svg>'


def cases(folder: Path) -> dict[str, Path]:
    (folder / "bomb.svg").write_text(use_bomb())
    big_svg(folder / "big.svg")
    files = {
        "good": ("title: T\nevents:\n  - {id: a, date: 2001, title: A}\n", "good.yaml"),
        "use-bomb": (ONE_EVENT.replace("ICON", "bomb.svg"), "use.yaml"),
        "title-1MB": ("title: T\nevents:\n  - {id: a, date: 2001, title: " + "x" * 1_000_000 + "}\n", "title.yaml"),
        "deep-flow": ("title: T\nevents: " + "[" * 5000 + "]" * 5000 + "\n", "flow.yaml"),
        "deep-block": ("title: T\nevents:\n" + "".join("  " * i + "-\n" for i in range(1, 3000)), "block.yaml"),
        "alias-bomb": (synthetic.alias_bomb(), "alias.yaml"),
        "big-icon": (ONE_EVENT.replace("ICON", "big.svg"), "big.yaml"),
    }
    paths = {}
    for case, (text, name) in files.items():
        paths[case] = folder / name
        paths[case].write_text(text, encoding="utf-8")
    paths["dev-zero"] = Path("/dev/zero")
    return paths


def run(path: Path, cache: Path) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS MB, exit code, first line) of one `check`."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as sink:
        child = subprocess.Popen([sys.executable, "-m", "generator", "check", str(path)], env=env, cwd=ROOT,
                                 stdout=sink, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        sink.seek(0)
        lines = [line for line in sink.read().splitlines() if line.strip()]
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), (lines or [""])[0][:110]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for case, path in cases(folder).items():
            runs = []
            for i in range(args.repeats):
                runs.append(run(path, folder / f"cache-{case}-{i}"))     # a fresh cache: nothing read before
            wall = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            code, line = runs[-1][2], runs[-1][3].replace(str(folder), "")
            print(f"{case:>10}: {wall:5.2f} s (median of {args.repeats}), peak {peak:5.0f} MB, exit {code}: {line}",
                  flush=True)


if __name__ == "__main__":
    main()
