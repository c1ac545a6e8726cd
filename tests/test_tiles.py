"""Tiled posters: the grid, the windows, the marks and labels, and the tiles pasted back together."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from PIL import Image, ImageChops, ImageStat

from generator.errors import LayoutError, OptionError
from generator.layout.poster import layout_poster
from generator.layout.tiles import layout_tiles, tile_grid, tile_label, tile_windows
from generator.load import load
from generator.render.pdf import render_pdf
from scene_raster import render_page  # exact scene pixels, without a PDF (see its note)
from generator.scene import Box, Document, Group, Line, Page, Rect, Text
from generator.sizes import MM, parse_size
from generator.style import PosterFormat, TileFormat, tile_format

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "container-history.yaml"
A0 = parse_size("A0")[1:]
SHEETS = {"A4": (210 * MM, 297 * MM), "letter": (612.0, 792.0)}


def tiles(paper: str, overlap: float = 10 * MM, margin: float = 5 * MM) -> TileFormat:
    _label, short, long = parse_size(paper)
    return TileFormat(paper, short, long, overlap, margin)


@pytest.fixture(scope="module")
def posters(style):
    timeline = load(DATA)
    poster_style = style.with_icons(timeline)
    return {lang: layout_poster(timeline, lang, poster_style, PosterFormat(*A0)) for lang in ("en", "ko")}


def groups(page: Page) -> list[Group]:
    return [item for item in page.items if isinstance(item, Group)]


def blank_poster(width: float, height: float) -> Document:
    return Document((Page(width, height, (Rect(0, 0, width, height, fill="#DDEEFF"),)),), ())


# --- the grid ---------------------------------------------------------------------------


def test_labels_name_rows_by_letter_and_columns_by_number():
    assert [tile_label(0, 0), tile_label(0, 4), tile_label(1, 0), tile_label(25, 1), tile_label(26, 2)] == \
        ["A1", "A5", "B1", "Z2", "AA3"]


@pytest.mark.parametrize("paper", ["A4", "letter"])
@pytest.mark.parametrize("overlap", [10 * MM, 15 * MM, 0.0])
def test_windows_cover_the_poster_and_neighbours_overlap_by_exactly_the_overlap(paper, overlap):
    width, height = A0
    grid = tile_grid(width, height, tiles(paper, overlap, 5 * MM))
    windows = tile_windows(width, height, tiles(paper, overlap, 5 * MM))
    assert len(windows) == grid.rows * grid.cols
    rows = [windows[r * grid.cols:(r + 1) * grid.cols] for r in range(grid.rows)]
    assert rows[0][0].x == 0 and rows[0][0].y == 0
    assert rows[-1][-1].right == pytest.approx(width) and rows[-1][-1].bottom == pytest.approx(height)
    for row in rows:
        assert len({(w.y, w.h) for w in row}) == 1
        for left, right in zip(row, row[1:]):
            assert left.right - right.x == pytest.approx(overlap)
    for r in range(grid.rows - 1):
        for upper, lower in zip(rows[r], rows[r + 1]):
            assert (upper.x, upper.w) == (lower.x, lower.w)
            assert upper.bottom - lower.y == pytest.approx(overlap)
    for w in windows:
        assert w.inside(Box(0, 0, width, height))
        assert w.w <= grid.printable.w and w.h <= grid.printable.h


def test_a0_needs_25_portrait_sheets_of_a4_or_letter():
    for paper in ("A4", "letter"):
        grid = tile_grid(*A0, tiles(paper))
        assert (grid.rows, grid.cols, grid.orientation) == (5, 5, "portrait")


def test_the_orientation_with_fewer_sheets_wins():
    wide = tile_grid(270 * MM, 180 * MM, tiles("A4"))          # fits one landscape A4 sheet
    tall = tile_grid(180 * MM, 270 * MM, tiles("A4"))
    assert (wide.count, wide.orientation) == (1, "landscape")
    assert (tall.count, tall.orientation) == (1, "portrait")
    long = tile_grid(1189 * MM, 841 * MM, tiles("A4"))           # A0 landscape
    assert long.count <= tile_grid(841 * MM, 1189 * MM, tiles("A4")).count + 2
    assert long.sheet_w > long.sheet_h


def test_lengths_can_be_given_as_text_and_bad_ones_are_refused():
    assert tile_grid(*A0, tile_format("A4", "15mm", "0.25in")).overlap == pytest.approx(15 * MM)
    assert tile_format("A4", "15mm", "0.25in").margin == pytest.approx(0.25 * 72)
    with pytest.raises(OptionError):
        tile_format("A4", "lots")
    with pytest.raises(OptionError):
        tile_format("A5x")
    with pytest.raises(LayoutError):
        tile_grid(*A0, tiles("A4", 10 * MM, 90 * MM))


# --- the tile pages ----------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_each_tile_shows_its_window_clipped_to_the_printable_area(posters, paper, style):
    poster = posters["en"]
    doc = layout_tiles(poster, "en", style, tiles(paper, 10 * MM, 5 * MM))
    grid = tile_grid(*A0, tiles(paper, 10 * MM, 5 * MM))
    windows = tile_windows(*A0, tiles(paper, 10 * MM, 5 * MM))
    assert len(doc.pages) == len(windows) + 1
    assert doc.pages[0].kind == "tile-map"
    short, long = SHEETS[paper]
    printable = Box(5 * MM, 5 * MM, short - 10 * MM, long - 10 * MM)
    for page, window in zip(doc.pages[1:], windows):
        assert (page.width, page.height) == pytest.approx((short, long))
        (group,) = groups(page)
        assert group.page is poster.pages[0] and group.scale == 1
        assert (group.x, group.y) == pytest.approx((5 * MM - window.x, 5 * MM - window.y))   # content offset
        assert (group.clip.w, group.clip.h) == pytest.approx((window.w, window.h))
        assert group.clip.inside(printable)
        for item in page.items:
            if isinstance(item, Line):
                assert Box(min(item.x1, item.x2), min(item.y1, item.y2), abs(item.x2 - item.x1),
                           abs(item.y2 - item.y1)).inside(printable), item
            if isinstance(item, Text):
                assert item.box.inside(printable), item.text
    assert [p.title for p in doc.pages[1:]] == [tile_label(r, c) for r in range(grid.rows) for c in range(grid.cols)]


def test_tiles_carry_cut_marks_glue_lines_and_arrows_to_their_neighbours(posters, style):
    doc = layout_tiles(posters["en"], "en", style, tiles("A4", 10 * MM, 5 * MM))
    by_name = {page.title: page for page in doc.pages[1:]}
    middle = by_name["B2"]
    texts = [i.text for i in middle.items if isinstance(i, Text)]
    assert "B2 · tile 7 of 25" in texts
    assert {"B1", "B3", "A2", "C2"} <= set(texts)
    assert sum(1 for i in middle.items if i.__class__.__name__ == "Path" and i.role == "arrow") == 4
    corner = by_name["A1"]
    assert {"A2", "B1"} <= {i.text for i in corner.items if isinstance(i, Text)}
    assert sum(1 for i in corner.items if i.__class__.__name__ == "Path" and i.role == "arrow") == 2
    cuts = [i for i in middle.items if isinstance(i, Line) and i.role == "cut"]
    glue = [i for i in middle.items if isinstance(i, Line) and i.role == "glue"]
    assert len(cuts) == 4 and len(glue) == 2
    last = by_name["E5"]
    assert len([i for i in last.items if isinstance(i, Line) and i.role == "cut"]) == 8   # four edges cut
    assert not [i for i in last.items if isinstance(i, Line) and i.role == "glue"]
    clip = groups(middle)[0].clip
    seam = clip.right - 5 * MM
    assert any(g.x1 == pytest.approx(seam) == g.x2 for g in glue)       # mid-overlap seam
    assert any(c.x1 == pytest.approx(clip.x + 5 * MM) == c.x2 for c in cuts)


def test_the_tiles_pasted_back_together_rebuild_the_poster(posters, style):
    """Render the poster and every tile at 1 px per mm, paste each tile's window in place, compare."""
    poster = posters["en"]
    doc = layout_tiles(poster, "en", style, tiles("A4", 10 * MM, 5 * MM))
    dpi = 25.4
    k = dpi / 72
    reference = render_page(poster.pages[0], poster.fonts, dpi)
    pasted = Image.new("RGB", reference.size, "#FF0000")
    wrong = Image.new("RGB", reference.size, "#FF0000")
    for page in doc.pages[1:]:
        (group,) = groups(page)
        clip = group.clip
        piece = render_page(page, doc.fonts, dpi).crop(tuple(round(v * k) for v in
                                                             (clip.x, clip.y, clip.right, clip.bottom)))
        at = (round((clip.x - group.x) * k), round((clip.y - group.y) * k))
        pasted.paste(piece, at)
        wrong.paste(piece, (at[0] + 10, at[1]))           # off by the overlap: must show
    assert max(ImageStat.Stat(ImageChops.difference(reference, pasted)).mean) < 0.05
    assert max(ImageStat.Stat(ImageChops.difference(reference, wrong)).mean) > 1


def test_the_assembly_map_shows_the_grid_over_the_poster_and_instructions(posters, style, tmp_path):
    for lang in ("en", "ko"):
        doc = layout_tiles(posters[lang], lang, style, tiles("letter", 10 * MM, 5 * MM))
        grid = tile_grid(*A0, tiles("letter"))
        first = doc.pages[0]
        (view,) = groups(first)
        assert view.page is posters[lang].pages[0] and view.scale < 0.5
        names = [i.text for i in first.items if isinstance(i, Text) and i.role == "tile-name"]
        assert names == [tile_label(r, c) for r in range(grid.rows) for c in range(grid.cols)]
        cells = [i for i in first.items if isinstance(i, Rect) and i.role == "tile"]
        area = sum(c.w * c.h for c in cells)
        assert area == pytest.approx(view.clip.w * view.clip.h, rel=1e-6)    # the cells tile the poster
        path = tmp_path / f"tiles-{lang}.pdf"
        render_pdf(doc, path)
        with pdfplumber.open(path) as pdf:
            text = pdf.pages[0].extract_text()
            assert len(pdf.pages) == grid.count + 1
            page = pdf.pages[0]         # (tile pages hold the whole poster's text, clipped away)
            for c in page.chars:
                assert 5 * MM - 0.5 <= c["x0"] and c["x1"] <= page.width - 5 * MM + 0.5
                assert 5 * MM - 0.5 <= c["top"] and c["bottom"] <= page.height - 5 * MM + 0.5
        assert ("100 %" in text) and (("actual size" in text) if lang == "en" else ("실제 크기" in text))


def test_a_small_poster_on_one_sheet_still_gets_a_map_and_a_tile(style):
    doc = layout_tiles(blank_poster(150 * MM, 200 * MM), "en", style, tiles("A4"))
    assert len(doc.pages) == 2
    (group,) = groups(doc.pages[1])
    assert (group.clip.w, group.clip.h) == pytest.approx((150 * MM, 200 * MM))
