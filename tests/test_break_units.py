"""Line-break units: pieces segmented on their own give exactly what the UAX #14 segmenter gives the whole text."""

from __future__ import annotations

import random

import synthetic
from uniseg.linebreak import line_break_units

from generator import scripts


def whole(text: str) -> list[str]:
    units = list(line_break_units(text))
    return scripts._thai_words(units) if scripts._THAI.search(text) else units


def test_units_match_the_segmenter_on_the_whole_text():
    data = synthetic.long_titles(200)
    texts = [e["title"] for e in data["events"]] + [e["summary"] for e in data["events"]]
    rng = random.Random(1)
    alphabet = list("ab1 (!)-,.?'\"「」、。東京ไทย가나١٢ـ%$€/") + ["  ", "well-known ", "x (", " )", "9 ", " 1"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 25))) for _ in range(2000)]
    for text in texts:
        assert scripts.break_units(text, "ja") == whole(text), text
        assert "".join(scripts.break_units(text, "en")) == text
