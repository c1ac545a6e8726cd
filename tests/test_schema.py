"""The JSON Schema and the loader agree on every case the schema can express."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml

jsonschema = pytest.importorskip("jsonschema")

from generator.errors import DataError  # noqa: E402
from generator.load import load  # noqa: E402
from generator.starter import write_starter  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_DATA = ROOT / "data" / "container-history.yaml"
SCHEMA_PATH = ROOT / "generator" / "timeline.schema.json"


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader reading dates as strings, as YAML 1.2 editors (and their schema checks) do."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def yaml12(text: str):
    """Parse YAML text the way an editor's schema check sees it."""
    return yaml.load(text, Loader=Yaml12Loader)  # noqa: S506 - a SafeLoader subclass


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_yaml12_loader_keeps_dates_as_text():
    assert yaml12("a: 2013-03-26\nb: 2013\nc: -500") == {"a": "2013-03-26", "b": 2013, "c": -500}


EVENT = "  - {id: a, date: 2013, title: x}\n"
HEAD = "title: T\nevents:\n"


def _event(fields: str) -> str:
    return HEAD + f"  - {{id: a, title: x, {fields}}}\n"


FULL = """\
title: {en: A Brief History of Containers, ko: 컨테이너 역사}
subtitle: {en: From Jail to Podman, ko: Jail에서 Podman까지}
languages: [en, ko]
categories:
  - {id: runtime, label: {en: Runtimes, ko: 런타임}, color: "#0072B2"}
  - {id: tools, label: Tools, color: "#555"}
eras:
  - {id: linux, label: {en: Linux containers, ko: 리눅스 컨테이너}, start: 2008, end: 2012}
  - {id: docker-era, label: Docker, start: 2013-03, end: 2014-12-31, color: "#E69F00"}
events:
  - id: docker
    date: 2013-03
    end: 2014
    display_date: {en: Spring 2013, ko: 2013년 봄}
    title: {en: Docker, ko: 도커}
    summary: {en: dotCloud releases Docker., ko: dotCloud가 Docker를 공개했다.}
    category: runtime
    icon: whale
    sources: [aquasec, "https://github.com/moby/moby"]
  - {id: bce, date: -500, title: {en: Old, ko: 옛날}}
  - {id: day, date: 2013-03-26, title: {en: Day, ko: 날}}
sources:
  - {id: aquasec, title: A Brief History of Containers, url: "https://blog.aquasec.com/x"}
meta: {author: Jane Doe, url: "https://example.org", license: CC-BY-4.0, date: 2026-11-28}
"""

# (id, YAML text, should pass). Only what the schema can express: no cross references,
# no calendar arithmetic (Feb 30), no end-before-start, no file existence.
CASES = [
    # --- good --------------------------------------------------------------------
    ("minimal", HEAD + EVENT, True),
    ("full-bilingual", FULL, True),
    ("title-number", "title: 1984\nevents:\n" + EVENT, True),
    ("title-map-one-language", "title: {en: T}\nevents:\n" + EVENT, True),
    ("missing-translation-is-only-a-warning", "title: {en: T}\nlanguages: [en, ko]\nevents:\n" + EVENT, True),
    ("language-subtag", "title: {pt-BR: T}\nlanguages: [pt-BR]\nevents:\n" + EVENT, True),
    ("date-year-month", _event("date: 2013-03"), True),
    ("date-day", _event("date: 2013-03-26"), True),
    ("date-quoted-year", _event('date: "2013"'), True),
    ("date-bce-int", _event("date: -500"), True),
    ("date-bce-string", _event('date: "-500-03"'), True),
    ("date-with-end", _event("date: 2013, end: 2014-06"), True),
    ("event-url-source", _event('date: 2013, sources: ["https://example.org/a"]'), True),
    ("bundled-icon", _event("date: 2013, icon: whale"), True),
    ("colour-short", "title: T\ncategories: [{id: c, label: C, color: '#abc'}]\nevents:\n" + EVENT, True),
    ("empty-optional-lists", "title: T\ncategories: []\neras: []\nsources: []\nevents:\n" + EVENT, True),
    ("meta-partial", "title: T\nevents:\n" + EVENT + "meta: {author: Me}\n", True),
    # --- bad: structure ------------------------------------------------------------
    ("not-a-mapping", "- a\n- b\n", False),
    ("missing-title", "events:\n" + EVENT, False),
    ("missing-events", "title: T\n", False),
    ("events-empty", "title: T\nevents: []\n", False),
    ("events-mapping", "title: T\nevents: {a: 1}\n", False),
    ("unknown-top-key", "titel: T\ntitle: T\nevents:\n" + EVENT, False),
    ("unknown-event-key", _event("date: 2013, summry: s"), False),
    ("unknown-meta-key", "title: T\nevents:\n" + EVENT + "meta: {autor: Me}\n", False),
    ("event-missing-id", HEAD + "  - {date: 2013, title: x}\n", True),  # ids are optional: derived
    ("event-missing-date", HEAD + "  - {id: a, title: x}\n", False),
    ("event-missing-title", HEAD + "  - {id: a, date: 2013}\n", False),
    ("category-missing-label", "title: T\ncategories: [{id: c}]\nevents:\n" + EVENT, False),
    ("era-missing-end", "title: T\neras: [{id: e, label: E, start: 2000}]\nevents:\n" + EVENT, False),
    ("source-missing-url", "title: T\nsources: [{id: s, title: S}]\nevents:\n" + EVENT, False),
    # --- bad: values --------------------------------------------------------------
    ("id-uppercase", HEAD + "  - {id: Docker, date: 2013, title: x}\n", True),  # any letters
    ("id-underscore", HEAD + "  - {id: a_b, date: 2013, title: x}\n", True),
    ("id-space", HEAD + "  - {id: a b, date: 2013, title: x}\n", False),
    ("id-leading-underscore", HEAD + "  - {id: _a, date: 2013, title: x}\n", False),
    ("id-leading-hyphen", HEAD + "  - {id: -a, date: 2013, title: x}\n", False),
    ("date-month-13", _event("date: 2013-13"), False),
    ("date-month-00", _event("date: 2013-00"), False),
    ("date-day-32", _event("date: 2013-01-32"), False),
    ("date-one-digit-month", _event("date: 2013-3"), False),
    ("date-words", _event("date: March 2013"), False),
    ("date-float", _event("date: 2013.5"), False),
    ("date-bool", _event("date: true"), False),
    ("date-zero", _event("date: 0"), False),
    ("date-zero-string", _event('date: "0000-03"'), False),
    ("date-too-large", _event("date: 1000000"), False),
    ("title-empty", "title: ''\nevents:\n" + EVENT, False),
    ("title-blank", "title: '   '\nevents:\n" + EVENT, False),
    ("title-list", "title: [a, b]\nevents:\n" + EVENT, False),
    ("title-empty-map", "title: {}\nevents:\n" + EVENT, False),
    ("title-bool", "title: true\nevents:\n" + EVENT, False),
    ("title-bad-language-key", "title: {English: T}\nevents:\n" + EVENT, False),
    ("title-empty-in-a-language", "title: {en: T, ko: ''}\nevents:\n" + EVENT, False),
    ("languages-string", "title: T\nlanguages: en\nevents:\n" + EVENT, False),
    ("languages-empty", "title: T\nlanguages: []\nevents:\n" + EVENT, False),
    ("languages-duplicate", "title: T\nlanguages: [en, en]\nevents:\n" + EVENT, False),
    ("languages-bad-code", "title: T\nlanguages: [EN]\nevents:\n" + EVENT, False),
    ("colour-name", "title: T\ncategories: [{id: c, label: C, color: blue}]\nevents:\n" + EVENT, True),
    ("colour-bad-name", "title: T\ncategories: [{id: c, label: C, color: bleu}]\nevents:\n" + EVENT, False),
    ("colour-five-digits", "title: T\ncategories: [{id: c, label: C, color: '#12345'}]\nevents:\n" + EVENT, False),
    ("source-url-ftp", "title: T\nsources: [{id: s, title: S, url: 'ftp://x.org'}]\nevents:\n" + EVENT, False),
    ("source-url-javascript",
     "title: T\nsources: [{id: s, title: S, url: 'javascript:alert(1)'}]\nevents:\n" + EVENT, False),
    ("event-source-ftp", _event('date: 2013, sources: ["ftp://x.org/a"]'), False),
    ("event-sources-not-list", _event("date: 2013, sources: aquasec"), False),
    ("icon-url", _event('date: 2013, icon: "https://x.org/a.svg"'), False),
    ("meta-date-month", "title: T\nevents:\n" + EVENT + "meta: {date: 2026-11}\n", False),
    ("meta-date-year", "title: T\nevents:\n" + EVENT + "meta: {date: 2026}\n", False),
    ("meta-url-ftp", "title: T\nevents:\n" + EVENT + "meta: {url: 'ftp://x.org'}\n", False),
]


def _loader_accepts(path: Path) -> bool:
    try:
        load(path)
    except DataError:
        return False
    return True


@pytest.mark.parametrize("text, should_pass", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_schema_and_loader_agree(text, should_pass, validator, write_yaml):
    errors = [e.message for e in validator.iter_errors(yaml12(text))]
    assert (not errors) == should_pass, f"schema: {errors or 'valid'}"
    assert _loader_accepts(write_yaml(text)) == should_pass


def test_table_covers_good_and_bad():
    passes = [c for c in CASES if c[2]]
    assert len(passes) >= 10 and len(CASES) - len(passes) >= 30


@pytest.mark.parametrize("text", [
    _event("date: 2013-02-30"),
    _event("date: 2014, end: 2013"),
    _event("date: 2013, category: nowhere"),
    _event("date: 2013, sources: [nowhere]"),
    HEAD + EVENT + EVENT,
], ids=["feb-30", "end-before-start", "unknown-category", "unknown-source", "duplicate-id"])
def test_loader_checks_what_the_schema_cannot(text, validator, write_yaml):
    """Cases beyond JSON Schema: the schema passes them, the loader refuses them."""
    assert not list(validator.iter_errors(yaml12(text)))
    assert not _loader_accepts(write_yaml(text))


def test_bundled_data_validates(validator):
    data = yaml12(BUNDLED_DATA.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors


def test_bundled_data_points_to_the_schema():
    first = BUNDLED_DATA.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    assert (BUNDLED_DATA.parent / match.group(1)).resolve() == SCHEMA_PATH.resolve()


def test_starter_validates_and_points_to_the_schema(validator, tmp_path):
    path = tmp_path / "new.yaml"
    write_starter(path)
    text = path.read_text(encoding="utf-8")
    assert not [e.message for e in validator.iter_errors(yaml12(text))]
    match = re.match(r"# yaml-language-server: \$schema=(\S+)", text)
    assert match, text.splitlines()[0]
    uri = urlparse(match.group(1))
    assert uri.scheme == "file"
    assert Path(unquote(uri.path)).resolve() == SCHEMA_PATH.resolve()


def test_schema_is_shipped_with_the_package():
    import generator
    assert (Path(generator.__file__).parent / "timeline.schema.json").is_file()
    assert '"*.json"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
