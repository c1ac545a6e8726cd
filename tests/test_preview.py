"""PNG previews of poster, handout and deck: the PDF's pages at the asked dpi, pixel for pixel."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader

from generator.cli import main
from generator.render.png import pixel_size, preview_paths

DATA = Path(__file__).resolve().parent.parent / "data" / "container-history.yaml"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def pdf_pages(pdf: Path, dpi: int) -> list[Image.Image]:
    """Every page of a PDF file rendered by PDFium directly."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        return [page.render(scale=dpi / 72, rev_byteorder=True).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def assert_same_picture(preview: Path, reference: Image.Image, media: tuple[float, float], dpi: int) -> None:
    size = pixel_size(*media, dpi)
    assert reference.width - size[0] in (0, 1) and reference.height - size[1] in (0, 1)   # PDFium rounds up
    with Image.open(preview) as image:
        assert image.size == size
        assert ImageChops.difference(image.convert("RGB"), reference.crop((0, 0, *size))).getbbox() is None
        assert image.info["dpi"] == pytest.approx((dpi, dpi), abs=0.01)


def test_poster_preview_is_the_printed_pdf_at_the_asked_dpi(tmp_path):
    args = ("poster", str(DATA), "--lang", "ko", "--size", "A3", "--bleed", "3mm")
    run(*args, "-o", str(tmp_path / "poster.pdf"))
    output = run(*args, "-o", str(tmp_path / "poster.png"), "--dpi", "60")
    assert "PNG from the PDF at 60 dpi: poster.png" in output
    media = PdfReader(str(tmp_path / "poster.pdf")).pages[0].mediabox
    (reference,) = pdf_pages(tmp_path / "poster.pdf", 60)
    assert_same_picture(tmp_path / "poster.png", reference, (float(media.width), float(media.height)), 60)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["poster.pdf", "poster.png"]   # no PDF left behind


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_poster_preview_looks_like_another_renderer_draws_the_pdf(tmp_path):
    """Poppler, a second renderer, draws the printed PDF nearly the same as the preview."""
    run("poster", str(DATA), "--size", "A3", "-o", str(tmp_path / "poster.pdf"))
    run("poster", str(DATA), "--size", "A3", "--format", "png", "--dpi", "50", "-o", str(tmp_path / "poster.png"))
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-singlefile", str(tmp_path / "poster.pdf"),
                    str(tmp_path / "poppler")], check=True)
    with Image.open(tmp_path / "poster.png") as ours, Image.open(tmp_path / "poppler.png") as theirs:
        assert abs(ours.width - theirs.width) <= 1 and abs(ours.height - theirs.height) <= 1
        theirs = theirs.convert("RGB").crop((0, 0, *ours.size))
        ours = ours.convert("RGB")
    # Compared over 4x4 pixel blocks, so the two renderers' anti-aliasing of small text evens out.
    small = (ours.width // 4, ours.height // 4)
    ours, theirs = ours.resize(small, Image.BOX), theirs.resize(small, Image.BOX)
    difference = max(ImageStat.Stat(ImageChops.difference(ours, theirs)).mean)
    shifted = max(ImageStat.Stat(ImageChops.difference(ours, ImageChops.offset(theirs, 1, 0))).mean)
    blank = max(ImageStat.Stat(ImageChops.difference(Image.new("RGB", small, "white"), theirs)).mean)
    # Poppler draws small text a little bolder; the same picture moved by 4 pixels differs twice as much.
    assert difference < 5 and difference < 0.6 * shifted and difference < 0.25 * blank, (difference, shifted, blank)


def test_handout_previews_are_numbered_files_one_per_page(tmp_path):
    run("handout", str(DATA), "--paper", "letter", "-o", str(tmp_path / "handout.pdf"))
    output = run("handout", str(DATA), "--paper", "letter", "-o", str(tmp_path / "handout.png"), "--dpi", "30")
    pages = PdfReader(str(tmp_path / "handout.pdf")).pages
    references = pdf_pages(tmp_path / "handout.pdf", 30)
    names = [f"handout-{n:02d}.png" for n in range(1, len(pages) + 1)]
    assert len(pages) > 1 and f"{names[0]} ... {names[-1]}" in output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["handout.pdf"] + names)
    for name, page, reference in zip(names, pages, references):
        assert_same_picture(tmp_path / name, reference, (float(page.mediabox.width), float(page.mediabox.height)), 30)


def test_deck_previews_are_the_slides_drawn_through_the_pdf_renderer(tmp_path):
    from pptx import Presentation
    run("deck", str(DATA), "-o", str(tmp_path / "deck.pptx"))
    run("deck", str(DATA), "--format", "png", "--dpi", "20", "-o", str(tmp_path / "slides.png"))
    deck = Presentation(str(tmp_path / "deck.pptx"))
    previews = sorted(tmp_path.glob("slides-*.png"))
    assert len(previews) == len(deck.slides) > 10
    size = (deck.slide_width / 12700, deck.slide_height / 12700)     # EMU -> points
    with Image.open(previews[0]) as first, Image.open(previews[1]) as second:
        assert first.size == pixel_size(*size, 20)
        assert ImageChops.difference(first.convert("RGB"), second.convert("RGB")).getbbox() is not None


def test_format_and_output_suffix_must_agree(tmp_path):
    result = CliRunner().invoke(main, ["poster", str(DATA), "--format", "png", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1 and "--format png writes a .png file" in result.output
    assert list(tmp_path.iterdir()) == []


def test_default_preview_name_and_numbering(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("poster", str(DATA), "--size", "A4", "--format", "png", "--dpi", "20")
    assert (tmp_path / "output" / "container-history-en-poster.png").is_file()
    assert [p.name for p in preview_paths(Path("a.png"), list(range(1, 101)), 100)][:2] == ["a-001.png", "a-002.png"]
    assert preview_paths(Path("a.png"), [1], 1) == [Path("a.png")]
