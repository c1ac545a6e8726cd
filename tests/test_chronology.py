"""One chronology and one set of reference numbers for every output."""

from __future__ import annotations

import re

import pytest

from generator.layout.deck import layout_deck
from generator.layout.handout import layout_handout
from generator.layout.poster import layout_poster
from generator.load import load
from generator.scene import Text
from generator.style import PosterFormat, paper_format

A1 = (1684.0, 2384.0)


def _ids(path) -> list[str]:
    return [e.id for e in load(path).events]


def test_a_year_only_date_sorts_at_the_start_of_its_year(write_yaml):
    path = write_yaml("""
        title: t
        events:
          - {id: founded, date: 2015-07, title: Founded}
          - {id: spec, date: 2015, title: Spec}
          - {id: next, date: 2016, title: Next year}
          - {id: early, date: 2015-01-01, title: New year}
        """)
    # 2015 starts on 1 Jan 2015, together with 2015-01-01: then the file's order decides.
    assert _ids(path) == ["spec", "early", "founded", "next"]


def test_events_starting_together_keep_file_order_unless_order_is_given(write_yaml):
    path = write_yaml("""
        title: t
        events:
          - {id: a, date: 2016, title: A}
          - {id: b, date: 2016-01, title: B}
          - {id: c, date: 2016-01-01, title: C}
          - {id: d, date: 2016, title: D, order: -1}
          - {id: e, date: 2016-01, title: E, order: 2}
        """)
    assert _ids(path) == ["d", "a", "b", "c", "e"]


def test_order_must_be_a_whole_number(write_yaml, runner):
    from generator.cli import main
    path = write_yaml("""
        title: t
        events:
          - {id: a, date: 2016, title: A, order: first}
        """)
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert "events[0].order" in result.output and "whole number" in result.output
    assert "Traceback" not in result.output


def test_bundled_data_puts_the_oci_founding_before_what_it_made(bundled_data):
    ids = _ids(bundled_data)
    for made in ("oci-runtime-spec", "runc", "rkt", "garden-runc", "cncf-founded"):
        assert ids.index("oci-founded") < ids.index(made), made


def test_sources_are_numbered_by_first_citation_in_event_order(write_yaml):
    path = write_yaml("""
        title: t
        sources:
          - {id: late, title: Late, url: "https://late.example"}
          - {id: never, title: Never cited, url: "https://never.example"}
          - {id: early, title: Early, url: "https://early.example"}
        events:
          - {id: b, date: 2020, title: B, sources: [late, early]}
          - {id: a, date: 2010, title: A, sources: [early, "https://direct.example/x"]}
        """)
    timeline = load(path)
    assert timeline.source_numbers() == {"early": 1, "https://direct.example/x": 2, "late": 3, "never": 4}
    assert [s.id for s in timeline.cited_sources()] == ["early", "https://direct.example/x", "late", "never"]


def _texts(doc) -> str:
    return "\n".join(item.text for page in doc.pages for item in page.items if isinstance(item, Text))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_poster_deck_handout_and_notes_share_one_source_numbering(bundled_data, style, lang):
    timeline = load(bundled_data)
    style = style.with_icons(timeline)
    numbers = timeline.source_numbers()
    poster = " ".join(_texts(layout_poster(timeline, lang, style, PosterFormat(*A1))).split())
    deck = layout_deck(timeline, lang, style)
    slides = " ".join(_texts(deck).split())
    handout = " ".join(_texts(layout_handout(timeline, lang, style, paper_format("A4"))).split())
    notes = "\n".join(page.notes for page in deck.pages if page.kind == "event")
    for source in timeline.cited_sources():
        n = numbers[source.id]
        assert f"{n}. {source.title}" in poster, source.id
        assert f"{n}. {source.title}" in slides, source.id
        assert f"[{n}] {source.title}" in handout, source.id
        assert f"[{n}] {source.title}: {source.url}" in notes, source.id
    # CRI-O cites one source; its number is the same everywhere it is shown.
    cri_o = next(e for e in timeline.events if e.id == "cri-o")
    assert f"[{numbers['cri-o-github']}]" in next(p.notes for p in deck.pages if p.title == cri_o.title.get(lang))


def test_handout_citations_are_in_ascending_order(bundled_data, style):
    timeline = load(bundled_data)
    text = _texts(layout_handout(timeline, "en", style.with_icons(timeline), paper_format("A4")))
    runs = re.findall(r"(?:\[\d+\]\s*){2,}", text)
    assert runs
    for run in runs:
        numbers = [int(n) for n in re.findall(r"\d+", run)]
        assert numbers == sorted(numbers), run
