"""PNG previews (the PDF rendered by PDFium) and the icon contact sheet: pixels land where the scene puts them."""

from __future__ import annotations

import pytest
from PIL import Image

from generator import scene
from generator.errors import RenderError
from generator.fonts import LATIN, find_face
from generator.icons import bundled_icons
from generator.layout.sheet import icon_sheet
from generator.render.png import render_page, render_png

WHITE = (255, 255, 255)


@pytest.fixture(scope="module")
def face() -> scene.FontFace:
    found = find_face(LATIN["regular"])
    if found is None:
        pytest.skip("no Latin TrueType font installed")
    return found.font_face


def square(x, y, size, clockwise=True) -> tuple[tuple, ...]:
    corners = [(x, y), (x + size, y), (x + size, y + size), (x, y + size)]
    if not clockwise:
        corners.reverse()
    return (("M", *corners[0]), *(("L", *c) for c in corners[1:]), ("Z",))


def page_of(*items, width=100, height=100, **kwargs) -> scene.Page:
    return scene.Page(width, height, tuple(items), **kwargs)


def dark(pixel) -> bool:
    return sum(pixel[:3]) < 200


def test_path_and_text_draw_where_the_scene_says(face):
    path = scene.Path(square(10, 10, 30), fill="#D55E00")
    run = scene.Run("Hg", face.name, 50, 20)
    text = scene.Text(50, 60, 40, 20, (scene.TextLine((run,), 75),), 16, "#000000")
    image = render_page(page_of(path, text), (face,), dpi=144)
    assert image.size == (200, 200)
    assert image.getpixel((50, 50)) == (0xD5, 0x5E, 0x00)
    assert image.getpixel((10, 10)) == WHITE and image.getpixel((90, 90)) == WHITE
    inked = [(x, y) for x in range(90, 190) for y in range(110, 170) if dark(image.getpixel((x, y)))]
    assert inked, "the text drew nothing"
    assert all(100 <= x <= 150 and 120 <= y <= 160 for x, y in inked)


def test_paths_are_antialiased(tmp_path):
    diamond = (("M", 50, 10), ("L", 90, 50), ("L", 50, 90), ("L", 10, 50), ("Z",))
    image = render_page(page_of(scene.Path(diamond, fill="#000000")), (), dpi=72)
    greys = {image.getpixel((x, 30))[0] for x in range(20, 50)}
    assert any(0 < g < 255 for g in greys)


def test_fill_rules_are_exact():
    rings = square(10, 10, 80) + square(30, 30, 40)
    nonzero = render_page(page_of(scene.Path(rings, fill="#000000")), ())
    evenodd = render_page(page_of(scene.Path(rings, fill="#000000", fill_rule="evenodd")), ())
    opposite = square(10, 10, 80) + square(30, 30, 40, clockwise=False)
    hole = render_page(page_of(scene.Path(opposite, fill="#000000")), ())
    assert nonzero.getpixel((50, 50)) == (0, 0, 0)
    assert evenodd.getpixel((50, 50)) == WHITE and evenodd.getpixel((20, 20)) == (0, 0, 0)
    assert hole.getpixel((50, 50)) == WHITE and hole.getpixel((20, 20)) == (0, 0, 0)


def test_curves_are_flattened():
    circle = (("M", 90, 50), ("C", 90, 72, 72, 90, 50, 90), ("C", 28, 90, 10, 72, 10, 50),
              ("C", 10, 28, 28, 10, 50, 10), ("C", 72, 10, 90, 28, 90, 50), ("Z",))
    image = render_page(page_of(scene.Path(circle, fill="#000000")), ())
    assert image.getpixel((50, 50)) == (0, 0, 0)
    assert image.getpixel((15, 15)) == WHITE


def test_rounded_rect_and_stroke():
    rect = scene.Rect(10, 10, 80, 80, fill="#0072B2", stroke="#000000", stroke_width=4, radius=20)
    image = render_page(page_of(rect), ())
    assert image.getpixel((50, 50)) == (0x00, 0x72, 0xB2)
    assert image.getpixel((12, 12)) == WHITE
    assert image.getpixel((50, 10)) == (0, 0, 0)


def test_dashed_line_leaves_gaps():
    line = scene.Line(0, 50, 100, 50, "#000000", 4, dash=(10, 10))
    image = render_page(page_of(line), ())
    assert image.getpixel((5, 50)) == (0, 0, 0)
    assert image.getpixel((15, 50)) == WHITE


def test_bleed_and_slug_grow_the_image_and_offset_the_trim():
    dot = scene.Rect(0, 0, 10, 10, fill="#000000")
    image = render_page(page_of(dot, bleed=5, slug=15), ())
    assert image.size == (140, 140)
    assert image.getpixel((25, 25)) == (0, 0, 0)
    assert image.getpixel((15, 15)) == WHITE


def test_image_item_is_scaled_into_its_box(tmp_path):
    Image.new("RGB", (4, 4), (0, 158, 115)).save(tmp_path / "green.png")
    image = render_page(page_of(scene.Image(20, 20, 40, 40, str(tmp_path / "green.png"))), ())
    assert image.getpixel((40, 40)) == (0, 158, 115)
    assert image.getpixel((70, 70)) == WHITE


def test_group_is_scaled_and_clipped():
    inner = page_of(scene.Rect(0, 0, 100, 100, fill="#000000"))
    group = scene.Group(inner, 10, 10, scale=0.5, clip=scene.Box(10, 10, 20, 20))
    image = render_page(page_of(group), ())
    assert image.getpixel((20, 20)) == (0, 0, 0)
    assert image.getpixel((40, 40)) == WHITE


def test_unknown_font_is_a_render_error():
    run = scene.Run("x", "Missing", 0, 5)
    text = scene.Text(0, 0, 10, 10, (scene.TextLine((run,), 8),), 8, "#000000")
    with pytest.raises(RenderError, match="Missing"):
        render_page(page_of(text), ())


def test_render_png_writes_files(tmp_path):
    doc = scene.Document((page_of(), page_of(), page_of()), ())
    written = render_png(doc, tmp_path / "pages", dpi=36)
    assert [p.name for p in written] == ["page-01.png", "page-02.png", "page-03.png"]
    single = render_png(doc, tmp_path / "one.png", dpi=72, pages=[2])
    assert single == [tmp_path / "one.png"]
    with Image.open(single[0]) as im:
        assert im.size == (100, 100)
    assert [p.name for p in render_png(doc, tmp_path / "deck.png", pages=[1, 3])] == ["deck-01.png", "deck-03.png"]
    with pytest.raises(RenderError, match="page 4"):
        render_png(doc, tmp_path, pages=[4])


def test_icon_sheet_shows_every_icon_with_its_name(style, tmp_path):
    names = [info.name for info in bundled_icons()]
    doc = icon_sheet(style.with_icons(names=tuple(names)), columns=6, cell=96)
    page = doc.pages[0]
    labels = [item.text for item in page.items if isinstance(item, scene.Text)]
    assert labels[1:] == sorted(names)
    assert all(item.box.inside(page.trim) for item in page.items if hasattr(item, "box"))
    written = render_png(doc, tmp_path / "sheet.png")
    with Image.open(written[0]) as im:
        assert im.size == (round(page.width * 150 / 72), round(page.height * 150 / 72))   # 150 dpi by default
