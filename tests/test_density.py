"""Crowded and long timelines on the poster: the density ladder, honest sizing, spans, ticks, the report."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

import synthetic
from scene_checks import check_page, texts
from generator.cli import main
from generator.errors import LayoutError
from generator.layout.axis import Axis
from generator.layout.context import Context
from generator.layout.poster import layout_poster, safe_inset
from generator.layout.timeline import BRIEF, CARD, LABEL, tick_marks
from generator.load import load
from generator.scene import Box, Line, Rect
from generator.style import poster_format


def lay_out(timeline, style, size="A0", orientation="landscape", lang="en", min_type=None):
    fmt = poster_format(size, orientation, min_type=min_type)
    doc = layout_poster(timeline, lang, style.with_icons(timeline), fmt)
    ctx = Context.for_sheet(timeline, lang, style, fmt.width, fmt.height)
    return doc, safe_inset(ctx), ctx


def floor_of(doc, ctx) -> float:
    """The floor the page must keep: the sheet's, or the announced reference floor."""
    announced = any("arm's length" in n for n in doc.notices)
    return ctx.theme.floors["minimum"] if announced else ctx.floor("text")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    path = tmp_path_factory.mktemp("world") / "world.yaml"
    return load(synthetic.write(synthetic.realistic(300), path))


@pytest.mark.parametrize("size,orientation,lang", [("A0", "landscape", "en"), ("A1", "portrait", "ko"),
                                                   ("A3", "landscape", "en")])
def test_a_long_world_history_builds_or_names_a_size_that_does(world, style, size, orientation, lang):
    try:
        doc, safe, ctx = lay_out(world, style, size, orientation, lang)
    except LayoutError as exc:
        assert size == "A3", str(exc)
        bigger = str(exc).split("--size ")[1].split()[0]
        doc, safe, ctx = lay_out(world, style, bigger, orientation, lang)
    page = doc.pages[0]
    assert check_page(page, safe, floor_of(doc, ctx)) == []
    titles = "\n".join(t.text for t in texts(page) if t.role == "event_title").replace("\n", " ")
    assert all(world_title(e, lang) in titles for e in world.events)
    assert len(doc.placements) == len(world.events)


def world_title(event, lang) -> str:
    return event.title.get(lang)


def test_a_larger_sheet_holds_whatever_a_smaller_one_holds(tmp_path, style):
    timeline = load(synthetic.write(synthetic.large(260), tmp_path / "long.yaml"))
    fits = []
    for size in ("A4", "A3", "A2", "A1", "A0"):
        try:
            doc, _, _ = lay_out(timeline, style, size, min_type="9pt")
            fits.append((size, sum(1 for p in doc.placements if p.rung != LABEL)))
        except LayoutError as exc:
            fits.append((size, None))
            named = str(exc).split("--size ")[1].split()[0]
            lay_out(timeline, style, named, min_type="9pt")     # the size it names then works
    held = [n for _, n in fits]
    first = next(i for i, n in enumerate(held) if n is not None)
    assert all(n is not None for n in held[first:]), fits
    assert held[first:] == sorted(held[first:]), fits   # larger sheets keep at least as many cards


SHEETS = ("A4", "A3", "A2", "ARCH-C", "50x70cm", "A1", "ARCH-D", "70x100cm", "A0", "ARCH-E",
          "100x150cm")   # each at least as large as the one before, both ways


@pytest.mark.parametrize("name,orientation,min_type", [("large", "landscape", "9pt"), ("dense", "landscape", "9pt"),
                                                       ("large", "portrait", "9pt"), ("dense", "landscape", None)])
def test_custom_sizes_between_standard_ones_hold_as_much(tmp_path, style, name, orientation, min_type):
    """From the first sheet that fits, every larger one (custom sizes between the standard ones included)
    keeps at least as many cards and summaries: a custom sheet's type grows only while that costs nothing."""
    data = synthetic.large(260) if name == "large" else synthetic.dense(120)
    timeline = load(synthetic.write(data, tmp_path / "set.yaml"))
    fits = []
    for size in SHEETS:
        try:
            doc, _, _ = lay_out(timeline, style, size, orientation, min_type=min_type)
            fits.append((size, sum(1 for p in doc.placements if p.rung != LABEL),
                         sum(1 for p in doc.placements if p.summary_kept)))
        except LayoutError:
            fits.append((size, None, None))
    held = [f[1:] for f in fits]
    first = next(i for i, n in enumerate(held) if n[0] is not None)
    assert all(n[0] is not None for n in held[first:]), fits
    cards = [n[0] for n in held[first:]]
    kept = [n[1] for n in held[first:]]
    assert cards == sorted(cards), fits       # larger sheets keep at least as many cards
    assert kept == sorted(kept), fits         # and as many summaries


def test_a_custom_sheet_grows_its_type_while_that_costs_nothing(tmp_path, style):
    def title_size(doc):
        return max(t.size for t in texts(doc.pages[0]) if t.role == "event_title")

    sparse = load(synthetic.write(synthetic.sparse(), tmp_path / "sparse.yaml"))
    custom, standard = lay_out(sparse, style, "70x100cm")[0], lay_out(sparse, style, "A1")[0]
    assert title_size(custom) > title_size(standard)        # everything fits either way: type grows
    assert not any(n.startswith("type as on") for n in custom.notices)
    crowded = load(synthetic.write(synthetic.large(260), tmp_path / "large.yaml"))
    custom, safe, _ = lay_out(crowded, style, "70x100cm", min_type="9pt")
    assert any(n.startswith("type as on A1, the largest standard sheet inside 70x100cm") for n in custom.notices)
    a1, _, a1_ctx = lay_out(crowded, style, "A1", min_type="9pt")
    assert title_size(custom) == pytest.approx(title_size(a1))
    assert [p.rung for p in custom.placements] == [p.rung for p in a1.placements]
    assert check_page(custom.pages[0], safe, a1_ctx.floor("text")) == []     # A1's floors, this sheet's safe zone


def test_high_importance_keeps_its_summary_and_low_turns_to_a_label_first(tmp_path, style):
    data = synthetic.dense(60)
    data["events"][10]["importance"] = "high"
    for event in data["events"][20:40]:
        event["importance"] = "low"
    timeline = load(synthetic.write(data, tmp_path / "ranked.yaml"))
    doc, safe, ctx = lay_out(timeline, style, "A3")
    rungs = {p.event: p for p in doc.placements}
    assert rungs["e10"].rung == CARD and rungs["e10"].summary_kept
    normal = [rungs[f"e{i}"] for i in list(range(0, 20)) + list(range(40, 60)) if i != 10]
    low = [rungs[f"e{i}"] for i in range(20, 40)]
    rank = {CARD: 0, BRIEF: 1, LABEL: 2}
    assert max(rank[p.rung] for p in normal) <= min(rank[p.rung] for p in low) or \
        all(p.rung != CARD or not p.summary_kept for p in low)
    titles = [t for t in texts(doc.pages[0]) if t.role == "event_title"]
    assert max(t.size for t in titles) > min(t.size for t in titles)      # the high event's title is larger
    assert check_page(doc.pages[0], safe, floor_of(doc, ctx)) == []


def test_overlapping_spans_get_rows_of_their_own(write_yaml, style):
    data = write_yaml("""\
        title: Plans
        events:
          - {id: a, date: 2001, end: 2010, title: Alpha programme}
          - {id: b, date: 2003, end: 2006, title: Beta study}
          - {id: c, date: 2005, end: 2012, title: Gamma build}
          - {id: d, date: 2011, end: 2014, title: Delta roll-out}
          - {id: e, date: 2008, title: A point in time}
        """)
    doc, safe, ctx = lay_out(load(data), style, "A3")
    spans = [i for i in doc.pages[0].items if isinstance(i, Rect) and i.role == "span"]
    assert len(spans) == 4
    for i, a in enumerate(spans):
        for b in spans[i + 1:]:
            assert not a.box.overlaps(b.box), (a, b)
    assert len({round(s.y, 2) for s in spans}) >= 3        # a, b, c overlap: three rows
    assert check_page(doc.pages[0], safe, ctx.floor("text")) == []


def _axis(first: float, last: float) -> Axis:
    return Axis(((first, 0.0), (last, 2000.0)), ())


@pytest.mark.parametrize("first,last,expect", [
    (2023.0, 2023 + 14 / 365, "Jan 2023"),      # a fortnight: days
    (2023.0, 2023.75, "Apr 2023"),              # nine months: months
    (1990.0, 2020.0, "2005"),                   # decades of years
    (-3000.0, 2000.0, "1000 BCE"),              # millennia
])
def test_ticks_adapt_to_the_range(first, last, expect):
    marks = tick_marks(_axis(first, last), "en", lambda text: len(text) * 12 + 12)
    labels = [text for _, text in marks]
    assert len(marks) >= 3
    assert any(expect in text for text in labels), labels
    if last - first < 0.1:
        assert any(text[0].isdigit() and "Jan" in text for text in labels)   # day ticks: "3 Jan 2023"


def test_a_nine_month_plan_gets_month_ticks_on_the_poster(write_yaml, style):
    data = write_yaml("""\
        title: A plan
        events:
          - {id: a, date: 2023-02, title: Kick-off}
          - {id: b, date: 2023-05, title: Design review}
          - {id: c, date: 2023-10, title: Launch}
        """)
    doc, safe, ctx = lay_out(load(data), style, "A3")
    ticks = [t.text for t in texts(doc.pages[0]) if t.role == "tick"]
    assert "Mar 2023" in ticks or "Apr 2023" in ticks, ticks
    assert "2025" not in ticks
    assert check_page(doc.pages[0], safe, ctx.floor("text")) == []


def test_the_report_matches_the_scene(runner, tmp_path):
    data = synthetic.write(synthetic.dense(60), tmp_path / "dense.yaml")
    out, report = tmp_path / "p.pdf", tmp_path / "p.json"
    result = runner.invoke(main, ["poster", str(data), "-o", str(out), "--size", "A3", "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "summaries left out to fit A3" in result.stderr
    got = json.loads(report.read_text(encoding="utf-8"))
    assert [e["id"] for e in got["events"]] == [f"e{i}" for i in range(60)] or len(got["events"]) == 60
    timeline = load(data)
    from generator.style import load_style
    doc, _, _ = lay_out(timeline, load_style(), "A3")
    page = doc.pages[0]
    cards = [i.box for i in page.items if isinstance(i, Rect) and i.role == "card"]
    dots = [i.box for i in page.items if getattr(i, "role", "") == "anchor"]
    leaders = {i.role.split()[1]: i for i in page.items if isinstance(i, Line) and i.role.startswith("leader ")}
    for entry in got["events"]:
        box = entry["card"]
        if entry["rung"] != LABEL:
            assert any(abs(c.x - box["x"]) < 0.01 and abs(c.y - box["y"]) < 0.01 and abs(c.w - box["w"]) < 0.01
                       for c in cards), entry
        anchor = entry["anchor"]
        assert any(abs(d.x + d.w / 2 - anchor["x"]) < 0.01 and abs(d.y + d.h / 2 - anchor["y"]) < 0.01
                   for d in dots), entry
        assert entry["id"] in leaders
        assert (entry["rung"] == CARD) == entry["summary_kept"] or entry["rung"] == CARD
        assert 0 <= entry["distance"] <= 1
    distances = sorted(e["distance"] for e in got["events"])
    assert got["distance"]["max"] == pytest.approx(distances[-1], abs=1e-5)


def test_min_type_refuses_the_reference_rung(runner, tmp_path):
    data = synthetic.write(synthetic.large(300), tmp_path / "long.yaml")
    result = runner.invoke(main, ["poster", str(data), "-o", str(tmp_path / "p.pdf"), "--size", "A3",
                                  "--min-type", "10pt"])
    assert result.exit_code == 1
    assert "--size" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "p.pdf").exists()


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_lanes_by_category_share_one_time_axis(tmp_path, style, orientation):
    timeline = load(synthetic.write(synthetic.realistic(40, seed=5), tmp_path / "lanes.yaml"))
    fmt = poster_format("A1", orientation, lanes="category")
    doc = layout_poster(timeline, "en", style.with_icons(timeline), fmt)
    page = doc.pages[0]
    ctx = Context.for_sheet(timeline, "en", style, fmt.width, fmt.height)
    assert check_page(page, safe_inset(ctx), floor_of(doc, ctx)) == []
    names = [t.text for t in texts(page) if t.role == "lane"]
    used = [c for c in timeline.categories if any(e.category is c for e in timeline.events)]
    assert names == [c.label.get("en") for c in used]
    ticks = [t for t in texts(page) if t.role == "tick"]
    assert ticks and len({round(t.y if orientation == "landscape" else t.x) for t in ticks}) == 1   # one ruler
    lanes = {t.text: t for t in texts(page) if t.role == "lane"}
    by_id = {e.id: e for e in timeline.events}
    for p in doc.placements:        # every card sits in its category's band
        lane = lanes[by_id[p.event].category.label.get("en")]
        if orientation == "landscape":
            nxt = min([t.y for t in lanes.values() if t.y > lane.y] + [page.height])
            assert lane.y < p.box.y and p.box.y + p.box.h <= nxt
        else:
            nxt = min([t.x for t in lanes.values() if t.x > lane.x] + [page.width])
            left = lane.x - lane.size * 1.4           # the lane's swatch comes before its name
            assert left <= p.box.x and p.box.x + p.box.w <= nxt - lane.size * 1.2
    assert any("lanes by category" in n for n in doc.notices)


@pytest.mark.parametrize("size,orientation", [("A3", "landscape"), ("A1", "portrait")])
def test_a_public_timelinejs_example_with_overlapping_spans(style, size, orientation):
    from pathlib import Path
    timeline = load(Path(__file__).parent / "data" / "women-in-computing.yaml")
    doc, safe, ctx = lay_out(timeline, style, size, orientation)
    page = doc.pages[0]
    assert check_page(page, safe, floor_of(doc, ctx)) == []
    spans = [i.box for i in page.items if isinstance(i, Rect) and i.role == "span"]
    assert len(spans) == 3
    assert not any(a.overlaps(b) for n, a in enumerate(spans) for b in spans[n + 1:])
    titles = " ".join(t.text.replace("\n", " ") for t in texts(page) if t.role == "event_title")
    assert all(e.title.get("en") in titles for e in timeline.events)


def test_grown_cards_grow_the_tick_and_era_labels_with_them(tmp_path, style):
    timeline = load(synthetic.write(synthetic.sparse(), tmp_path / "sparse.yaml"))
    doc, safe, ctx = lay_out(timeline, style, "A3")
    page = doc.pages[0]
    titles = [t.size for t in texts(page) if t.role == "event_title"]
    ticks = [t.size for t in texts(page) if t.role == "tick"]
    assert min(titles) > ctx.size("event_title") * 1.2          # a roomy sheet grew its cards
    assert min(ticks) > ctx.size("tick") * 1.1                   # and its tick labels with them
    assert check_page(page, safe, ctx.floor("text")) == []


def test_a_crowded_warped_axis_gives_a_shared_date_room_for_its_events(write_yaml):
    from generator.layout.axis import build_axis
    lines = ["title: Crowded", "events:"]
    lines += [f"  - {{id: a{i}, date: 1990, title: Event {i}}}" for i in range(30)]     # 30 share one year
    lines += [f"  - {{id: b{i}, date: {1991 + i}, title: Later {i}}}" for i in range(10)]
    timeline = load(write_yaml("\n".join(lines) + "\n"))
    axis = build_axis(timeline, 0.0, 1000.0, timeline.events, warp=1.0)
    after = axis.at(1991.0) - axis.at(1990.0)
    typical = axis.at(1995.0) - axis.at(1994.0)
    assert after > 20 * typical         # 30 events on 1990: the stretch after it is as long as they need
    assert after == pytest.approx(1000.0 * 30 / 40, rel=0.01)


def test_a_label_carries_its_date_on_its_first_line(tmp_path, style):
    from dataclasses import replace
    from generator.layout.timeline import measure
    timeline = load(synthetic.write(synthetic.long_titles(20), tmp_path / "long.yaml"))
    fmt = poster_format("A0", "landscape")
    ctx = replace(Context.for_sheet(timeline, "en", style, fmt.width, fmt.height),
                  reference=True, shrink=0.01, narrow=0.7)
    event = next(e for e in timeline.events if e.end is None)
    label = measure(ctx, event, LABEL)
    assert label.inline > 0 and len(label.date_lines) == 1
    items = label.draw(ctx, 100.0, 100.0)
    date = next(t for t in items if t.role == "date")
    first = next(t for t in items if t.role == "event_title")
    assert abs(date.lines[0].baseline - first.lines[0].baseline) < 0.01        # one line, one baseline
    assert date.box.right <= first.box.x and not date.box.overlaps(first.box)
    height = sum(t.box.h for t in items if t.role == "event_title")
    assert height == pytest.approx(label.height)            # the date takes no line of its own
    words = " ".join(t.text.replace("\n", " ") for t in items if t.role == "event_title")
    assert words == " ".join(event.title.get("en").split())


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_lanes_by_group_give_each_group_its_band(tmp_path, style, runner, orientation):
    data = synthetic.long_titles(40, seed=5)
    for event in data["events"][::7]:
        del event["group"]                  # some events belong to no group: they share an "Other" lane
    path = synthetic.write(data, tmp_path / "groups.yaml")
    timeline = load(path)
    fmt = poster_format("A1", orientation, lanes="group")
    doc = layout_poster(timeline, "en", style.with_icons(timeline), fmt)
    page = doc.pages[0]
    ctx = Context.for_sheet(timeline, "en", style, fmt.width, fmt.height)
    assert check_page(page, safe_inset(ctx), floor_of(doc, ctx)) == []
    groups = list(dict.fromkeys(e.group.get("en") for e in timeline.events if e.group is not None))
    names = [t.text for t in texts(page) if t.role == "lane"]
    assert names == groups + ["Other"]
    lanes = {t.text: t for t in texts(page) if t.role == "lane"}
    by_id = {e.id: e for e in timeline.events}
    for p in doc.placements:        # every card sits in its group's band
        event = by_id[p.event]
        lane = lanes[event.group.get("en") if event.group is not None else "Other"]
        if orientation == "landscape":
            nxt = min([t.y for t in lanes.values() if t.y > lane.y] + [page.height])
            assert lane.y < p.box.y and p.box.y + p.box.h <= nxt
        else:
            nxt = min([t.x for t in lanes.values() if t.x > lane.x] + [page.width])
            assert lane.x - lane.size * 1.4 <= p.box.x and p.box.x + p.box.w <= nxt - lane.size * 1.2
    ticks = [t for t in texts(page) if t.role == "tick"]
    assert ticks and len({round(t.y if orientation == "landscape" else t.x) for t in ticks}) == 1   # one ruler
    assert any("lanes by group" in n for n in doc.notices)
    out = tmp_path / "lanes.pdf"
    result = runner.invoke(main, ["poster", str(path), "-o", str(out), "--size", "A1", "--orientation",
                                  orientation, "--lanes", "group"])
    assert result.exit_code == 0, result.output
    assert "lanes by group" in result.stderr


@pytest.mark.parametrize("data,size", [(synthetic.large(60), "A3"), (synthetic.dense(30), "A4")])
def test_the_notice_names_a_larger_sheet_that_keeps_every_summary(tmp_path, style, data, size):
    timeline = load(synthetic.write(data, tmp_path / "set.yaml"))
    doc, _, _ = lay_out(timeline, style, size)
    first = doc.notices[0]
    assert "summaries left out to fit " + size + "; " in first and first.endswith(" keeps them all"), doc.notices
    larger = first.split("; ")[1].split(" keeps")[0]
    bigger, _, _ = lay_out(timeline, style, larger)
    assert all(p.summary_kept for p in bigger.placements)        # what the notice says, true
    assert not any("left out" in n or "compact labels" in n for n in bigger.notices)


def test_a_refused_sheet_names_a_size_that_then_builds(runner, tmp_path):
    data = synthetic.write(synthetic.large(260), tmp_path / "large.yaml")
    out = tmp_path / "p.pdf"
    result = runner.invoke(main, ["poster", str(data), "-o", str(out), "--size", "A4", "--min-type", "9pt"])
    assert result.exit_code == 1 and not out.exists(), result.output
    assert "Traceback" not in result.output and "--size " in result.output
    named = result.output.split("--size ")[1].split()[0]
    result = runner.invoke(main, ["poster", str(data), "-o", str(out), "--size", named, "--min-type", "9pt"])
    assert result.exit_code == 0, result.output
    assert out.exists()


@pytest.mark.parametrize("name,size,orientation,lang", [
    ("sparse", "A0", "landscape", "en"),        # grown cards
    ("dense", "A3", "landscape", "ko"),         # cards without summaries, labels
    ("large", "A2", "portrait", "en"),          # labels on the reference rung
    ("long", "A1", "landscape", "en"),          # long titles on a stretched axis
])
def test_an_undrawn_poster_has_the_drawn_posters_fit(tmp_path, style, name, size, orientation, lang):
    """`check` lays posters out without drawing them: the same placements, rungs and notices as the build."""
    data = {"sparse": synthetic.sparse, "dense": lambda: synthetic.dense(90), "large": lambda: synthetic.large(400),
            "long": lambda: synthetic.long_titles(300)}[name]()
    timeline = load(synthetic.write(data, tmp_path / f"{name}.yaml"))
    fmt = poster_format(size, orientation)
    drawn = layout_poster(timeline, lang, style.with_icons(timeline), fmt)
    undrawn = layout_poster(timeline, lang, style.with_icons(timeline), fmt, draw=False)
    assert undrawn.placements == drawn.placements and undrawn.notices == drawn.notices
    cards = {"event_title", "summary"}
    assert not [t for t in texts(undrawn.pages[0]) if t.role in cards]
    assert [t for t in texts(drawn.pages[0]) if t.role in cards]


def test_cards_that_surely_cannot_fit_do_not(tmp_path, style):
    """The ladder skips measuring full cards where cards of their least size cannot fit: that bound never
    rules out cards that would fit, and it does rule out the crowded rows it is there for."""
    from generator.layout.timeline import CARD, lay_timeline, least_size, measure, surely_unfit
    ruled_out = kept = 0
    for data, size, orientation in [(synthetic.large(400), "A1", "landscape"), (synthetic.dense(90), "A3", "landscape"),
                                    (synthetic.sparse(), "A0", "landscape"), (synthetic.large(40), "A2", "portrait"),
                                    (synthetic.long_titles(150), "A2", "portrait"), (synthetic.dense(30), "A4", "portrait")]:
        timeline = load(synthetic.write(data, tmp_path / "set.yaml"))
        fmt = poster_format(size, orientation)
        ctx = Context.for_sheet(timeline, "en", style.with_icons(timeline), fmt.width, fmt.height)
        events = timeline.events
        for box in (Box(40, 200, fmt.width - 80, fmt.height - 260), Box(40, 200, fmt.width - 80, fmt.height / 3),
                    Box(40, 200, fmt.width / 3, fmt.height - 260)):
            if surely_unfit(ctx, box, events, [least_size(ctx, e) for e in events]):
                ruled_out += 1
                with pytest.raises(LayoutError):
                    lay_timeline(ctx, box, events, [CARD] * len(events), draw=False)
            else:
                kept += 1
            for e in events:
                card, (w, h) = measure(ctx, e, CARD), least_size(ctx, e)
                assert card.width >= w - 1e-9 and card.height >= h - 1e-9
    assert ruled_out and kept


def test_the_columns_bound_holds_for_any_cards():
    """placement.too_long: when items at least this large surely cannot be placed, larger ones are not."""
    import random
    from generator.layout.placement import Item, Spacing, place_side, too_long
    rng = random.Random(5)
    ruled_out = 0
    for _ in range(600):
        n = rng.choice([3, 10, 40, 120])
        if rng.random() < 0.5:      # cards of one size, known exactly: the bound is tight
            along, across = rng.uniform(20, 160), rng.uniform(6, 80)
            real = [Item(k, k * rng.uniform(1, 30), along, across) for k in range(n)]
            least = real
        else:
            real = [Item(k, k * rng.uniform(1, 30), rng.uniform(20, 160), rng.uniform(6, 80)) for k in range(n)]
            least = [Item(i.key, i.anchor, i.along * rng.uniform(0.6, 1), i.across * rng.uniform(0.6, 1))
                     for i in real]
        sp = Spacing(gap=rng.uniform(2, 9), lane=rng.uniform(1, 6), track=rng.uniform(1, 6), stack=rng.uniform(0, 4))
        lo, depth = 0.0, rng.uniform(40, 700)
        hi = sum(i.along for i in real) * rng.uniform(0.05, 0.8)
        if too_long(least, lo, hi, depth, sp):
            ruled_out += 1
            with pytest.raises(LayoutError):
                place_side(real, lo, hi, depth, True, sp)
    assert 20 < ruled_out < 600


def test_a_fit_test_finds_the_same_whichever_side_it_places_first(tmp_path, style):
    """A fit test (placements=False) places first the side of the axis that failed last; both orders must
    give the same answer on every rung mix, from all cards to all labels, and sides that fail do fail."""
    from generator.layout import placement, timeline as laid
    from generator.layout.timeline import lay_timeline, measure
    timeline = load(synthetic.write(synthetic.large(300), tmp_path / "set.yaml"))
    fmt = poster_format("A2", "landscape")
    ctx = Context.for_sheet(timeline, "ko", style.with_icons(timeline), fmt.width, fmt.height)
    ctx = replace(ctx, shrink=0.5, narrow=0.5)
    events, box = timeline.events, Box(40, 200, fmt.width - 80, fmt.height - 260)
    cards = {r: [measure(ctx, e, r) for e in events] for r in (BRIEF, LABEL)}
    answers = {}
    for first in (-1, 1):
        found = []
        for labels in range(0, len(events) + 1, 15):
            placement._PLACED.clear()
            laid._FAILED[0] = first
            mix = [cards[LABEL][i] if i < labels else cards[BRIEF][i] for i in range(len(events))]
            rungs = [LABEL if i < labels else BRIEF for i in range(len(events))]
            try:
                lay_timeline(ctx, box, events, rungs, cards=mix, draw=False, placements=False)
                found.append(True)
            except LayoutError:
                found.append(False)
        answers[first] = found
    assert answers[-1] == answers[1]
    assert True in answers[1] and False in answers[1]
