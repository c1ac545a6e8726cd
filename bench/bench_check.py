"""Benchmark `timeline check` on 1,000 generated events: the file alone and with every layout predicted.

Run: .venv/bin/python bench/bench_check.py [--runs 5]. Prints medians in seconds (process CPU time
and wall time) for `check --no-layout` and `check` (poster, deck and handout laid out in memory).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def data(path: Path, count: int) -> None:
    rng = random.Random(1)
    lines = ["title: A thousand events", "events:"]
    for i in range(count):
        year = 1000 + i
        lines.append(f"  - {{date: {year}-{rng.randint(1, 12):02d}, title: Event {i} of many, "
                     f"summary: Something happened in {year} worth a line or two of text.}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(args: list[str]) -> tuple[float, float]:
    import resource
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--events", type=int, default=1000)
    ns = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "thousand.yaml"
        data(path, ns.events)
        for label, extra in (("check --no-layout", ["--no-layout"]), ("check (layouts)", [])):
            times = [run(["check", str(path), *extra]) for _ in range(ns.runs)]
            cpu = statistics.median(t[0] for t in times)
            wall = statistics.median(t[1] for t in times)
            print(f"{label:20} {ns.events} events: median cpu {cpu:.2f} s, wall {wall:.2f} s ({ns.runs} runs)")


if __name__ == "__main__":
    main()
