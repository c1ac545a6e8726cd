"""The bundled themes, user themes that extend them, `timeline themes`, and colour checks in `check`."""

from __future__ import annotations

import pdfplumber
import pytest

from generator.cli import main
from generator.colors import contrast, luminance
from generator.theme import load_theme, theme_names

BUNDLED = ["default", "dark", "ink-saver", "high-contrast"]


def test_four_themes_ship_and_none_needs_its_colours_adjusted():
    assert theme_names() == ["default", "dark", "high-contrast", "ink-saver"]
    for name in BUNDLED:
        theme = load_theme(name)
        assert theme.name == name and theme.description
        assert theme.notes == (), name


def test_dark_is_dark_on_screen_and_light_on_paper():
    dark = load_theme("dark")
    assert luminance(dark.colors["background"]) < 0.05 < 0.9 < luminance(dark.paper_colors["background"])


def test_ink_saver_has_a_white_header_fine_lines_pale_fills_and_a_shape_per_category():
    ink, default = load_theme("ink-saver"), load_theme("default")
    assert ink.colors["header_background"] == "#FFFFFF" and ink.colors["background"] == "#FFFFFF"
    assert ink.spacing["line"] < default.spacing["line"]
    assert all(luminance(fill) > 0.9 for fill in ink.colors["era_fills"])
    assert len(set(ink.markers)) >= 6


def test_high_contrast_text_pairs_reach_7_to_1():
    theme = load_theme("high-contrast")
    c = theme.colors
    pairs = [(c["text"], c["background"]), (c["muted"], c["background"]), (c["text"], c["card"]),
             (c["header_text"], c["header_background"]), (c["header_muted"], c["header_background"])]
    pairs += [(c["era_text"], fill) for fill in c["era_fills"]]
    assert min(contrast(a, b) for a, b in pairs) >= 7


def test_a_user_theme_overrides_only_what_it_names(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text('extends: dark\nname: mine\ncolors:\n  text: "white"\nscale:\n  title: 120\n', encoding="utf-8")
    mine, dark = load_theme(str(path)), load_theme("dark")
    assert mine.name == "mine" and mine.colors["text"] == "#FFFFFF" and mine.scale["title"] == 120
    assert mine.colors["muted"] == dark.colors["muted"] and mine.palette == dark.palette
    assert mine.scale["date"] == dark.scale["date"] and mine.deck == dark.deck


def test_a_user_theme_colour_below_the_contrast_is_adjusted_and_said(tmp_path):
    path = tmp_path / "pale.yaml"
    path.write_text('colors:\n  muted: "#BBBBBB"\n', encoding="utf-8")
    theme = load_theme(str(path))
    assert contrast(theme.colors["muted"], "#FFFFFF") >= 4.5
    assert len(theme.notes) == 1 and "colors.muted: #BBBBBB has 1.9" in theme.notes[0]


def test_themes_lists_every_bundled_theme(runner):
    result = runner.invoke(main, ["themes"])
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.output.splitlines()]
    assert names == theme_names()


def test_themes_sheet_draws_a_page_per_theme(runner, tmp_path):
    out = tmp_path / "themes.pdf"
    result = runner.invoke(main, ["themes", "--sheet", str(out)])
    assert result.exit_code == 0, result.output
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == len(theme_names())
        firsts = [page.extract_text().splitlines()[0] for page in pdf.pages]
    assert firsts == theme_names()


def test_themes_sheet_must_be_a_pdf(runner, tmp_path):
    result = runner.invoke(main, ["themes", "--sheet", str(tmp_path / "x.png")])
    assert result.exit_code == 1 and "is a .pdf file" in result.output


@pytest.mark.parametrize("theme", BUNDLED)
def test_the_bundled_data_builds_a_poster_in_every_theme(runner, bundled_data, tmp_path, theme):
    out = tmp_path / "p.pdf"
    result = runner.invoke(main, ["poster", str(bundled_data), "--theme", theme, "--size", "A3", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with pdfplumber.open(out) as pdf:
        assert "Containers" in pdf.pages[0].extract_text()


FAINT = """title: T
categories:
  - {id: sun, label: Sunny, color: "#FFFF00"}
  - {id: fine, label: Fine, color: "#0072B2"}
events:
  - {id: a, date: 2001, title: One, category: sun}
  - {id: b, date: 2004, title: Two, category: fine}
"""


def test_check_warns_about_a_faint_category_naming_it_and_both_colours(runner, write_yaml):
    path = write_yaml(FAINT)
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if ": warning: " in line]
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:3:5: warning: categories[0].color: category \"sun\": #FFFF00 has 1.07:1")
    assert "#FFFFFF" in lines[0] and "drawn as #" in lines[0]
    assert "(1 warnings)" in result.output


def test_check_with_strict_colors_makes_it_an_error(runner, write_yaml):
    path = write_yaml(FAINT)
    result = runner.invoke(main, ["check", str(path), "--strict-colors"])
    assert result.exit_code == 1
    assert 'category "sun"' in result.output and "warning" not in result.output


def test_check_measures_against_the_chosen_theme(runner, write_yaml):
    path = write_yaml(FAINT.replace("#FFFF00", "#222222").replace("#0072B2", "#333333"))
    assert "warning" not in runner.invoke(main, ["check", str(path)]).output
    dark = runner.invoke(main, ["check", str(path), "--theme", "dark"])
    assert dark.output.count(": warning: ") == 2 and "poster/deck background #" in dark.output


def test_the_poster_draws_the_adjusted_colour(write_yaml, style):
    from generator.layout.poster import layout_poster
    from generator.load import load
    from generator.scene import Rect
    from generator.style import PosterFormat
    timeline = load(write_yaml(FAINT))
    page = layout_poster(timeline, "en", style, PosterFormat(1190.0, 842.0)).pages[0]
    legend = [item.fill for item in page.items if item.role == "legend" and isinstance(item, Rect)]
    assert "#FFFF00" not in legend and min(contrast(c, "#FFFFFF") for c in legend) >= 3


def test_one_build_loads_its_theme_once_and_resolves_its_fonts_once(runner, bundled_data, tmp_path, monkeypatch):
    import generator.style as style_module
    calls = {"theme": 0, "fonts": 0}
    real_theme, real_fonts = style_module.load_theme, style_module.resolve

    def count_theme(*args, **kw):
        calls["theme"] += 1
        return real_theme(*args, **kw)

    def count_fonts(*args, **kw):
        calls["fonts"] += 1
        return real_fonts(*args, **kw)

    monkeypatch.setattr(style_module, "load_theme", count_theme)
    monkeypatch.setattr(style_module, "resolve", count_fonts)
    result = runner.invoke(main, ["build", str(bundled_data), "--out", str(tmp_path), "--theme", "dark", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.iterdir())) == 8
    assert calls == {"theme": 1, "fonts": 1}
