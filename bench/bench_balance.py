"""Benchmark: balance of sparse posters and lanes: type sizes, how much of the sheet the timeline spans, CPU.

Not a test. For sparse sets (the bundled data, a public TimelineJS excerpt, generated sets of 5-20
events) and for lanes (40-300 generated events by group), on A0 landscape, A1 portrait and A3, it
prints the largest card title, card text, tick label, era label and legend sizes, the share of the
room between legend and footer that the cards and axis span across and along the page, the layout's
CPU time (median over repeats; the machine may be shared), and what was shortened.
Run: .venv/bin/python bench/bench_balance.py [--repeat 3] [--only sparse|lanes]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import synthetic  # noqa: E402
from generator.errors import LayoutError  # noqa: E402
from generator.layout.poster import layout_poster  # noqa: E402
from generator.load import load  # noqa: E402
from generator.scene import Line, Rect, Text  # noqa: E402
from generator.style import load_style, poster_format  # noqa: E402

SHEETS = (("A0", "landscape"), ("A1", "portrait"), ("A3", "landscape"))
ROLES = ("event_title", "summary", "tick", "era", "legend")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def cover(page) -> tuple[float, float]:
    """Share of the room between the legend and the footer rule that cards and axis span (across, along)."""
    texts = [i for i in page.items if isinstance(i, Text)]
    head = max(t.box.bottom for t in texts if t.role in ("title", "subtitle", "legend"))
    rule = next((i.y1 for i in page.items if isinstance(i, Line) and i.role == "rule"), page.height)
    left = min(t.box.x for t in texts if t.role == "title")
    boxes = [i.box for i in page.items if isinstance(i, Rect) and i.role in ("card", "axis", "era")]
    boxes += [t.box for t in texts if t.role in ("event_title", "tick")]
    x0, x1 = min(b.x for b in boxes), max(b.right for b in boxes)
    y0, y1 = min(b.y for b in boxes), max(b.bottom for b in boxes)
    return (x1 - x0) / (page.width - 2 * left), (y1 - y0) / (rule - head)


def row(name: str, timeline, style, size: str, orientation: str, lanes: str | None, repeat: int) -> str:
    fmt = poster_format(size, orientation, lanes=lanes)
    cpu, doc = [], None
    for _ in range(repeat):
        start = _cpu()
        try:
            doc = layout_poster(timeline, timeline.languages[0], style, fmt)
        except LayoutError as exc:
            return f"| {name} | {size} {orientation} | {str(exc)[:60]} |"
        cpu.append(_cpu() - start)
    page = doc.pages[0]
    sizes = []
    for role in ROLES:
        found = [i.size for i in page.items if isinstance(i, Text) and i.role == role]
        sizes.append(f"{max(found):.0f}" if found else "-")
    across, along = cover(page)
    notes = "; ".join(n.split(":")[0] for n in doc.notices) or "-"
    return (f"| {name} | {size} {orientation[:4]} | {' / '.join(sizes)} | {across:.2f} x {along:.2f} | "
            f"{statistics.median(cpu):.2f} | {notes[:90]} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("sparse", "lanes"))
    args = parser.parse_args()
    base = load_style()
    folder = Path(tempfile.mkdtemp(prefix="bench-balance-"))
    sparse = {"bundled": load(ROOT / "data" / "container-history.yaml"),
              "women-in-computing": load(ROOT / "tests" / "data" / "women-in-computing.yaml"),
              "5 over 3,000 years": load(synthetic.write(synthetic.sparse(), folder / "s5.yaml")),
              "dense 8": load(synthetic.write(synthetic.dense(8, seed=3), folder / "d8.yaml")),
              "world 20": load(synthetic.write(synthetic.realistic(20, seed=3), folder / "w20.yaml"))}
    lanes = {f"groups {n}": load(synthetic.write(synthetic.long_titles(n, seed=5), folder / f"g{n}.yaml"))
             for n in (40, 150, 300)}
    print("| set | sheet | card title / card text / tick / era / legend (pt) | span across x along | "
          "layout CPU s | shortened |")
    print("| --- | --- | --- | --- | --- | --- |")
    for kind, sets, by in (("sparse", sparse, None), ("lanes", lanes, "group")):
        if args.only and args.only != kind:
            continue
        for name, timeline in sets.items():
            style = base.with_icons(timeline)
            for size, orientation in SHEETS:
                print(row(name + (" (lanes)" if by else ""), timeline, style, size, orientation, by,
                          1 if by and len(timeline.events) > 100 else args.repeat), flush=True)


if __name__ == "__main__":
    main()
