"""`check` lays the handout out without drawing it: the same failures as the build, found cheaper.

When the handout can be proven not to fail after its page one (every character in an installed font,
every icon resolved, no block taller than a page even with each text broken into the most lines it can
have), `check` skips breaking its text; otherwise it lays it out as the build does. These tests compare
what `check` meets with what the build meets, on real and generated sets where the handout fails, and
test the two facts the proof rests on (`most_lines` and `_drawable`) on seeded random text.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from generator.errors import FontError
from generator.fonts import FontChain
from generator.layout import handout
from generator.layout.handout import PaperContext, layout_handout, most_lines
from generator.load import load
from generator.style import PaperFormat, paper_format
from generator.text import wrap, wrap_marked

import synthetic

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "container-history.yaml"
SCRIPTS = ROOT / "tests" / "data" / "scripts"
BUDGET = 4.0        # seconds for each seeded random test


def _outcome(action):
    try:
        action()
    except Exception as exc:        # noqa: BLE001 - the outcome compared is the failure itself
        return type(exc).__name__, str(exc)
    return ("ok",)


def _both(timeline, lang, style, fmt) -> tuple[tuple, tuple, bool]:
    """What check meets, what the build meets, and whether check skipped breaking the text."""
    planned = []
    check = _outcome(lambda: planned.append(layout_handout(timeline, lang, style, fmt, draw=False)))
    build = _outcome(lambda: layout_handout(timeline, lang, style, fmt))
    return check, build, bool(planned) and planned[0].pages == ()


def _write(data: dict, path: Path):
    return load(synthetic.write(data, path))


# --- nasty sets: long titles, long labels, characters no font has, tiny paper ------------------------


def _nasty(tmp_path: Path) -> dict[str, dict]:
    long = synthetic.large(40, 9)
    long["events"][3]["title"] = {"en": " ".join(["word"] * 99), "ko": "가" * 499}
    long["events"][4]["title"] = {"en": "x" * 499, "ko": " ".join(["낱말"] * 166)}
    long["eras"][0]["label"] = "E" * 199
    long["eras"][1]["label"] = " ".join(["Era"] * 49)
    chars = synthetic.cited(8, 30)
    chars["sources"][2]["title"] = "A source with \U000e0100 odd char"           # no font has it
    chars["events"][2]["summary"] = {"en": "A summary with \U000e0101 mark", "ko": "요약 \U000e0101"}
    summary = synthetic.cited(20, 20)
    summary["events"][5]["summary"] = {"en": " ".join(["long"] * 1990), "ko": " ".join(["긴"] * 3000)}
    summary["events"][6]["summary"] = {"en": "**bold** and *it* [link](https://x.org) " * 200,
                                       "ko": "**굵게** *기울임* [링크](https://x.org) " * 200}
    summary["events"][7]["summary"] = {"en": "y" * 9999, "ko": "흠" * 9999}
    icons = synthetic.large(20, 2)
    icons["events"][1]["icon"] = "rocket"
    icons["events"][2]["display_date"] = {"en": "some time in the long years of the late twentieth century",
                                          "ko": "언젠가 " * 20}
    return {"long": long, "chars": chars, "summary": summary, "icons": icons}


PAPERS = [paper_format("A4"), paper_format("letter"), PaperFormat("small", 300.0, 420.0),
          PaperFormat("tiny", 160.0, 220.0)]


@pytest.mark.parametrize("name", ["long", "chars", "summary", "icons"])
def test_check_meets_what_the_build_meets_on_nasty_sets(name, style, tmp_path):
    timeline = _write(_nasty(tmp_path)[name], tmp_path / f"{name}.yaml")
    styled = style.with_icons(timeline)
    seen = set()
    for lang in timeline.languages:
        for fmt in (PAPERS[0], PAPERS[3]) if name in ("chars", "summary") else PAPERS:
            check, build, skipped = _both(timeline, lang, styled, fmt)
            assert check == build, (lang, fmt.name)
            seen.add((build[0], skipped))
    if name == "chars":       # a source title no font can draw: the handout fails, and check says so
        assert {kind for kind, _skipped in seen} == {"FontError"}
    if name in ("long", "summary"):     # the tiny page is too small for some blocks: LayoutError
        assert "LayoutError" in {kind for kind, _skipped in seen}
    assert all(not skipped for kind, skipped in seen if kind != "ok")


def test_check_meets_an_unresolved_icon_as_the_build_does(style):
    timeline = load(DATA)
    assert any(event.icon for event in timeline.events)
    for lang in timeline.languages:
        check, build, _skipped = _both(timeline, lang, style, paper_format("A4"))      # icons never resolved
        assert build[0] == "LayoutError" and "not resolved" in build[1]
        assert check == build


@pytest.mark.parametrize("name", ["bundled", "large", "ar", "he", "hi", "ja", "th", "zh", "el", "ru"])
def test_check_meets_what_the_build_meets_on_real_and_large_sets(name, style, tmp_path):
    if name == "bundled":
        timeline = load(DATA)
    elif name == "large":
        timeline = _write(synthetic.large(), tmp_path / "large.yaml")
    else:
        timeline = load(next(SCRIPTS.glob(f"{name}-*.yaml")))
    styled = style.with_icons(timeline)
    skipped_any = False
    for lang in timeline.languages:
        for fmt in PAPERS[:2]:
            check, build, skipped = _both(timeline, lang, styled, fmt)
            assert check == build == ("ok",), (lang, fmt.name)
            skipped_any |= skipped
    if name == "large":
        assert skipped_any          # the case check is fast for: nothing broken into lines


# --- random timelines: check and the build meet the same, whichever way check went ----------------------

SHORT = ("time", "line", "of", "the", "great", "northern", "treaty", "컨테이너", "오케스트레이션", "표준",
         "東京", "京都", "明治維新", "ประเทศไทย", "दिल्ली", "القاهرة", "Αθήνα", "Москва", "Zürich", "—", "·",
         "**bold**", "*it*", "[a](https://b.c)")
LONG = ("https://example.org/a/very/long/path/segment", "x" * 40, "가" * 30)


def _random_timeline(rng: random.Random) -> dict:
    """Half of them modest (short words, few of them: check can prove those), half anything."""
    modest = rng.random() < 0.5
    pool = SHORT if modest else SHORT + LONG

    def _words(rng: random.Random, most: int) -> str:
        return " ".join(rng.choice(pool) for _ in range(rng.randrange(1, (min(most, 6) if modest else most) + 1)))

    lang = rng.choice(["en", "ko", "ja", "ar", "th"])
    count = rng.randrange(3, 18)
    categories = [{"id": f"c{i}", "label": _words(rng, 4)} for i in range(rng.randrange(0, 4))]
    sources = [{"id": f"s{i}", "title": _words(rng, 12), "url": f"https://example.org/{i}/{'p' * rng.randrange(80)}"}
               for i in range(rng.randrange(0, 4))]
    events = []
    for i in range(count):
        event = {"id": f"e{i}", "date": f"{rng.randrange(1900, 2020)}-{rng.randrange(1, 13):02d}",
                 "title": _words(rng, rng.choice([3, 12, 40]))[:480]}
        if rng.random() < 0.8:
            event["summary"] = _words(rng, rng.choice([5, 30, 200]))
        if categories and rng.random() < 0.7:
            event["category"] = rng.choice(categories)["id"]
        if sources and rng.random() < 0.5:
            event["sources"] = sorted({rng.choice(sources)["id"] for _ in range(rng.randrange(1, 4))})
        if rng.random() < 0.1:
            event["display_date"] = _words(rng, 6)[:90]
        events.append(event)
    eras = [{"id": f"r{i}", "label": _words(rng, rng.choice([2, 20]))[:190], "start": 1900 + 40 * i,
             "end": 1939 + 40 * i} for i in range(rng.randrange(0, 3))]
    data = {"title": _words(rng, 6), "languages": [lang], "events": events, "paper": 1.0 if modest else 0.0}
    if categories:
        data["categories"] = categories
    if sources:
        data["sources"] = sources
    if eras:
        data["eras"] = eras
    return data


def test_check_meets_what_the_build_meets_on_random_timelines(style, tmp_path):
    rng = random.Random(20261129)
    start, tried, ways = time.monotonic(), 0, set()
    while time.monotonic() - start < BUDGET or tried < 10:
        data = _random_timeline(rng)
        smallest = 400 if data.pop("paper") else 150
        timeline = _write(data, tmp_path / f"r{tried}.yaml")
        fmt = PaperFormat("random", rng.uniform(smallest, 700), rng.uniform(smallest * 1.3, 1000))
        check, build, skipped = _both(timeline, timeline.languages[0], style.with_icons(timeline), fmt)
        assert check == build, (tried, fmt)
        assert not skipped or build == ("ok",)
        ways.add((build[0], skipped))
        tried += 1
    assert ("ok", True) in ways and ("ok", False) in ways      # both ways of check were taken


# --- what the proof rests on --------------------------------------------------------------------------

TOKENS = (list("abcdefghij XYZ 0123456789 ,.;:-–—/·()[]*_ 가나다라마바사한글컨테이너 東京京都大阪城 ひらがなカタカナ ☃▸…")
          + ["\t", "\n", "\u00a0", "\u3000", "ประเทศไทย", "ดี่ง์", "दिल्ली", "हिन्दी", "القاهرة", "بغداد", "עברית",
             "Αθήνα", "Москва", "e\u0301", "u\u0308", "😀", "👍🏽", "👨\u200d👩\u200d👧", "**", "[a](https://b.c)"])
ODD = "\U000e0100"       # a variation selector no installed font has (looking for one searches every font)


def _random_text(rng: random.Random, odd: bool = False) -> str:
    pool = TOKENS + ([ODD] if odd else [])
    text = "".join(rng.choice(pool) for _ in range(rng.randrange(0, 60)))
    if rng.random() < 0.3:                  # runs without spaces (words wider than any line)
        text += rng.choice(["가", "x", "東", "ไ"]) * rng.randrange(1, 80)
    return text


@pytest.mark.parametrize("lang", ["en", "ko", "ja", "th", "ar"])
def test_no_text_breaks_into_more_lines_than_most_lines_says(lang, style):
    rng = random.Random(sum(map(ord, lang)) + 7)
    chains = [style.fonts.chain("heading", lang), style.fonts.chain("body", lang)]
    start, tried = time.monotonic(), 0
    while time.monotonic() - start < BUDGET / 5 or tried < 60:
        text = _random_text(rng)
        chain = rng.choice(chains)
        size, width = rng.uniform(4, 30), rng.choice([rng.uniform(1, 40), rng.uniform(40, 600)])
        try:
            broken = (wrap(text, chain, size, width), wrap_marked(text, chain, size, width))
        except FontError:           # a cluster no font draws (an emoji with a vowel sign): nothing to count
            continue
        for lines in broken:
            assert len(lines) <= most_lines(text), (text, size, width)
        tried += 1


@pytest.mark.parametrize("lang", ["en", "ko", "ja", "th", "ar"])
def test_text_of_characters_an_installed_font_has_never_fails(lang, style):
    """`_drawable` says yes only when no chain, bold, italic or plain, meets a character no font has."""
    timeline = load(DATA)
    ctx = PaperContext(timeline, lang, style.on_paper(), 1.0)
    rng = random.Random(sum(map(ord, lang)) + 11)
    chains = [ctx.chain("heading"), ctx.chain("summary")]
    chains += [chain.styled(bold, italic) for chain in chains for bold in (False, True) for italic in (False, True)]
    start, tried, said = time.monotonic(), 0, {True: 0, False: 0}
    while time.monotonic() - start < BUDGET / 5 or tried < 60:
        text = _random_text(rng, odd=rng.random() < 0.4)
        drawable = handout._drawable(ctx, [text])
        said[drawable] += 1
        if drawable:
            for chain in chains:
                wrap(text, chain, 9.0, rng.uniform(5, 400))
                chain.pieces(text)
                for char in set(text):
                    chain.width(char, 9.0)
        tried += 1
    assert said[True] and said[False]


def test_every_text_the_handout_measures_after_page_one_is_listed(style, tmp_path, monkeypatch):
    """The characters `_drawable` is asked about are those of every text the build measures or draws
    after page one's title and overview (spied on `FontChain.pieces`, where every measure begins)."""
    sets = [_write(synthetic.cited(12, 40), tmp_path / "cited.yaml"), load(DATA),
            _write(_nasty(tmp_path)["summary"], tmp_path / "summary.yaml")]
    sets += [load(path) for path in sorted(SCRIPTS.glob("*.yaml"))]
    recording: list[str] = []
    overview, pieces = handout._overview, FontChain.pieces

    def spy_pieces(self, text, context="", strict=True):
        if recording and recording[0] == "on":
            recording.append(text)
        return pieces(self, text, context, strict)

    def spy_overview(*args):
        found = overview(*args)
        recording[:] = ["on"]
        return found

    monkeypatch.setattr(FontChain, "pieces", spy_pieces)
    monkeypatch.setattr(handout, "_overview", spy_overview)
    for timeline in sets:
        styled = style.with_icons(timeline)
        for lang in timeline.languages:
            recording[:] = []
            layout_handout(timeline, lang, styled, paper_format("A4"))
            measured = set("".join(recording[1:]))
            ctx = PaperContext(timeline, lang, styled.on_paper(), 1.0)
            listed = set("".join(handout._texts(ctx))) | {" "}
            assert len(recording) > 1
            assert measured <= listed, (lang, measured - listed)
