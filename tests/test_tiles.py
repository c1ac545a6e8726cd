"""Tiled posters: the grid, the windows, the marks and labels, and the tiles pasted back together."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from PIL import Image, ImageChops, ImageStat

from generator.errors import LayoutError, OptionError
from generator.layout.poster import layout_poster
from generator.layout.tiles import LABEL_MIN, blank_tiles, layout_tiles, tile_grid, tile_label, tile_windows
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


def tiles(paper: str, overlap: float = 10 * MM, margin: float = 5 * MM, skip_blank: bool = False) -> TileFormat:
    _label, short, long = parse_size(paper)
    return TileFormat(paper, short, long, overlap, margin, skip_blank)


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
        every = [tile_label(r, c) for r in range(grid.rows) for c in range(grid.cols)]
        assert names == [name for name in every if name in names] and len(names) >= 0.75 * len(every)
        heads = [i.text for i in first.items if isinstance(i, Text) and i.role == "tile-axis"]
        assert heads == [str(c + 1) for c in range(grid.cols)] + [tile_label(r, 0)[:-1] for r in range(grid.rows)]
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


# --- labels, glue zones, the map's names, blank tiles ------------------------------------


def texts(page: Page, role: str) -> list[Text]:
    return [i for i in page.items if isinstance(i, Text) and i.role == role]


@pytest.mark.parametrize("paper", ["A4", "letter"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_tile_labels_are_14_pt_or_more_under_the_window_and_apart(posters, style, paper, lang):
    doc = layout_tiles(posters[lang], lang, style, tiles(paper))
    grid = tile_grid(*A0, tiles(paper))
    for page in doc.pages[1:]:
        labels = texts(page, "tile-label")
        clip = groups(page)[0].clip
        assert labels and all(label.size >= 14 for label in labels)
        assert labels[0].text.startswith(page.title)
        for label in labels:
            assert label.y > clip.bottom and label.box.inside(grid.printable), label.text
        boxes = [label.box for label in labels] + [i.box for i in page.items if getattr(i, "role", "") == "arrow"]
        for a in range(len(labels)):
            for b in range(len(boxes)):
                assert a == b or not labels[a].box.overlaps(boxes[b]), (page.title, labels[a].text)


def test_a_theme_with_small_tile_labels_still_gets_14_pt(posters, fonts, tmp_path):
    from generator.style import Style
    from generator.theme import load_theme
    path = tmp_path / "small.yaml"
    path.write_text("extends: default\ntiles:\n  label: 7\n", encoding="utf-8")
    doc = layout_tiles(posters["en"], "en", Style(load_theme(str(path)), fonts), tiles("A4"))
    assert min(t.size for p in doc.pages[1:] for t in texts(p, "tile-label")) == LABEL_MIN


def test_the_glue_zone_is_tinted_hatched_and_named_from_the_glue_line_to_the_edge(posters, style, tmp_path):
    doc = layout_tiles(posters["en"], "en", style, tiles("A4", 10 * MM, 5 * MM))
    by_name = {page.title: page for page in doc.pages[1:]}
    half = 5 * MM
    for name, expected in (("B2", 2), ("A5", 1), ("E1", 1), ("E5", 0)):
        page = by_name[name]
        clip = groups(page)[0].clip
        zones = [i for i in page.items if isinstance(i, Rect) and i.role == "glue-zone"]
        assert len(zones) == expected, name
        glue = [i for i in page.items if isinstance(i, Line) and i.role == "glue"]
        for zone in zones:
            assert 0 < zone.opacity <= 0.35 and zone.fill
            assert zone.box.inside(clip)
            touches = [g for g in glue if (g.x1 == g.x2 == pytest.approx(zone.x)) or (g.y1 == g.y2 == pytest.approx(zone.y))]
            assert touches, name                        # it starts at a dotted glue line ...
            assert zone.x + zone.w == pytest.approx(clip.right) or zone.y + zone.h == pytest.approx(clip.bottom)
            assert min(zone.w, zone.h) == pytest.approx(half)    # ... and runs to the window's edge
        hatch = [i for i in page.items if isinstance(i, Line) and i.role == "glue-hatch"]
        assert (len(hatch) > 20) == bool(expected)
        for line in hatch:
            assert any(Box(min(line.x1, line.x2), min(line.y1, line.y2), abs(line.x2 - line.x1),
                           abs(line.y2 - line.y1)).inside(z.box) for z in zones)
    assert "glue" in [t.text for t in texts(by_name["B2"], "glue-word")]
    b2 = by_name["B2"]
    right, below = sorted((z for z in b2.items if getattr(z, "role", "") == "glue-zone"), key=lambda z: z.w)
    assert not right.box.overlaps(below.box)            # the corner is tinted once
    path = tmp_path / "tiles.pdf"
    render_pdf(doc, path)
    import pypdf
    states = pypdf.PdfReader(path).pages[list(by_name).index("B2") + 1]["/Resources"]["/ExtGState"]
    assert any(0 < float(s.get_object().get("/ca", 1)) < 0.5 for s in states.values())


@pytest.mark.parametrize("paper", ["A4", "letter"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_map_names_tiles_off_the_posters_text(posters, style, tmp_path, paper, lang):
    """No tile name on the assembly map covers a character of the poster (read back from the PDF)."""
    doc = layout_tiles(posters[lang], lang, style, tiles(paper))
    plates = [i for i in doc.pages[0].items if isinstance(i, Rect) and i.role == "tile-name"]
    size = min(t.size for t in texts(doc.pages[0], "tile-name"))
    path = tmp_path / "map.pdf"
    render_pdf(Document(doc.pages[:1], doc.fonts), path)
    with pdfplumber.open(path) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["size"] < size * 0.8]      # the poster's, scaled down
    assert len(chars) > 500
    for plate in plates:
        for c in chars:
            assert not Box(c["x0"], c["top"], c["x1"] - c["x0"], c["bottom"] - c["top"]).overlaps(plate.box), \
                (c["text"], plate)


def window_pixels(poster: Page, grid, dpi: float = 6, fonts=()):
    """The poster drawn small; for each tile, whether its window holds any pixel but the background."""
    picture = render_page(poster, fonts, dpi)
    k = dpi / 72
    fill = next(i.fill for i in poster.items if getattr(i, "role", "") == "background")
    background = tuple(int(fill[i:i + 2], 16) for i in (1, 3, 5))
    inked = {}
    for r in range(grid.rows):
        for c in range(grid.cols):
            w = grid.window(r, c)
            box = (round(w.x * k), round(w.y * k), round(w.right * k), round(w.bottom * k))
            extrema = picture.crop(box).getextrema()
            inked[(r, c)] = extrema != tuple((v, v) for v in background)
    return inked


def sparse_poster(width: float, height: float) -> Document:
    """A background, a box near the top-left corner, a line across the middle, a box near the end."""
    items = (Rect(0, 0, width, height, fill="#FFFFFF", role="background"),
             Rect(40 * MM, 40 * MM, 110 * MM, 90 * MM, fill="#0072B2"),
             Line(0, height / 2, width, height / 2, "#000000", 3.0),
             Rect(width - 120 * MM, height - 100 * MM, 60 * MM, 50 * MM, stroke="#D55E00", stroke_width=4))
    return Document((Page(width, height, items),), ())


@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_skip_blank_leaves_out_exactly_the_tiles_with_nothing_on_them(style, paper):
    poster = sparse_poster(*A0)
    grid = tile_grid(*A0, tiles(paper))
    blank = blank_tiles(poster.pages[0], grid)
    inked = window_pixels(poster.pages[0], grid, dpi=10)
    assert blank == {at for at, ink in inked.items() if not ink}
    assert 0 < len(blank) < grid.count - 3
    full = layout_tiles(poster, "en", style, tiles(paper))
    doc = layout_tiles(poster, "en", style, tiles(paper, skip_blank=True))
    assert len(full.pages) == grid.count + 1
    assert len(doc.pages) == grid.count - len(blank) + 1
    printed = [page.title for page in doc.pages[1:]]
    assert printed == [tile_label(r, c) for r in range(grid.rows) for c in range(grid.cols) if (r, c) not in blank]
    total = len(printed)
    for number, page in enumerate(doc.pages[1:], 1):
        labels = [t.text for t in texts(page, "tile-label")]
        assert labels[0] == f"{page.title} · tile {number} of {total}"
        assert not set(labels[1:]) & {tile_label(*at) for at in blank}        # no arrow to a tile left out
    mapped = doc.pages[0]
    names = [t.text for t in texts(mapped, "tile-name")]
    assert {tile_label(*at) for at in blank} <= set(names)              # the map still shows where they go
    skipped = [i for i in mapped.items if getattr(i, "role", "") == "tile-skipped"]
    assert skipped
    summary = texts(mapped, "summary")[0].text.replace("\n", " ")
    assert f"on {total} {paper} sheets" in summary and tile_label(*sorted(blank)[0]) in summary


def test_skip_blank_on_real_posters_matches_the_pixels(style, tmp_path):
    """A sparse timeline on 2A0 and the bundled one on A0 portrait: the tiles left out draw nothing."""
    import synthetic
    from generator.load import load
    from generator.style import PosterFormat
    cases = [(synthetic.write(synthetic.sparse(), tmp_path / "sparse.yaml"), "2A0", "landscape"),
             (DATA, "A0", "portrait")]
    for path, size, orientation in cases:
        timeline = load(path)
        label, w, h = parse_size(size)
        fmt = PosterFormat(h, w, label) if orientation == "landscape" else PosterFormat(w, h, label)
        poster = layout_poster(timeline, "en", style.with_icons(timeline), fmt)
        grid = tile_grid(fmt.width, fmt.height, tiles("A4"))
        blank = blank_tiles(poster.pages[0], grid)
        assert blank, size
        inked = window_pixels(poster.pages[0], grid, 10, poster.fonts)
        assert not any(inked[at] for at in blank)


def test_the_cli_leaves_blank_tiles_out_with_skip_blank(tmp_path):
    from click.testing import CliRunner
    from generator.cli import main
    import synthetic
    data = synthetic.write(synthetic.sparse(), tmp_path / "sparse.yaml")
    pages = {}
    for flag in ([], ["--skip-blank"]):
        out = tmp_path / f"tiles{len(flag)}.pdf"
        result = CliRunner().invoke(main, ["poster", str(data), "--size", "2A0", "--tile", "A4", "-o", str(out), *flag])
        assert result.exit_code == 0, result.output
        with pdfplumber.open(out) as pdf:
            pages[bool(flag)] = len(pdf.pages)
        if flag:
            assert "blank left out" in result.output
    assert pages[True] < pages[False]
