"""`timeline check` predicts the build: it lays out every output and reports, located, what would fail."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

EVENT = "  - {{date: {y}, title: Event number {i} with a longer title, summary: Something happened in {y} that " \
        "needs a few lines of text to explain properly here.}}\n"


def _write(tmp_path: Path, head: str, events: int) -> Path:
    path = tmp_path / "data.yaml"
    body = "".join(EVENT.format(y=1900 + i, i=i) for i in range(events))
    path.write_text(head + "events:\n" + body, encoding="utf-8")
    return path


def test_check_reports_font_gap_long_subtitle_and_dense_poster_before_any_build(tmp_path):
    subtitle = " ".join(["A subtitle that goes on and on"] * 30)   # under the 1,000-character limit
    path = _write(tmp_path, f"title: Gap \ue000 test\nsubtitle: {subtitle}\n", 40)   # private use: no font
    result = CliRunner().invoke(main, ["check", str(path), "--size", "A4"])
    assert result.exit_code == 1
    out = result.output
    assert f"{path}:1:8: title: no installed font has '\ue000' (U+E000)" in out
    assert f"{path}:2:11: subtitle: the deck (en) would fail: the subtitle does not fit" in out
    assert "warning: the poster (en) is shortened: " in out              # summaries or cards dropped to fit
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.pptx"))


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
    assert "warning: the poster (en) is shortened: " in result.output
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
