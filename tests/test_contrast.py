"""Contrast is guaranteed: every text and every meaningful mark of every output, in every bundled
theme and both languages, stands out from what is drawn behind it by the theme's figure."""

from __future__ import annotations

import pytest

from generator.colors import contrast
from generator.icons import bundled_names
from generator.layout.deck import layout_deck
from generator.layout.handout import layout_handout
from generator.layout.poster import layout_poster
from generator.layout.sheet import icon_sheet
from generator.layout.slides import layout_slide_handout
from generator.layout.tiles import layout_tiles
from generator.load import load
from generator.scene import Box, Group, Line, Path, Rect, Text
from generator.style import deck_format, load_style, paper_format, poster_format, tile_format
from generator.theme import theme_names

THEMES = theme_names()
MARKS = {"legend", "anchor", "marker", "span", "icon", "qr", "strip", "arrow", "disc", "cut"}
PAPER = "#FFFFFF"


def _moved(box: Box, x: float, y: float, scale: float) -> Box:
    return Box(x + box.x * scale, y + box.y * scale, box.w * scale, box.h * scale)


def _clipped(box: Box, clip: Box | None) -> Box | None:
    if clip is None:
        return box
    x0, y0 = max(box.x, clip.x), max(box.y, clip.y)
    x1, y1 = min(box.right, clip.right), min(box.bottom, clip.bottom)
    return Box(x0, y0, x1 - x0, y1 - y0) if x1 > x0 and y1 > y0 else None


def painted(items, x: float = 0.0, y: float = 0.0, scale: float = 1.0, clip: Box | None = None):
    """Every visible item in drawing order with its box on the page (groups flattened, clipped)."""
    for item in items:
        if isinstance(item, Group):
            inner = _moved(item.clip, x, y, scale) if item.clip is not None else None
            inner = _clipped(inner, clip) if inner is not None else clip
            if inner is not None or item.clip is None:
                yield from painted(item.page.items, x + item.x * scale, y + item.y * scale, scale * item.scale,
                                   inner)
        elif hasattr(item, "box") or isinstance(item, Line):
            own = item.box if hasattr(item, "box") else Box(min(item.x1, item.x2), min(item.y1, item.y2),
                                                            abs(item.x2 - item.x1) + 0.01, abs(item.y2 - item.y1) + 0.01)
            box = _clipped(_moved(own, x, y, scale), clip)
            if box is not None:
                yield item, box


def behind(fills: list, box: Box) -> str:
    """The colour of the last solid fill that holds the box's centre (the paper if none)."""
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    for fill_box, color in reversed(fills):
        if fill_box.x <= cx <= fill_box.right and fill_box.y <= cy <= fill_box.bottom:
            return color
    return PAPER


def low_contrast(doc, text_need: float, mark_need: float) -> list[str]:
    """Each text or meaningful mark below the figure, with its colour, what is behind it and the ratio."""
    found, checked = [], 0
    for page in doc.pages:
        fills: list = []
        for item, box in painted(page.items):
            if isinstance(item, Text):
                ground = behind(fills, box)
                checked += 1
                if contrast(item.color, ground) < text_need - 1e-9:
                    found.append(f"{page.kind} text {item.role} {item.text[:20]!r}: {item.color} on {ground} "
                                 f"{contrast(item.color, ground):.2f}")
                continue
            color = item.fill if isinstance(item, (Rect, Path)) else None
            if isinstance(item, Line) and (item.role.startswith("leader") or item.role in ("cut", "axis")):
                color = item.color
            if isinstance(item, Rect) and item.role == "disc":       # a tinted disc: its ring is the mark
                color = item.stroke
            if (item.role in MARKS or isinstance(item, Line)) and color:
                ground = behind(fills, box)
                halo = getattr(item, "stroke", None) if item.role != "disc" else None
                if halo and item.stroke_width > 0:                  # a halo in the ground's colour parts it
                    ground = halo
                checked += 1
                if contrast(color, ground) < mark_need - 1e-9:
                    found.append(f"{page.kind} mark {item.role}: {color} on {ground} {contrast(color, ground):.2f}")
            if isinstance(item, Rect) and item.fill and (item.role not in MARKS or item.role == "disc"):
                fills.append((box, item.fill))
    assert checked > 0
    return found


@pytest.fixture(scope="module")
def timeline():
    from conftest import BUNDLED_DATA
    return load(BUNDLED_DATA)


@pytest.fixture(scope="module", params=THEMES)
def outputs(request, timeline):
    """Every output of the bundled data in one theme, both languages, as scenes."""
    return every_output(request.param, timeline)


def every_output(theme: str, timeline):
    style = load_style(theme, None, timeline)
    docs = {}
    for lang in ("en", "ko"):
        poster = layout_poster(timeline, lang, style, poster_format("A1", "landscape"))
        deck = layout_deck(timeline, lang, style, deck_format("16:9"))
        docs[f"poster {lang}"] = poster
        docs[f"tiles {lang}"] = layout_tiles(poster, lang, style, tile_format("A4"))
        docs[f"deck {lang}"] = deck
        docs[f"handout {lang}"] = layout_handout(timeline, lang, style, paper_format("A4"))
        docs[f"slides {lang}"] = layout_slide_handout(deck, lang, style, paper_format("A4", 3))
    docs["icon sheet"] = icon_sheet(style.with_icons(names=tuple(bundled_names())))
    return style.theme, docs


def test_every_text_and_mark_of_every_output_keeps_the_theme_contrast(outputs):
    theme, docs = outputs
    need = theme.contrast
    assert need["text"] >= 4.5 and need["marks"] >= 3
    problems = {name: low_contrast(doc, need["text"], need["marks"]) for name, doc in docs.items()}
    assert {name: found for name, found in problems.items() if found} == {}


def test_high_contrast_asks_7_to_1_for_text():
    from generator.theme import load_theme
    assert load_theme("high-contrast").contrast["text"] == 7


def test_the_walker_sees_faint_text_and_marks():
    from generator.scene import Document, Page
    from generator.text import text_block
    style = load_style()
    faint = text_block(["faint"], style.fonts.chain("body"), 12, 10, 10, 100, "#DDDDDD", role="x")
    swatch = Rect(10, 40, 10, 10, fill="#FFFF00", role="legend")
    page = Page(200, 100, (Rect(0, 0, 200, 100, fill="#FFFFFF", role="background"), faint, swatch), kind="t")
    found = low_contrast(Document((page,), ()), 4.5, 3.0)
    assert len(found) == 2 and "#DDDDDD on #FFFFFF" in found[0] and "#FFFF00 on #FFFFFF" in found[1]
