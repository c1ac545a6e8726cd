"""Benchmark: peak memory (maximum resident set size) of `timeline deck` on large inputs.

Not a test. Run `python bench/bench_memory.py [--cases icon,plain,10000] [--events 10000]`.
Each case runs the real CLI (`python -m generator deck DATA -o OUT.pptx`) in its own
process and reports that process's peak RSS (`os.wait4`'s usage of that child), its
wall time and the file size:

- `icon`: 20 events that all use one generated 0.9 MB SVG icon (1,800 shapes, 225,000
  numbers: within the SVG limits), the case the reliability issue measured at 3.5 GB;
- `plain`: the same 20 events without the icon, the baseline in the same run;
- `10000`: a generated timeline of 10,000 events (and as many event slides).

The user cache is a fresh temporary folder, so the icon is parsed in the run as a new
user's first build would; pass --warm to run each case twice and report the second run.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def big_svg(path: Path, target: int = 900_000, seed: int = 2) -> Path:
    """An SVG of about `target` bytes: shapes of 20 cubic curves with integer coordinates."""
    rng = random.Random(seed)
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 1000">']
    size = len(parts[0])
    while size < target:
        curves = "".join("C" + " ".join(str(rng.randrange(1000)) for _ in range(6)) for _ in range(20))
        shape = f'<path d="M{rng.randrange(1000)} {rng.randrange(1000)}{curves}Z"/>'
        parts.append(shape)
        size += len(shape)
    path.write_text("".join(parts) + "</svg>", encoding="utf-8")
    return path


def data_file(path: Path, count: int, icon: str | None = None) -> Path:
    """A data file of `count` events over 1900-2019 (each with `icon` if given)."""
    lines = ["title: Memory benchmark", "events:"]
    for i in range(count):
        month = i * 1440 // count
        extra = f", icon: {icon}" if icon else ""
        lines.append(f"  - {{id: e{i}, date: {1900 + month // 12}-{month % 12 + 1:02d}, title: Event {i} release, "
                     f"summary: 'Summary of event {i}: container runtime image registry cluster.'{extra}}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def peak_run(data: Path, out: Path, cache: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, wall seconds, output bytes) of one `timeline deck` process (os.wait4's own usage)."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), PYTHONPATH=str(ROOT))
    log = out.with_suffix(".log")
    start = time.perf_counter()
    with open(log, "w") as sink:
        child = subprocess.Popen([sys.executable, "-m", "generator", "deck", str(data), "-o", str(out)], env=env,
                                 stdout=sink, stderr=subprocess.STDOUT, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if child.returncode:
        raise SystemExit(f"{data.name}: exit {child.returncode}: {log.read_text().strip()}")
    return usage.ru_maxrss / 1024, wall, out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default="plain,icon,10000")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--warm", action="store_true", help="report a second run (icon and fonts cached)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big_svg(folder / "big.svg")
        files = {"icon": data_file(folder / "icon.yaml", 20, "big.svg"), "plain": data_file(folder / "plain.yaml", 20),
                 "10000": data_file(folder / "many.yaml", args.events)}
        for case in args.cases.split(","):
            cache = folder / f"cache-{case}"
            runs = 2 if args.warm else 1
            for _ in range(runs):
                peak, wall, size = peak_run(files[case], folder / f"{case}.pptx", cache)
            print(f"{case:>6}: peak RSS {peak:7.0f} MB, {wall:6.1f} s, {size / 1e6:6.1f} MB written", flush=True)


if __name__ == "__main__":
    main()
