"""Importers: TimelineJS JSON and sheets, Markwhen, any CSV/XLSX table -> our located tree and YAML."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.importers import detect
from generator.load import load, load_with_warnings
from generator.model import PartialDate

REAL = Path(__file__).parent / "data" / "real"


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28


def _by_title(timeline, title):
    return next(e for e in timeline.events if e.title.get("en") == title)


# --- real files ---------------------------------------------------------------------


def test_timelinejs_contributed_csv_imports_with_title_links_and_spans():
    timeline = load(REAL / "women_in_computing.csv")
    assert timeline.title.get("en") == "Women in Computing"
    assert "contributions women have made" in timeline.subtitle.get("en")
    assert len(timeline.events) == 10
    ada = _by_title(timeline, "Ada Lovelace")
    assert (ada.date, ada.end) == (PartialDate(1815, 12, 10), PartialDate(1852, 11, 27))
    assert "Take Ada Lovelace: Daughter" in ada.summary.get("en")          # link text kept, marks gone
    assert "[Ada Lovelace](https://en.wikipedia.org/wiki/Ada_Lovelace)" in ada.markup.get("en")
    urls = {s.url for s in ada.sources}
    assert "https://en.wikipedia.org/wiki/Ada_Lovelace" in urls          # the <a href> became a source
    assert any("Ada_Lovelace_portrait" in u for u in urls)                # the media URL too
    clarke = _by_title(timeline, "Edith Clarke: Bucking the Trend")
    assert "no demand for women engineers" in clarke.summary.get("en")    # blockquote media -> summary
    assert "<" not in "".join(e.summary.get("en") for e in timeline.events if e.summary)
    assert _by_title(timeline, '"The Mother of the Internet"').date == PartialDate(1985)


def test_timelinejs_cosmological_json_keeps_deep_time():
    timeline, warnings = load_with_warnings(REAL / "cosmological.json")
    big_bang = _by_title(timeline, "The Big Bang")
    assert big_bang.date.year == -13_798_000_000
    assert big_bang.date.format("en") == "13,798,000,000 BCE"
    reion = _by_title(timeline, "Reionization")
    assert reion.end.year == -12_798_000_000
    today = _by_title(timeline, "“Today”")
    assert today.date_label("en") == "Now"                               # display_text kept


def test_timelinejs_eras_json_gives_eras_and_sources():
    timeline = load(REAL / "eras.json")
    assert {"Era Test 600-700", "Era Test 700-800"} <= {e.label.get("en") for e in timeline.eras}
    tang = next(e for e in timeline.eras if e.label.get("en") == "Tang Dynasty in China")
    assert (tang.start, tang.end) == (PartialDate(618, 6, 18), PartialDate(907, 6, 1))
    hijra = _by_title(timeline, "Muhammad Migrates from Mecca to Medina")
    assert hijra.end == PartialDate(622, 8, 23)
    assert hijra.sources[0].url == "https://en.wikipedia.org/wiki/Hijra_(Islam)"


def test_timelinejs_welcome_excerpt_keeps_time_quote_and_notes_what_it_drops(tmp_path):
    timeline = load(REAL / "welcome-excerpt.json")
    flickr = _by_title(timeline, "Flickr")
    assert flickr.date == PartialDate(1985, 1, 5, 6, 45)                 # seconds dropped: minute precision
    quote = _by_title(timeline, "Blockquote")
    assert quote.summary.get("en").endswith("decide where to go. — Dr. Seuss")
    easy = _by_title(timeline, "It's Easy to Make Your Own Timeline")
    assert "use our generator tool to" in easy.summary.get("en")         # href="#make" is not kept as a link
    out = tmp_path / "w.yaml"
    result = CliRunner().invoke(main, ["import", str(REAL / "welcome-excerpt.json"), "-o", str(out)])
    assert result.exit_code == 0
    assert 'note (line 116): media "spotify:track:' in out.read_text(encoding="utf-8")


def test_markwhen_example_groups_sections_tags_and_relative_dates():
    timeline = load(REAL / "markwhen-example.mw")
    assert timeline.title.get("en") == "Project planning example"
    larger = _by_title(timeline, "Larger sub task")                       # 2022-04/4 months
    assert (larger.date, larger.end) == (PartialDate(2022, 4), PartialDate(2022, 7))
    assert larger.group.get("en") == "Project 2"
    longer = _by_title(timeline, "Longer ongoing task")                   # 03/2022 - 1 year
    assert (longer.date, longer.end) == (PartialDate(2022, 3), PartialDate(2023, 2))
    sub2 = _by_title(timeline, "Sub task 2")
    assert "• And this (done)" in sub2.summary.get("en") and "[ ]" not in sub2.summary.get("en")
    assert sub2.category.id == "michelle" and "Project1" in sub2.tags
    work = next(c for c in timeline.categories if c.id == "work")
    assert work.color == "#FFC0CB"                                        # "#Work: pink"
    education = next(c for c in timeline.categories if c.id == "education")
    assert education.color == "#FF4422"                                   # "#Education: #f42"
    assert {"All Projects", "Overall", "Education I", "Education II"} <= {e.label.get("en") for e in timeline.eras}
    reddit = _by_title(timeline, "Reddit")
    assert reddit.open_end and reddit.end == PartialDate(2026, 5, 28)     # "03/2022 - now", SOURCE_DATE_EPOCH
    assert reddit.date_label("en") == "Mar 2022 – now"
    assert reddit.sources[0].url == "https://www.reddit.com"
    chicago = _by_title(timeline, "Chicago")
    assert chicago.group.get("en") == "Unemployed Travel" and chicago.end == PartialDate(2018, 7, 22)


# --- the import command ---------------------------------------------------------------


def test_import_writes_commented_yaml_that_loads_back(tmp_path):
    out = tmp_path / "women.yaml"
    result = CliRunner().invoke(main, ["import", str(REAL / "women_in_computing.csv"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Imported from women_in_computing.csv")
    assert "  # line 3\n  - date: 1815-12-10\n" in text
    again = load(out)
    original = load(REAL / "women_in_computing.csv")
    assert [(e.date, e.end, e.title, e.summary) for e in again.events] == \
        [(e.date, e.end, e.title, e.summary) for e in original.events]


def test_import_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "mine.yaml"
    out.write_text("precious", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(REAL / "eras.json"), "-o", str(out)])
    assert result.exit_code == 1 and "--force" in result.output
    assert out.read_text(encoding="utf-8") == "precious"
    result = CliRunner().invoke(main, ["import", str(REAL / "eras.json"), "-o", str(out), "--force"])
    assert result.exit_code == 0 and "Tang Dynasty" in out.read_text(encoding="utf-8")


def test_import_to_stdout_and_markwhen_comments(tmp_path):
    result = CliRunner().invoke(main, ["import", str(REAL / "markwhen-example.mw")])
    assert result.exit_code == 0
    assert "# line 9\n  - date: 2022-03\n    end: 2022-06\n    title: Sub task 2" in result.output
    assert re.search(r"# note \(line \d+\): repeating event", result.output)  # notes kept as comments


def test_column_map_reads_any_table(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("When,What,Notes,Type\n1969-07-20,Moon landing,Apollo 11,space\n1957-10,Sputnik,,space\n",
                    encoding="utf-8")
    out = tmp_path / "mine.yaml"
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(out), "--map",
                                       "date=When,title=What,summary=Notes,category=Type"])
    assert result.exit_code == 0, result.output
    timeline = load(out)
    assert [e.title.get("en") for e in timeline.events] == ["Sputnik", "Moon landing"]
    assert timeline.events[1].category.label.get("en") == "space"


def test_commands_accept_other_formats_directly(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Title", "Summary"])
    sheet.append(["1969-07-20", "Moon landing", "Apollo 11"])
    sheet.append([1957, "Sputnik", None])
    path = tmp_path / "sheet.xlsx"
    book.save(path)
    out = tmp_path / "poster.pdf"
    result = CliRunner().invoke(main, ["poster", str(path), "-o", str(out), "--size", "A3"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


# --- generated edge cases -------------------------------------------------------------


def test_csv_with_bom_semicolons_crlf_entities_and_every_precision(tmp_path):
    rows = ["Date;Title;Summary;End;Tags",
            "1815;Year;\"Fish &amp; chips &lt;3\";;",
            "1815-12;Month;;;a, b",
            "1815-12-10;Day;\"Line one\r\nline two\";;",
            "2023-05-04T14:30;Minute;;;",
            "500 BCE;Before;;;",
            "c. 1450;Circa;;;",
            "2005;Open;;now;",
            ";;;;"]
    path = tmp_path / "edge.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode("utf-8") + b"\r\n")
    timeline = load(path)
    got = {e.title.get("en"): e for e in timeline.events}
    assert got["Year"].date == PartialDate(1815) and got["Year"].summary.get("en") == "Fish &amp; chips &lt;3"
    assert got["Month"].date == PartialDate(1815, 12) and got["Month"].tags == ("a", "b")
    assert got["Day"].summary.get("en") == "Line one\nline two"
    assert got["Minute"].date == PartialDate(2023, 5, 4, 14, 30)
    assert got["Minute"].date.format("en") == "4 May 2023 14:30"
    assert got["Before"].date == PartialDate(-500)
    assert got["Circa"].date.approx and got["Circa"].date_label("en") == "c. 1450"
    assert got["Open"].open_end and got["Open"].date_label("ko") == "2005년 – 현재"


def test_xlsx_merged_cells_fill_their_range(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["Year", "Month", "Day", "Headline", "Text", "Group"])
    sheet.append([1990, 1, 5, "First", "<b>Bold</b> &amp; more", "Early"])
    sheet.append([1991, None, None, "Second", None, None])
    sheet.append([-44, 3, 15, "Ides", None, "Late"])
    sheet.merge_cells("F2:F3")
    path = tmp_path / "sheet.xlsx"
    book.save(path)
    timeline = load(path)
    got = {e.title.get("en"): e for e in timeline.events}
    assert got["Second"].group.get("en") == "Early"                       # merged F2:F3
    assert got["First"].summary.get("en") == "Bold & more"
    assert got["First"].markup.get("en") == "**Bold** & more"
    assert got["Ides"].date == PartialDate(-44, 3, 15)


def test_detect_by_content_without_extension(tmp_path):
    json_file = tmp_path / "data"
    json_file.write_text('{"events": []}', encoding="utf-8")
    assert detect(json_file, json_file.read_bytes()) == "timelinejs"
    mw = tmp_path / "plan"
    mw.write_text("title: x\n\n2022-01: Start\n2023: Later #tag\n", encoding="utf-8")
    assert detect(mw, mw.read_bytes()) == "markwhen"
    yml = tmp_path / "ours"
    yml.write_text("title: x\nevents:\n  - {date: 2000, title: y}\n", encoding="utf-8")
    assert detect(yml, yml.read_bytes()) == "yaml"


def test_markwhen_relative_dates_and_ids(tmp_path):
    path = tmp_path / "plan.mw"
    path.write_text("dateFormat: d/M/y\n"
                    "01/01/2023 - 2 weeks: Phase 1 !Phase1\n"
                    "after !Phase1 2 weeks: Phase 2\n"
                    "1 month: Phase 3\n"
                    "2022-12-25: Christmas !xmas\n"
                    "before !xmas 1 month: Buy presents\n"
                    "now: Today\n", encoding="utf-8")
    timeline = load(path)
    got = {e.title.get("en"): e for e in timeline.events}
    assert (got["Phase 1"].date, got["Phase 1"].end) == (PartialDate(2023, 1, 1), PartialDate(2023, 1, 14))
    assert got["Phase 1"].id == "Phase1"
    assert got["Phase 2"].date == PartialDate(2023, 1, 29)
    assert got["Buy presents"].date == PartialDate(2022, 11, 25)
    assert got["Today"].date == PartialDate(2026, 5, 28)


def test_unicode_and_derived_ids(tmp_path):
    path = tmp_path / "ids.yaml"
    path.write_text("title: T\nevents:\n"
                    "  - {id: 도커, date: 2013, title: Docker}\n"
                    "  - {date: 2014-06, title: 쿠버네티스 출시}\n"
                    "  - {date: 2014-06, title: 쿠버네티스 출시}\n", encoding="utf-8")
    timeline = load(path)
    assert [e.id for e in timeline.events] == ["도커", "2014-06-쿠버네티스-출시", "2014-06-쿠버네티스-출시-2"]


# --- broken inputs: located, exit 1, no traceback -------------------------------------

TLJS_HEAD = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media\n"
BROKEN = [
    # (file name, content, where the error must point)
    ("a.json", '{"events": [', "a.json:1:13"),
    ("a.json", '{"events": [{"start_date": {"year": "2000"}, "text": {"headline": "x"}},]}', "a.json:1:"),
    ("a.json", '{"events": 5}', "a.json:1:12"),
    ("a.json", '{"title": {}, "events": [{"start_date": {"year": "20x0"}, "text": {"headline": "x"}}]}', "a.json:1:"),
    ("a.json", '{\n "events": [\n  {"start_date": {"year": "2000", "month": "13"}, "text": {"headline": "x"}}]}',
     "a.json:3:"),
    ("a.json", '{\n "events": [\n  {"start_date": {"year": "2000"}, "text": {"headline": ""}}]}', "a.json:3:"),
    ("a.json", '{\n "events": [\n  {"text": {"headline": "no date"}}]}', "a.json:3:3"),
    ("a.json", '{"events": [], "events": []}', "a.json:1:16"),
    ("a.json", '[1, 2]', "a.json:1:1"),
    ("a.json", '{"events": ["x"]}', "a.json:1:13"),
    ("a.json", '{"events": [{"start_date": {"year": "2000"}, "end_date": {"year": "1990"},'
               ' "text": {"headline": "x"}}]}', "a.json:1:"),
    ("a.json", '{"eras": [{"start_date": {"year": "2000"}, "text": {"headline": "e"}}],'
               ' "events": [{"start_date": {"year": "2000"}, "text": {"headline": "x"}}]}', "a.json:1:"),
    ("a.json", '{"events": [{"start_date": {"year": "2000"}, "text": {"headline": "x"}}] trailing',
     "a.json:1:"),
    ("a.json", '{"events": [{"start_date": {"year": 2000000}, "text": {"headline": "x"}}]}', "a.json:1:"),
    ("a.json", '\ufeff{"events": [{"start_date": {"year": "1999", "day": "40", "month": "2"},'
               ' "text": {"headline": "x"}}]}', "a.json:1:"),
    ("t.csv", TLJS_HEAD + "2000,13,,,,,,,,Bad month,,\n", "t.csv:2:1"),
    ("t.csv", TLJS_HEAD + "2000,,,,,,,,,Fine,,\nabc,,,,,,,,,Bad year,,\n", "t.csv:3:1"),
    ("t.csv", TLJS_HEAD + "2000,2,30,,,,,,,No Feb 30,,\n", "t.csv:2:1"),
    ("t.csv", TLJS_HEAD + "2000,,,,1990,,,,,Ends before,,\n", "t.csv:2:"),
    ("t.csv", TLJS_HEAD + ",,,,,,,,,No date,,\n", "t.csv:2:1"),
    ("t.csv", TLJS_HEAD + "2000,,,,,,,,,,,\n", "t.csv:2:1"),
    ("t.csv", TLJS_HEAD + '2000,,,,,,,,,"unclosed,,\n', "t.csv:2:"),
    ("t.csv", TLJS_HEAD, "t.csv:1:1"),
    ("t.csv", "Year,Headline\n0,Year zero\n", "t.csv:2:1"),
    ("t.csv", "Year,Month,Day,Time,Headline\n2000,1,1,25:00,Bad time\n", "t.csv:2:1"),
    ("g.csv", "Foo,Bar\n2000,x\n", "g.csv:1:1"),
    ("g.csv", "Date,Title\n2000-02-30,x\n", "g.csv:2:1"),
    ("g.csv", "Date,Title\nyesterday,x\n", "g.csv:2:1"),
    ("g.csv", "Date;Title;Category\n2000;x;\n2001;;y\n", "g.csv:3:"),
    ("g.csv", "Date,Title,URL\n2000,x,javascript:alert(1)\n", "g.csv:2:"),
    ("g.csv", "Date,Title,Icon\n2000,x,../../etc/passwd.svg\n", "g.csv:2:"),
    ("g.csv", "Date,Title,End\n2000,x,1999\n", "g.csv:2:"),
    ("g.csv", "Date,Title,Id\n2000,x,a b\n2001,y,a b\n", "g.csv:3:"),
    ("g.csv", "Date,Title,Circa\n20000000,x,yes\n", "g.csv:2:1"),
    ("g.csv", "Date,Title\n2000,x\n2001,\"<b></b>\"\n", "g.csv:3:"),
    ("m.mw", "title: T\n\n2000: fine\n2000-13: bad month\n", "m.mw:4:1"),
    ("m.mw", "title: T\n\nafter !nope 2 weeks: unknown id\n", "m.mw:3:1"),
    ("m.mw", "title: T\n\n2 weeks: nothing before\n", "m.mw:3:1"),
    ("m.mw", "title: T\n\n2000-02-30/2001: impossible day\n", "m.mw:3:1"),
    ("m.mw", "title: T\n\n2010/2000: ends before\n", "m.mw:3:"),
    ("m.mw", "title: T\n\n2000000: too far ahead\n", "m.mw:3:1"),
    ("m.mw", "title: T\n\n2000: fine\n\nendGroup\n3000-01-01T25:00: bad hour\n", "m.mw:6:1"),
    ("m.mw", "title: only a header\ndescription: no events\n", "m.mw:1:1"),
    ("m.mw", "title: T\n\n2000:    \n", "m.mw:3:"),
]


@pytest.mark.parametrize("name, content, where", BROKEN, ids=[f"{i}-{b[0]}" for i, b in enumerate(BROKEN)])
def test_broken_inputs_are_located_without_traceback(tmp_path, name, content, where):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    located = str(tmp_path / where)
    assert located in result.output, result.output
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()


def test_broken_xlsx_names_the_cell(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["Title", "Date"])
    for i in range(12):
        sheet.append([f"Event {i}", 2000 + i])
    sheet["B14"] = "2013-13"
    path = tmp_path / "sheet.xlsx"
    book.save(path)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:Sheet1!B14: events[12].date:" in result.output
    assert "month 13 is not 1-12" in result.output


def test_not_a_workbook(tmp_path):
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(b"PK\x03\x04not really a zip")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1 and f"{path}: is not a readable .xlsx workbook" in result.output


def test_at_least_forty_broken_inputs():
    assert len(BROKEN) + 2 >= 40
    assert {Path(n).suffix for n, _, _ in BROKEN} == {".json", ".csv", ".mw"}
