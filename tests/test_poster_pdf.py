"""End to end: build posters through the CLI and reopen the PDFs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import synthetic
from generator.cli import main
from generator.load import load
from generator.sizes import MM, SHEETS

DATA = Path(__file__).resolve().parent.parent / "data" / "container-history.yaml"


def build(tmp_path, data, *args) -> Path:
    out = tmp_path / f"poster-{abs(hash(args))}.pdf"
    result = CliRunner().invoke(main, ["poster", str(data), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out


def words_overlap(words) -> list:
    """Pairs of words (from pdfplumber) whose boxes share area, beyond a small tolerance."""
    tol = 0.3
    ordered = sorted(words, key=lambda w: w["x0"])
    bad = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b["x0"] >= a["x1"] - tol:
                break
            if a["top"] < b["bottom"] - tol and b["top"] < a["bottom"] - tol:
                bad.append((a["text"], b["text"]))
    return bad


def check_pdf(path: Path, trim_w: float, trim_h: float, bleed: float, floor: float, titles: list[str],
              safe: float) -> None:
    reader = PdfReader(str(path))
    page = reader.pages[0]
    assert float(page.trimbox.width) == pytest.approx(trim_w, abs=0.1)
    assert float(page.trimbox.height) == pytest.approx(trim_h, abs=0.1)
    if bleed:
        assert float(page.bleedbox.width) == pytest.approx(trim_w + 2 * bleed, abs=0.1)
    fonts = page["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
    with pdfplumber.open(str(path)) as pdf:
        p = pdf.pages[0]
        flat = "".join(page.extract_text().split())   # pypdf: content order, block by block
        for title in titles:
            assert "".join(title.split()) in flat, title
        words = p.extract_words(use_text_flow=False, keep_blank_chars=False)
        assert words_overlap(words) == []
        offset_x = float(page.trimbox.left)
        offset_top = float(page.mediabox.top) - float(page.trimbox.top)
        for ch in p.chars:
            assert ch["size"] >= floor - 0.01, (ch["text"], ch["size"])
            assert ch["x0"] - offset_x >= safe - 0.5 and ch["x1"] - offset_x <= trim_w - safe + 0.5, ch["text"]
            assert ch["top"] - offset_top >= safe - 0.5 and ch["bottom"] - offset_top <= trim_h - safe + 0.5


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a0_landscape_poster_with_bleed_and_marks(tmp_path, lang):
    timeline = load(DATA)
    out = build(tmp_path, DATA, "--lang", lang, "--bleed", "3mm", "--crop-marks")
    w, h = SHEETS["a0"][1], SHEETS["a0"][0]
    titles = [e.title.get(lang) for e in timeline.events]
    check_pdf(out, w, h, 3 * MM, 18, titles, 5 * MM)
    reader = PdfReader(str(out))
    assert reader.metadata.title == timeline.title.get(lang)
    assert reader.metadata.author == timeline.meta.author


def test_a1_portrait_korean(tmp_path):
    timeline = load(DATA)
    out = build(tmp_path, DATA, "--lang", "ko", "--size", "A1", "--orientation", "portrait")
    w, h = SHEETS["a1"]
    scale = w / SHEETS["a0"][0]
    check_pdf(out, w, h, 0, max(6, 18 * scale), [e.title.get("ko") for e in timeline.events], 5 * MM * scale)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", ["dense", "sparse"])
def test_generated_sets(tmp_path, name, lang):
    data = synthetic.write(getattr(synthetic, name)(), tmp_path / f"{name}.yaml")
    timeline = load(data)
    out = build(tmp_path, data, "--lang", lang)
    check_pdf(out, SHEETS["a0"][1], SHEETS["a0"][0], 0, 18, [e.title.get(lang) for e in timeline.events],
              5 * MM)


def test_same_input_same_bytes(tmp_path):
    a = build(tmp_path / "a", DATA, "--lang", "ko")
    b = build(tmp_path / "b", DATA, "--lang", "ko")
    assert a.read_bytes() == b.read_bytes()


def test_shaped_glyphs_give_the_same_bytes_whatever_the_process_drew_before(tmp_path):
    """Devanagari conjuncts have no character of their own; their code in the PDF must not
    depend on the order documents were drawn in one process (a build draws several)."""
    data = Path(__file__).resolve().parent / "data" / "scripts" / "hi-india.yaml"
    script = ("import sys\nfrom click.testing import CliRunner\nfrom generator.cli import main\n"
              "for cmd in sys.argv[2:]:\n"
              "    r = CliRunner().invoke(main, [cmd, sys.argv[1], '-o', cmd + '.pdf'])\n"
              "    assert r.exit_code == 0, r.output\n")
    for order in (["poster", "handout"], ["handout", "poster"]):
        folder = tmp_path / order[0]
        folder.mkdir()
        subprocess.run([sys.executable, "-c", script, str(data), *order], cwd=folder, check=True,
                       env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    for name in ("poster.pdf", "handout.pdf"):
        assert (tmp_path / "poster" / name).read_bytes() == (tmp_path / "handout" / name).read_bytes(), name


def test_custom_size_and_media_box_is_trim_plus_bleed(tmp_path):
    out = build(tmp_path, DATA, "--size", "60x90cm", "--orientation", "portrait", "--bleed", "3mm")
    page = PdfReader(str(out)).pages[0]
    assert float(page.mediabox.width) == pytest.approx(600 * MM + 6 * MM, abs=0.1)
    assert float(page.mediabox.height) == pytest.approx(900 * MM + 6 * MM, abs=0.1)
    assert float(page.trimbox.left) == pytest.approx(3 * MM, abs=0.1)


def test_every_font_embedded_per_pdffonts(tmp_path):
    out = build(tmp_path, DATA, "--lang", "ko", "--size", "A3")
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), listing


def test_missing_glyph_names_character_and_event(tmp_path):
    text = DATA.read_text(encoding="utf-8").replace("title: {en: FreeBSD Jail, ko: FreeBSD Jail}",
                                                     "title: {en: \"FreeBSD Jail \U0010FFFD\", ko: FreeBSD Jail}")
    data = tmp_path / "glyph.yaml"
    data.write_text(text, encoding="utf-8")
    out = tmp_path / "x.pdf"
    result = CliRunner().invoke(main, ["poster", str(data), "-o", str(out)])
    assert result.exit_code == 1
    assert "U+10FFFD" in result.output and "freebsd-jail" in result.output
    assert "apt-get install" not in result.output     # never advise installing what is installed
    assert not out.exists()
    assert "Traceback" not in result.output


def test_build_writes_every_language_and_reports_fonts(tmp_path):
    result = CliRunner().invoke(main, ["build", str(DATA), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for lang in ("en", "ko"):
        assert (tmp_path / f"container-history-{lang}-poster.pdf").exists()
    assert "NanumGothic" in result.output and "A0" in result.output


def test_card_text_is_in_time_order(tmp_path):
    timeline = load(DATA)
    out = build(tmp_path, DATA, "--size", "A2")
    text = "".join(PdfReader(str(out)).pages[0].extract_text().split())
    start = 0
    for event in timeline.events:      # each title is found, after the one before it
        found = text.find("".join(event.title.get("en").split()), start)
        assert found >= 0, f"{event.id}: title missing, or before the previous card's"
        start = found
