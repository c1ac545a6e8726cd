"""The default theme: readable colours and an Okabe-Ito palette."""

from __future__ import annotations

import pytest

from generator.errors import ThemeError
from generator.colors import contrast
from generator.theme import load_theme

OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}


def text_pairs(theme):
    c = theme.colors
    pairs = [("text", c["text"], c["background"]), ("muted", c["muted"], c["background"]),
             ("text on card", c["text"], c["card"]), ("muted on card", c["muted"], c["card"]),
             ("header", c["header_text"], c["header_background"]),
             ("header muted", c["header_muted"], c["header_background"])]
    pairs += [(f"era {fill}", c["era_text"], fill) for fill in c["era_fills"]]
    return pairs


def test_every_text_colour_has_4_5_to_1_contrast(theme):
    low = [(name, round(contrast(fg, bg), 2)) for name, fg, bg in text_pairs(theme) if contrast(fg, bg) < 4.5]
    assert low == []


def test_palette_is_okabe_ito(theme):
    assert set(theme.palette) <= OKABE_ITO and len(theme.palette) >= 6


def test_contrast_formula_matches_wcag():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_unknown_theme_is_a_clear_error():
    with pytest.raises(ThemeError, match='no theme "neon"'):
        load_theme("neon")


def test_a_dark_era_colour_from_the_data_gets_light_label_text(tmp_path, style):
    from generator.layout.poster import layout_poster
    from generator.load import load
    from generator.scene import Rect, Text
    data = tmp_path / "d.yaml"
    data.write_text("title: T\neras:\n  - {id: e, label: Night, start: 2000, end: 2005, color: '#10263F'}\n"
                    "events:\n  - {id: a, date: 2001, title: One}\n  - {id: b, date: 2004, title: Two}\n",
                    encoding="utf-8")
    from generator.style import PosterFormat
    page = layout_poster(load(data), "en", style, PosterFormat(1190.0, 842.0)).pages[0]
    label = next(i for i in page.items if isinstance(i, Text) and i.role == "era")
    band = next(i for i in page.items if isinstance(i, Rect) and i.role == "era")
    assert contrast(label.color, band.fill) >= 4.5
