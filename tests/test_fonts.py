"""Fonts: runs split by coverage, measurement from the real files, keep-all line breaking."""

from __future__ import annotations

import pytest

from generator.errors import FontError
from generator.fonts import resolve
from generator.text import wrap


@pytest.fixture(scope="module")
def chain():
    return resolve({"body": {"style": "regular"}}).chain("body")


def test_mixed_text_splits_into_latin_and_hangul_runs(chain):
    runs = [(face.name, text) for face, text in chain.runs("Kubernetes가 나오면서")]
    assert runs == [("LiberationSans", "Kubernetes"), ("NanumGothic", "가 나오면서")]


def test_width_is_the_sum_of_advances_from_the_font_file(chain):
    face = chain.faces[0]
    assert chain.width("AAAA", 10) == pytest.approx(4 * face.widths[ord("A")] / 100)


def test_missing_character_names_it_and_the_fix(chain):
    with pytest.raises(FontError) as info:
        chain.runs("x\U0010FFFD", "event demo")
    message = str(info.value)
    assert "U+10FFFD" in message and "event demo" in message
    assert "apt-get install" not in message          # every package that could help is installed
    assert "is installed but lacks it" in message and "TIMELINE_FONT_DIRS" in message


def test_korean_breaks_between_words_only(chain):
    text = "컨테이너 기술은 2000년도에 오픈소스 유닉스인 FreeBSD 4.0을 통해 도입된 Jail에서 시작되었습니다"
    lines = wrap(text, chain, 12, 120)
    assert len(lines) > 1
    assert " ".join(lines) == text          # every break is at a space: no word was cut
    assert all(chain.width(line, 12) <= 120 for line in lines)


def test_a_word_wider_than_the_line_is_broken_inside(chain):
    lines = wrap("Supercalifragilisticexpialidocious", chain, 12, 60)
    assert len(lines) > 1 and "".join(lines) == "Supercalifragilisticexpialidocious"
    assert all(chain.width(line, 12) <= 60 for line in lines)


def test_font_override_goes_first(tmp_path):
    from generator.fonts import installed_fonts
    path = installed_fonts()["DejaVuSans.ttf"]
    fonts = resolve({"body": {"style": "regular"}}, str(path))
    assert fonts.chain("body").faces[0].name == "DejaVuSans"
    with pytest.raises(FontError):
        resolve({"body": {"style": "regular"}}, str(tmp_path / "nope.ttf"))


def test_searching_every_installed_font_finds_what_opening_each_in_turn_finds():
    """A character none of a chain's fonts has is looked for in every installed font, in name order; after the
    first search each font's characters are known, so later searches open only a font that has theirs. They
    must find the very face (or none) that opening every font in turn finds, also where a font's own character
    map and HarfBuzz's read of it differ (symbol fonts)."""
    from generator import fonts

    def opening_each(char):
        for _name, path in sorted(fonts.installed_fonts().items()):
            try:
                face = fonts.open_face(str(path))
            except FontError:
                continue
            if face.covers(char):
                return face
        return None

    chars = ["\ue000", "\ue001", "\u02f4", "\u274e", "\u4e00", "\U000e0100"]
    fonts._any_face_covering.cache_clear()
    fonts._HAS.clear()
    found = [fonts._any_face_covering(c) for c in chars]      # the first opens every font; the rest use _HAS
    assert fonts._HAS
    assert [f and (f.path, f.index) for f in found] == [f and (f.path, f.index) for f in map(opening_each, chars)]
    assert found[-2] is not None         # a CJK font is installed by setup.sh
