"""The benchmark's anchor: the A0 poster script someone would write by hand with matplotlib.

Not part of the product. It reads a timeline data file with plain PyYAML, draws one A0
landscape poster of its events in one language (a date axis, era bands, a marker, a
leader and a boxed title with a wrapped summary per event, alternating above and below
the axis) and saves it as a PDF. `bench/bench_build.py` times it as a whole process,
imports included, against `timeline build` in the same run.

Run: .venv/bin/python bench/anchor_matplotlib.py data/container-history.yaml out.pdf [--lang en]
"""

from __future__ import annotations

import argparse
import textwrap

import matplotlib

matplotlib.use("pdf")
import matplotlib.pyplot as plt  # noqa: E402
import yaml  # noqa: E402

A0_LANDSCAPE_IN = (1189 / 25.4, 841 / 25.4)


def text(value, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or next(iter(value.values())))
    return "" if value is None else str(value)


def year(value) -> float:
    """2013 -> 2013.0, '2013-03' -> 2013.17, '2013-03-15' -> 2013.2."""
    parts = [int(p) for p in str(value).split("-")] if str(value)[0] != "-" else [int(value)]
    y = parts[0]
    month = parts[1] if len(parts) > 1 else 1
    day = parts[2] if len(parts) > 2 else 1
    return y + (month - 1) / 12 + (day - 1) / 365


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("out")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    with open(args.data, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    lang = args.lang
    colors = {c["id"]: c.get("color", "#555555") for c in data.get("categories", [])}
    events = sorted(data["events"], key=lambda e: year(e["date"]))
    first, last = year(events[0]["date"]), max(year(e.get("end", e["date"])) for e in events)
    pad = max(1.0, (last - first) * 0.04)

    fig, ax = plt.subplots(figsize=A0_LANDSCAPE_IN)
    fig.subplots_adjust(left=0.03, right=0.97, top=0.88, bottom=0.05)
    fig.suptitle(text(data["title"], lang), fontsize=96, fontweight="bold", y=0.97)
    if data.get("subtitle"):
        fig.text(0.5, 0.905, text(data["subtitle"], lang), ha="center", fontsize=48, color="#444444")
    ax.set_xlim(first - pad, last + pad)
    ax.set_ylim(-10, 10)
    ax.axhline(0, color="#222222", linewidth=4)
    for i, era in enumerate(data.get("eras", [])):
        start, end = year(era["start"]), year(era["end"]) + 1
        ax.axvspan(start, end, color="#F3F4F6" if i % 2 else "#E5E7EB", zorder=0)
        ax.text((start + end) / 2, 9.4, text(era["label"], lang), ha="center", fontsize=30, color="#333333")
    for i, event in enumerate(events):
        x = year(event["date"])
        side = 1 if i % 2 == 0 else -1
        level = side * (2.0 + 2.6 * ((i // 2) % 3))
        color = colors.get(event.get("category"), "#555555")
        ax.plot([x, x], [0, level], color=color, linewidth=2)
        ax.plot([x], [0], "o", color=color, markersize=18)
        body = textwrap.fill(text(event.get("summary"), lang), 38)
        label = f"{text(event['title'], lang)}\n{str(event['date'])}\n\n{body}"
        ax.annotate(label, (x, level), fontsize=18, ha="center", va="bottom" if side > 0 else "top",
                    bbox={"boxstyle": "round,pad=0.6", "facecolor": "white", "edgecolor": color,
                          "linewidth": 3})
    ax.tick_params(axis="x", labelsize=28)
    ax.get_yaxis().set_visible(False)
    for spine in ("left", "right", "top"):
        ax.spines[spine].set_visible(False)
    fig.savefig(args.out)


if __name__ == "__main__":
    main()
