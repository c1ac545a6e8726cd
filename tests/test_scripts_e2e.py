"""Real timelines in nine scripts, built end to end: poster, handout and deck (through LibreOffice).

Every event title is present in each output, read back in logical order
(pdftotext), every font is embedded, no two words overlap on the poster, and
right-to-left pages are mirrored.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.layout.poster import layout_poster
from generator.load import load
from generator.scene import Box, Rect, Text
from generator.style import load_style, poster_format

DATA = Path(__file__).parent / "data" / "scripts"
FILES = sorted(DATA.glob("*.yaml"))
RTL = ("ar", "he")


def squash(text: str) -> str:
    """Text without whitespace, emoji presentation and directional marks, to compare across line breaks.

    pdftotext wraps right-to-left lines in embedding marks (U+202A-U+202C); our right-to-left
    neutrals carry a right-to-left mark (U+200F) so poppler reads them in place.
    """
    return re.sub(r"[\s\ufe0f\u200e\u200f\u202a-\u202e]+", "", text)


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory, runner_module):
    out = tmp_path_factory.mktemp("scripts")
    for path in FILES:
        result = runner_module.invoke(main, ["build", str(path), "--out", str(out), "--size", "A3"])
        assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def runner_module():
    from click.testing import CliRunner
    return CliRunner()


@pytest.fixture(scope="module")
def deck_pdfs(built, tmp_path_factory):
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    assert binary, "LibreOffice (soffice) is not installed; ./setup.sh --test installs it"
    folder = tmp_path_factory.mktemp("deck-pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    decks = sorted(built.glob("*-deck.pptx"))
    subprocess.run([binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder)] + [str(d) for d in decks], check=True, capture_output=True, timeout=600)
    return folder


def outputs(built: Path, path: Path) -> tuple[str, Path]:
    lang = path.stem.split("-")[0]
    return lang, built / f"{path.stem}-{lang}"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_title_reads_back_in_logical_order_with_fonts_embedded(built, path):
    timeline = load(path)
    lang, base = outputs(built, path)
    for product in ("poster", "handout"):
        pdf = Path(f"{base}-{product}.pdf")
        text = squash(pdftotext(pdf))
        for event in timeline.events:
            assert squash(event.title.get(lang)) in text, (product, event.id)
        listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = listing.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows), listing


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_deck_has_every_title_and_libreoffice_draws_it(built, deck_pdfs, path):
    """The slides hold each title as text in reading order; LibreOffice's PDF of them has its letters.

    (pdftotext reverses lam-alef ligatures and moves neutrals in LibreOffice's own right-to-left
    PDFs, so the rendering is compared letter by letter, not as a string.)
    """
    from collections import Counter

    from pptx import Presentation
    timeline = load(path)
    lang = path.stem.split("-")[0]
    deck = Presentation(str(built / f"{path.stem}-{lang}-deck.pptx"))
    slides = squash("".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                            if shape.has_text_frame))
    drawn = Counter(c for c in squash(pdftotext(deck_pdfs / f"{path.stem}-{lang}-deck.pdf")) if c.isalnum())
    for event in timeline.events:
        title = event.title.get(lang)
        assert squash(title) in slides, event.id
        letters = Counter(c for c in squash(title) if c.isalnum())
        assert not letters - drawn, (event.id, letters - drawn)


def word_boxes(page) -> list[Box]:
    boxes = []
    for item in page.items:
        if isinstance(item, Text):
            for line in item.lines:
                for run in line.runs:
                    if run.text.strip():
                        boxes.append(Box(run.x, line.baseline - item.size * 0.75, run.width, item.size * 0.95))
    return boxes


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_no_two_runs_of_text_overlap_on_the_poster(path):
    timeline = load(path)
    lang = path.stem.split("-")[0]
    style = load_style(timeline=timeline)
    doc = layout_poster(timeline, lang, style, poster_format("A3"))
    boxes = word_boxes(doc.pages[0])
    shrunk = [Box(b.x + 0.05, b.y + 0.05, max(0.0, b.w - 0.1), max(0.0, b.h - 0.1)) for b in boxes]
    clashes = [(a, b) for i, a in enumerate(shrunk) for b in shrunk[i + 1:] if a.overlaps(b)]
    assert clashes == []


@pytest.mark.parametrize("lang,path", [(p.stem.split("-")[0], p) for p in FILES if p.stem.split("-")[0] in RTL])
def test_right_to_left_cards_carry_their_accent_bar_on_the_right(lang, path):
    timeline = load(path)
    doc = layout_poster(timeline, lang, load_style(timeline=timeline), poster_format("A3"))
    items = doc.pages[0].items
    cards = [i for i in items if isinstance(i, Rect) and i.role == "card"]
    markers = [i for i in items if isinstance(i, Rect) and i.role == "marker" and i.h > i.w * 3]
    assert cards and markers
    for marker in markers:
        card = next(c for c in cards if c.box.overlaps(marker.box) and abs(c.y - marker.y) < 0.01)
        assert marker.x + marker.w == pytest.approx(card.x + card.w)
    titles = [i for i in items if isinstance(i, Text) and i.role == "event_title"]
    assert titles and all(t.align == "right" and all(line.rtl for line in t.lines if line.text.strip()) for t in titles
                          if any(line.rtl for line in t.lines))
