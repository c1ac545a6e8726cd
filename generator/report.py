"""The layout report: per event, where its card went and how dense a rung it needed (JSON)."""

from __future__ import annotations

import json
from pathlib import Path
from statistics import median

from generator.output import atomic_path
from generator.scene import Document


def report_data(doc: Document) -> dict:
    """The report as plain data: sheet, notices, distance summary and one entry per event.

    `distance` is measured along the axis from the event's point to the nearest edge of its
    card (0 when the card spans the point), as a share of the axis (row) length.
    """
    page = doc.pages[0]
    events = [{"id": p.event, "rung": p.rung, "summary_kept": p.summary_kept,
               "card": {"x": _r(p.box.x), "y": _r(p.box.y), "w": _r(p.box.w), "h": _r(p.box.h)},
               "anchor": {"x": _r(p.anchor[0]), "y": _r(p.anchor[1])},
               "distance": round(p.distance, 5)} for p in doc.placements]
    distances = [p.distance for p in doc.placements] or [0.0]
    return {"sheet": {"width_pt": _r(page.width), "height_pt": _r(page.height)},
            "units": "points from the trim's top-left corner",
            "notices": list(doc.notices),
            "distance": {"median": round(median(distances), 5), "max": round(max(distances), 5)},
            "events": events}


def write_report(doc: Document, path: Path) -> None:
    """Write the report as UTF-8 JSON, atomically."""
    text = json.dumps(report_data(doc), ensure_ascii=False, indent=1)
    with atomic_path(path) as temp:
        temp.write_text(text + "\n", encoding="utf-8")


def _r(value: float) -> float:
    return round(value, 2)
