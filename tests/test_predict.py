"""`timeline check` predicts the build: it lays out every output and reports, located, what would fail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from click.testing import CliRunner

from generator.cli import main

EVENT = "  - {{date: {y}, title: Event number {i} with a longer title, summary: Something happened in {y} that " \
        "needs a few lines of text to explain properly here.}}\n"


def _write(tmp_path: Path, head: str, events: int) -> Path:
    path = tmp_path / "data.yaml"
    body = "".join(EVENT.format(y=1900 + i, i=i) for i in range(events))
    path.write_text(head + "events:\n" + body, encoding="utf-8")
    return path


# Emoji of Unicode 16 (2024): Debian's Noto Color Emoji draws none of them, and no text font has them.
NEW_EMOJI = ["\U0001FAE9", "\U0001FA89", "\U0001FABE", "\U0001FADF", "\U0001FA8F", "\U0001FAC6"]
LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+):( warning:)? (?P<path>[^\s:]+):")


def _emoji_gap() -> str:
    from generator.coverage import undrawable
    from generator.fonts import resolve
    chain = resolve({"body": {"style": "regular"}}).chain("body", "en")
    gaps = [e for e in NEW_EMOJI if undrawable(e, chain) == [e]]
    if not gaps:
        pytest.skip("every candidate emoji is drawn by an installed font")
    return gaps[0]


def test_check_reports_emoji_gap_long_subtitle_and_dense_poster_located_before_any_build(tmp_path):
    emoji = _emoji_gap()
    subtitle = " ".join(["A subtitle that goes on and on"] * 30)   # under the 1,000-character limit
    path = _write(tmp_path, f"title: Gap {emoji} test\nsubtitle: {subtitle}\n", 120)
    result = CliRunner().invoke(main, ["check", str(path), "--size", "A5"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{path}:1:8: title: no installed font has '{emoji}' (U+{ord(emoji):04X})" in lines[0]
    assert any(line.startswith(f"{path}:2:11: subtitle: the deck (en) would fail: the subtitle does not fit")
               for line in lines)
    assert any(line.startswith(f"{path}:4:3: events: the poster (en) would fail: the 120 events do not fit this sheet")
               for line in lines)
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.pptx"))
    built = CliRunner().invoke(main, ["poster", str(path), "--size", "A5", "-o", str(tmp_path / "p.pdf")])
    assert built.exit_code == 1 and not (tmp_path / "p.pdf").exists()      # the build does fail


def test_every_layout_problem_is_located_at_one_field(tmp_path):
    long_title = " ".join(["Title words"] * 30)
    path = tmp_path / "fields.yaml"
    path.write_text("title: Fields\nlanguages: [en, ko]\nevents:\n"
                    f"  - {{date: 1950, title: {{en: Short, ko: 짧은}}, summary: {{en: A summary, ko: 요약}}}}\n"
                    f"  - {{date: 1960, title: {{en: {long_title}, ko: 제목}}}}\n"
                    + "".join(f"  - {{date: {1961 + i}, title: {{en: Event {i}, ko: 사건 {i}}}, "
                              f"summary: {{en: Something happened in this year that needs a few lines of text to explain properly here, ko: 무슨 일이 일어났는지 설명하려면 몇 줄의 글이 필요합니다}}}}\n"
                              for i in range(40)), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--size", "A4"])
    assert result.exit_code == 1
    layout = [line for line in result.output.splitlines() if "(en)" in line or "(ko)" in line]
    assert any("would fail" in line for line in layout) and any("shortened" in line for line in layout), result.output
    text = path.read_text(encoding="utf-8").splitlines()
    for line in layout:
        m = LOCATED.match(line)
        assert m and m["file"] == str(path), line
        assert re.fullmatch(r"events(\[\d+\]\.(title|summary|date|display_date)(\.(en|ko))?)?|title|subtitle",
                            m["path"]), line
        if m["path"] != "events":           # the column is where that field's value starts
            value = text[int(m["line"]) - 1][int(m["col"]) - 1:]
            field = m["path"].split(".")[1] if "." in m["path"] else m["path"]
            assert value and (field not in ("title", "summary") or not value.startswith("{")), line
    assert any(line.startswith(f"{path}:5:30: events[1].title.en: the deck (en) would fail: the title of event")
               for line in layout), result.output
    assert any(".summary.en: the poster (en) is shortened: " in line for line in layout), result.output


def test_colour_emoji_are_no_font_gap_as_the_build_draws_them(tmp_path):
    path = _write(tmp_path, "title: Emoji 🫠 👋🏽 🇰🇷 👩‍💻 test\n", 3)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "no installed font" not in result.output
    built = CliRunner().invoke(main, ["poster", str(path), "-o", str(tmp_path / "p.pdf")])
    assert built.exit_code == 0, built.output


def test_shortenings_are_warnings_and_exit_zero(tmp_path):
    path = _write(tmp_path, "title: Dense\n", 40)
    result = CliRunner().invoke(main, ["check", str(path), "--size", "A4"])
    assert result.exit_code == 0, result.output
    assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: warning: events\[\d+\]\.summary: the poster \(en\) is "
                     r"shortened: \d+ of 40 summaries left out", result.output, re.M), result.output
    assert f"{path}: OK: 40 events" in result.output
    roomy = CliRunner().invoke(main, ["check", str(path), "--size", "A0"])
    assert roomy.exit_code == 0 and "shortened" not in roomy.output


def test_implausible_dates_and_weak_colours_are_located_warnings(tmp_path):
    path = tmp_path / "data.yaml"
    path.write_text("title: T\n"
                    "categories:\n  - {id: c, label: C, color: yellow}\n"
                    "events:\n"
                    "  - {date: -3200, end: 11841-10-30, title: Typo, category: c}\n"
                    "  - {date: 2301, title: Far future}\n"
                    "  - {date: -13000000000, end: -12000000000, title: Deep time is fine}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--no-layout"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"{path}:5:24: warning: events[0].end: the event lasts 15,041 years" in out
    assert f"{path}:5:24: warning: events[0].end: the year 11841 is after 2200" in out
    assert f"{path}:6:12: warning: events[1].date: the year 2301 is after 2200" in out
    assert "#FFFF00" in out and "categories[0]" in out                   # colour contrast (colors.color_problems)
    assert "Deep time" not in out and "12000000000" not in out.replace(",", "")


def test_ids_lists_derived_ids(tmp_path):
    path = _write(tmp_path, "title: T\n", 2)
    result = CliRunner().invoke(main, ["check", str(path), "--ids", "--no-layout"])
    assert result.exit_code == 0
    assert f"{path}:3:5: events[0].id: 1900-event-number-0-with-a-longer-title" in result.output


def test_check_predicts_what_the_builds_do(tmp_path):
    """Check's failures and shortenings are the builds' own, per output and language."""
    long_title = " ".join(["Title words"] * 30)
    path = tmp_path / "both.yaml"
    path.write_text("title: Both\nlanguages: [en, ko]\nevents:\n"
                    f"  - {{date: 1899, title: {{en: {long_title}, ko: 긴 제목}}}}\n"
                    + "".join(f"  - {{date: {1900 + i}, title: {{en: Event {i} with a longer title, ko: 사건 {i}}}, "
                              f"summary: {{en: Something happened in {1900 + i} that needs a few lines of text to "
                              f"explain properly here, ko: {1900 + i}년에 일어난 일을 설명하려면 몇 줄이 필요합니다}}}}\n"
                              for i in range(40)), encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", str(path), "--size", "A4"])
    predicted = {(m[1], m[2]) for m in re.finditer(r"the poster \((\w+)\) is shortened: (.*?)(; the first is this one)?$",
                                                   checked.output, re.M)}
    failing = set(re.findall(r"the (\w+) \((\w+)\) would fail", checked.output))
    assert predicted and failing == {("deck", "en")}, checked.output
    shortened = set()
    for lang in ("en", "ko"):
        out = tmp_path / f"poster-{lang}.pdf"
        built = CliRunner().invoke(main, ["poster", str(path), "--size", "A4", "--lang", lang, "-o", str(out)])
        assert built.exit_code == 0, built.output
        shortened |= {(lang, m[1]) for m in re.finditer(rf"^note: {re.escape(str(out))}: (.*)$", built.output, re.M)}
        deck = CliRunner().invoke(main, ["deck", str(path), "--lang", lang, "-o", str(tmp_path / f"deck-{lang}.pptx")])
        assert (deck.exit_code != 0) == (("deck", lang) in failing), deck.output
        handout = CliRunner().invoke(main, ["handout", str(path), "--lang", lang, "-o", str(tmp_path / f"h-{lang}.pdf")])
        assert handout.exit_code == 0, handout.output
    assert shortened == predicted


def _lines(result) -> list[str]:
    return result.output.splitlines()


def test_layouts_on_two_cores_find_what_one_core_finds_in_the_same_order(tmp_path, monkeypatch):
    """The forked processes share the work, and the problems are printed in the order of a serial run."""
    from generator import predict
    long_title = " ".join(["Title words"] * 30)
    path = tmp_path / "two.yaml"
    path.write_text("title: Two\nlanguages: [en, ko]\nevents:\n"
                    + "".join(EVENT.format(y=1900 + i, i=i) for i in range(200))
                    + f"  - {{date: 2001, title: \"{long_title}\"}}\n", encoding="utf-8")
    monkeypatch.setattr(predict, "_cores", lambda: 2)
    forked = CliRunner().invoke(main, ["check", str(path), "--size", "A3"])
    monkeypatch.setattr(predict, "_cores", lambda: 1)
    serial = CliRunner().invoke(main, ["check", str(path), "--size", "A3"])
    assert forked.exit_code == serial.exit_code
    assert _lines(forked) == _lines(serial)
    assert sum("(en)" in line for line in _lines(serial)) and sum("(ko)" in line for line in _lines(serial))


def test_a_bug_in_a_forked_layout_is_raised_in_the_command(tmp_path, monkeypatch):
    """A layout that crashes in the forked process is an internal error here, not a hang or a lost result."""
    from generator import predict
    path = _write(tmp_path, "title: Crash\nlanguages: [en, ko]\n", 5)
    real = predict._layout

    def crash_in_ko(timeline, where, settings, lang, name):
        if lang == "ko" and name == "handout":
            raise ZeroDivisionError("a bug in the ko handout")
        return real(timeline, where, settings, lang, name)

    monkeypatch.setattr(predict, "_cores", lambda: 2)
    monkeypatch.setattr(predict, "_layout", crash_in_ko)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 70
    assert "internal error (ZeroDivisionError: a bug in the ko handout)" in result.output


def test_the_timeline_command_prints_what_check_finds_and_exits_with_its_code(tmp_path):
    """`timeline check` ends without the interpreter's teardown: every line is still written, the code kept."""
    import subprocess
    import sys
    good = _write(tmp_path, "title: Fine\nlanguages: [en, ko]\n", 30)
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: Broken\nevents:\n  - {date: 2001-13, title: A month too many}\n", encoding="utf-8")
    for path, code in ((good, 0), (bad, 1)):
        expected = CliRunner().invoke(main, ["check", str(path)])
        run = subprocess.run([sys.executable, "-m", "generator", "check", str(path)], capture_output=True,
                             text=True, cwd=tmp_path)
        assert (run.returncode, expected.exit_code) == (code, code)
        assert (run.stderr + run.stdout).splitlines() == _lines(expected)
        assert _lines(expected)


def _answers(where, root, timeline) -> list:
    """Every answer a Locator gives for the timeline's items, fields and languages."""
    langs = (*timeline.languages, "xx", "")
    keys = ("", "title", "summary", "display_date", "group", "date", "end", "label", "nothing")
    found = [where.top(key, lang) for key in ("title", "subtitle", "events", "nothing") for lang in langs]
    for item in (*timeline.events, *timeline.eras, *timeline.categories):
        found += [where.item(item.where, key, lang) for key in keys for lang in langs]
    return found


def test_questions_asked_in_the_layouts_process_are_answered_as_the_locator_answers(tmp_path):
    """`check`'s layouts' process has no tree: each problem carries the question it asked the Locator, and the
    process that read the data answers it, after the problems came back pickled: every answer is the same,
    for our YAML, a spreadsheet (cells) and a Markwhen file."""
    import pickle
    import openpyxl
    from generator.errors import Problem
    from generator.importers import read_tree
    from generator.load import load_tree
    from generator.predict import Locator, _Answers, _Asking
    book = openpyxl.Workbook()
    book.active.append(["Date", "Title", "Summary", "Group"])
    book.active.append(["1969-07-20", "Moon landing", "Apollo 11", "Space"])
    book.active.append([1957, "Sputnik", None, "Space"])
    book.save(tmp_path / "sheet.xlsx")
    data = Path(__file__).parent / "data"
    for path in (data / "scripts" / "ja-computing.yaml", data / "women-in-computing.yaml",
                 data / "real" / "markwhen-example.mw", tmp_path / "sheet.xlsx",
                 _write(tmp_path, "title: {en: Two, ko: 둘}\nlanguages: [en, ko]\n", 30)):
        root = read_tree(path)
        timeline, _warnings = load_tree(root, path, False)
        asked = pickle.loads(pickle.dumps([Problem(at, field, "m") for at, field in _answers(_Asking(), root, timeline)]))
        answered = [(p.where, p.path) for p in _Answers(root, timeline).located(asked)]
        assert answered == _answers(Locator(root, timeline), root, timeline), path
        assert len(set(answered)) > 10


def test_a_data_error_survives_pickling():
    import pickle
    from generator.errors import DataError, Problem, Where
    error = DataError([Problem(Where("f.yaml", 3, 4), "events[0].date", "not a date"),
                       Problem(Where("f.yaml", 5, 1), "events[1]", "odd", warning=True)])
    again = pickle.loads(pickle.dumps(error))
    assert (again.problems, again.warnings, str(again)) == (error.problems, error.warnings, str(error))


@pytest.mark.parametrize("options", [["--font", "/nonexistent.ttf"], ["--theme", "nosuchtheme"], ["--size", "B99"],
                                     ["--lang", "xx"], ["--ids", "--size", "A5"]])
def test_check_on_two_cores_reports_what_one_core_reports(tmp_path, monkeypatch, options):
    """The layouts' process is forked before the data is read: errors of the options, of the data and of the
    layouts come out as in a run without it (same lines, same exit code)."""
    from generator import predict
    good = _write(tmp_path, "title: Two\nlanguages: [en, ko]\n", 60)
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: Broken\nevents:\n  - {date: 2001-13, title: A month too many}\n", encoding="utf-8")
    for path in (good, broken):
        monkeypatch.setattr(predict, "_cores", lambda: 2)
        forked = CliRunner().invoke(main, ["check", str(path), *options])
        monkeypatch.setattr(predict, "_cores", lambda: 1)
        serial = CliRunner().invoke(main, ["check", str(path), *options])
        assert (forked.exit_code, _lines(forked)) == (serial.exit_code, _lines(serial))
        assert forked.exit_code in (0, 1) and "Traceback" not in forked.output


def test_characters_no_font_has_are_found_beside_the_layouts(tmp_path, monkeypatch):
    """The search for characters no installed font has runs as one more task beside the layouts; a failure
    in it is reported as before (one line, exit 1)."""
    from generator import coverage, predict
    path = _write(tmp_path, "title: Fine\nlanguages: [en, ko]\n", 20)

    def broken(timeline, *args):
        from generator.errors import FontError
        raise FontError("the font folder cannot be read")

    monkeypatch.setattr(predict, "_cores", lambda: 2)
    monkeypatch.setattr(coverage, "missing_characters", broken)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert (result.exit_code, _lines(result)[-1]) == (1, "Error: the font folder cannot be read")


def test_check_loads_the_languages_a_file_lists_at_its_top_before_reading_it_and_never_a_pipes_bytes(tmp_path):
    """The layouts' process loads the languages listed near the file's top while the data is read elsewhere:
    block and flow lists; nothing from a pipe (its bytes are the reader's) or a device."""
    import os
    import threading
    from generator import build, labels, words
    cases = {"languages: [en, ko]\n": {"en", "ko"}, "title: T\nlanguages:\n  - 'ja'\n  - el\nevents: []\n": {"ja", "el"},
             "languages: []\n": set(), "events: []\n": set(), "languages: [xx-!!, '']\n": set()}
    for text, langs in cases.items():
        path = tmp_path / "d.yaml"
        path.write_text(text, encoding="utf-8")
        words.words.cache_clear()
        labels.locale_for.cache_clear()
        build.warm_languages(path)
        assert words.words.cache_info().currsize == len(langs), text
        assert labels.locale_for.cache_info().currsize == len(langs - {"en"}), text
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    done = threading.Thread(target=build.warm_languages, args=(fifo,), daemon=True)
    done.start()
    done.join(10)
    assert not done.is_alive()
    build.warm_languages("/dev/zero")
