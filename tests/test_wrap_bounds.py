"""The bounds wrapping takes short cuts by, against wrapping and measuring exactly, on random text in many scripts.

`text.wrap` keeps a paragraph whole without trying its lines when `FontChain.em_bounds` shows every piece of it
fits; `text.lines_at_most` bounds the lines of the greedy wrap without wrapping (the undrawn deck skips the
summaries that surely fit); `FontChain.surely_drawable` says when no piece of a text can meet a character no
installed font has. Each is compared here with the exact path, for plain chains and the deck's.
"""

from __future__ import annotations

import random
import time

import pytest

from generator import text as text_module
from generator.errors import FontError
from generator.layout.deck import autospaced
from generator.text import lines_at_most, wrap

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:'()-–/·%&"
ALPHABETS = {
    "en": LATIN,
    "ko": "가나다라마바사아자차카타파하한국어의역사컨테이너오케스트레이션" + LATIN[:30] + "0123.,·",
    "ja": "あいうえおかきくけこアイウエオ日本語計算機の歴史。、「」" + LATIN[:10],
    "zh": "计算机的历史中国电子，。《》年月" + LATIN[:10],
    "el": "αβγδεζηθικλμνξοπρστυφχψωΩΑΒ" + LATIN[-20:],
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВ" + LATIN[-20:],
    "th": "กขคงจฉชซญดตถทนบปผพฟภมยรลวศษสหอฮะาำิีึืุูเแโใไ่้",
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي،٠١٢",
    "hi": "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह्ािीुूेैोौं",
    # odd ones out: another face's letters, CJK in a Latin text, an emoji, a combining accent, a joiner, "…"
    "mixed": LATIN + "ŋßé漢字…" + "\u0301\u200d" + "🧮",
}
SHAPED = {"th", "ar", "hi"}         # complex scripts: no bound is claimed


def _text(rng: random.Random, alphabet: str) -> str:
    words = ["".join(rng.choice(alphabet) for _ in range(rng.choice((1, 2, 3, 5, 8, 13)))) for _ in
             range(rng.randrange(1, 14))]
    text = " ".join(words)
    if rng.random() < 0.2:
        text = text.replace(" ", "\n", 1)
    return text


def _exact(text: str, chain, size: float, width: float) -> list[str]:
    """The greedy wrap itself, paragraph by paragraph, with no short cut and nothing remembered."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += text_module._wrap_paragraph(" ".join(paragraph.split()), chain, size, width)
    return lines or [""]


def _chains(fonts, lang: str) -> list:
    deck = autospaced(fonts)
    return [fonts.chain(role, lang) for role in ("body", "heading")] + [deck.chain(role, lang)
                                                                      for role in ("body", "heading")]


@pytest.mark.parametrize("lang", sorted(ALPHABETS))
def test_wrapping_short_cuts_agree_with_the_greedy_wrap(lang, fonts):
    rng = random.Random(f"bounds-{lang}")
    bounded = kept_whole = 0
    deadline = time.monotonic() + 2.5          # a budget: as many random texts as fit in it, at least 25
    count = 0
    while count < 25 or (time.monotonic() < deadline and count < 300):
        count += 1
        text = _text(rng, ALPHABETS[lang])
        size, width = rng.uniform(8.0, 40.0), rng.uniform(40.0, 700.0)
        for chain in _chains(fonts, lang):
            exact = _exact(text, chain, size, width)
            # the short cut inside `wrap` (one line when every piece surely fits) never changes a line
            assert wrap(text, chain.for_lang(lang), size, width) == exact, (text, size, width)
            most = lines_at_most(text, chain, size, width)
            if most is not None:
                bounded += 1
                assert len(exact) <= most, (text, size, width, exact, most)
            if len(exact) == 1 and text_module._width_at_most(exact[0], chain, size) is not None:
                kept_whole += 1
    if lang in SHAPED:
        assert bounded == 0 and kept_whole == 0
    else:
        assert bounded > count and kept_whole > count // 4


@pytest.mark.parametrize("lang", sorted(ALPHABETS))
def test_em_bounds_hold_for_every_piece(lang, fonts):
    """What both short cuts rest on: no piece of a paragraph is wider than its characters' most ems say."""
    rng = random.Random(f"pieces-{lang}")
    checked = 0
    for _ in range(6):
        paragraph = " ".join(_text(rng, ALPHABETS[lang]).split())[:40]
        for chain in _chains(fonts, lang):
            ems = chain.em_bounds(paragraph)
            if ems is None:
                continue
            assert len(ems) == len(paragraph)
            scale, extra = chain.width_terms(paragraph)
            fresh = chain.for_lang(lang)
            for start in range(len(paragraph)):
                for end in range(start + 1, len(paragraph) + 1):
                    piece = paragraph[start:end]
                    most = (sum(ems[start:end]) + extra) * scale * 17.0 * (1 + 1e-9)
                    assert fresh.width(piece, 17.0) <= most, (paragraph, piece)
                    checked += 1
    assert (checked > 0) == (lang not in SHAPED)


@pytest.mark.parametrize("lang", ["en", "ko", "ja", "mixed"])
def test_surely_drawable_texts_draw(lang, fonts):
    """A text `surely_drawable` is sure of splits into faces, and so do its beginnings with "…" after them; a
    character no font has is never passed as sure."""
    rng = random.Random(f"drawable-{lang}")
    alphabet = ALPHABETS[lang] + "\u0378"        # unassigned: no font has it
    sure = unsure = 0
    for _ in range(30):
        text = _text(rng, alphabet)
        for chain in _chains(fonts, lang):
            if not chain.surely_drawable(text):
                unsure += 1
                continue
            sure += 1
            assert "\u0378" not in text
            fresh = chain.for_lang(lang)
            fresh.pieces(text)
            for end in range(len(text)):
                fresh.pieces(text[:end] + "…")
    assert sure and unsure
    with pytest.raises(FontError):
        fonts.chain("body", lang).for_lang(lang).pieces("a\u0378")
