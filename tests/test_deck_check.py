"""`check` lays the deck out without drawing it: the same decisions and errors as the build, found cheaper.

Also the measuring short cuts the deck relies on: a wrapped paragraph's pieces measured without splitting
them into Pieces, and wrapping remembered per chain, each equal to measuring from scratch.
"""

from __future__ import annotations

import random

import pytest
from click.testing import CliRunner

import synthetic
from generator.cli import main
from generator.errors import LayoutError
from generator.layout.deck import layout_deck
from generator.load import load
from generator.scene import Text
from generator.style import deck_format
from generator.text import wrap


def _boxes(doc) -> list[list[tuple]]:
    """Every text box of every slide but the progress strip's: where, how large, in what colour and role."""
    return [[(t.role, t.x, t.y, t.w, t.h, t.size, t.color, t.align, t.weight, t.link, t.group)
             for t in page.items if isinstance(t, Text) and t.group != "Progress"] for page in doc.pages]


# What the undrawn deck may leave out, as it decides nothing else and cannot fail (see `layout_deck`): the
# overview's labels (marks have no text), the era slides' cards and axis dates, and summaries that surely fit.
LEFT_OUT = {"label", "card_date", "card_title", "tick", "summary", "quote"}


@pytest.mark.parametrize("case", ["bundled", "arabic", "synthetic", "japanese"])
def test_the_undrawn_deck_decides_as_the_drawn_one(case, style, tmp_path):
    from conftest import BUNDLED_DATA
    from pathlib import Path
    path = {"bundled": BUNDLED_DATA,
            "arabic": Path(__file__).parent / "data" / "scripts" / "ar-computing.yaml",
            "synthetic": synthetic.write(synthetic.large(150), tmp_path / "s.yaml"),
            "japanese": Path(__file__).parent / "data" / "scripts" / "ja-computing.yaml"}[case]
    timeline = load(path)
    styled = style.with_icons(timeline)
    left_out = set()
    for lang in timeline.languages:
        for aspect in ("16:9", "4:3"):
            drawn = layout_deck(timeline, lang, styled, deck_format(aspect))
            undrawn = layout_deck(timeline, lang, styled, deck_format(aspect), draw=False)
            assert [(p.kind, p.title) for p in undrawn.pages] == [(p.kind, p.title) for p in drawn.pages]
            for kept, every in zip(_boxes(undrawn), _boxes(drawn)):
                # every box the undrawn deck has is the drawn one's, in order; only those it may leave out are missing
                assert kept == [box for box in every if box in kept]
                assert all(box[0] in LEFT_OUT for box in every if box not in kept)
                left_out |= {box[0] for box in every if box not in kept}
            assert all(not t.lines for p in undrawn.pages if p.kind != "title" for t in p.items if isinstance(t, Text))
            assert undrawn.fonts == drawn.fonts
    # the short cuts are taken where they are sure: not for titles with emoji (Arabic, Japanese) nor for shaped text
    cards = {"label", "card_title", "card_date", "tick"}
    expected = {"bundled": cards | {"summary", "quote"}, "synthetic": cards | {"quote"}, "arabic": set(),
                "japanese": {"summary", "quote"}}[case]
    assert left_out == expected


def _one(tmp_path, title: str, summary: str = "Short.", subtitle: str = "") -> object:
    path = tmp_path / "one.yaml"
    sub = f"subtitle: '{subtitle}'\n" if subtitle else ""
    path.write_text(f"title: t\n{sub}events:\n  - {{id: long-one, date: 2001, title: '{title}', "
                    f"summary: '{summary}'}}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("what", ["summary", "subtitle"])
def test_check_reports_the_error_the_deck_build_raises(what, tmp_path, style):
    words = " ".join(["Words upon words that no slide could ever hold at any size."] * 60)
    path = {"summary": lambda: _one(tmp_path, "Too long", words),
            "subtitle": lambda: _one(tmp_path, "Fine", subtitle=" ".join(["A subtitle that goes on and on"] * 30))}[what]()
    timeline = load(path)
    with pytest.raises(LayoutError) as built:
        layout_deck(timeline, "en", style)
    with pytest.raises(LayoutError) as undrawn:
        layout_deck(timeline, "en", style, draw=False)
    assert str(undrawn.value) == str(built.value)
    checked = CliRunner().invoke(main, ["check", str(path)])
    assert checked.exit_code == 1
    assert f"the deck (en) would fail: {built.value}" in checked.output
    deck = CliRunner().invoke(main, ["deck", str(path), "-o", str(tmp_path / "deck.pptx")])
    assert deck.exit_code != 0 and str(built.value) in deck.output


PARAGRAPH_CHARS = list("가나다라마바사아자차카타파하한국어의 역사 ") + list("abcXYZ 0123456789.,·-–()%/") + ["  "]


@pytest.mark.parametrize("seed", range(3))
def test_pieces_of_a_paragraph_measure_as_themselves(seed, fonts):
    """Widths of the pieces `text.wrap` tries (measured by `FontChain.width`'s short cut for unshaped text, after
    the paragraph and other pieces) equal the general path's from scratch, split into Pieces: every piece that
    starts at a letter, digit or mark and ends at one, as wrapping tries them and more."""
    rng = random.Random(seed)
    odd = ["", "", "ŋ", "Ω", "漢", "ß", "é"]      # letters another face or script has
    for role in ("body", "heading"):
        for lang in ("ko", "en"):
            for _ in range(2):
                paragraph = " ".join("".join(rng.choice(PARAGRAPH_CHARS) for _ in range(rng.randrange(1, 9)))
                                     for _ in range(rng.randrange(2, 7))) + rng.choice(odd)
                paragraph = " ".join(paragraph.split())
                measured = fonts.chain(role).for_lang(lang)
                fresh = fonts.chain(role).for_lang(lang)
                measured.width(paragraph, 17.0)
                ends = [i + 1 for i, char in enumerate(paragraph) if char != " "]
                for start in (i for i, char in enumerate(paragraph) if char != " "):
                    for end in (e for e in ends if e > start):
                        piece = paragraph[start:end]
                        general = sum(p.width(1.0) for p, _level in fresh.segments(piece)) * 17.0
                        assert measured.width(piece, 17.0) == general, (paragraph, piece)


def test_wrapping_is_remembered_per_chain_and_handed_out_as_a_copy(fonts):
    chain = fonts.chain("body").for_lang("ko")
    text = "컨테이너 오케스트레이션이 데이터센터를 바꾸었다 " * 4
    first = wrap(text, chain, 20.0, 180.0)
    first.append("changed by the caller")
    again = wrap(text, chain, 20.0, 180.0)
    assert again == wrap(text, fonts.chain("body").for_lang("ko"), 20.0, 180.0)
    assert "changed by the caller" not in again and len(again) > 1
    assert wrap(text, chain, 20.0, 400.0) != again


SAYINGS = {"en": "Containers changed how data centres are run, one small image at a time. ",
           "ko": "컨테이너는 데이터센터를 운영하는 방식을 한 번에 작은 이미지 하나씩 바꾸었다. "}
TITLE_WORDS = {"en": "WOMBAT ", "ko": "컨테이너 "}


def _outcome(timeline, lang: str, style, draw: bool):
    try:
        doc = layout_deck(timeline, lang, style, draw=draw)
    except LayoutError as exc:
        return "fails", str(exc)
    return "builds", [(p.kind, p.title) for p in doc.pages]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_undrawn_deck_fails_where_the_drawn_one_does(lang, style, tmp_path):
    """Summaries and titles of growing length, from one slide through two to none: check's undrawn deck raises the
    very error the build raises, or builds the same slides."""
    seen = set()
    path = tmp_path / "one.yaml"
    for what, counts in (("summary", (1, 3, 6, 9, 12, 15, 18, 22, 26, 30, 36, 44)),
                         ("title", (1, 5, 10, 20, 30, 40, 50, 60, 70))):
        for count in counts:
            text = ((SAYINGS if what == "summary" else TITLE_WORDS)[lang] * count).strip()
            if what == "summary":
                title, summary = "Short", text if count > 1 else text.rstrip(".")    # one sentence: a quote slide
            else:
                title, summary = text, "Short."
            path.write_text(f"title: t\nlanguages: [{lang}]\nevents:\n  - {{id: one, date: 2001, "
                            f"title: '{title}', summary: '{summary}'}}\n", encoding="utf-8")
            timeline = load(path)
            drawn = _outcome(timeline, lang, style, True)
            assert _outcome(timeline, lang, style, False) == drawn, (what, count)
            pages = 0 if drawn[0] == "fails" else sum(kind == "event" for kind, _title in drawn[1])
            seen.add((what, drawn[0], pages))
    # the scan crosses every boundary: a summary on one slide, on two, too long; a title that fits and one that fails
    assert {("summary", "builds", 1), ("summary", "builds", 2), ("summary", "fails", 0),
            ("title", "builds", 1), ("title", "fails", 0)} <= seen
