"""Layout rules checked on a scene page: no overlaps, everything inside the safe zone, legible sizes."""

from __future__ import annotations

import itertools
from collections import defaultdict

from generator.scene import Box, Line, Rect, Text


def texts(page) -> list[Text]:
    return [i for i in page.items if isinstance(i, Text)]


def cards(page) -> list[Rect]:
    return [i for i in page.items if isinstance(i, Rect) and i.role == "card"]


def leaders(page) -> dict[str, list[Line]]:
    found = defaultdict(list)
    for item in page.items:
        if isinstance(item, Line) and item.role.startswith("leader "):
            found[item.role].append(item)
    return found


def overlapping_pairs(boxes: list[Box], tol: float = 0.01) -> list[tuple[Box, Box]]:
    """Pairs of boxes that share area (touching edges allowed)."""
    shrunk = [Box(b.x + tol, b.y + tol, b.w - 2 * tol, b.h - 2 * tol) for b in boxes]
    order = sorted(range(len(shrunk)), key=lambda i: shrunk[i].x)
    pairs = []
    for n, i in enumerate(order):
        a = shrunk[i]
        for j in order[n + 1:]:
            b = shrunk[j]
            if b.x >= a.right:
                break
            if a.overlaps(b):
                pairs.append((boxes[i], boxes[j]))
    return pairs


def segment_box(line: Line) -> Box:
    return Box(min(line.x1, line.x2), min(line.y1, line.y2), abs(line.x2 - line.x1), abs(line.y2 - line.y1))


def _cross(a: Box, b: Box, tol: float) -> bool:
    """Do two axis-aligned segments (as thin boxes) meet?"""
    return (a.x <= b.right + tol and b.x <= a.right + tol and a.y <= b.bottom + tol and b.y <= a.bottom + tol)


def leader_problems(page, tol: float = 0.5) -> list[str]:
    """Leaders that cross each other, cross a card other than their own, or cross any text."""
    problems = []
    groups = leaders(page)
    segs = {key: [segment_box(l) for l in lines] for key, lines in groups.items()}
    for (k1, s1), (k2, s2) in itertools.combinations(segs.items(), 2):
        if any(_cross(a, b, tol) for a in s1 for b in s2):
            problems.append(f"{k1} crosses {k2}")
    boxes = [c.box for c in cards(page)]
    for key, ss in segs.items():
        touching = 0
        for card in boxes:
            inner = Box(card.x + tol, card.y + tol, card.w - 2 * tol, card.h - 2 * tol)
            if any(inner.overlaps(s) for s in ss):
                touching += 1
        if touching:
            problems.append(f"{key} passes through {touching} card(s)")
        for text in texts(page):
            box = text.box
            inner = Box(box.x + 0.01, box.y + 0.01, box.w - 0.02, box.h - 0.02)   # a leader may end at its label
            if any(inner.overlaps(s) for s in ss):
                problems.append(f"{key} crosses text {text.text[:30]!r}")
    return problems


def check_page(page, safe: float, floor: float) -> list[str]:
    """Every layout rule; returns the problems found (empty when the page is right)."""
    problems = []
    for a, b in overlapping_pairs([t.box for t in texts(page)]):
        problems.append(f"text overlaps: {a} {b}")
    for a, b in overlapping_pairs([c.box for c in cards(page)]):
        problems.append(f"cards overlap: {a} {b}")
    zone = Box(safe, safe, page.width - 2 * safe, page.height - 2 * safe)
    for t in texts(page):
        if not t.box.inside(zone):
            problems.append(f"text outside the safe zone: {t.text[:30]!r} {t.box}")
        if t.size < floor - 1e-6:
            problems.append(f"text under the floor {floor:.1f} pt: {t.text[:30]!r} at {t.size:.1f} pt")
        for line in t.lines:
            for run in line.runs:
                if run.x < t.x - 0.5 or run.x + run.width > t.x + t.w + 0.5:
                    problems.append(f"run leaves its box: {run.text!r}")
    for c in cards(page):
        if not c.box.inside(zone):
            problems.append(f"card outside the safe zone: {c.box}")
    return problems + leader_problems(page)
