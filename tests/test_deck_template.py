"""Our own deck template, templates/deck.pptx: made by code, and the path every default deck takes."""

from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner
from pptx import Presentation

from generator.cli import main
from generator.layout.deck import Frame
from generator.render import deck_template
from generator.render.pptx_template import look_of, pick_layouts, scheme_colors
from generator.style import deck_format
from generator.theme import load_theme


def test_the_shipped_template_is_what_the_generator_makes():
    """Regenerating gives the committed bytes, so the file cannot drift from its code."""
    shipped = deck_template.template_path()
    assert shipped.name == "deck.pptx" and shipped.parent.name == "templates"
    assert deck_template.make(load_theme()) == shipped.read_bytes()
    assert deck_template.make(load_theme()) == deck_template.make(load_theme())


def test_the_generator_writes_the_file_and_leaves_an_identical_one_alone(tmp_path, capsys):
    target = tmp_path / "deck.pptx"
    assert deck_template.main([str(target)]) == 0
    assert target.read_bytes() == deck_template.template_path().read_bytes()
    assert deck_template.main([str(target)]) == 0
    assert "up to date" in capsys.readouterr().out


def test_the_template_has_the_layouts_a_deck_needs_and_no_slides():
    prs = Presentation(str(deck_template.template_path()))
    assert len(prs.slides) == 0
    assert [layout.name for layout in prs.slide_layouts] == ["Title Slide", "Section Header", "Title Only",
                                                             "Title and Content", "Blank"]
    found = {role: layout.name for role, layout in pick_layouts(prs).items()}
    assert found == {"title": "Title Slide", "section": "Section Header", "title_only": "Title Only",
                     "content": "Title and Content"}
    with zipfile.ZipFile(deck_template.template_path()) as package:
        names = package.namelist()
    assert not any(name.startswith(("ppt/media/", "ppt/slides/")) for name in names)


@pytest.mark.parametrize("theme_name", ["default", "dark", "high-contrast"])
@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_the_template_read_back_is_the_layouts_own_frame(theme_name, aspect):
    """Opened like any user template, ours gives the layout exactly the frame it lays out the default deck in."""
    theme, fmt = load_theme(theme_name), deck_format(aspect)
    prs = deck_template.open_own(theme, fmt.width, fmt.height)
    look = look_of(prs)
    frame = Frame.default(fmt, theme.deck["margin"])
    assert (look.width, look.height) == (fmt.width, fmt.height)
    for got, want in ((look.title, frame.title), (look.body, frame.body)):
        assert got.x == pytest.approx(want.x, abs=1e-3) and got.y == pytest.approx(want.y, abs=1e-3)
        assert got.w == pytest.approx(want.w, abs=1e-3) and got.h == pytest.approx(want.h, abs=1e-3)
    assert look.body_fill == theme.colors["background"].upper()
    scheme = scheme_colors(prs.slide_master)
    assert scheme["tx1"] == theme.colors["text"].upper() and scheme["bg1"] == theme.colors["background"].upper()
    assert scheme["tx2"] == theme.colors["muted"].upper()
    assert [scheme[f"accent{i}"] for i in range(1, 7)] == [c.upper() for c in theme.palette[:6]]


def test_the_default_deck_is_built_in_the_template_with_the_themes_colours_and_fonts(tmp_path):
    from conftest import BUNDLED_DATA
    out = tmp_path / "dark.pptx"
    result = CliRunner().invoke(main, ["deck", str(BUNDLED_DATA), "-o", str(out), "--theme", "dark",
                                       "--aspect", "4:3"])
    assert result.exit_code == 0, result.output
    theme = load_theme("dark")
    prs = Presentation(str(out))
    assert (prs.slide_width, prs.slide_height) == (720 * 12700, 540 * 12700)
    assert {layout.name for layout in prs.slide_layouts} == {"Title Slide", "Section Header", "Title Only",
                                                            "Title and Content", "Blank"}
    scheme = scheme_colors(prs.slide_master)
    assert scheme["bg1"] == theme.colors["background"].upper() and scheme["tx1"] == theme.colors["text"].upper()
    # the slides have no background of their own: the master's, the theme's bg1
    assert not any(slide.element.xpath("./p:cSld/p:bg") for slide in prs.slides)
    assert prs.slide_master.element.xpath("./p:cSld/p:bg/p:bgPr/a:solidFill/a:schemeClr/@val") == ["bg1"]
    title = prs.slides[1].shapes.title.element
    assert title.xpath(".//a:rPr/a:solidFill/a:schemeClr/@val")[0] == "tx1"
    assert title.xpath(".//a:rPr/a:latin/@typeface")[0] == "+mj-lt"
    with zipfile.ZipFile(out) as package:
        theme_xml = package.read("ppt/theme/theme1.xml").decode()
    deck_fonts = theme.fonts["deck"]
    assert f'<a:majorFont><a:latin typeface="{deck_fonts["latin"]}"/><a:ea typeface="{deck_fonts["east_asian"]}"/>' \
        in theme_xml
    event = next(s for s in prs.slides if s.slide_layout.name == "Title and Content")
    assert {int(p.placeholder_format.type) for p in event.placeholders} >= {1, 7}
