"""The deck as a clickable talk: room overview, zoomed era slides, varied event slides, nothing refused."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

import synthetic
from scene_checks import overlapping_pairs, texts
from generator.errors import LayoutError
from generator.layout.deck import layout_deck
from generator.load import load
from generator.render.pptx import render_pptx
from generator.style import deck_format
from generator.scene import Link, Rect

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}


@pytest.fixture(scope="module")
def timeline(request):
    from conftest import BUNDLED_DATA
    return load(BUNDLED_DATA)


@pytest.fixture(scope="module")
def doc(timeline, style):
    return layout_deck(timeline, "en", style.with_icons(timeline))


@pytest.fixture(scope="module")
def pptx_path(doc, theme, tmp_path_factory):
    path = tmp_path_factory.mktemp("room") / "deck.pptx"
    render_pptx(doc, path, theme)
    return path


def event_pages(doc) -> dict[str, int]:
    """Page number (1-based) of each event's first slide, by title."""
    found: dict[str, int] = {}
    for number, page in enumerate(doc.pages, 1):
        if page.kind == "event":
            found.setdefault(page.title, number)
    return found


def test_the_overview_links_every_event_to_its_slide_and_back(doc, timeline):
    pages = doc.pages
    events = event_pages(doc)
    overview = next(p for p in pages if p.kind == "overview")
    targets = {item.page for item in overview.items if isinstance(item, Link)}
    assert {events[e.title.get("en")] for e in timeline.events} <= targets
    sections = [n for n, p in enumerate(pages, 1) if p.kind == "section"]
    section_targets = {item.page for n in sections for item in pages[n - 1].items if isinstance(item, Link)}
    assert {events[e.title.get("en")] for e in timeline.events} <= section_targets
    for number, page in enumerate(pages, 1):
        if page.kind != "event":
            continue
        back = [item.page for item in page.items if isinstance(item, Link) and item.page]
        assert back and pages[back[0] - 1].kind == "section", page.title
        assert back[0] < number


def test_pptx_click_actions_jump_between_overview_and_event_slides(pptx_path, doc, timeline):
    prs = Presentation(str(pptx_path))
    slides = list(prs.slides)
    index = {slide.slide_id: n for n, slide in enumerate(slides, 1)}

    def targets(slide) -> set[int]:
        found = set()
        for shape in walk(slide.shapes):
            action = shape.click_action
            if action.target_slide is not None:
                found.add(index[action.target_slide.slide_id])
        return found

    events = event_pages(doc)
    wanted = {events[e.title.get("en")] for e in timeline.events}
    overview = doc.pages.index(next(p for p in doc.pages if p.kind == "overview"))
    assert wanted <= targets(slides[overview])
    for number in wanted:
        back = targets(slides[number - 1])
        assert back and all(doc.pages[b - 1].kind == "section" for b in back)


def walk(shapes):
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from walk(shape.shapes)
        else:
            yield shape


def test_cards_and_leaders_are_named_groups_with_attached_connectors(pptx_path, doc):
    prs = Presentation(str(pptx_path))
    section = next(n for n, p in enumerate(doc.pages) if p.kind == "section")
    groups = [s for s in prs.slides[section].shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    cards = [g for g in groups if g.name.startswith("Card: ")]
    assert cards and cards[0].name == "Card: FreeBSD Jail"
    for group in cards:
        ids = {s.shape_id for s in group.shapes}
        connectors = group.element.xpath(".//p:cxnSp")
        assert len(connectors) == 1
        start = connectors[0].xpath(".//a:stCxn")
        assert start and int(start[0].get("id")) in ids
    overview = next(n for n, p in enumerate(doc.pages) if p.kind == "overview")
    names = [s.name for s in prs.slides[overview].shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    assert "Marks: Early isolation" in names and "Eras" in names


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_room_sizes(timeline, style, lang, aspect):
    doc = layout_deck(timeline, lang, style.with_icons(timeline), deck_format(aspect))
    for page in doc.pages:
        for text in texts(page):
            if text.role == "label":
                assert text.size >= 18
            if text.role in ("card_title", "card_date"):
                assert text.size >= 14
            if text.role in ("summary", "quote"):
                assert text.size >= 20
            if text.role == "strip":
                assert text.size >= 12
        strip = [item for item in page.items if getattr(item, "role", "") == "strip"]
        assert bool(strip) == (page.kind in ("event", "section")), page.title
        assert not overlapping_pairs([t.box for t in texts(page)]), page.title


def test_event_slides_vary_and_never_show_an_empty_circle(doc, timeline, tmp_path, style):
    variants = {text.role for page in doc.pages if page.kind == "event" for text in texts(page)}
    assert {"summary", "quote"} <= variants
    assert not [item for page in doc.pages for item in page.items
                if isinstance(item, Rect) and item.role == "disc"]
    bare = tmp_path / "bare.yaml"
    bare.write_text("title: t\nevents:\n  - {id: a, date: 1969-07-20, title: Moon landing, "
                    "summary: 'First sentence. Second sentence.'}\n", encoding="utf-8")
    page = next(p for p in layout_deck(load(bare), "en", style).pages if p.kind == "event")
    numeral = [t for t in texts(page) if t.role == "numeral"]
    assert numeral and numeral[0].text == "1969" and numeral[0].size >= 60


def test_notes_give_context(doc):
    notes = next(p.notes for p in doc.pages if p.title == "Docker")
    assert "Before: LXC (Linux Containers) (Aug 2008; 5 years after the previous one)" in notes
    assert "After: Kubernetes goes open source (Jun 2014)" in notes
    assert "Event 1 of 2 in this era" in notes


def _one_event(tmp_path, title: str, summary: str):
    path = tmp_path / "one.yaml"
    path.write_text(f"title: t\nevents:\n  - {{id: long-one, date: 2001, title: '{title}', "
                    f"summary: '{summary}'}}\n", encoding="utf-8")
    return load(path)


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_a_long_summary_continues_on_a_second_slide(tmp_path, style, aspect):
    summary = " ".join(["This sentence makes the summary far longer than one slide holds."] * 11)
    doc = layout_deck(_one_event(tmp_path, "Long", summary), "en", style, deck_format(aspect))
    events = [p for p in doc.pages if p.kind == "event"]
    assert len(events) == 2 and events[1].title == "Long (2/2)"
    shown = " ".join(t.text.replace("\n", " ") for p in events for t in texts(p) if t.role == "summary")
    assert " ".join(shown.split()) == " ".join(summary.split())
    for page in events:
        assert all(t.size >= 20 for t in texts(page) if t.role == "summary")
        assert not overlapping_pairs([t.box for t in texts(page)])


def test_a_long_title_wraps_and_only_text_beyond_two_slides_fails(tmp_path, style):
    title = ("A very long event title that goes on and on about the many things that happened that year, "
             "and then some more things that happened the year after that")
    doc = layout_deck(_one_event(tmp_path, title, "Short."), "en", style)
    page = next(p for p in doc.pages if p.kind == "event")
    heading = next(t for t in texts(page) if t.role == "title")
    assert len(heading.lines) >= 3 and heading.size >= 24
    huge = " ".join(["Words upon words that no two slides could ever hold at twenty points."] * 60)
    with pytest.raises(LayoutError, match="long-one.*two slides"):
        layout_deck(_one_event(tmp_path, "Too long", huge), "en", style)


def test_573_events_build_a_deck(tmp_path, theme, style):
    big = load(synthetic.write(synthetic.large(573), tmp_path / "big.yaml"))
    doc = layout_deck(big, "en", style, deck_format("4:3"))
    overview = [p for p in doc.pages if p.kind == "overview"]
    assert len(overview) == 1
    assert len([i for i in overview[0].items if isinstance(i, Rect) and i.role == "mark"]) == 573
    assert len([p for p in doc.pages if p.kind == "event"]) >= 573
    render_pptx(doc, tmp_path / "big.pptx", theme)
    assert len(Presentation(str(tmp_path / "big.pptx")).slides) == len(doc.pages)


def test_cards_keep_their_text_inside_in_a_low_content_area(timeline, style):
    from generator.layout.deck import Frame
    from generator.scene import Box, Text
    frame = Frame(794.0, 446.5, Box(40, 105, 714, 55), Box(40, 105, 714, 274))
    doc = layout_deck(timeline, "ko", style.with_icons(timeline), frame=frame)
    for page in doc.pages:
        cards = [item for item in page.items if isinstance(item, Rect) and item.role == "card"]
        for text in (t for t in page.items if isinstance(t, Text) and t.role in ("card_title", "card_date")):
            assert any(text.box.inside(card.box, 1) for card in cards), (page.title, text.text)
        for text in texts(page):
            assert text.box.inside(Box(0, 0, 794.0, 446.5)), (page.title, text.text)
        assert not overlapping_pairs([t.box for t in texts(page)]), page.title
