"""Benchmark: poster build time (layout + PDF) for the bundled data and a 150-event A0 poster.

Not a test. Prints medians over repeats, the file sizes, and the ratio of the whole
build to a baseline in the same run: rendering the already laid-out scene only.
Run: .venv/bin/python bench/bench_poster.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import synthetic  # noqa: E402
from generator.layout.poster import layout_poster  # noqa: E402
from generator.load import load  # noqa: E402
from generator.render.pdf import render_pdf  # noqa: E402
from generator.sizes import SHEETS  # noqa: E402
from generator.style import PosterFormat, load_style  # noqa: E402


def median_time(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    style = load_style()
    width, height = SHEETS["a0"][1], SHEETS["a0"][0]
    with tempfile.TemporaryDirectory() as tmp:
        cases = {"container-history (21 events)": load(ROOT / "data" / "container-history.yaml"),
                 "generated (150 events)": load(synthetic.write(synthetic.large(150), Path(tmp) / "l.yaml"))}
        print(f"A0 landscape poster, median of {args.repeat} runs")
        print(f"{'data':32} {'lang':4} {'build s':>8} {'render-only s':>14} {'ratio':>6} {'size KB':>8}")
        for name, timeline in cases.items():
            for lang in timeline.languages:
                out = Path(tmp) / f"{lang}.pdf"
                fmt, styled = PosterFormat(width, height), style.with_icons(timeline)
                doc = layout_poster(timeline, lang, styled, fmt)

                def full():
                    render_pdf(layout_poster(timeline, lang, styled, fmt), out)

                whole = median_time(full, args.repeat)
                render = median_time(lambda: render_pdf(doc, out), args.repeat)
                print(f"{name:32} {lang:4} {whole:8.3f} {render:14.3f} {whole / render:6.2f} "
                      f"{out.stat().st_size / 1024:8.0f}")


if __name__ == "__main__":
    main()
