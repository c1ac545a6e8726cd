"""Summary markup drawn as styled runs: bold and italic faces, linked words, measured in their faces."""

from __future__ import annotations

import pdfplumber
import pytest
from pptx import Presentation

from generator import markup
from generator.cli import main
from generator.fonts import open_face, resolve
from generator.text import MarkedLine, text_block, wrap, wrap_marked

URL = "https://docs.docker.com/get-started/"
DATA = r"""
title: Markup
languages: [en, ko]
events:
  - id: docker
    date: 2013-03
    title: {en: Docker, ko: 도커}
    summary:
      en: "Docker made **containers easy to ship** and *portable across hosts*; read [the Docker guide](https://docs.docker.com/get-started/) first. 2 \\* 3 stays literal."
      ko: "도커는 **컨테이너를 쉽게** 만들었고 *이식성*을 높였다. [도커 안내서](https://docs.docker.com/get-started/) 참고."
  - id: k8s
    date: 2014-06
    title: {en: Kubernetes, ko: 쿠버네티스}
    summary: {en: "Google open-sourced **Kubernetes**.", ko: "구글이 **쿠버네티스**를 공개했다."}
"""


@pytest.fixture(scope="module")
def chains():
    fonts = resolve({"body": {"style": "regular"}, "heading": {"style": "bold"}})
    return fonts.chain("body", "en"), fonts.chain("body", "ko")


def test_spans_escapes_and_plain_text():
    assert markup.spans(r"a \*b\* **c** *d* [e \] f](https://x.org)") == [
        markup.Span("a *b* "), markup.Span("c", bold=True), markup.Span(" "), markup.Span("d", italic=True),
        markup.Span(" "), markup.Span("e ] f", url="https://x.org")]
    assert markup.plain(r"2 \* 3 = 6, C:\temp") == r"2 * 3 = 6, C:\temp"
    assert markup.has_markup(r"2 \* 3") and not markup.has_markup("C:\\temp and 2 * 3")
    assert markup.plain(markup.escape("**not bold** [x](y) \\")) == "**not bold** [x](y) \\"


def test_bold_words_are_measured_in_the_bold_face(chains):
    en, _ko = chains
    bold = open_face(en.styled(True, False).primary.path)
    assert bold.bold and bold.name == "LiberationSans-Bold"
    text = "one two three four five six seven eight nine ten eleven twelve"
    width = en.width("one two three four five six seven", 12) + 1       # the first line, in regular type
    plain_lines = wrap(text, en, 12, width)
    bold_lines = wrap_marked(f"**{text}**", en, 12, width)
    assert len(bold_lines) > len(plain_lines)           # bold is wider: the same words take more lines
    block = text_block(bold_lines, en, 12, 0, 0, width, "#000000")
    for line in block.lines:
        assert all(run.face == "LiberationSans-Bold" and run.bold for run in line.runs)
        drawn = sum(run.width for run in line.runs)
        assert drawn == pytest.approx(bold.width(line.text, 12)) and drawn <= width
    assert [line.text for line in block.lines] == bold_lines


def test_styled_lines_keep_spans_and_plain_lines_stay_str(chains):
    en, _ko = chains
    lines = wrap_marked("plain words then **bold** and [a link](https://x.org) end", en, 10, 80)
    assert "".join(lines).replace(" ", "") == "plainwordsthenboldandalinkend"
    assert any(isinstance(line, MarkedLine) for line in lines)
    assert all(type(line) is str for line in lines if not isinstance(line, MarkedLine))
    assert wrap_marked("no marks at all", en, 10, 80) == wrap("no marks at all", en, 10, 80)


def test_italic_without_an_italic_face_is_a_synthetic_oblique(chains):
    _en, ko = chains
    block = text_block(wrap_marked("도커는 *이식성* 높다 *portable*", ko, 12, 400), ko, 12, 0, 0, 400, "#000000")
    runs = {run.text: run for run in block.lines[0].runs}
    assert runs["이식성"].italic and runs["이식성"].synthetic_italic and runs["이식성"].face == "NanumGothic"
    assert runs["portable"].italic and not runs["portable"].synthetic_italic
    assert runs["portable"].face == "LiberationSans-Italic"


def _words(page):
    return page.extract_words(extra_attrs=["fontname"])


def _covered(annot, word) -> bool:
    return (annot["x0"] - 0.5 <= word["x0"] and word["x1"] <= annot["x1"] + 0.5
            and annot["top"] - 0.5 <= word["top"] and word["bottom"] <= annot["bottom"] + 0.5)


def _check_pdf(path, lang="en"):
    with pdfplumber.open(path) as pdf:
        pages = [(page, _words(page)) for page in pdf.pages]
        text = " ".join(w["text"] for _p, words in pages for w in words)
        fonts = {w["text"]: w["fontname"].split("+")[-1] for _p, words in pages for w in words}
        if lang == "en":
            for word in ("containers", "easy", "ship"):
                assert fonts[word] == "LiberationSans-Bold", word
            for word in ("portable", "across", "hosts"):
                assert fonts[word] == "LiberationSans-Italic", word
            assert fonts["made"] == "LiberationSans"
            assert "2 * 3 stays literal" in text and "\\" not in text and "**" not in text
            linked = ("Docker", "guide")
        else:
            assert fonts["컨테이너를"] == "NanumGothicBold" and fonts["쉽게"] == "NanumGothicBold"
            linked = ("안내서",)
        hits = 0
        for page, words in pages:
            links = [a for a in page.annots if a.get("uri") == URL]
            for word in words:
                if word["text"] in linked and any(_covered(a, word) for a in links):
                    hits += 1
        assert hits >= len(linked)


def test_poster_handout_and_tiles_draw_bold_italic_and_link_the_words(runner, write_yaml, tmp_path):
    data = write_yaml(DATA)
    for lang in ("en", "ko"):
        for args, name in ((["poster", "--size", "A3"], "poster"), (["handout"], "handout"),
                           (["poster", "--size", "A2", "--tile", "A4"], "tiles")):
            out = tmp_path / f"{name}-{lang}.pdf"
            result = runner.invoke(main, [*args, str(data), "--lang", lang, "-o", str(out)])
            assert result.exit_code == 0, result.output
            _check_pdf(out, lang)


def test_deck_runs_are_bold_italic_and_hyperlinked(runner, write_yaml, tmp_path):
    data = write_yaml(DATA)
    out = tmp_path / "deck.pptx"
    result = runner.invoke(main, ["deck", str(data), "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    runs = [run for slide in Presentation(out).slides for shape in slide.shapes if shape.has_text_frame
            for para in shape.text_frame.paragraphs for run in para.runs if shape.name.startswith("Summary")]
    by_text = {run.text: run for run in runs}
    assert by_text["containers easy to ship"].font.bold is True
    assert by_text["portable across hosts"].font.italic is True
    assert by_text["Docker made "].font.bold is False and by_text["Docker made "].font.italic is False
    linked = [run for run in runs if run.hyperlink.address == URL]
    assert "".join(run.text for run in linked).replace(" ", "") == "theDockerguide"
    assert not any(run.hyperlink.address for run in runs if run not in linked)
    assert any("2 * 3 stays literal" in run.text for run in runs)
