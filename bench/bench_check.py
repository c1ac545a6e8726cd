"""Benchmark `timeline check` on 1,000 events: the file alone and with every layout predicted.

Run: .venv/bin/python bench/bench_check.py [--runs 5] [--base /work/main] [--synthetic]
Prints medians (process CPU time of the command and its forked processes, and wall time) for
`check --no-layout` and `check` (poster, deck and handout laid out in memory). With `--base`, the
same commands of another checkout (its `generator` package, with this interpreter) run interleaved
with these, and the ratio base / this is printed: on a shared machine, compare the CPU ratio.
`--synthetic` uses `tests/synthetic.large(1000)` (the issue's set: short titles in English and Korean)
instead of the plain English set.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data(path: Path, count: int) -> None:
    rng = random.Random(1)
    lines = ["title: A thousand events", "events:"]
    for i in range(count):
        year = 1000 + i
        lines.append(f"  - {{date: {year}-{rng.randint(1, 12):02d}, title: Event {i} of many, "
                     f"summary: Something happened in {year} worth a line or two of text.}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def synthetic(path: Path, count: int) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    import synthetic as sets
    sets.write(sets.large(count), path)


def run(args: list[str], checkout: Path) -> tuple[float, float]:
    """CPU (user + system, with forked processes) and wall seconds of `timeline ARGS` from checkout."""
    import resource
    env = dict(os.environ, PYTHONPATH=str(checkout))
    command = [sys.executable, "-c", "import sys; sys.argv[0] = 'timeline'; from generator.__main__ import run; run()"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command + args, capture_output=True, check=False, env=env, cwd=checkout)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--base", type=Path, default=None, help="another checkout to compare with")
    parser.add_argument("--synthetic", action="store_true", help="tests/synthetic.large (English and Korean)")
    ns = parser.parse_args()
    checkouts = {"this": ROOT} | ({"base": ns.base.resolve()} if ns.base else {})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "thousand.yaml"
        (synthetic if ns.synthetic else data)(path, ns.events)
        for label, extra in (("check --no-layout", ["--no-layout"]), ("check (layouts)", [])):
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in checkouts}
            for _ in range(ns.runs):
                for name, checkout in checkouts.items():      # interleaved: both see the same load
                    times[name].append(run(["check", str(path), *extra], checkout))
            medians = {name: (statistics.median(t[0] for t in found), statistics.median(t[1] for t in found))
                       for name, found in times.items()}
            for name, (cpu, wall) in medians.items():
                print(f"{label:20} {name:5} {ns.events} events: median cpu {cpu:.2f} s, wall {wall:.2f} s "
                      f"({ns.runs} runs)")
            if "base" in medians:
                (cpu, wall), (base_cpu, base_wall) = medians["this"], medians["base"]
                print(f"{label:20} ratio base/this: cpu {base_cpu / cpu:.2f}x, wall {base_wall / wall:.2f}x")


if __name__ == "__main__":
    main()
