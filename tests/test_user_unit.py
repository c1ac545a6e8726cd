"""Sheets past the PDF page limit (14,400 units a side) are written with a PDF UserUnit and print at their size."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfReader

from generator.cli import main
from generator.sizes import MM, PDF_PAGE_LIMIT, user_unit

EVENTS = "".join(f"  - {{id: e{i}, date: {1990 + 3 * i}, title: Milestone number {i}, summary: What happened in"
                 f" year {1990 + 3 * i}., sources: [s]}}\n" for i in range(8))
DATA = ("title: A banner across the hall\nsources:\n  - {id: s, title: Example, url: 'https://example.org/x'}\n"
        f"events:\n{EVENTS}")


@pytest.fixture
def data(tmp_path) -> Path:
    path = tmp_path / "banner.yaml"
    path.write_text(DATA, encoding="utf-8")
    return path


def boxes_in_mm(pdf: Path) -> tuple[float, dict[str, tuple[float, float, float, float]], str]:
    """(UserUnit, each box in millimetres as the printer measures it, the PDF header)."""
    reader = PdfReader(str(pdf))
    page = reader.pages[0]
    unit = float(page.get("/UserUnit", 1))
    boxes = {name: tuple(float(v) * unit / MM for v in getattr(page, name))
             for name in ("mediabox", "trimbox", "bleedbox")}
    return unit, boxes, reader.pdf_header


def test_user_unit_is_whole_and_brings_the_page_under_the_limit():
    assert user_unit(PDF_PAGE_LIMIT) == 1 and user_unit(100) == 1
    assert user_unit(PDF_PAGE_LIMIT + 1) == 2
    assert user_unit(50_000 * MM) == 10
    for side in (14_401.0, 20_000.0, 43_200.0, 43_201.0, 141_000.0):
        assert side / user_unit(side) <= PDF_PAGE_LIMIT < side / (user_unit(side) - 1)


def test_a_banner_past_the_page_limit_prints_at_its_size(runner, data, tmp_path):
    out = tmp_path / "banner.pdf"
    result = runner.invoke(main, ["poster", str(data), "--size", "600x150cm", "--bleed", "5mm", "--crop-marks",
                                  "-o", str(out)])
    assert result.exit_code == 0, result.output
    unit, boxes, header = boxes_in_mm(out)
    assert header == "%PDF-1.6" and unit == 2
    x0, y0, x1, y1 = boxes["trimbox"]
    assert (x1 - x0, y1 - y0) == (pytest.approx(6000, abs=0.05), pytest.approx(1500, abs=0.05))
    b0, c0, b1, c1 = boxes["bleedbox"]
    assert (x0 - b0, b1 - x1, y0 - c0, c1 - y1) == pytest.approx((5, 5, 5, 5), abs=0.05)
    reader = PdfReader(str(out))
    media = reader.pages[0].mediabox
    assert max(float(media.width), float(media.height)) <= PDF_PAGE_LIMIT
    for annotation in reader.pages[0].get("/Annots", []):       # links sit on the page, in its units
        left, bottom, right, top = (float(v) for v in annotation.get_object()["/Rect"])
        assert 0 <= left < right <= float(media.width) and 0 <= bottom < top <= float(media.height)
    with pdfplumber.open(out) as pdf:
        text = pdf.pages[0].extract_text()
    assert all(f"Milestone number {i}" in " ".join(text.split()) for i in range(8))


def test_the_banner_draws_in_renderers(runner, data, tmp_path):
    out = tmp_path / "banner.pdf"
    assert runner.invoke(main, ["poster", str(data), "--size", "600x150cm", "-o", str(out)]).exit_code == 0
    page = pdfium.PdfDocument(str(out))[0]
    image = page.render(scale=8 / 72).to_pil().convert("L")
    width, height = image.size
    assert width / height == pytest.approx(4, rel=0.01)
    top_band = image.crop((0, 0, width, height // 10))
    inked = sum(1 for p in top_band.tobytes() if p < 128)
    assert inked > top_band.width * top_band.height * 0.3       # the title band is drawn across the sheet
    body = image.crop((0, height // 4, width, height * 3 // 4))
    assert min(body.tobytes()) < 100                            # and the cards and axis are on it


def test_a_png_preview_past_the_limit_has_the_size_asked_for(runner, data, tmp_path):
    out = tmp_path / "banner.png"
    result = runner.invoke(main, ["poster", str(data), "--size", "600x150cm", "--dpi", "10", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert Image.open(out).size == (round(6000 / 25.4 * 10), round(1500 / 25.4 * 10))


def test_check_agrees_with_the_build(runner, data):
    ok = runner.invoke(main, ["check", str(data), "--size", "600x150cm"])
    assert ok.exit_code == 0, ok.output
    refused = runner.invoke(main, ["check", str(data), "--size", "60000x150cm"])
    lines = [line for line in refused.output.splitlines() if line.strip()]
    assert refused.exit_code == 1 and len(lines) == 1 and "between 2 in and 50 m" in lines[0]
    assert "Traceback" not in refused.output


@pytest.mark.parametrize("size", ["60000x150cm", "99999999999999999999x1in", "1x100cm"])
def test_absurd_sheets_are_refused_in_one_line(runner, data, tmp_path, size):
    out = tmp_path / "p.pdf"
    result = runner.invoke(main, ["poster", str(data), "--size", size, "-o", str(out)])
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 1 and len(lines) == 1 and size in lines[0]
    assert not out.exists() and "Traceback" not in result.output


def test_sheets_within_the_limit_keep_plain_points(runner, data, tmp_path):
    out = tmp_path / "a0.pdf"
    assert runner.invoke(main, ["poster", str(data), "--size", "A0", "--bleed", "20mm", "--crop-marks",
                                "-o", str(out)]).exit_code == 0
    unit, boxes, header = boxes_in_mm(out)
    assert unit == 1 and "/UserUnit" not in PdfReader(str(out)).pages[0] and header != "%PDF-1.6"
    x0, y0, x1, y1 = boxes["trimbox"]
    assert (x1 - x0, y1 - y0) == (pytest.approx(1189, abs=0.05), pytest.approx(841, abs=0.05))
