"""A vector icon is converted once and shared: one outline in the scene, one geometry in the deck, one form in the PDF."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from lxml import etree
from pptx import Presentation
from pypdf import PdfReader

from generator.icons import load_icon
from generator.layout.deck import layout_deck
from generator.layout.poster import layout_poster
from generator.load import load
from generator.render import oxml
from generator.render.pdf import pdf_bytes
from generator.render.pptx import render_pptx
from generator.scene import Document, Page, Path as ScenePath
from generator.style import poster_format

USES = 12
NS = {"a": oxml.NS_A, "p": oxml.NS_P}


def many_shapes_svg(path: Path, shapes: int = 120, seed: int = 5) -> Path:
    """An SVG of many curved shapes, some with holes (evenodd), in a 100 x 100 viewBox."""
    rng = random.Random(seed)
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">']
    for i in range(shapes):
        x, y = rng.uniform(10, 90), rng.uniform(10, 90)
        curves = " ".join("C" + " ".join(f"{rng.uniform(0, 100):.2f}" for _ in range(6)) for _ in range(4))
        rule = ' fill-rule="evenodd"' if i % 3 == 0 else ""
        parts.append(f'<path{rule} d="M{x:.2f} {y:.2f} {curves} Z"/>')
    parts.append("</svg>")
    path.write_text("".join(parts), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def icon_data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("icon-data")
    many_shapes_svg(folder / "many.svg")
    events = "".join(f"  - {{id: e{i}, date: {1990 + i}, title: Launch number {i}, icon: many.svg,"
                     f" category: {'ab'[i % 2]}}}\n" for i in range(USES))
    data = folder / "data.yaml"
    data.write_text("title: One icon, many uses\ncategories:\n  - {id: a, label: First}\n  - {id: b, label: Second}\n"
                    f"events:\n{events}", encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def timeline(icon_data):
    return load(icon_data)


@pytest.fixture(scope="module")
def deck(timeline, style):
    return layout_deck(timeline, "en", style.with_icons(timeline))


def icon_paths_of(doc: Document) -> list[ScenePath]:
    return [item for page in doc.pages for item in page.items if isinstance(item, ScenePath) and item.role == "icon"]


def test_every_use_shares_the_icons_outlines(timeline, deck, icon_data):
    icon = load_icon("many.svg", icon_data.parent)
    outlines = {id(o.commands) for o in icon.outlines}
    paths = icon_paths_of(deck)
    assert len(paths) == USES * len(icon.outlines)
    assert {id(p.commands) for p in paths} == outlines
    placed = paths[0]
    ox, oy = placed.origin
    first = placed.page_commands()[0]
    assert first == ("M", pytest.approx(ox + placed.commands[0][1] * placed.scale),
                     pytest.approx(oy + placed.commands[0][2] * placed.scale))


def path_lists(pptx: Path) -> list[bytes]:
    """The serialised a:pathLst of every icon shape, slide by slide."""
    found = []
    with zipfile.ZipFile(pptx) as package:
        for name in sorted(n for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)):
            tree = etree.fromstring(package.read(name))
            for shape in tree.iterfind(".//p:sp", NS):
                if shape.find("./p:nvSpPr/p:cNvPr", NS).get("name", "").startswith("Icon"):
                    found.append(etree.tostring(shape.find(".//a:pathLst", NS)))
    return found


def test_the_deck_writes_the_geometry_once_and_every_slide_carries_it(deck, theme, tmp_path, monkeypatch):
    calls = []
    real_path = oxml.path
    monkeypatch.setattr(oxml, "path", lambda *args, **kw: calls.append(1) or real_path(*args, **kw))
    out = tmp_path / "deck.pptx"
    render_pptx(deck, out, theme)
    outlines = len(icon_paths_of(deck)) // USES
    assert len(calls) == outlines                      # converted once, not once per slide
    lists = path_lists(out)
    assert len(lists) == USES and len(set(lists)) == 1
    geometry = etree.fromstring(lists[0])
    assert len(geometry) == outlines
    for element in geometry:
        w, h = int(element.get("w")), int(element.get("h"))
        xs = [int(pt.get("x")) for pt in element.iter(f"{{{oxml.NS_A}}}pt")]
        ys = [int(pt.get("y")) for pt in element.iter(f"{{{oxml.NS_A}}}pt")]
        assert xs and min(xs) >= 0 and min(ys) >= 0 and max(xs) <= w and max(ys) <= h
    assert not re.search(rb"timeline-geometry", b"".join(zipfile.ZipFile(out).read(n) for n in
                                                       zipfile.ZipFile(out).namelist()))


def test_the_icon_shape_sits_where_the_scene_puts_it(deck, theme, tmp_path):
    out = tmp_path / "deck.pptx"
    render_pptx(deck, out, theme)
    prs = Presentation(str(out))
    for slide, page in zip(prs.slides, deck.pages):
        paths = [item for item in page.items if isinstance(item, ScenePath) and item.role == "icon"]
        shapes = [s for s in slide.shapes if s.name.startswith("Icon")]
        if not paths:
            assert not shapes
            continue
        x0, y0 = min(p.box.x for p in paths), min(p.box.y for p in paths)
        x1, y1 = max(p.box.right for p in paths), max(p.box.bottom for p in paths)
        (shape,) = shapes
        assert (shape.left, shape.top) == (pytest.approx(oxml.emu(x0), abs=2), pytest.approx(oxml.emu(y0), abs=2))
        assert (shape.width, shape.height) == (pytest.approx(oxml.emu(x1 - x0), abs=3),
                                               pytest.approx(oxml.emu(y1 - y0), abs=3))


def forms_and_uses(pdf: bytes) -> tuple[int, int]:
    """(Form XObjects on the first page, times the page draws one)."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    xobjects = page["/Resources"].get("/XObject", {})
    names = [name for name, ref in xobjects.items() if ref.get_object().get("/Subtype") == "/Form"]
    content = page.get_contents().get_data().decode("latin-1")
    uses = sum(len(re.findall(re.escape(name) + r"\s+Do\b", content)) for name in names)
    return len(names), uses


def test_the_poster_draws_one_form_per_icon(timeline, style):
    doc = layout_poster(timeline, "en", style.with_icons(timeline), poster_format("A3", "landscape"))
    drawn = len(icon_paths_of(doc)) // len(load_icon("many.svg", Path(timeline.path).parent).outlines)
    assert drawn == USES
    assert forms_and_uses(pdf_bytes(doc)) == (1, USES)


def pixels(pdf: bytes):
    page = pdfium.PdfDocument(pdf)[0]
    return page.render(scale=2).to_pil().convert("L")


def test_a_placed_icon_draws_as_its_outline_drawn_in_page_points(icon_data, style):
    icon = load_icon("many.svg", icon_data.parent)
    from generator.icons import icon_paths
    placed = icon_paths(icon, 30, 20, 140, "#0072B2")
    plain = tuple(ScenePath(p.page_commands(), fill=p.fill, fill_rule=p.fill_rule) for p in placed)
    assert not any(p.placed for p in plain)

    def drawn(items) -> bytes:
        return pdf_bytes(Document((Page(200, 180, items=items),), fonts=style.fonts.faces()[:1]))

    shared, direct = drawn(placed), drawn(plain)
    assert forms_and_uses(shared) == (1, 1) and forms_and_uses(direct) == (0, 0)
    a, b = pixels(shared), pixels(direct)
    differing = sum(1 for p, q in zip(a.tobytes(), b.tobytes()) if abs(p - q) > 40)
    inked = sum(1 for p in b.tobytes() if p < 200)
    assert inked > 2000 and differing < inked * 0.01


def test_a_mirrored_icon_keeps_its_shared_outline():
    from generator.layout.mirror import mirrored
    outline = (("M", 0.1, 0.1), ("L", 0.9, 0.1), ("L", 0.5, 0.9), ("Z",))
    path = ScenePath(outline, fill="#000000", role="icon", origin=(10.0, 20.0), scale=50.0)
    (moved,) = mirrored([path], 0.0, 200.0)
    assert moved.commands is outline
    box, was = moved.box, path.box
    assert box.x == pytest.approx(200 - was.x - was.w) and box.y == pytest.approx(was.y)

