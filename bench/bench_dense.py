"""Benchmark: dense A0 posters (20, 150, 573 and 1,000 events): build time and how near cards sit to their dates.

Not a test. For each generated set it prints the median build time (layout + PDF) over
repeats, the layout time alone, the distance from each event's point on the axis to the
nearest edge of its card as a share of the axis (median and max), and what was shortened.
Sets: `short` (titles like "Release 123", dates 1900-2020), `long` (world-history-like, titles of 5-12
words in mixed scripts, spans, eras), `world` (world-history-like:
3000 BCE to today, denser towards today, titles of two to nine words, spans, eras).
Run: .venv/bin/python bench/bench_dense.py [--repeat 3] [--sets short,world] [--sizes 20,150,573,1000]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import synthetic  # noqa: E402
from generator.errors import LayoutError  # noqa: E402
from generator.layout.poster import layout_poster  # noqa: E402
from generator.load import load  # noqa: E402
from generator.render.pdf import render_pdf  # noqa: E402
from generator.style import load_style, poster_format  # noqa: E402

SETS = {"short": synthetic.large, "world": synthetic.realistic, "long": synthetic.long_titles}


def _cpu() -> float:
    """CPU seconds of this process and its finished children (renderers may work in forked processes)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(func, repeat: int) -> tuple[float, object, float]:
    """Median wall time, the last result, and median CPU time (the machine may be shared: CPU time is
    what the build itself costs)."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), _cpu()
        result = func()
        times.append(time.perf_counter() - start)
        cpu.append(_cpu() - start_cpu)
    return statistics.median(times), result, statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sets", default="short,world")
    parser.add_argument("--sizes", default="20,150,573,1000")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    fmt = poster_format("A0", "landscape")
    print(f"A0 landscape poster, median of {args.repeat} runs; distance = point to nearest card edge / axis length")
    print(f"{'set':6} {'events':>6} {'build s':>8} {'cpu s':>6} {'layout s':>9} {'cpu s':>6} {'dist med':>9} "
          f"{'dist max':>9}  shortened")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets.split(","):
            for count in (int(n) for n in args.sizes.split(",")):
                timeline = load(synthetic.write(SETS[name](count), Path(tmp) / f"{name}{count}.yaml"))
                style = load_style(timeline=timeline)
                out = Path(tmp) / "poster.pdf"
                try:
                    layout_s, doc, layout_cpu = timed(lambda: layout_poster(timeline, args.lang, style, fmt), args.repeat)
                except LayoutError as exc:
                    print(f"{name:6} {count:6} {'refused':>8}  {exc}")
                    continue
                build_s, _, build_cpu = timed(lambda: render_pdf(layout_poster(timeline, args.lang, style, fmt), out),
                                   args.repeat)
                distances = [p.distance for p in doc.placements]
                shortened = "; ".join(doc.notices) or "nothing"
                print(f"{name:6} {count:6} {build_s:8.2f} {build_cpu:6.2f} {layout_s:9.2f} {layout_cpu:6.2f} {statistics.median(distances):9.4f} "
                      f"{max(distances):9.4f}  {shortened}")


if __name__ == "__main__":
    main()
