"""Generated data sets for layout and end-to-end tests: dense, sparse and large."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

WORDS_EN = ("container", "runtime", "orchestration", "registry", "standard", "image", "cluster",
            "network", "storage", "security", "scheduler", "interface", "foundation", "release")
WORDS_KO = ("컨테이너", "런타임", "오케스트레이션", "레지스트리", "표준", "이미지", "클러스터",
            "네트워크", "스토리지", "보안", "스케줄러", "인터페이스", "재단", "릴리스")


def _text(rng: random.Random, count: int) -> dict:
    picks = [rng.randrange(len(WORDS_EN)) for _ in range(count)]
    return {"en": " ".join(WORDS_EN[i] for i in picks).capitalize(),
            "ko": " ".join(WORDS_KO[i] for i in picks)}


def dense(count: int = 60, seed: int = 7) -> dict:
    """Many events with long titles, clustered in a few years (2010-2013)."""
    rng = random.Random(seed)
    events = []
    for i in range(count):
        year, month = 2010 + rng.randrange(4), rng.randrange(1, 13)
        title = _text(rng, 6)
        title["en"] += f" {i}"
        title["ko"] += f" {i}"
        events.append({"id": f"e{i}", "date": f"{year}-{month:02d}", "title": title,
                       "summary": _text(rng, 18), "category": rng.choice(["a", "b", "c"]),
                       "sources": ["s1"]})
    return {
        "title": {"en": "A dense timeline of many events", "ko": "많은 사건이 몰린 연표"},
        "languages": ["en", "ko"],
        "categories": [{"id": c, "label": {"en": f"Group {c}", "ko": f"그룹 {c}"}} for c in "abc"],
        "eras": [{"id": "one", "label": {"en": "Early", "ko": "초기"}, "start": 2010, "end": 2011},
                 {"id": "two", "label": {"en": "Late", "ko": "후기"}, "start": 2012, "end": 2013}],
        "events": events,
        "sources": [{"id": "s1", "title": "Example source", "url": "https://example.org/source"}],
    }


def sparse() -> dict:
    """Five events over 3,000 years, BCE included."""
    dates = [-1200, -500, 1, 1066, 1800]
    names = [("Bronze age collapse", "청동기 시대의 붕괴"), ("Classical age", "고전 시대"),
             ("Year one", "서기 1년"), ("Norman conquest", "노르만 정복"), ("Steam power", "증기 동력")]
    events = [{"id": f"s{i}", "date": d, "title": {"en": en, "ko": ko},
               "summary": {"en": f"{en}: a turning point.", "ko": f"{ko}: 전환점."}}
              for i, (d, (en, ko)) in enumerate(zip(dates, names))]
    return {"title": {"en": "Three thousand years", "ko": "삼천 년"}, "languages": ["en", "ko"],
            "events": events}


def large(count: int = 150, seed: int = 3) -> dict:
    """A long timeline spread over 1900-2020, with short titles."""
    rng = random.Random(seed)
    data = dense(count, seed)
    for event in data["events"]:
        event["date"] = f"{rng.randrange(1900, 2021)}-{rng.randrange(1, 13):02d}"
        number = event["id"][1:]
        event["title"] = {"en": f"Release {number}", "ko": f"릴리스 {number}"}
        event["summary"] = _text(rng, 10)
    data["eras"] = [{"id": "a", "label": "First half", "start": 1900, "end": 1959},
                    {"id": "b", "label": "Second half", "start": 1960, "end": 2020}]
    return data


def write(data: dict, path: Path) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


HEADS = ("Battle of", "Treaty of", "Founding of", "Fall of", "Siege of", "Council of", "Discovery of",
         "First flight over", "Great fire of", "Coronation at", "Revolt in", "University of",
         "Printing press reaches", "Plague in", "Railway opens in", "Independence of")
PLACES = ("Hastings", "Westphalia", "Constantinople", "Baghdad", "Kyoto", "Gyeongju", "Timbuktu",
          "Tenochtitlan", "Samarkand", "Alexandria", "the Northern Provinces", "Upper Mesopotamia",
          "Chang'an", "Cusco", "Novgorod", "the Rhine valley and the Low Countries", "Malacca")
HEADS_KO = ("전투:", "조약:", "건국:", "함락:", "포위:", "공의회:", "발견:", "첫 비행:", "대화재:",
            "대관식:", "반란:", "대학:", "인쇄술 전래:", "역병:", "철도 개통:", "독립:")


def _world_date(rng: random.Random) -> tuple[int, str]:
    """A year from 3000 BCE to 2020, denser towards today (no year 0), and its date: the year, or
    (from 1000 on, two times in five) a month of it."""
    year = int(2020 - (rng.random() ** 2.2) * 5020)
    year = year if year != 0 else 1
    return year, str(year) if rng.random() < 0.6 or year < 1000 else f"{year}-{rng.randrange(1, 13):02d}"


def realistic(count: int = 573, seed: int = 11) -> dict:
    """A world-history-like set: dates from 3000 BCE (denser towards today), titles of two to
    nine words, a fifth of them spans, eras, six categories, summaries, English and Korean."""
    rng = random.Random(seed)
    events = []
    for i in range(count):
        year, date = _world_date(rng)
        head, place = rng.randrange(len(HEADS)), rng.choice(PLACES)
        title = {"en": f"{HEADS[head]} {place}", "ko": f"{HEADS_KO[head]} {place}"}
        event = {"id": f"h{i}", "date": date, "title": title, "summary": _text(rng, rng.randrange(8, 26)),
                 "category": rng.choice("abcdef")}
        if rng.random() < 0.2:
            event["end"] = str(min(2025, year + rng.randrange(1, 60)) if year + 1 != 0 else 2)
            if event["end"] == "0":
                event["end"] = "1"
        if rng.random() < 0.05:
            event["importance"] = rng.choice(["high", "low"])
        events.append(event)
    eras = [{"id": f"era{k}", "label": {"en": name, "ko": ko}, "start": a, "end": b}
            for k, (name, ko, a, b) in enumerate([
                ("Ancient world", "고대", -3000, 499), ("Middle ages", "중세", 500, 1499),
                ("Early modern", "근세", 1500, 1799), ("Industrial age", "산업 시대", 1800, 1945),
                ("Contemporary", "현대", 1946, 2025)])]
    return {
        "title": {"en": f"World history in {count} events", "ko": f"{count}개 사건으로 보는 세계사"},
        "languages": ["en", "ko"],
        "categories": [{"id": c, "label": {"en": f"Theme {c.upper()}", "ko": f"주제 {c.upper()}"}}
                       for c in "abcdef"],
        "eras": eras,
        "events": events,
    }


def cited(sources: int, events: int | None = None, seed: int = 5) -> dict:
    """A timeline citing `sources` sources (each cited at least once, one to three per event),
    with titles and URLs of varied length, in three eras; English and Korean."""
    rng = random.Random(seed)
    count = events if events is not None else max(12, sources // 2)
    data = dense(count, seed)
    ids = [f"src{i}" for i in range(sources)]
    data["sources"] = [{"id": sid, "title": _text(rng, rng.randrange(3, 14))["en"],
                        "url": f"https://example.org/{'/'.join(_text(rng, rng.randrange(1, 6))['en'].split())}/{i}"}
                       for i, sid in enumerate(ids)]
    for i, event in enumerate(data["events"]):
        event["summary"] = _text(rng, rng.randrange(6, 60))
        event["sources"] = sorted({rng.choice(ids) for _ in range(rng.randrange(1, 4))})
    for i, sid in enumerate(ids):               # every source cited somewhere
        event = data["events"][i % count]
        event["sources"] = sorted(set(event["sources"]) | {sid})
    data["eras"] = [{"id": "one", "label": {"en": "Early", "ko": "초기"}, "start": 2010, "end": 2010},
                    {"id": "two", "label": {"en": "Middle years", "ko": "중기"}, "start": 2011, "end": 2012},
                    {"id": "three", "label": {"en": "Late", "ko": "후기"}, "start": 2013, "end": 2013}]
    return data


LONG_WORDS = ("the", "great", "northern", "treaty", "between", "rival", "kingdoms", "signed", "after",
              "years", "of", "war", "over", "river", "trade", "routes", "and", "ports", "first", "printed",
              "edition", "published", "in", "capital", "council", "reform", "opens", "university")
MIXED = ("서울", "한양", "東京", "京都", "大阪城", "القاهرة", "بغداد", "Αθήνα", "Москва", "Kraków", "Zürich",
         "São Paulo", "Ærø", "İstanbul", "Hà Nội", "ประเทศไทย", "दिल्ली", "조선 왕조", "明治維新")


def long_titles(count: int = 1000, seed: int = 13) -> dict:
    """A world-history-like set with long titles: 5 to 12 words each, mixed scripts (Latin with
    Hangul, CJK, Arabic, Greek, Cyrillic, Thai, Devanagari names), a fifth of them spans, eras,
    groups, importance, six categories; dates from 3000 BCE, denser towards today."""
    rng = random.Random(seed)
    events = []
    for i in range(count):
        year, date = _world_date(rng)
        words = [rng.choice(LONG_WORDS) for _ in range(rng.randrange(4, 12))]
        words.insert(rng.randrange(len(words) + 1), rng.choice(MIXED))
        title = " ".join(words).capitalize() + f" {i}"
        event = {"id": f"w{i}", "date": date, "title": title,
                 "summary": _text(rng, rng.randrange(8, 30))["en"], "category": rng.choice("abcdef"),
                 "group": rng.choice(("Europe", "Asia", "Africa", "Americas"))}
        if rng.random() < 0.2 and year < 2024:
            event["end"] = str(max(year + 1, 1) if year + 1 == 0 else min(2025, year + rng.randrange(1, 80)))
        if rng.random() < 0.05:
            event["importance"] = rng.choice(["high", "low"])
        events.append(event)
    eras = [{"id": f"era{k}", "label": name, "start": a, "end": b}
            for k, (name, a, b) in enumerate([
                ("Ancient world", -3000, 499), ("Middle ages", 500, 1499), ("Early modern", 1500, 1799),
                ("Industrial age", 1800, 1945), ("Contemporary", 1946, 2025)])]
    return {
        "title": f"World history in {count} events, with long titles",
        "categories": [{"id": c, "label": f"Theme {c.upper()}"} for c in "abcdef"],
        "eras": eras,
        "events": events,
    }


def alias_bomb() -> str:
    """The 'billion laughs': nine levels of nine aliases, 9**9 strings if expanded."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
        prev = name
    return "\n".join(lines) + "\ntitle: T\nevents: *i\n"
