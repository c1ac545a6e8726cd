"""Forty broken theme files through the CLI: each is one located line and exit 1, never a traceback."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from generator.cli import main

DATA = "title: T\nevents:\n  - {id: a, date: 2001, title: One}\n  - {id: b, date: 2004, title: Two}\n"

# (name, theme text, the message expected after "mytheme.yaml:LINE:COL: ")
CASES = [
    ("bad colour word", 'colors:\n  text: "reddish"\n',
     r'2:9: colors\.text: "reddish" is not a colour; use #RRGGBB or a CSS name'),
    ("hex too short", 'colors:\n  text: "#12"\n', r'2:9: colors\.text: "#12" is not a colour'),
    ("hex not hex", 'colors:\n  muted: "#GGHHII"\n', r'2:10: colors\.muted: "#GGHHII" is not a colour'),
    ("colour as number", 'colors:\n  card: 255\n', r'2:9: colors\.card: 255 is not a colour'),
    ("colour as list", 'colors:\n  axis: [1, 2, 3]\n', r'2:9: colors\.axis: a list is not a colour'),
    ("era fills not a list", 'colors:\n  era_fills: "#FFFFFF"\n',
     r'2:14: colors\.era_fills: should be a list of colours, not "#FFFFFF"'),
    ("era fill bad", 'colors:\n  era_fills: ["#FFFFFF", "blurple"]\n',
     r'2:26: colors\.era_fills\[1\]: "blurple" is not a colour'),
    ("empty era fills", 'colors:\n  era_fills: []\n', r'2:14: colors\.era_fills: should list at least one colour'),
    ("palette bad", 'palette: ["#0072B2", "nope"]\n', r'1:22: palette\[1\]: "nope" is not a colour'),
    ("palette empty", 'palette: []\n', r'1:10: palette: should list at least one colour'),
    ("paper colour bad", 'paper_colors:\n  text: "#1234567"\n', r'2:9: paper_colors\.text: "#1234567" is not a colour'),
    ("unknown top key", 'colours:\n  text: "#000000"\n', r'1:1: colours: unknown key; did you mean "colors"\?'),
    ("unknown colour key", 'colors:\n  txt: "#000000"\n', r'2:3: colors\.txt: unknown key; did you mean "text"\?'),
    ("unknown scale key", 'scale:\n  titel: 90\n', r'2:3: scale\.titel: unknown key; did you mean "title"\?'),
    ("unknown spacing key", 'spacing:\n  marign: 90\n', r'2:3: spacing\.marign: unknown key; did you mean "margin"\?'),
    ("unknown deck key", 'deck:\n  sizez: {}\n', r'2:3: deck\.sizez: unknown key; did you mean "sizes"\?'),
    ("unknown font role", 'fonts:\n  headng: {style: bold}\n', r'2:3: fonts\.headng: unknown key; did you mean "heading"\?'),
    ("unknown key far off", 'wallpaper: blue\n', r'1:1: wallpaper: unknown key \(known here:'),
    ("scale not a number", 'scale:\n  title: big\n', r'2:10: scale\.title: "big" is not a number'),
    ("scale zero", 'scale:\n  title: 0\n', r'2:10: scale\.title: 0 is zero; type sizes are above 0'),
    ("scale negative", 'scale:\n  date: -3\n', r'2:9: scale\.date: -3 is negative'),
    ("scale boolean", 'scale:\n  tick: true\n', r'2:9: scale\.tick: True is not a number'),
    ("spacing huge", 'spacing:\n  gap: 99999\n', r'2:8: spacing\.gap: 99999 is too large'),
    ("floors as list", 'floors: [1, 2]\n', r'1:9: floors: should be a mapping of event_title, text, minimum, not a list'),
    ("section as text", 'colors: dark\n', r'1:9: colors: should be a mapping of .*, not "dark"'),
    ("section empty", 'spacing:\n', r'1:9: spacing: should be a mapping of .*, not nothing'),
    ("deck size not a pair", 'deck:\n  sizes:\n    title: 36\n', r'3:12: deck\.sizes\.title: should be \[start, floor\]'),
    ("deck size floor above start", 'deck:\n  sizes:\n    title: [20, 30]\n',
     r'3:12: deck\.sizes\.title: \[20, 30\]: the floor must be above 0 and at most the start'),
    ("marker unknown", 'markers: [circle, sqare]\n', r'1:19: markers\[1\]: "sqare" is not a marker shape; did you mean "square"\?'),
    ("font style", 'fonts:\n  body: {style: italic}\n', r'2:17: fonts\.body\.style: "italic" is not a font style'),
    ("font file missing", 'fonts:\n  body: {files: [nowhere.ttf]}\n',
     r'2:18: fonts\.body\.files\[0\]: no font file "nowhere.ttf"'),
    ("font file not truetype", 'fonts:\n  body: {files: [font.otf]}\n',
     r'2:18: fonts\.body\.files\[0\]: "font.otf" is not a TrueType file'),
    ("extends missing file", 'extends: nothere\n', r'1:10: extends: no theme "nothere"'),
    ("extends not text", 'extends: [default]\n', r'1:10: extends: a list should be a non-empty text'),
    ("extends itself", 'extends: mytheme.yaml\n', r'1:10: extends: circular \(mytheme.yaml -> mytheme.yaml\)'),
    ("not a mapping", '- colors\n- fonts\n', r'1:1: a theme is a YAML mapping'),
    ("yaml syntax", 'colors:\n  text: "#000000\n', r'\d+:\d+: YAML syntax error'),
    ("duplicate key", 'colors:\n  text: "#000000"\n  text: "#111111"\n', r'3:3: duplicate key "text"'),
    ("python tag", 'colors: !!python/object:os.system {}\n', r'1:9: the YAML tag .* is not allowed'),
    ("empty file", '\n', r' file is empty'),
]


def test_forty_broken_themes_give_forty_different_messages(tmp_path):
    data = tmp_path / "data.yaml"
    data.write_text(DATA, encoding="utf-8")
    messages = set()
    for index, (_name, text, _expected) in enumerate(CASES):
        theme = tmp_path / f"t{index}" / "mytheme.yaml"
        theme.parent.mkdir()
        theme.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(main, ["poster", str(data), "--theme", str(theme), "-o", str(tmp_path / "p.pdf")])
        messages.add(result.output.strip().replace(str(theme), "THEME"))
    assert len(messages) == 40, sorted(messages)


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_a_broken_theme_is_one_located_line_and_exit_1(tmp_path, name, text, expected):
    data = tmp_path / "data.yaml"
    data.write_text(DATA, encoding="utf-8")
    theme = tmp_path / "mytheme.yaml"
    theme.write_text(text, encoding="utf-8")
    out = tmp_path / "poster.pdf"
    result = CliRunner().invoke(main, ["poster", str(data), "--theme", str(theme), "-o", str(out)])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1, result.output
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert re.match(rf"Error: {re.escape(str(theme))}:?{expected}", lines[0]), lines[0]
    assert not out.exists()


def test_circular_extends_between_two_files_names_the_loop(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n", encoding="utf-8")
    data = tmp_path / "data.yaml"
    data.write_text(DATA, encoding="utf-8")
    result = CliRunner().invoke(main, ["poster", str(data), "--theme", str(tmp_path / "a.yaml"),
                                       "-o", str(tmp_path / "p.pdf")])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'b.yaml'}:1:10: extends: circular (a.yaml -> b.yaml -> a.yaml)"


def test_an_error_in_the_theme_extended_is_located_in_that_file(tmp_path):
    (tmp_path / "base.yaml").write_text('colors:\n  text: "ink"\n', encoding="utf-8")
    (tmp_path / "mine.yaml").write_text("extends: base.yaml\n", encoding="utf-8")
    data = tmp_path / "data.yaml"
    data.write_text(DATA, encoding="utf-8")
    result = CliRunner().invoke(main, ["poster", str(data), "--theme", str(tmp_path / "mine.yaml"),
                                       "-o", str(tmp_path / "p.pdf")])
    assert result.exit_code == 1
    assert result.output.strip().startswith(f"Error: {tmp_path / 'base.yaml'}:2:9: colors.text: \"ink\" is not")


def test_an_unknown_bundled_theme_suggests_the_closest(tmp_path):
    data = tmp_path / "data.yaml"
    data.write_text(DATA, encoding="utf-8")
    result = CliRunner().invoke(main, ["poster", str(data), "--theme", "defualt", "-o", str(tmp_path / "p.pdf")])
    assert result.exit_code == 1
    assert 'no theme "defualt"' in result.output and 'did you mean "default"?' in result.output
