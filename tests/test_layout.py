"""Layout rules asserted on the scene, without a PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

import synthetic
from scene_checks import cards, check_page, leaders, texts
from generator.errors import LayoutError
from generator.layout.context import Context
from generator.layout.poster import layout_poster, safe_inset
from generator.load import load
from generator.style import poster_format

DATA = Path(__file__).resolve().parent.parent / "data" / "container-history.yaml"


def poster_page(timeline, lang, style, size="A0", orientation="landscape", min_type=None):
    fmt = poster_format(size, orientation, min_type=min_type)
    style = style.with_icons(timeline)
    doc = layout_poster(timeline, lang, style, fmt)
    ctx = Context.for_sheet(timeline, lang, style, fmt.width, fmt.height)
    return doc.pages[0], safe_inset(ctx), ctx.floor("text")


@pytest.fixture(scope="module")
def history():
    return load(DATA)


@pytest.mark.parametrize("size,orientation", [("A0", "landscape"), ("A1", "portrait"), ("A4", "landscape"),
                                              ("Letter", "portrait")])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_container_history_follows_every_rule(history, style, lang, size, orientation):
    page, safe, floor = poster_page(history, lang, style, size, orientation)
    assert check_page(page, safe, floor) == []
    assert len(cards(page)) == len(history.events)
    assert len(leaders(page)) == len(history.events)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", ["dense", "sparse"])
def test_generated_sets_follow_every_rule(tmp_path, style, name, lang):
    timeline = load(synthetic.write(getattr(synthetic, name)(), tmp_path / f"{name}.yaml"))
    page, safe, floor = poster_page(timeline, lang, style)
    assert check_page(page, safe, floor) == []
    assert len(cards(page)) == len(timeline.events)


def test_a0_event_titles_are_at_least_24pt(history, style):
    page, _, _ = poster_page(history, "en", style)
    titles = [t for t in texts(page) if t.role == "event_title"]
    assert titles and min(t.size for t in titles) >= 24
    assert min(t.size for t in texts(page)) >= 18


def test_leader_starts_at_the_events_exact_point(history, style):
    """Events in the same month start their leaders in time order along the axis."""
    page, _, _ = poster_page(history, "en", style)
    starts = {}
    for key, lines in leaders(page).items():
        first = lines[0]
        starts[key.split()[1]] = first.x1
    order = [e.id for e in history.events]
    xs = [starts[i] for i in order]
    assert xs == sorted(xs)


def test_too_small_a_sheet_names_a_size_that_then_works(tmp_path, style):
    timeline = load(synthetic.write(synthetic.large(150), tmp_path / "long.yaml"))
    with pytest.raises(LayoutError) as info:
        poster_page(timeline, "en", style, "A5", "portrait", min_type="12pt")
    message = str(info.value)
    assert "150 events do not fit" in message and "--size" in message
    size = message.split("--size ")[1].split()[0]
    page, safe, floor = poster_page(timeline, "en", style, size, "portrait", min_type="12pt")
    assert check_page(page, safe, 12) == []
    assert min(t.size for t in texts(page)) >= 12 - 1e-6


def test_crowded_sheet_drops_only_the_summaries_it_must(tmp_path, style):
    timeline = load(synthetic.write(synthetic.dense(60), tmp_path / "dense.yaml"))
    fmt = poster_format("A3")
    doc = layout_poster(timeline, "en", style, fmt)
    page = doc.pages[0]
    ctx = Context.for_sheet(timeline, "en", style, fmt.width, fmt.height)
    assert check_page(page, safe_inset(ctx), min(ctx.floor("text"), 7)) == []
    kept = [p for p in doc.placements if p.summary_kept]
    dropped = [p for p in doc.placements if not p.summary_kept]
    assert kept and dropped
    assert len([t for t in texts(page) if t.role == "summary"]) == len(kept)
    assert any(f"{len(dropped)} of 60 summaries left out to fit A3" in n for n in doc.notices)


def test_sparse_bce_axis_labels(tmp_path, style):
    timeline = load(synthetic.write(synthetic.sparse(), tmp_path / "sparse.yaml"))
    page, _, _ = poster_page(timeline, "en", style)
    ticks = [t.text for t in texts(page) if t.role == "tick"]
    assert any("BCE" in t for t in ticks)
    page, _, _ = poster_page(timeline, "ko", style)
    assert any("기원전" in t.text for t in texts(page) if t.role == "tick")


def test_long_empty_stretch_is_compressed_with_a_break(history, style):
    page, _, _ = poster_page(history, "en", style)
    assert [i for i in page.items if getattr(i, "role", "") == "break"]


def test_portrait_bce_tick_labels_stay_inside_the_bar(tmp_path, style):
    timeline = load(synthetic.write(synthetic.sparse(), tmp_path / "sparse.yaml"))
    page, safe, floor = poster_page(timeline, "ko", style, "A1", "portrait")
    assert check_page(page, safe, floor) == []
    axis_lines = [i for i in page.items if getattr(i, "role", "") == "axis"]
    right_edge = max(r.x + r.w for r in axis_lines)
    ticks = [t for t in texts(page) if t.role == "tick"]
    assert ticks and all(t.x + t.w <= right_edge + 0.5 for t in ticks)


def test_a_roomy_timeline_gets_larger_cards_than_the_nominal_size(tmp_path, style):
    timeline = load(synthetic.write(synthetic.sparse(), tmp_path / "sparse.yaml"))
    page, safe, floor = poster_page(timeline, "en", style, "A4")
    nominal = Context.for_sheet(timeline, "en", style, page.width, page.height).size("event_title")
    titles = [t.size for t in texts(page) if t.role == "event_title"]
    assert min(titles) > nominal * 1.2
    assert check_page(page, safe, floor) == []


def test_an_event_with_an_end_date_is_drawn_as_a_span(tmp_path, style):
    data = tmp_path / "span.yaml"
    data.write_text("title: T\nevents:\n  - {id: a, date: 2000, end: 2009, title: Long}\n"
                    "  - {id: b, date: 2005, title: Point}\n  - {id: c, date: 2012, title: Later}\n",
                    encoding="utf-8")
    page, safe, floor = poster_page(load(data), "en", style, "A3")
    spans = [i for i in page.items if getattr(i, "role", "") == "span"]
    assert len(spans) == 1
    ticks = {t.text: t.x + t.w / 2 for t in texts(page) if t.role == "tick"}
    assert spans[0].x == pytest.approx(ticks["2000"], abs=0.5)
    assert spans[0].x + spans[0].w == pytest.approx(ticks["2010"], abs=0.5)
    assert check_page(page, safe, floor) == []
