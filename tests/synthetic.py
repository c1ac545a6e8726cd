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
