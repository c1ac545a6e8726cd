"""Scripts: fonts chosen by script and language, shaping, bidi order, emoji clusters, line breaks."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import uharfbuzz as hb
from click.testing import CliRunner
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from generator.cli import main
from generator.fonts import resolve
from generator.render.pdf import shape_text
from generator.scene import EMOJI_FACE
from generator.text import text_block, wrap

DATA = Path(__file__).parent / "data" / "scripts"
ARABIC = "تأسست شركة Docker في عام 2013 (نسخة 1.0)."


@pytest.fixture(scope="module")
def fonts():
    return resolve({"body": {"style": "regular"}, "heading": {"style": "bold"}})


def test_han_comes_from_a_japanese_font_in_japanese_and_a_chinese_font_in_chinese(fonts):
    ja = fonts.chain("body", "ja").pieces("漢字の歴史")
    zh = fonts.chain("body", "zh-Hans").pieces("漢字的历史")
    assert [p.face.name for p in ja] == ["IPAexGothic"]           # one face for the whole line
    assert [p.face.name for p in zh] == ["WenQuanYiZenHei"]


def test_bold_role_without_a_bold_file_is_synthetic_bold(fonts):
    heading = text_block(["東京の歴史"], fonts.chain("heading", "ja"), 20, 0, 0, 300, "#000000", lang="ja")
    assert all(run.synthetic_bold for run in heading.lines[0].runs)
    arabic = text_block(["تاريخ"], fonts.chain("heading", "ar"), 20, 0, 0, 300, "#000000", lang="ar")
    assert [r.face for r in arabic.lines[0].runs] == ["NotoSansArabic-Bold"]
    assert not arabic.lines[0].runs[0].synthetic_bold


def test_arabic_line_is_right_aligned_with_latin_and_numbers_in_reading_order(fonts):
    block = text_block([ARABIC], fonts.chain("body", "ar"), 12, 0, 0, 400, "#000000", lang="ar")
    line = block.lines[0]
    assert line.text == ARABIC and line.rtl
    runs = line.runs
    right = max(r.x + r.width for r in runs)
    assert right == pytest.approx(400, abs=0.01)                     # aligned to the right
    first = next(r for r in runs if r.text.startswith("تأسست"))
    docker = next(r for r in runs if "Docker" in r.text)
    year = next(r for r in runs if r.text.startswith("2013"))
    assert first.rtl and first.shaped and not docker.rtl
    assert first.x > docker.x > year.x                               # read right to left
    xs = sorted((r.x, r.x + r.width) for r in runs)
    assert all(a[1] <= b[0] + 0.01 for a, b in zip(xs, xs[1:]))      # no run overlaps another


def test_our_arabic_glyphs_are_harfbuzz_glyphs(fonts):
    """The glyphs ReportLab draws for a shaped run are the ones HarfBuzz gives for that font."""
    face = fonts.chain("body", "ar").pieces(ARABIC)[0].face
    name = "TestArabicShaping"
    pdfmetrics.registerFont(TTFont(name, face.path, shapable=True))
    text = "تاريخ صناعة الكمبيوتر"
    drawn = shape_text(text, name, 10)
    font = pdfmetrics.getFont(name)
    ours = [font.face.charToGlyph[ord(c)] for c in drawn]
    blob = hb.Blob(Path(face.path).read_bytes())
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(hb.Font(hb.Face(blob)), buf)                           # HarfBuzz's own defaults
    assert ours == [info.codepoint for info in buf.glyph_infos]
    advance = sum(d.x_advance for d in drawn.__shapeData__) / 100
    assert face.shaped_width(text, 10) == pytest.approx(advance)   # measured as drawn


def test_emoji_clusters_stay_whole(fonts):
    text = "Team 👨‍👩‍👧 from 🇰🇷 waves 👋🏽"
    block = text_block([text], fonts.chain("body", "en"), 12, 0, 0, 600, "#000000")
    emoji = [r.text for r in block.lines[0].runs if r.face == EMOJI_FACE]
    assert emoji == ["👨‍👩‍👧", "🇰🇷", "👋🏽"]
    assert all(r.width > 10 for r in block.lines[0].runs if r.face == EMOJI_FACE)


@pytest.mark.parametrize("lang,text", [
    ("ja", "コンピュータと呼ばれるにふさわしいのは1946年ペンシルベニア大学で真空管を使って演算処理をするデジタル計算機ENIACである。"),
    ("zh", "世界上第一台电子计算机于1946年诞生在美国宾夕法尼亚大学，取名ENIAC。"),
])
def test_text_without_spaces_breaks_at_uax14_opportunities(fonts, lang, text):
    chain = fonts.chain("body", lang)
    lines = wrap(text, chain, 12, 150)
    assert len(lines) > 2 and "".join(lines) == text
    assert all(chain.width(line, 12) <= 150 for line in lines)
    assert not any(line.startswith(("。", "，", "、")) for line in lines)   # no line starts with a stop


def test_arabic_poster_extracts_in_logical_order(tmp_path):
    out = tmp_path / "ar.pdf"
    result = CliRunner().invoke(main, ["poster", str(DATA / "ar-computing.yaml"), "-o", str(out), "--size", "A3"])
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    text = re.sub("[\u200e\u200f\u202a-\u202e]", "", text)      # directional marks, invisible
    for phrase in ("📜 تاريخ صناعة الكمبيوتر", "الترانزستور", "المعالجات الدقيقة", "ENIAC"):
        assert phrase in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert any("NotoSansArabic" in row for row in rows)
    assert all(row.split()[-5] == "yes" for row in rows)            # every font embedded


def test_missing_font_advice_names_the_package_only_when_it_is_not_installed(monkeypatch):
    from generator import fonts as module
    table = dict(module.installed_fonts())
    assert "install the Debian package" not in module.missing_message("\u0780", "dv")   # fonts-noto-core is here
    table.pop("NotoSans-Regular.ttf")
    monkeypatch.setattr(module, "installed_fonts", lambda: table)
    message = module.missing_message("\u0780", "dv", "events[2].title")
    assert "apt-get install fonts-noto-core" in message and "U+0780" in message
    table.pop("ipaexg.ttf")
    assert "apt-get install fonts-ipaexfont-gothic" in module.missing_message("\u3042", "ja")


def test_grapheme_clusters_match_uax29_on_mixed_text():
    """The shortcut for text of stand-alone characters gives what the UAX #29 segmenter gives."""
    from hypothesis import given, settings, strategies as st
    from uniseg.graphemecluster import grapheme_clusters
    from generator.scripts import clusters

    alphabet = list("aZ0 .,–…·가나한글日本かな中文ελληνικάрусעברית العربيةहिन्दीไทย©★Ωß\r\n\t") + [
        "\u1100", "\u1161", "\u11a8", "\u0301", "\u0308", "\u200d", "\u200c", "\ufe0f", "\U0001F469", "\U0001F4BB",
        "\U0001F3FD", "\U0001F1F0", "\U0001F1F7", "\u0915", "\u094d", "\u0937", "\u0e33", "\u0600"]

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(alphabet), max_size=24).map("".join))
    def check(text):
        assert clusters(text) == (list(text) if text.isascii() else list(grapheme_clusters(text)))

    check()
