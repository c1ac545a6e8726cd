"""The commented starter data file that `timeline new` writes."""

from __future__ import annotations

from pathlib import Path

from generator import output
from generator.errors import OptionError

STARTER = """\
# yaml-language-server: $schema={schema}
# A timeline: edit the events below, then run `timeline check {name}`
# and `timeline poster {name}`. The format is described in docs/format.md.

# Any text is a plain string or a map of language -> text.
title: {{en: My Project Timeline, ko: 프로젝트 연표}}
subtitle: {{en: From the first idea to the first release, ko: 첫 아이디어부터 첫 릴리스까지}}
languages: [en, ko]          # the first language is the default

categories:                  # optional; colours are optional too
  - {{id: plan, label: {{en: Planning, ko: 기획}}, color: "#0072B2"}}
  - {{id: build, label: {{en: Building, ko: 개발}}, color: "#D55E00"}}

eras:                        # optional spans, drawn as bands behind the axis
  - {{id: start, label: {{en: Getting started, ko: 시작}}, start: 2024-01, end: 2024-06}}
  - {{id: growth, label: {{en: Growing up, ko: 성장}}, start: 2024-07, end: 2025-06}}

# Dates: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM (a negative year is BCE, ~ means circa).
# Ids are optional (any letters, digits, - and _): without one, an id is made from date and title.
events:
  - id: idea
    date: 2024-01-15
    title: {{en: The idea, ko: 아이디어}}
    summary: {{en: A sketch on a whiteboard becomes a plan., ko: 화이트보드의 스케치가 계획이 됩니다.}}
    category: plan
    icon: star               # a bundled icon (see `timeline icons`) or a path to your own .svg/.png
    sources: [notes]
  - id: team
    date: ~2024-03           # approximate: shown as "c. Mar 2024"
    title: {{en: A team forms, ko: 팀 구성}}
    category: plan
    icon: person
  - id: prototype
    date: 2024-05
    title: {{en: First prototype, ko: 첫 프로토타입}}
    summary: {{en: It runs **end to end** for the first time., ko: 처음으로 **끝까지** 동작합니다.}}  # **bold**, *italic*, [text](url)
    category: build
    icon: hammer
  - id: beta
    date: 2024-09
    end: 2024-12             # an end date makes the event a span (`end: now` for an open end)
    title: {{en: Public beta, ko: 공개 베타}}
    tags: [launch]           # any number of tags besides the one category; `group:` puts it in a lane
    category: build
    icon: rocket
  - id: release
    date: 2025-04
    display_date: {{en: Spring 2025, ko: 2025년 봄}}   # shown instead of the date
    title: {{en: Version 1.0, ko: 버전 1.0}}
    category: build
    icon: flag

sources:
  - {{id: notes, title: Project notes, url: "https://example.org/notes"}}

meta: {{author: Your Name, license: CC BY 4.0, date: 2025-04-30}}
"""


def write_starter(path: Path, force: bool = False) -> None:
    """Write the starter file; refuse to overwrite unless force."""
    if path.is_dir():
        raise OptionError(f"{path}: is a directory")
    if path.exists() and not force:
        raise OptionError(f"{path}: already exists; use --force to overwrite it")
    schema = Path(__file__).resolve().parent / "timeline.schema.json"
    text = STARTER.format(schema=schema.as_uri(), name=path.name)
    output.write_text(path, text)
