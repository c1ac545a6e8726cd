"""`timeline check`: every broken file gets a located `FILE:LINE:COL: field.path: message`, exit 1."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.load import load

import synthetic

EVENT = "events: [{id: a, date: 2013, title: x}]\n"


def _sparse_big(tmp_path: Path) -> Path:
    """A file just over 10 MB, written sparse so the test stays fast."""
    path = tmp_path / "data.yaml"
    with path.open("wb") as f:
        f.write(b"title: T\n")
        f.truncate(10 * 1024 * 1024 + 1)
    return path


def _many_events(tmp_path: Path) -> Path:
    """10,001 valid-looking events in flow style."""
    events = ", ".join(f"{{id: e{i}, date: 2000, title: x}}" for i in range(10_001))
    path = tmp_path / "data.yaml"
    path.write_text(f"title: T\nevents: [{events}]\n", encoding="utf-8")
    return path


def _alias_bomb(tmp_path: Path) -> Path:
    path = tmp_path / "data.yaml"
    path.write_text(synthetic.alias_bomb(), encoding="utf-8")
    return path


def _directory(tmp_path: Path) -> Path:
    path = tmp_path / "data.yaml"
    path.mkdir()
    return path


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "data.yaml"


def _icon_outside(tmp_path: Path) -> Path:
    """A data file in sub/ whose icon is a real SVG one folder up."""
    (tmp_path / "x.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">'
                                    '<rect width="1" height="1"/></svg>', encoding="utf-8")
    path = tmp_path / "sub" / "data.yaml"
    path.parent.mkdir()
    path.write_text("title: T\nevents:\n  - {id: a, date: 2013, title: x, icon: ../x.svg}\n", encoding="utf-8")
    return path


# (id, content, expected line prefix with {f} for the file, key part of the message)
# content: YAML text, raw bytes, or a function(tmp_path) -> Path.
CASES = [
    # --- YAML itself ---------------------------------------------------------
    ("yaml-syntax", "title: T\nevents:\n  - id: a\n   date: 2013\n",
     "{f}:4:4: ", "YAML syntax error"),
    ("yaml-syntax-unquoted-colour", "title: T\ncategories:\n  - {id: rt, label: R, color: #0072B2}\n" + EVENT,
     "{f}:4:7: ", "YAML syntax error"),
    ("duplicate-key", "title: T\ntitle: U\n" + EVENT,
     "{f}:2:1: ", 'duplicate key "title" (first at line 1)'),
    ("top-level-list", "- a\n- b\n",
     "{f}:1:1: ", "must be a mapping, not a list"),
    ("self-alias", "title: &a [*a]\n" + EVENT,
     "{f}:1:8: ", "a YAML alias refers to itself"),
    # --- keys ----------------------------------------------------------------
    ("unknown-top-key", "titel: T\n" + EVENT,
     "{f}:1:1: titel: ", 'unknown key "titel"; did you mean "title"?'),
    ("unknown-event-key", "title: T\nevents:\n  - {id: a, date: 2013, title: x, summry: y}\n",
     "{f}:3:35: events[0].summry: ", 'unknown key "summry"; did you mean "summary"?'),
    ("missing-title", EVENT,
     "{f}:1:1: title: ", "is required but missing"),
    ("missing-events", "title: T\n",
     "{f}:1:1: events: ", "is required but missing"),
    ("empty-events", "title: T\nevents: []\n",
     "{f}:2:9: events: ", "must list at least one event"),
    ("events-not-a-list", "title: T\nevents: {a: 1}\n",
     "{f}:2:9: events: ", "must be a list, not a mapping"),
    ("bad-event-id", "title: T\nevents:\n  - {id: a b, date: 2013, title: x}\n",  # ids are optional (derived)
     "{f}:3:10: events[0].id: ", "is not a valid id"),
    ("missing-event-date", "title: T\nevents:\n  - {id: a, date: 2013, title: x}\n  - {id: b, title: x}\n",
     "{f}:4:5: events[1].date: ", "is required but missing"),
    ("missing-event-title", "title: T\nevents:\n  - id: a\n    date: 2013\n",
     "{f}:3:5: events[0].title: ", "is required but missing"),
    # --- dates ---------------------------------------------------------------
    ("month-13", "title: T\nevents:\n  - {id: a, date: 2013-13, title: x}\n",
     "{f}:3:19: events[0].date: ", '"2013-13" is not a date (YYYY, YYYY-MM or YYYY-MM-DD): month 13'),
    ("feb-30", "title: T\nevents:\n  - {id: a, date: 2013-02-30, title: x}\n",
     "{f}:3:19: events[0].date: ", '"2013-02-30" is not a date (YYYY, YYYY-MM or YYYY-MM-DD): February has no day 30'),
    ("feb-29-non-leap", "title: T\nevents:\n  - {id: a, date: 2019-02-29, title: x}\n",
     "{f}:3:19: events[0].date: ", '"2019-02-29" is not a date (YYYY, YYYY-MM or YYYY-MM-DD): February has no day 29'),
    ("year-0", "title: T\nevents:\n  - {id: a, date: 0, title: x}\n",
     "{f}:3:19: events[0].date: ", "there is no year 0"),
    ("date-words", "title: T\nevents:\n  - {id: a, date: March 2013, title: x}\n",
     "{f}:3:19: events[0].date: ", '"March 2013" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)'),
    ("date-float", "title: T\nevents:\n  - {id: a, date: 2013.5, title: x}\n",
     "{f}:3:19: events[0].date: ", '"2013.5" is not a date'),
    ("date-bool", "title: T\nevents:\n  - {id: a, date: true, title: x}\n",
     "{f}:3:19: events[0].date: ", "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("date-one-digit-month", "title: T\nevents:\n  - {id: a, date: 2013-3, title: x}\n",
     "{f}:3:19: events[0].date: ", '"2013-3" is not a date'),
    pytest.param("date-list", "title: T\nevents:\n  - {id: a, date: [2013], title: x}\n",
                 "{f}:3:19: events[0].date: ", "is not a date",
                 id="date-list"),
    ("event-end-before-start", "title: T\nevents:\n  - {id: a, date: 2014, end: 2013, title: x}\n",
     "{f}:3:30: events[0].end: ", "2013 is before the start 2014"),
    ("era-end-before-start", "title: T\neras:\n  - {id: e, label: E, start: 2010, end: 2001}\n" + EVENT,
     "{f}:3:41: eras[0].end: ", "2001 is before the start 2010"),
    ("meta-date-not-full", "title: T\n" + EVENT + "meta: {date: 2026-11}\n",
     "{f}:3:14: meta.date: ", '"2026-11" must be a full date (YYYY-MM-DD)'),
    # --- ids and references ----------------------------------------------------
    ("duplicate-event-id", "title: T\nevents:\n  - {id: a, date: 2013, title: x}\n  - {id: a, date: 2014, title: y}\n",
     "{f}:4:10: events[1].id: ", 'duplicate id "a" (first at line 3)'),
    pytest.param("duplicate-id-after-broken-event",
                 "title: T\nevents:\n  - {id: z, date: 2013}\n  - {id: b, date: 2013, title: x}\n"
                 "  - {id: b, date: 2013, title: x}\n",
                 "{f}:5:10: events[2].id: ", 'duplicate id "b" (first at line 4)',
                 id="duplicate-id-after-broken-event"),
    ("duplicate-category-id", "title: T\ncategories:\n  - {id: rt, label: R}\n  - {id: rt, label: S}\n" + EVENT,
     "{f}:4:10: categories[1].id: ", 'duplicate id "rt" (first at line 3)'),
    ("duplicate-source-id",
     "title: T\nsources:\n  - {id: s, title: S, url: 'https://a.example'}\n"
     "  - {id: s, title: T, url: 'https://b.example'}\n" + EVENT,
     "{f}:4:10: sources[1].id: ", 'duplicate id "s" (first at line 3)'),
    ("invalid-id", "title: T\nevents:\n  - {id: Docker 1, date: 2013, title: x}\n",  # Unicode ids, no spaces
     "{f}:3:10: events[0].id: ", '"Docker 1" is not a valid id'),
    ("unknown-category", "title: T\ncategories:\n  - {id: runtime, label: R}\n"
     "events:\n  - {id: a, date: 2013, title: x, category: runtim}\n",
     "{f}:5:45: events[0].category: ", 'unknown category "runtim"; did you mean "runtime"?'),
    pytest.param("category-list", "title: T\ncategories:\n  - {id: rt, label: R}\n"
                 "events:\n  - {id: a, date: 2013, title: x, category: [rt]}\n",
                 "{f}:5:45: events[0].category: ", "category",
                 id="category-list"),
    ("unknown-source", "title: T\nsources:\n  - {id: aquasec, title: S, url: 'https://a.example'}\n"
     "events:\n  - {id: a, date: 2013, title: x, sources: [aquasek]}\n",
     "{f}:5:45: events[0].sources[0]: ", 'unknown source "aquasek"; did you mean "aquasec"?'),
    # --- URLs ----------------------------------------------------------------
    ("source-url-ftp", "title: T\nsources:\n  - {id: s, title: S, url: 'ftp://example.org/x'}\n" + EVENT,
     "{f}:3:28: sources[0].url: ", '"ftp://example.org/x" is not an http(s) URL'),
    ("source-url-javascript", "title: T\nsources:\n  - {id: s, title: S, url: 'javascript:alert(1)'}\n" + EVENT,
     "{f}:3:28: sources[0].url: ", '"javascript:alert(1)" is not an http(s) URL'),
    ("event-source-url-ftp", "title: T\nevents:\n  - {id: a, date: 2013, title: x, sources: [ftp://example.org/x]}\n",
     "{f}:3:45: events[0].sources[0]: ", '"ftp://example.org/x" is not an http(s) URL'),
    ("meta-url-ftp", "title: T\n" + EVENT + "meta: {url: 'ftp://example.org'}\n",
     "{f}:3:13: meta.url: ", '"ftp://example.org" is not an http(s) URL'),
    # --- values --------------------------------------------------------------
    ("bad-colour", "title: T\ncategories:\n  - {id: rt, label: R, color: bleu}\n" + EVENT,  # CSS names are fine
     "{f}:3:31: categories[0].color: ", '"bleu" is not a colour (#RGB or #RRGGBB'),
    ("bad-colour-five-digits", "title: T\neras:\n  - {id: e, label: E, start: 2000, end: 2001, color: '#12345'}\n"
     + EVENT, "{f}:3:54: eras[0].color: ", '"#12345" is not a colour'),
    ("languages-not-a-list", "title: T\nlanguages: en\n" + EVENT,
     "{f}:2:12: languages: ", "must be a non-empty list of language codes"),
    ("language-code-bad", "title: T\nlanguages: [en, English]\n" + EVENT,
     "{f}:2:17: languages[1]: ", '"English" is not a language code'),
    ("text-is-a-list", "title: [a, b]\n" + EVENT,
     "{f}:1:8: title: ", "must be text or a map of language to text, not a list"),
    ("text-empty", "title: ''\n" + EVENT,
     "{f}:1:8: title: ", "is empty"),
    ("text-empty-in-one-language", "title: {en: T, ko: ''}\nlanguages: [en, ko]\n" + EVENT,
     "{f}:1:20: title.ko: ", "must be non-empty text"),
    ("text-bad-language-key", "title: {en: T, English: U}\n" + EVENT,
     "{f}:1:16: title.English: ", '"English" is not a language code'),
    # --- icons ---------------------------------------------------------------
    ("icon-file-missing", "title: T\nevents:\n  - {id: a, date: 2013, title: x, icon: pics/none.svg}\n",
     "{f}:3:41: events[0].icon: ", 'icon "pics/none.svg": file not found'),
    ("icon-unknown-name", "title: T\nevents:\n  - {id: a, date: 2013, title: x, icon: whael}\n",
     "{f}:3:41: events[0].icon: ", 'icon "whael": no bundled icon has this name; did you mean whale?'),
    ("icon-outside-folder", _icon_outside,
     "{f}:3:41: events[0].icon: ", 'icon "../x.svg": the file is outside the data folder'),
    # --- files ---------------------------------------------------------------
    ("not-utf8", b"title: caf\xe9\n" + EVENT.encode(),
     "{f}:1:11: ", "is not UTF-8 text (byte 0xe9)"),
    ("empty-file", b"",
     "{f}: ", "file is empty"),
    ("comments-only", "# nothing here\n",
     "{f}: ", "file is empty"),
    ("directory", _directory,
     "{f}: ", "is a directory"),
    ("missing-file", _missing,
     "{f}: ", "no such file"),
    ("over-10-mb", _sparse_big,
     "{f}: ", "the limit is 10 MB"),
    # --- hostile files ---------------------------------------------------------
    ("too-many-events", _many_events,
     "{f}:2:9: events: ", "has 10,001 events; the limit is 10,000"),
    ("alias-bomb", _alias_bomb,
     "{f}:1:1: ", "YAML aliases expand to more than"),
    pytest.param("python-tag-scalar", "title: !!python/object/apply:os.system 'echo hi'\n" + EVENT,
                 "{f}:1:8: ", "python/object/apply:os.system",
                 id="python-tag-scalar"),
]


def _case_id(case) -> str:
    return case.id if hasattr(case, "values") else case[0]


def _materialise(content, tmp_path: Path, write_yaml) -> Path:
    if callable(content):
        return content(tmp_path)
    return write_yaml(content)


def run_check(runner, path: Path):
    """Invoke `timeline check PATH` in-process; return the Click result."""
    return runner.invoke(main, ["check", str(path)])


def assert_clean_failure(result) -> None:
    """Exit 1 through SystemExit, with no traceback printed."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case_id, content, prefix, fragment", CASES, ids=[_case_id(c) for c in CASES])
def test_broken_file_is_reported(case_id, content, prefix, fragment, tmp_path, write_yaml, runner):
    path = _materialise(content, tmp_path, write_yaml)
    result = run_check(runner, path)
    assert_clean_failure(result)
    expected = prefix.format(f=path)
    lines = result.output.splitlines()
    assert any(line.startswith(expected) and fragment in line for line in lines), \
        f"no line starts with {expected!r} and holds {fragment!r}:\n{result.output}"
    assert "Located(" not in result.output, "internal representation leaked into a message"


def test_alias_bomb_is_refused_quickly(tmp_path, runner):
    path = _alias_bomb(tmp_path)
    started = time.perf_counter()
    result = run_check(runner, path)
    elapsed = time.perf_counter() - started
    assert_clean_failure(result)
    assert elapsed < 2.0, f"took {elapsed:.2f} s"


@pytest.mark.parametrize("tag_value", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/apply:os.system 'touch {marker}'",
    "!!python/object/new:os.system ['touch {marker}']",
], ids=["sequence", "scalar", "new"])
def test_python_tags_never_run(tag_value, tmp_path, write_yaml, runner):
    marker = tmp_path / "PWNED"
    path = write_yaml(f"title: {tag_value.format(marker=marker)}\n{EVENT}")
    result = run_check(runner, path)
    assert "Traceback" not in result.output
    assert not marker.exists()


def test_several_problems_are_all_printed(write_yaml, runner):
    path = write_yaml("""\
        title: T
        colour: red
        categories:
          - {id: rt, label: R}
        sources:
          - {id: s, title: S, url: 'ftp://example.org'}
        events:
          - {id: b, date: 2013, title: x, category: rtt}
          - {id: b, date: 2014, title: y}
          - {id: a, date: 2013-13, title: x}
        """)
    result = run_check(runner, path)
    assert_clean_failure(result)
    lines = [line for line in result.output.splitlines() if line.strip()]
    located = {tuple(line.split(": ")[0].split(":")[-2:]) + (line.split(": ")[1],) for line in lines}
    assert located == {
        ("2", "1", "colour"),
        ("6", "28", "sources[0].url"),
        ("8", "45", "events[0].category"),
        ("9", "10", "events[1].id"),
        ("10", "19", "events[2].date"),
    }, result.output
    assert len(lines) == 5, result.output


def test_missing_translation_is_a_warning(write_yaml, runner):
    path = write_yaml("""\
        title: {en: T}
        languages: [en, ko]
        events:
          - {id: a, date: 2013, title: {en: x, ko: 엑스}}
        """)
    result = run_check(runner, path)
    assert result.exit_code == 0, result.output
    assert f'{path}:1:8: warning: title: has no "ko" text; "en" is used instead' in result.output.splitlines()
    assert ": OK: 1 events" in result.output
    assert "(1 warnings)" in result.output


def test_bundled_data_passes_with_summary(bundled_data, runner):
    result = run_check(runner, bundled_data)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    summary = result.output.strip().splitlines()[-1]
    match = re.search(r": OK: (\d+) events, (\d+) eras, (\d+) categories, (\d+) sources, languages ([\w, -]+), ",
                      summary)
    assert match, summary
    assert int(match.group(1)) >= 14
    assert match.group(5).split(", ") == ["en", "ko"]


def test_bundled_events_have_both_languages(bundled_data):
    timeline = load(bundled_data)
    assert len(timeline.events) >= 14
    for event in timeline.events:
        for field in ("title", "summary"):
            text = getattr(event, field)
            assert text is not None, f"{event.id} has no {field}"
            table = dict(text.values)
            for lang in ("en", "ko"):
                assert table.get(lang, "").strip(), f"{event.id}.{field} has no {lang} text"


def test_good_minimal_file_passes(write_yaml, runner):
    path = write_yaml("title: T\n" + EVENT)
    result = run_check(runner, path)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{path}: OK: 1 events, 0 eras, 0 categories, 0 sources, languages en, 2013 to 2013"
