"""Sheet sizes and lengths: A0 ... Letter, ARCH C/D/E, custom `60x90cm`, `3mm`."""

from __future__ import annotations

import math
import re

from generator.errors import OptionError

MM = 72 / 25.4
INCH = 72.0
UNITS = {"mm": MM, "cm": 10 * MM, "in": INCH, "pt": 1.0}

# Portrait width x height in points.
SHEETS = {
    "4a0": (1682 * MM, 2378 * MM), "2a0": (1189 * MM, 1682 * MM),
    "a0": (841 * MM, 1189 * MM), "a1": (594 * MM, 841 * MM), "a2": (420 * MM, 594 * MM),
    "a3": (297 * MM, 420 * MM), "a4": (210 * MM, 297 * MM), "a5": (148 * MM, 210 * MM),
    "letter": (8.5 * INCH, 11 * INCH), "legal": (8.5 * INCH, 14 * INCH),
    "tabloid": (11 * INCH, 17 * INCH),
    "arch-c": (18 * INCH, 24 * INCH), "arch-d": (24 * INCH, 36 * INCH), "arch-e": (36 * INCH, 48 * INCH),
}
A0_SHORT = SHEETS["a0"][0]
PDF_PAGE_LIMIT = 14_400.0     # the largest PDF page side in default user units (200 in)
MAX_SHEET_SIDE = 50_000 * MM  # the largest sheet side we lay out (50 m): larger pages use PDF UserUnit
MAX_BLEED = 20 * MM
_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?\s*$")
_CUSTOM = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)\s*$")


def parse_length(text: str, default_unit: str = "mm") -> float:
    """`3mm`, `0.125in`, `10` (mm) -> points."""
    m = _LENGTH.match(str(text).lower())
    if not m:
        raise OptionError(f'"{text}" is not a length (such as 3mm, 0.5cm, 0.125in, 9pt)')
    return float(m.group(1)) * UNITS[m.group(2) or default_unit]


def parse_size(text: str) -> tuple[str, float, float]:
    """A sheet name or `WxH unit` -> (label, portrait width, portrait height) in points."""
    key = text.strip().lower().replace(" ", "-").replace("_", "-")
    key = {"archc": "arch-c", "archd": "arch-d", "arche": "arch-e"}.get(key, key)
    if key in SHEETS:
        width, height = SHEETS[key]
        return standard_name(key), width, height
    m = _CUSTOM.match(key)
    if m:
        unit = UNITS[m.group(3)]
        width, height = float(m.group(1)) * unit, float(m.group(2)) * unit
        if min(width, height) < 2 * INCH or max(width, height) > MAX_SHEET_SIDE:
            raise OptionError(f'"{text}": a sheet must be between 2 in and {MAX_SHEET_SIDE / MM / 1000:g} m on each side')
        return text.strip(), min(width, height), max(width, height)
    names = ", ".join(standard_name(n) for n in SHEETS)
    raise OptionError(f'"{text}" is not a sheet size ({names}, or custom like 60x90cm)')


def user_unit(longest_side: float) -> int:
    """The PDF UserUnit a page needs: 1 up to the PDF page limit, else the whole number that brings it under."""
    return max(1, math.ceil(longest_side / PDF_PAGE_LIMIT - 1e-9))


def crop_slug(short_side: float) -> float:
    """The room outside the bleed that crop marks take, for a sheet with this short side."""
    return max(12 * MM * short_side / A0_SHORT, 9 * MM)


def oriented(width: float, height: float, orientation: str) -> tuple[float, float]:
    """Swap to landscape when asked."""
    if orientation == "landscape":
        return max(width, height), min(width, height)
    return min(width, height), max(width, height)


def standard_name(key: str) -> str:
    """How a sheet key is written as a --size value (A0, 2A0, Letter, ARCH-D)."""
    return key.upper() if _iso(key) or key.startswith("arch") else key.title()


def _iso(key: str) -> bool:
    return re.fullmatch(r"\d?a\d", key) is not None


def inner_sheet(width: float, height: float) -> tuple[str, float, float] | None:
    """The largest ISO A sheet (4A0 ... A5: the series the type floors are defined on) inside width x height,
    oriented alike, when it is smaller than the sheet; None for an A sheet or one with no A sheet inside.
    Other standard sheets (Letter, Tabloid, ARCH-C ...) are between A sheets like custom ones."""
    if any(abs(w - min(width, height)) < 0.5 and abs(h - max(width, height)) < 0.5
           for key, (w, h) in SHEETS.items() if _iso(key)):
        return None
    found = []
    for key, size in SHEETS.items():
        if not _iso(key):
            continue
        w, h = oriented(*size, "landscape" if width > height else "portrait")
        if w <= width + 0.5 and h <= height + 0.5:
            found.append((min(w, h), w * h, standard_name(key), w, h))
    if not found:
        return None
    short, _, name, w, h = max(found)
    return (name, w, h) if short < min(width, height) - 0.5 else None


def larger_sheets(width: float, height: float) -> list[tuple[str, float, float]]:
    """Standard sheets at least as large as width x height each way, smallest first, oriented alike."""
    found = []
    for key, (w, h) in SHEETS.items():
        w, h = oriented(w, h, "landscape" if width > height else "portrait")
        if w >= width - 0.5 and h >= height - 0.5 and w * h > width * height + 1:
            found.append((standard_name(key), w, h))
    return sorted(found, key=lambda s: s[1] * s[2])
