"""Benchmark: deck build time for 100 and 1,000 event slides against plain python-pptx `add_slide`.

Not a test. Run `python bench/bench_deck.py [--repeats N] [--sizes 100,1000]`. For each
size it builds a generated timeline's deck (layout, then PPTX render with notes and
icons) and, in the same run, adds as many blank slides with python-pptx's own
`add_slide`, without and with notes slides (the deck has notes on every slide). It prints median times and
the ratios: ours / plain at each size, and the growth from the smallest to the largest
size for each (equal to the growth in slides means linear).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pptx import Presentation  # noqa: E402

from generator.layout.deck import layout_deck  # noqa: E402
from generator.model import Category, Era, Event, LocalText, Meta, PartialDate, Source, Timeline  # noqa: E402
from generator.render.pptx import render_pptx  # noqa: E402
from generator.style import load_style  # noqa: E402

ICONS = ("box", "gear", "whale", "rocket", "scroll", "layers", "cloud", "server")
WORDS = ("container", "runtime", "image", "registry", "cluster", "scheduler", "network", "volume")


def generated_timeline(count: int) -> Timeline:
    """A timeline of `count` events over 1900-2019, ten eras, six categories, each event sourced."""
    categories = tuple(Category(f"c{i}", LocalText.of(f"Category {i}")) for i in range(6))
    eras = tuple(Era(f"e{i}", LocalText.of(f"Era {i + 1}"), PartialDate(1900 + 12 * i), PartialDate(1911 + 12 * i))
                 for i in range(10))
    sources = tuple(Source(f"s{i}", f"Source {i}", f"https://example.org/source/{i}") for i in range(20))
    events = []
    for i in range(count):
        month = i * 1440 // count
        date = PartialDate(1900 + month // 12, month % 12 + 1)
        words = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(30))
        events.append(Event(f"ev{i}", date, LocalText.of(f"Event {i}: the {WORDS[i % len(WORDS)]} release"),
                            LocalText.of(f"Summary of event {i}: {words}."), category=categories[i % 6],
                            icon=ICONS[i % len(ICONS)], sources=(sources[i % 20],)))
    return Timeline(LocalText.of("Benchmark timeline"), ("en",), tuple(events), categories=categories,
                    eras=eras, sources=sources, meta=Meta(date="2026-11-28"))


def timed(action, repeats: int) -> float:
    """Median wall time of `action()` over repeats."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def plain_add_slide(count: int, out: Path, notes: bool) -> None:
    """python-pptx alone: count blank slides (with notes slides if asked), then save."""
    prs = Presentation()
    layout = prs.slide_layouts[6]
    for i in range(count):
        slide = prs.slides.add_slide(layout)
        if notes:
            slide.notes_slide.notes_text_frame.text = f"notes {i}"
    prs.save(str(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sizes", default="100,1000")
    args = parser.parse_args()
    style = load_style()
    theme = style.theme
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "deck.pptx"
        for count in (int(n) for n in args.sizes.split(",")):
            timeline = generated_timeline(count)
            doc = layout_deck(timeline, "en", style)
            layout = timed(lambda: layout_deck(timeline, "en", style), args.repeats)
            render = timed(lambda: render_pptx(doc, out, theme), args.repeats)
            slides = len(doc.pages)
            plain = timed(lambda: plain_add_slide(slides, Path(tmp) / "plain.pptx", False), args.repeats)
            noted = timed(lambda: plain_add_slide(slides, Path(tmp) / "plain.pptx", True), args.repeats)
            rows[count] = (slides, layout, render, plain, noted)
            print(f"{count:>5} events, {slides:>5} slides: layout {layout:6.2f} s, render {render:6.2f} s "
                  f"({render / slides * 1000:5.2f} ms/slide) | plain python-pptx add_slide {plain:6.2f} s "
                  f"({plain / slides * 1000:5.2f} ms/slide), with notes {noted:6.2f} s | "
                  f"render/plain {render / plain:4.2f}, render/plain-with-notes {render / noted:4.2f}", flush=True)
    sizes = sorted(rows)
    if len(sizes) >= 2:
        small, large = rows[sizes[0]], rows[sizes[-1]]
        slides = large[0] / small[0]
        print(f"growth {sizes[0]} -> {sizes[-1]} events ({slides:.1f}x slides): layout x{large[1] / small[1]:.1f}, "
              f"render x{large[2] / small[2]:.1f}, plain add_slide x{large[3] / small[3]:.1f}, "
              f"with notes x{large[4] / small[4]:.1f} "
              f"(linear would be x{slides:.1f})")


if __name__ == "__main__":
    main()
