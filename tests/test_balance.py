"""Balance of sparse sheets: grown cards bring the ruler's labels and the legend with them, and the
timeline spreads over its sheet; checked on the scene."""

from __future__ import annotations

from pathlib import Path

import pytest

import synthetic
from scene_checks import check_page, texts
from generator.layout.context import Context
from generator.layout.poster import layout_poster, safe_inset
from generator.load import load
from generator.scene import Line, Rect
from generator.style import poster_format

HERE = Path(__file__).parent
BUNDLED = HERE.parent / "data" / "container-history.yaml"


def lay_out(timeline, style, size, orientation, lang="en"):
    fmt = poster_format(size, orientation)
    doc = layout_poster(timeline, lang, style.with_icons(timeline), fmt)
    ctx = Context.for_sheet(timeline, lang, style, fmt.width, fmt.height)
    return doc.pages[0], safe_inset(ctx), ctx


def largest(page, role: str) -> float:
    return max(t.size for t in texts(page) if t.role == role)


def timeline_cover(page) -> tuple[float, float]:
    """How much of the room between the legend and the footer's rule the cards and the axis span, across
    and along (shares of that room's width and height)."""
    head = [t.box.bottom for t in texts(page) if t.role in ("title", "subtitle", "legend")]
    rule = next(i for i in page.items if isinstance(i, Line) and i.role == "rule")
    safe_w = page.width - 2 * min(t.box.x for t in texts(page) if t.role == "title")
    top, bottom = max(head), rule.y1
    boxes = [i.box for i in page.items if isinstance(i, Rect) and i.role in ("card", "axis", "era")]
    boxes += [t.box for t in texts(page) if t.role in ("event_title", "tick")]
    x0, x1 = min(b.x for b in boxes), max(b.right for b in boxes)
    y0, y1 = min(b.y for b in boxes), max(b.bottom for b in boxes)
    return (x1 - x0) / safe_w, (y1 - y0) / (bottom - top)


@pytest.fixture(scope="module")
def sparse_sets(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sparse")
    return {"dense8": load(synthetic.write(synthetic.dense(8, seed=3), folder / "d8.yaml")),
            "world12": load(synthetic.write(synthetic.realistic(12, seed=3), folder / "w12.yaml")),
            "women": load(HERE / "data" / "women-in-computing.yaml"),
            "bundled": load(BUNDLED)}


@pytest.mark.parametrize("name,lang", [("dense8", "en"), ("world12", "ko"), ("women", "en"), ("bundled", "ko"),
                                       ("bundled", "en")])
@pytest.mark.parametrize("size,orientation", [("A0", "landscape"), ("A1", "portrait")])
def test_a_sparse_sheet_is_filled_evenly_with_nothing_overlapping(sparse_sets, style, name, lang, size,
                                                                  orientation):
    page, safe, ctx = lay_out(sparse_sets[name], style, size, orientation, lang)
    assert check_page(page, safe, ctx.floor("text")) == []
    across, along = timeline_cover(page)
    assert across >= 0.7 and along >= 0.6, (across, along)
    legends = [t.size for t in texts(page) if t.role == "legend"]
    if legends and largest(page, "summary") > ctx.size("summary") * 1.01:     # grown: the legend stays below
        assert max(legends) < largest(page, "summary")                       # the card text


@pytest.mark.parametrize("size,orientation", [("A0", "landscape"), ("A1", "portrait"), ("A3", "landscape")])
def test_grown_cards_bring_ticks_eras_and_legend_with_them_in_order(sparse_sets, style, size, orientation):
    page, safe, ctx = lay_out(sparse_sets["dense8"], style, size, orientation)
    grow = largest(page, "summary") / ctx.size("summary")
    assert grow > 1.3                                   # a roomy sheet grew its cards ...
    assert largest(page, "tick") >= ctx.size("tick") * grow * 0.99      # ... its tick labels as much
    assert largest(page, "era") >= ctx.size("era") * grow * 0.99        # ... its era labels
    assert largest(page, "legend") > ctx.size("legend") * (1 + (grow - 1) / 2)   # ... and its legend
    title, card_title = largest(page, "title"), largest(page, "event_title")
    card_text, tick, legend = largest(page, "summary"), largest(page, "tick"), largest(page, "legend")
    assert title > card_title > card_text > legend       # the hierarchy reads at a glance
    assert card_title > tick > legend
    assert 0.8 <= tick / card_text <= 1.25              # tick labels read like card text
    assert check_page(page, safe, ctx.floor("text")) == []


def test_even_a_handful_of_important_events_stays_below_the_poster_title(write_yaml, style):
    lines = ["title: Three moments", "events:"]
    lines += [f"  - {{id: e{i}, date: {1900 + 40 * i}, title: Moment {i}, importance: high, "
              f"summary: One short line.}}" for i in range(3)]
    timeline = load(write_yaml("\n".join(lines) + "\n"))
    for size in ("A0", "A3"):
        page, safe, ctx = lay_out(timeline, style, size, "landscape")
        assert largest(page, "event_title") < largest(page, "title")
        assert largest(page, "event_title") > ctx.size("event_title") * 1.5    # grown, near the cap
        assert check_page(page, safe, ctx.floor("text")) == []


@pytest.mark.parametrize("size,orientation", [("A0", "landscape"), ("A1", "portrait")])
def test_forty_events_in_lanes_use_the_sheet_at_its_floors(tmp_path, style, size, orientation):
    data = synthetic.long_titles(40, seed=5)
    for event in data["events"][::7]:
        del event["group"]
    timeline = load(synthetic.write(data, tmp_path / "groups.yaml"))
    fmt = poster_format(size, orientation, lanes="group")
    doc = layout_poster(timeline, "en", style.with_icons(timeline), fmt)
    page = doc.pages[0]
    ctx = Context.for_sheet(timeline, "en", style, fmt.width, fmt.height)
    assert not any("arm's length" in n for n in doc.notices)       # no reference rung: the sheet's floors
    assert check_page(page, safe_inset(ctx), ctx.floor("text")) == []
    assert min(t.size for t in texts(page) if t.role == "event_title") >= ctx.floor("event_title") - 1e-6
    summaries = [t.size for t in texts(page) if t.role == "summary"]
    assert summaries and min(summaries) >= ctx.floor("text") - 1e-6
    cards = [p for p in doc.placements if p.rung != "label"]
    assert len(cards) >= len(doc.placements) * 0.75                # mostly cards, not labels
    across, along = timeline_cover(page)
    assert across >= 0.85 and along >= 0.8, (across, along)       # the bands fill the sheet
    lanes = sorted((t for t in texts(page) if t.role == "lane"), key=lambda t: t.y if orientation == "landscape"
                   else t.x)
    starts = [t.y if orientation == "landscape" else t.x for t in lanes]
    depths = [b - a for a, b in zip(starts, starts[1:])]
    counts = {}
    for event in timeline.events:
        name = event.group.get("en") if event.group is not None else "Other"
        counts[name] = counts.get(name, 0) + 1
    busiest = max(range(len(depths)), key=lambda i: counts[lanes[i].text])
    quietest = min(range(len(depths)), key=lambda i: counts[lanes[i].text])
    if orientation == "landscape":      # bands sized by their content: the busiest lane is the deepest
        assert depths[busiest] > depths[quietest]


def test_a_quiet_lane_takes_one_side_of_its_line(tmp_path, style):
    lines = ["title: Two lanes", "categories:", "  - {id: a, label: Busy}", "  - {id: b, label: Quiet}",
             "events:"]
    lines += [f"  - {{id: a{i}, date: {1900 + 3 * i}, title: Busy event {i}, category: a, "
              f"summary: Something happened in this busy year.}}" for i in range(24)]
    lines += ["  - {id: b0, date: 1950, title: The only quiet event, category: b, summary: Once.}"]
    path = tmp_path / "two.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    timeline = load(path)
    fmt = poster_format("A1", "landscape", lanes="category")
    doc = layout_poster(timeline, "en", style.with_icons(timeline), fmt)
    page = doc.pages[0]
    ctx = Context.for_sheet(timeline, "en", style, fmt.width, fmt.height)
    assert check_page(page, safe_inset(ctx), ctx.floor("text")) == []
    quiet = next(p for p in doc.placements if p.event == "b0")
    name = next(t for t in texts(page) if t.role == "lane" and t.text == "Quiet")
    line = min((i for i in page.items if isinstance(i, Rect) and i.role == "axis" and i.y > name.y),
               key=lambda r: r.y)
    assert quiet.box.y > line.y                 # below its lane's line, the line at the band's top
    assert all(p.rung == "card" for p in doc.placements)        # summaries kept: 25 events on A1
