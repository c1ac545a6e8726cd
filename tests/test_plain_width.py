"""`FontChain.width`'s short cut for unshaped text (`_plain_em`) against the general path, on random text in many
scripts: the same float, bit for bit, and the same faces recorded as used, in the same order (the renderers
register them)."""

from __future__ import annotations

import random
import time

import pytest

from generator.fonts import FontChain
from generator.layout.deck import autospaced

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:'()-–/·%& "
ODD = "éŋßçøÆİıđệ\u00a0«»¿¡©°±×÷ȸꞵ"       # accented, Vietnamese, no-break space, a few rare Latin letters
ALPHABETS = {
    "en": LATIN + ODD,
    "ko": "가나다라마바사아자차카타파하한국어의역사컨테이너릴리스년월일" + LATIN + "韓國漢字" + "ㄱㅎ" + "\u1100",
    "ja": "あいうえおかきくけこアイウエオ日本語計算機の歴史。、「」" + LATIN,
    "zh": "计算机的历史中国电子，。《》年月" + LATIN,
    "el": "αβγδεζηθικλμνξοπρστυφχψωΩΑΒάέ" + LATIN,
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВ" + LATIN,
    "th": "กขคงจฉชซญดตถทนบปผพฟภมยรลวศษสหอฮะาำิีึืุู" + LATIN,
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي،٠١٢" + LATIN,
    "hi": "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह्ािीुूेैोौं" + LATIN,
    # odd ones out: combining accent, joiner, emoji, "…", an arrow, Hangul and Han among Latin
    "mixed": LATIN + ODD + "한글漢字…→" + "\u0301\u200d" + "🧮",
}
PLAIN = {"en", "ko", "zh", "el", "ru"}        # scripts the short cut must take most texts of


def _text(rng: random.Random, alphabet: str) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.choice((1, 2, 3, 5, 8, 13, 21, 34))))


def _chains(fonts, lang: str) -> list:
    plain = [fonts.chain(role, lang) for role in ("body", "heading")]
    styled = [chain.styled(bold, italic) for chain in plain for bold, italic in ((True, False), (False, True))]
    deck = autospaced(fonts)
    return plain + styled + [deck.chain(role, lang) for role in ("body", "heading")]


@pytest.mark.parametrize("lang", sorted(ALPHABETS))
def test_plain_widths_are_the_general_paths_bit_for_bit(lang, fonts):
    rng = random.Random(f"plain-{lang}")
    taken = count = 0
    deadline = time.monotonic() + 0.6          # a budget: as many random texts as fit in it, at least 40
    while count < 40 or (time.monotonic() < deadline and count < 400):
        count += 1
        text = _text(rng, ALPHABETS[lang])
        for chain in _chains(fonts, lang):
            fast, general = chain.for_lang(lang), chain.for_lang(lang)
            em = fast._plain_em(text)
            exact = sum(piece.width(1.0) for piece, _level in general.segments(text))
            if em is None:
                continue
            taken += 1
            assert em.hex() == float(exact).hex(), (text, chain.faces)
            assert list(fast.used.items()) == list(general.used.items()), text
            # through the public measure, at a size, from a chain that has measured other texts before
            assert FontChain.width(chain, text, 13.7) == exact * 13.7
    if lang in PLAIN:
        assert taken > count * 3
    elif lang in ("th", "ar", "hi"):
        # only texts with none of the script's own letters (shaped, or right to left) are taken
        assert taken < count * 3


def test_plain_widths_give_up_where_the_split_is_not_simple(fonts):
    chain = fonts.chain("body", "ko").for_lang("ko")
    for text in ("", "a\u0301", "가\u200d나", "🧮 a", "a… b", "שלום a", "ภาษา", "a\u0378"):
        assert chain._plain_em(text) is None, text
    assert chain._plain_em("릴리스 12") is not None and chain._plain_em("1953년 4월") is not None
