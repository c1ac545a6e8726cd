"""TimelineJS JSON export: valid against TimelineJS's documented JSON format; round trips keep shared fields."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.export import timelinejs, to_html
from generator.load import load

ROOT = Path(__file__).parent.parent
REAL = Path(__file__).parent / "data" / "real"

# TimelineJS3's documented JSON format (timeline.knightlab.com/docs/json-format.html), as a schema.
_DATE = {"type": "object", "required": ["year"], "additionalProperties": False,
         "properties": {k: {"type": ["integer", "string"]} for k in
                        ("year", "month", "day", "hour", "minute", "second", "millisecond")}
         | {"display_date": {"type": "string"}, "format": {"type": "string"}}}
_TEXT = {"type": "object", "additionalProperties": False,
         "properties": {"headline": {"type": "string"}, "text": {"type": "string"}}}
_MEDIA = {"type": "object", "required": ["url"], "additionalProperties": False,
          "properties": {k: {"type": "string"} for k in
                         ("url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target")}}
_SLIDE = {"type": "object", "additionalProperties": False,
          "properties": {"start_date": _DATE, "end_date": _DATE, "text": _TEXT, "media": _MEDIA,
                         "group": {"type": "string"}, "display_date": {"type": "string"},
                         "background": {"type": "object", "additionalProperties": False,
                                        "properties": {"url": {"type": "string"}, "alt": {"type": "string"},
                                                       "color": {"type": "string",
                                                                 "pattern": "^#[0-9A-Fa-f]{6}$"}}},
                         "autolink": {"type": "boolean"}, "unique_id": {"type": "string"}}}
TIMELINEJS_SCHEMA = {
    "type": "object", "required": ["events"], "additionalProperties": False,
    "properties": {
        "title": _SLIDE,
        "events": {"type": "array", "minItems": 1, "items": _SLIDE | {"required": ["start_date"]}},
        "eras": {"type": "array", "items": {"type": "object", "required": ["start_date", "end_date"],
                                            "additionalProperties": False,
                                            "properties": {"start_date": _DATE, "end_date": _DATE,
                                                           "text": _TEXT}}},
        "scale": {"enum": ["human", "cosmological"]},
    },
}


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")


def _shared(timeline, lang="en"):
    """Every field both formats have, per event and era."""
    events = [(e.id, e.date, e.end, e.title.get(lang), e.summary.get(lang) if e.summary else None,
               e.markup.get(lang) if e.markup else None, e.group.get(lang) if e.group else None,
               e.display_date.get(lang) if e.display_date else None)
              for e in timeline.events]
    eras = [(era.label.get(lang), era.start, era.end) for era in timeline.eras]
    return timeline.title.get(lang), timeline.subtitle.get(lang) if timeline.subtitle else None, events, eras


@pytest.mark.parametrize("data", [ROOT / "data" / "container-history.yaml", REAL / "women_in_computing.csv",
                                  REAL / "cosmological.json", REAL / "eras.json", REAL / "markwhen-example.mw",
                                  REAL / "welcome-excerpt.json"])
def test_export_validates_and_round_trips(tmp_path, data):
    original = load(data)
    out = tmp_path / "timeline.json"
    result = CliRunner().invoke(main, ["export", str(data), "--to", "timelinejs", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(doc, TIMELINEJS_SCHEMA)
    again = load(out)
    title, subtitle, events, eras = _shared(again)
    o_title, o_subtitle, o_events, o_eras = _shared(original)
    assert (title, subtitle) == (o_title, o_subtitle)
    assert sorted(eras, key=str) == sorted(o_eras, key=str)
    # open ends ("now") become the as-of date in TimelineJS, which has no "now"; all else is identical
    o_events = [ev if not e.open_end else ev[:7] + (e.date_label("en"),)
                for ev, e in zip(o_events, original.events)]
    assert events == o_events


def test_export_korean_and_a_second_round_trip_is_identical(tmp_path):
    data = ROOT / "data" / "container-history.yaml"
    first = tmp_path / "ko.json"
    assert CliRunner().invoke(main, ["export", str(data), "--lang", "ko", "-o", str(first)]).exit_code == 0
    second = tmp_path / "ko2.json"
    assert CliRunner().invoke(main, ["export", str(first), "-o", str(second)]).exit_code == 0
    assert json.loads(first.read_text(encoding="utf-8")) == json.loads(second.read_text(encoding="utf-8"))
    assert "컨테이너 역사" in first.read_text(encoding="utf-8")


def test_markup_becomes_timelinejs_html():
    assert to_html("a **b** *c* [d](https://x.org/?q=1&r=2) <e>\nline two") == \
        '<p>a <b>b</b> <i>c</i> <a href="https://x.org/?q=1&amp;r=2">d</a> &lt;e&gt;</p><p>line two</p>'


def test_cosmological_scale_for_deep_time():
    doc = timelinejs(load(REAL / "cosmological.json"), "en")
    assert doc["scale"] == "cosmological"
    assert doc["events"][0]["start_date"] == {"year": -13798000000}


def test_export_never_overwrites_its_input_and_reports_bad_data(tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text("title: T\nevents:\n  - {date: 2013-13, title: x}\n", encoding="utf-8")
    out = tmp_path / "t.json"
    result = CliRunner().invoke(main, ["export", str(data), "-o", str(out)])
    assert result.exit_code == 1 and f"{data}:3:12: events[0].date:" in result.output and not out.exists()
    good = tmp_path / "g.yaml"
    good.write_text("title: T\nevents:\n  - {date: 2013, title: x}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", str(good), "-o", str(good)])
    assert result.exit_code == 1 and "is the data file being exported" in result.output
    assert "title: T" in good.read_text(encoding="utf-8")
