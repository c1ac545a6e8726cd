"""The handout and the slide handouts: laid out, rendered to PDF and read back."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from generator.errors import LayoutError, OptionError
from generator.layout.deck import layout_deck
from generator.layout.flow import Block, paginate
from generator.layout.handout import layout_handout, source_numbers
from generator.style import PaperFormat, paper_format
from generator.colors import contrast, luminance
from generator.layout.slides import layout_slide_handout
from generator.load import load
from generator.render.pdf import render_pdf
from generator.scene import Box, Group, Line, Link, Rect, Text
from generator.sizes import MM
from generator.theme import load_theme

import synthetic

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "container-history.yaml"
PAPERS = {"A4": (210 * MM, 297 * MM), "letter": (612.0, 792.0)}
MARGIN = 12 * MM          # the default theme's handout.margin_mm
CASES = [("en", "A4"), ("en", "letter"), ("ko", "A4"), ("ko", "letter")]


@pytest.fixture(scope="module")
def timeline():
    return load(DATA)


@pytest.fixture(scope="module")
def handouts(timeline, style, tmp_path_factory):
    """{(lang, paper): (document, pdf path)} for the bundled data."""
    out = tmp_path_factory.mktemp("handouts")
    built = {}
    for lang, paper in CASES:
        doc = layout_handout(timeline, lang, style.with_icons(timeline), paper_format(paper))
        path = out / f"handout-{lang}-{paper}.pdf"
        render_pdf(doc, path)
        built[(lang, paper)] = (doc, path)
    return built


def squash(text: str) -> str:
    """Text without any whitespace, so line breaks inside titles and URLs do not matter."""
    return re.sub(r"\s+", "", text)


def page_texts(path: Path, left: float = 0.0) -> list[str]:
    """Each page's text; with `left`, only what lies right of x = left (the cards, not the gutter)."""
    with pdfplumber.open(path) as pdf:
        return [page.crop((left, 0, page.width, page.height)).extract_text() or "" for page in pdf.pages]


def card_left(doc) -> float:
    """The x where card text starts on the detail pages."""
    return min(i.x for p in doc.pages[1:] for i in p.items if isinstance(i, Text) and i.role == "summary") - 1


def link_uris(path: Path) -> set[str]:
    uris = set()
    for page in pypdf.PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.add(str(action["/URI"]))
    return uris


def overlapping_words(path: Path, tolerance: float = 0.5) -> list[tuple[int, str, str]]:
    """Pairs of words whose boxes (shrunk by tolerance) intersect, per page."""
    found = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            boxes = [(w["x0"] + tolerance, w["top"] + tolerance, w["x1"] - tolerance, w["bottom"] - tolerance,
                      w["text"]) for w in page.extract_words()]
            boxes.sort()
            for i, a in enumerate(boxes):
                for b in boxes[i + 1:]:
                    if b[0] >= a[2]:
                        break
                    if a[1] < b[3] and b[1] < a[3]:
                        found.append((number, a[4], b[4]))
    return found


def chars_outside(path: Path, margin: float) -> list[tuple[int, str]]:
    """Characters drawn outside the page's margins."""
    found = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for c in page.chars:
                if (c["x0"] < margin - 0.5 or c["x1"] > page.width - margin + 0.5
                        or c["top"] < margin - 0.5 or c["bottom"] > page.height - margin + 0.5):
                    found.append((number, c["text"]))
    return found


# --- the flow ---------------------------------------------------------------------------


def block(height: float, name: str, **kw) -> Block:
    return Block(height, lambda x, y: [(name, y)], **kw)


def names(pages) -> list[list[str]]:
    return [[b.paint(0, 0)[0][0] for b, _y in page] for page in pages]


def test_paginate_fills_pages_and_drops_the_space_above_at_a_page_top():
    pages = paginate([block(60, "a"), block(30, "b", before=5), block(30, "c", before=5),
                      block(40, "d", before=5)], 100)
    assert names(pages) == [["a", "b"], ["c", "d"]]
    assert [y for _b, y in pages[0]] == [0, 65] and [y for _b, y in pages[1]] == [0, 35]


def test_paginate_balances_a_nearly_empty_last_page_with_the_one_before():
    blocks = [block(20, name, before=2) for name in "abcdefghij"]        # ten blocks of 22 on pages of 200
    greedy = paginate(blocks[:9], 200)
    assert names(greedy) == [list("abcdefghi")]
    pages = paginate(blocks, 200)          # greedy: nine, then one alone (10% full)
    assert [len(page) for page in pages] == [5, 5]
    assert names(pages) == [list("abcde"), list("fghij")]


def test_an_era_running_onto_a_new_page_brings_its_heading_marked_again():
    heading = block(10, "Era (cont.)")
    blocks = [block(10, "Era", keep_with_next=True)] + [block(30, f"e{i}", carry=heading) for i in range(5)]
    pages = paginate(blocks, 100)
    assert names(pages)[1][0] == "Era (cont.)"
    assert all(name != "Era (cont.)" for name in names(pages)[0])


def test_paginate_keeps_a_heading_with_the_block_after_it():
    pages = paginate([block(60, "a"), block(10, "heading", keep_with_next=True), block(35, "b")], 100)
    assert names(pages) == [["a"], ["heading", "b"]]


def test_paginate_moves_to_the_next_page_when_the_short_first_page_has_no_room():
    pages = paginate([block(50, "a"), block(20, "b")], 100, first_room=30)
    assert names(pages) == [[], ["a", "b"]]


def test_paginate_refuses_a_block_taller_than_a_page():
    with pytest.raises(LayoutError):
        paginate([block(150, "a")], 100)


# --- the handout ---------------------------------------------------------------------


@pytest.mark.parametrize("lang,paper", CASES)
def test_handout_pages_have_the_paper_size(handouts, lang, paper):
    doc, path = handouts[(lang, paper)]
    width, height = PAPERS[paper]
    assert len(doc.pages) >= 3
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == len(doc.pages)
        for page in pdf.pages:
            assert page.width == pytest.approx(width, abs=0.01)
            assert page.height == pytest.approx(height, abs=0.01)


@pytest.mark.parametrize("lang,paper", CASES)
def test_every_event_title_and_source_url_is_in_the_pdf_text(handouts, timeline, lang, paper):
    _doc, path = handouts[(lang, paper)]
    text = squash("".join(page_texts(path)))
    for event in timeline.events:
        assert squash(event.title.get(lang)) in text, event.id
    for source in timeline.cited_sources():
        assert squash(source.url) in text, source.id


@pytest.mark.parametrize("lang,paper", CASES)
def test_every_source_url_is_a_link_annotation(handouts, timeline, lang, paper):
    _doc, path = handouts[(lang, paper)]
    assert link_uris(path) == {s.url for s in timeline.cited_sources()}


@pytest.mark.parametrize("lang,paper", CASES)
def test_no_words_overlap_and_no_text_leaves_the_margins(handouts, lang, paper):
    _doc, path = handouts[(lang, paper)]
    assert overlapping_words(path) == []
    assert chars_outside(path, MARGIN) == []


@pytest.mark.parametrize("lang,paper", CASES)
def test_every_page_has_its_footer_and_later_pages_a_running_header(handouts, timeline, lang, paper):
    doc, path = handouts[(lang, paper)]
    texts = page_texts(path)
    total = len(texts)
    for number, text in enumerate(texts, 1):
        footer = f"page {number} of {total}" if lang == "en" else f"{number} / {total} 쪽"
        assert footer in text
        assert text.lstrip().startswith(timeline.title.get(lang))


def test_page_one_holds_the_title_and_a_compact_timeline_of_all_events(handouts, timeline):
    doc, path = handouts[("en", "A4")]
    first = squash(page_texts(path)[0])
    assert squash(timeline.subtitle.get("en")) in first
    blocks = {squash(i.text) for i in doc.pages[0].items if isinstance(i, Text)}   # pdf text mixes columns
    for event in timeline.events:
        assert squash(event.title.get("en")) in blocks, event.id
        assert all(word in first for word in event.title.get("en").split()), event.id
    summary = squash(timeline.events[0].summary.get("en"))
    assert summary not in first                       # compact: titles and dates only
    roles = {getattr(item, "role", "") for item in doc.pages[0].items}
    assert {"axis", "era", "anchor"} <= roles          # drawn by the timeline engine


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_cards_are_never_cut_a_summary_stays_on_the_page_of_its_title(handouts, timeline, lang):
    doc, path = handouts[(lang, "A4")]
    pages = [squash(t) for t in page_texts(path, card_left(doc))[1:]]
    for event in timeline.events:
        title, summary = squash(event.title.get(lang)), squash(event.summary.get(lang))
        holding = [p for p in pages if summary in p]
        assert len(holding) == 1, event.id
        assert title in holding[0]


def test_events_come_in_order_grouped_by_era_with_numbered_sources(handouts, timeline):
    doc, path = handouts[("en", "A4")]
    text = " ".join(page_texts(path)[1:])
    flat = squash(" ".join(page_texts(path, card_left(doc))[1:]))
    positions = [flat.index(squash(e.summary.get("en"))) for e in timeline.events]
    assert positions == sorted(positions)
    shown = [squash(i.text) for page in doc.pages[1:] for i in page.items
             if isinstance(i, Text) and i.role in ("era", "event_title")]
    expected, era = [], None
    for event in timeline.events:
        if timeline.era_of(event) != era:
            era = timeline.era_of(event)
            expected.append(squash(era.label.get("en")))
        expected.append(squash(event.title.get("en")))
    assert shown == expected
    numbers = source_numbers(timeline)
    assert sorted(numbers.values()) == list(range(1, len(timeline.cited_sources()) + 1))
    for source in timeline.cited_sources():
        assert f"[{numbers[source.id]}] {source.title}" in text
    assert "References" in text


def test_references_carry_a_link_and_a_qr_code_for_each_source(handouts, timeline):
    doc, _path = handouts[("en", "A4")]
    last = doc.pages[-1].items + doc.pages[-2].items
    links = [item for item in last if isinstance(item, Link)]
    qr = [item for item in last if isinstance(item, Rect) and item.role == "qr"]
    for source in timeline.cited_sources():
        squares = [link for link in links if link.url == source.url and link.w == pytest.approx(link.h)]
        assert len(squares) == 1, source.id
        code = squares[0]
        inside = [r for r in qr if r.box.inside(Box(code.x, code.y, code.w, code.h))]
        assert len(inside) > 20, source.id
        assert 12 * MM <= code.w <= 25 * MM


def test_body_text_is_readable_and_nothing_crosses_a_page_edge(handouts):
    doc, _path = handouts[("en", "A4")]
    for page in doc.pages[1:]:
        for item in page.items:
            if isinstance(item, Text) and item.role == "summary":
                assert 9 <= item.size <= 11
            if isinstance(item, (Text, Rect)):
                assert item.box.inside(Box(MARGIN, MARGIN, page.width - 2 * MARGIN,
                                           page.height - 2 * MARGIN)), item


def test_a_dark_theme_is_printed_light(timeline, fonts, tmp_path):
    from generator.style import Style
    dark = ('extends: default\ncolors:\n  background: "#0B0F14"\n  text: "#F2F4F7"\n  card: "#1C2430"\n'
            '  era_fills: ["#22303F", "#3A2A14"]\n')
    path = tmp_path / "dark.yaml"
    path.write_text(dark, encoding="utf-8")
    theme = load_theme(str(path))
    assert contrast(theme.colors["text"], "#FFFFFF") < 1.5      # the screen colours would vanish on paper
    doc = layout_handout(timeline, "en", Style(theme, fonts).with_icons(timeline), paper_format("A4"))
    for page in doc.pages:
        for item in page.items:
            if isinstance(item, Text):
                assert contrast(item.color, "#FFFFFF") >= 4.5, item.role
            if isinstance(item, Rect) and item.role in ("card", "era", "background") and item.fill:
                assert luminance(item.fill) > 0.7, item.role


def test_a_long_summary_continues_on_the_next_page_with_a_marker(tmp_path, style):
    data = synthetic.sparse()
    long = " ".join(f"word{i}" for i in range(900))
    data["events"][2]["summary"] = {"en": long, "ko": long}
    timeline = load(synthetic.write(data, tmp_path / "long.yaml"))
    doc = layout_handout(timeline, "en", style.with_icons(timeline), paper_format("A4"))
    path = tmp_path / "long.pdf"
    render_pdf(doc, path)
    texts = page_texts(path)
    found = [w for t in texts[1:] for w in re.findall(r"word\d+", t)]
    assert found == long.split()
    holding = [i for i, t in enumerate(texts) if "word" in t]
    assert len(holding) >= 2
    for i in holding[:-1]:
        assert "continued on the next page" in texts[i]
    for i in holding[1:]:
        assert "Year one (continued)" in texts[i]
    assert overlapping_words(path) == []
    assert chars_outside(path, MARGIN) == []


def test_a_large_timeline_flows_its_compact_list_over_several_pages(tmp_path, style):
    timeline = load(synthetic.write(synthetic.large(), tmp_path / "large.yaml"))
    doc = layout_handout(timeline, "ko", style.with_icons(timeline), paper_format("letter"))
    path = tmp_path / "large.pdf"
    render_pdf(doc, path)
    text = squash("".join(page_texts(path)))
    for event in timeline.events:
        assert text.count(squash(event.title.get("ko"))) >= 2     # in the list and in the details
    assert overlapping_words(path) == []
    assert chars_outside(path, MARGIN) == []


# --- slide handouts ----------------------------------------------------------------


@pytest.fixture(scope="module")
def decks(timeline, style):
    return {lang: layout_deck(timeline, lang, style.with_icons(timeline)) for lang in ("en", "ko")}


@pytest.mark.parametrize("per_page", [3, 6])
@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_slide_handouts_hold_every_slide_once_in_order(decks, per_page, paper, tmp_path, style):
    deck = decks["en"]
    doc = layout_slide_handout(deck, "en", style, paper_format(paper, per_page))
    groups = [item for page in doc.pages for item in page.items if isinstance(item, Group)]
    assert [g.page for g in groups] == list(deck.pages)
    assert len(doc.pages) == math.ceil(len(deck.pages) / per_page)
    width, height = PAPERS[paper]
    for page in doc.pages:
        assert (page.width, page.height) == pytest.approx((width, height))
        assert sum(isinstance(i, Group) for i in page.items) <= per_page
    path = tmp_path / "slides.pdf"
    render_pdf(doc, path)
    assert len(pypdf.PdfReader(path).pages) == len(doc.pages)


@pytest.mark.parametrize("per_page", [3, 6])
def test_slides_keep_their_aspect_with_a_frame_and_notes_lines_for_three(decks, per_page, style):
    deck = decks["ko"]
    doc = layout_slide_handout(deck, "ko", style, paper_format("A4", per_page))
    for page in doc.pages:
        groups = [i for i in page.items if isinstance(i, Group)]
        frames = [i for i in page.items if isinstance(i, Rect) and i.role == "frame"]
        notes = [i for i in page.items if isinstance(i, Line) and i.role == "notes"]
        assert len(frames) == len(groups)
        for group, frame in zip(groups, frames):
            assert group.clip.w / group.clip.h == pytest.approx(group.page.width / group.page.height)
            assert group.clip.w == pytest.approx(group.page.width * group.scale)
            assert (frame.x, frame.y, frame.w, frame.h) == pytest.approx(
                (group.clip.x, group.clip.y, group.clip.w, group.clip.h))
            assert group.clip.inside(Box(10 * MM, 10 * MM, page.width - 20 * MM, page.height - 20 * MM))
            beside = [n for n in notes if group.clip.y <= n.y1 <= group.clip.bottom and n.x1 > group.clip.right]
            assert (len(beside) >= 5) if per_page == 3 else not beside
        for a in groups:
            for b in groups:
                assert a is b or not a.clip.overlaps(b.clip)


def test_slide_handout_text_is_vector_and_readable(decks, style, tmp_path):
    deck = decks["en"]
    doc = layout_slide_handout(deck, "en", style, paper_format("A4", 6))
    path = tmp_path / "slides6.pdf"
    render_pdf(doc, path)
    texts = page_texts(path)
    for slide in deck.pages[:6]:
        title = next(i for i in slide.items if isinstance(i, Text) and i.role == "title")
        assert squash(title.text) in squash(texts[0])
    assert texts[0].lstrip().startswith(deck.title)
    assert f"page 1 of {len(texts)}" in texts[0]
    with pdfplumber.open(path) as pdf:
        assert not pdf.pages[0].images          # slides are drawn, not pasted in as pictures


def test_slide_handout_refuses_other_counts(decks, style):
    with pytest.raises(OptionError):
        layout_slide_handout(decks["en"], "en", style, PaperFormat("A4", per_page=4))


# --- headings, continued eras, kept headings, a balanced last page ----------------------

FURNITURE = {"footer", "header"}
THEMES = ("default", "dark", "ink-saver", "high-contrast")


def flow_items(page) -> list:
    """A page's text and boxes, without the running header and the footer."""
    return [i for i in page.items if isinstance(i, (Text, Rect)) and i.role not in FURNITURE]


def last_page_fill(doc) -> float:
    """How much of the last page's body (from where the flow starts to the footer) holds something."""
    top = min(i.y for i in flow_items(doc.pages[1]))
    last = doc.pages[-1]
    footer = min(i.y for i in last.items if isinstance(i, Text) and i.role == "footer")
    return (max(i.box.bottom for i in flow_items(last)) - top) / (footer - top)


def era_of_page(doc, timeline, lang) -> list[tuple[str | None, str | None]]:
    """Per detail page: the era of its first and of its last event card (by the title shown)."""
    by_title = {squash(e.title.get(lang)): timeline.era_of(e) for e in timeline.events}
    found = []
    for page in doc.pages[1:]:
        eras = [by_title[squash(i.text)] for i in page.items if isinstance(i, Text) and i.role == "event_title"]
        found.append((eras[0], eras[-1]) if eras else (None, None))
    return found


@pytest.mark.parametrize("theme_name", THEMES)
def test_era_headings_are_larger_than_event_titles(timeline, fonts, theme_name):
    from generator.style import Style
    style = Style(load_theme(theme_name), fonts).with_icons(timeline)
    for lang, paper in CASES:
        doc = layout_handout(timeline, lang, style, paper_format(paper))
        texts = [i for p in doc.pages[1:] for i in p.items if isinstance(i, Text)]
        titles = {i.size for i in texts if i.role == "event_title"}
        headings = {i.size for i in texts if i.role in ("era", "era-continued", "heading")}
        assert titles and headings
        assert min(headings) >= max(titles) * 1.2, (theme_name, lang, paper)


@pytest.mark.parametrize("lang,paper", CASES)
def test_an_era_running_onto_a_new_page_repeats_its_heading_with_cont(handouts, timeline, lang, paper):
    from generator.words import words
    doc, path = handouts[(lang, paper)]
    again = words(lang)["era_again"]
    eras = era_of_page(doc, timeline, lang)
    texts = page_texts(path)
    continued = 0
    for number, (page, (first, _last)) in enumerate(zip(doc.pages[1:], eras), 2):
        marked = [i for i in page.items if isinstance(i, Text) and i.role == "era-continued"]
        runs_on = number > 2 and first is not None and first == eras[number - 3][1]
        if runs_on:
            continued += 1
            (heading,) = marked
            assert squash(heading.text) == squash(f"{first.label.get(lang)} {again}")
            above = [i for i in flow_items(page) if i.y < heading.y]      # the first thing on the page
            assert [(type(i), i.role) for i in above] == [(Rect, "era")]
            assert squash(f"{first.label.get(lang)} {again}") in squash(texts[number - 1])
        else:
            assert not marked, number
    assert continued >= 1            # the bundled data runs an era over a page break on every paper


def test_every_catalog_translates_cont():
    from generator.words import CATALOG, words
    for po in sorted(CATALOG.glob("*.po")):
        text = po.read_text(encoding="utf-8")
        assert 'msgctxt "era_again"' in text, po.name
        assert words(po.stem)["era_again"].strip(), po.name
    assert words("ko")["era_again"] != words("en")["era_again"]


def kept_heading_problems(doc) -> list[tuple[int, str]]:
    """Era headings with no event after them on their page (a heading left alone at the foot)."""
    problems = []
    for number, page in enumerate(doc.pages, 1):
        headings = [i for i in page.items if isinstance(i, Text) and i.role in ("era", "era-continued")
                    and number > 1]
        titles = [i for i in page.items if isinstance(i, Text) and i.role == "event_title"]
        for heading in headings:
            if not any(t.y > heading.y for t in titles):
                problems.append((number, heading.text))
    return problems


@pytest.mark.parametrize("seed", range(6))
def test_an_era_heading_is_never_left_alone_at_the_foot_of_a_page(style, tmp_path, seed):
    data = synthetic.cited(8 + 7 * seed, events=30 + 9 * seed, seed=seed)
    timeline = load(synthetic.write(data, tmp_path / "cited.yaml"))
    for lang, paper in CASES:
        doc = layout_handout(timeline, lang, style.with_icons(timeline), paper_format(paper))
        assert kept_heading_problems(doc) == [], (lang, paper)
        assert any(i.role == "era-continued" for p in doc.pages for i in p.items if isinstance(i, Text))


def test_the_bundled_handouts_keep_their_headings(handouts):
    for doc, _path in handouts.values():
        assert kept_heading_problems(doc) == []


@pytest.mark.parametrize("lang,paper", CASES)
def test_the_bundled_last_page_is_not_mostly_empty(handouts, lang, paper):
    doc, path = handouts[(lang, paper)]
    assert last_page_fill(doc) >= 0.4
    with pdfplumber.open(path) as pdf:            # the printed page agrees
        page = pdf.pages[-1]
        footer = max(c["top"] for c in page.chars)
        body = [c["bottom"] for c in page.chars if c["top"] < footer - 1]
        images = [r["bottom"] for r in page.rects]
        assert (max(body + images) - MARGIN) / (footer - MARGIN) >= 0.4


@pytest.mark.parametrize("sources", [10, 25, 40, 60, 90, 117, 150, 200])
@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_references_never_leave_a_mostly_empty_last_page(style, tmp_path, sources, paper):
    timeline = load(synthetic.write(synthetic.cited(sources), tmp_path / "cited.yaml"))
    doc = layout_handout(timeline, "en", style.with_icons(timeline), paper_format(paper))
    assert last_page_fill(doc) >= 0.4, (sources, paper, len(doc.pages))
    shown = [i for i in doc.pages[-1].items if isinstance(i, Text) and i.role == "number"]
    assert shown and shown[-1].text == f"[{sources}]"          # the list ends the handout
    assert kept_heading_problems(doc) == []


# --- the page-one overview's bound: a size whose cards cannot fit is never tried --------------


@pytest.fixture(scope="module")
def bound_timelines(tmp_path_factory, timeline):
    out = tmp_path_factory.mktemp("bound")
    return [timeline, load(synthetic.write(synthetic.large(), out / "large.yaml")),
            load(synthetic.write(synthetic.realistic(120), out / "realistic.yaml"))]     # with important events


def test_a_cards_least_area_is_never_more_than_its_measured_area(bound_timelines, style):
    from generator.layout.cards import least_card_area, measure_card
    from generator.layout.context import Context
    for timeline in bound_timelines:
        for lang in timeline.languages:
            for scale, shrink in ((0.25, 0.8), (0.4, 1.0), (1.0, 1.0)):
                ctx = Context(timeline, lang, style.with_icons(timeline).on_paper(), scale, shrink)
                for event in timeline.events:
                    for with_summary in (False, True):
                        for emphasis in (1.0, 1.2):
                            card = measure_card(ctx, event, ctx.card_width, with_summary, emphasis)
                            least = least_card_area(ctx, event, ctx.card_width, with_summary, emphasis)
                            assert 0 < least <= card.width * card.height + 1e-6, (event.id, with_summary)


def test_the_timeline_never_fits_a_box_smaller_than_its_cards_least_area(bound_timelines, style):
    """What lets the handout skip overview sizes unseen: below the bound, `timeline_items` always raises."""
    from generator.layout.cards import least_card_area
    from generator.layout.context import Context
    from generator.layout.handout import OVERVIEW_FITS
    from generator.layout.timeline import EMPHASIS, timeline_items
    ruled_out = 0
    for timeline in bound_timelines:
        for scale, shrink in OVERVIEW_FITS[::2]:
            ctx = Context(timeline, timeline.languages[0], style.with_icons(timeline).on_paper(), scale, shrink)
            least = sum(least_card_area(ctx, e, ctx.card_width, False, EMPHASIS.get(e.importance, 1.0))
                        for e in timeline.events)
            for w, h in ((500, 640), (640, 500), (300, 900), (560, 380)):
                if least <= w * h:
                    continue
                ruled_out += 1
                with pytest.raises(LayoutError):
                    timeline_items(ctx, Box(40, 40, w, h), with_summary=False)
    assert ruled_out >= 12      # the bound is tested where it matters: large timelines on a page


def test_a_large_handout_lists_its_events_on_page_one_the_same_every_time(tmp_path, style):
    """No timeline size holds 150 events on page one: it starts the list of rows instead (no leaders), and the
    handout's memoised sizes and colours give the same document in any order of languages."""
    timeline = load(synthetic.write(synthetic.large(), tmp_path / "large.yaml"))
    styled = style.with_icons(timeline)
    en = layout_handout(timeline, "en", styled, paper_format("A4"))
    ko = layout_handout(timeline, "ko", styled, paper_format("A4"))
    roles = [str(getattr(item, "role", "")) for item in en.pages[0].items]
    assert "axis" in roles and not any(role.startswith("leader") for role in roles)
    assert en == layout_handout(timeline, "en", styled, paper_format("A4"))
    assert ko == layout_handout(timeline, "ko", styled, paper_format("A4"))


# --- `check` lays the handout out without drawing it, and meets the same failures -------------------


def _outcome(action):
    try:
        doc = action()
    except Exception as exc:        # noqa: BLE001 - the outcome compared is the failure itself
        return type(exc).__name__, str(exc)
    return "pages", len(doc.pages)


@pytest.mark.parametrize("name", ["bundled", "large", "ar", "he"])
def test_a_handout_laid_out_without_drawing_makes_the_same_pages_or_none(name, timeline, style, tmp_path):
    """Undrawn, the handout paginates as the build does, or not at all when it proved that nothing after its
    page one can fail (see tests/test_handout_check.py: the same failures either way)."""
    data = {"bundled": DATA, "large": synthetic.write(synthetic.large(), tmp_path / "large.yaml"),
            "ar": ROOT / "tests" / "data" / "scripts" / "ar-computing.yaml",
            "he": ROOT / "tests" / "data" / "scripts" / "he-independence.yaml"}[name]
    loaded = load(data)
    styled = style.with_icons(loaded)
    paginated = 0
    for lang in loaded.languages:
        for paper in ("A4", "letter"):
            drawn = layout_handout(loaded, lang, styled, paper_format(paper))
            planned = layout_handout(loaded, lang, styled, paper_format(paper), draw=False)
            assert len(drawn.pages) > 1 and len(planned.pages) in (0, len(drawn.pages))
            assert all(page.items == () for page in planned.pages)         # nothing drawn
            assert [p.width for p in planned.pages] == [p.width for p in drawn.pages][:len(planned.pages)]
            paginated += len(planned.pages) > 0
    if name == "large":
        assert paginated == 0       # short titles on A4 and letter: proven, never broken into lines


def test_a_handout_laid_out_without_drawing_fails_as_the_drawn_one_does(timeline, style):
    """An icon not resolved before layout fails only when the details are drawn: the plan draws then, too."""
    unresolved = style      # the bundled events name icons this style was never given
    assert any(event.icon for event in timeline.events)
    drawn = _outcome(lambda: layout_handout(timeline, "en", unresolved, paper_format("A4")))
    planned = _outcome(lambda: layout_handout(timeline, "en", unresolved, paper_format("A4"), draw=False))
    assert drawn[0] == "LayoutError" and "not resolved" in drawn[1]
    assert planned == drawn
