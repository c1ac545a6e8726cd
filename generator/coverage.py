"""Characters no installed font can draw, found before anything is laid out.

`check` and every output run the same test, so a timeline that checks clean
builds, and one that cannot build fails with the same located message:
`FILE:LINE:COL: events[3].title: no installed font has the character ...`.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from generator import scripts
from generator.errors import Problem, Where
from generator.fonts import (CHINESE, HANGUL, JAPANESE, LATIN, NOTO, FontSet, cmap, emoji_font, installed_fonts,
                             missing_message)
from generator.model import LocalText, Timeline


def text_fields(timeline: Timeline):
    """(field path, LocalText, position of its item, context) for every text a reader sees."""
    yield "title", timeline.title, None, ""
    if timeline.subtitle is not None:
        yield "subtitle", timeline.subtitle, None, ""
    for i, category in enumerate(timeline.categories):
        yield f"categories[{i}].label", category.label, category.where, f"category {category.id}"
    for i, era in enumerate(timeline.eras):
        yield f"eras[{i}].label", era.label, era.where, f"era {era.id}"
    for i, event in enumerate(timeline.events):
        for name in ("title", "summary", "display_date"):
            value = getattr(event, name)
            if value is not None:
                yield f"events[{i}].{name}", value, event.where, f"event {event.id}"
    for i, source in enumerate(timeline.sources):
        yield f"sources[{i}].title", LocalText.of(source.title), source.where, f"source {source.id}"


def missing_characters(timeline: Timeline, fonts: FontSet | None = None,
                       languages: tuple[str, ...] | None = None) -> list[Problem]:
    """One located problem per character (or emoji cluster) that no installed font has.

    With `fonts` (a build) the layout's own font chains decide; without (`check`, which
    stays free of ReportLab) the installed TrueType files' character maps, read by HarfBuzz.
    """
    source = _source_lines(timeline.path)
    problems: list[Problem] = []
    seen: set[str] = set()
    any_font = _AnyInstalledFont()
    for lang in languages or timeline.languages:
        chain = fonts.chain("body", lang) if fonts is not None else any_font
        drawable: set[str] = set()          # each unit is looked up once per language
        done: set[str] = set()              # a text met again holds no unit not already decided
        for path, text, where, context in text_fields(timeline):
            value = text.get(lang)
            if value in done:
                continue
            done.add(value)
            for unit in _units(value):
                if unit in seen or unit in drawable:
                    continue
                if _drawable(unit, chain):
                    drawable.add(unit)
                    continue
                seen.add(unit)
                problems.append(Problem(_locate(unit, source, timeline.path, where), path,
                                        missing_message(unit, lang, context)))
    return problems


def undrawable(text: str, chain, known: dict[str, bool] | None = None) -> list[str]:
    """The characters (or emoji clusters) of text that no face of chain, nor the emoji font, can draw.

    `known` (unit -> drawable), kept by the caller for one chain, spares looking a unit up twice.
    """
    if known is None:
        return [unit for unit in dict.fromkeys(_units(text)) if not _drawable(unit, chain)]
    found = []
    for unit in dict.fromkeys(_units(text)):
        drawable = known.get(unit)
        if drawable is None:
            drawable = known[unit] = _drawable(unit, chain)
        if not drawable:
            found.append(unit)
    return found


def _units(text: str) -> list[str]:
    if not text or text.isascii():
        return []
    if scripts.might_have_emoji(text):
        return [u for u in scripts.clusters(text) if not u.isascii()]
    return sorted(set(text).difference(_ASCII))


_ASCII = frozenset(map(chr, range(128)))


def _drawable(unit: str, chain) -> bool:
    if scripts.is_emoji_cluster(unit):
        font = emoji_font()
        if font is not None and font.covers(unit):
            return True
    for char in unit:
        if unicodedata.category(char) in ("Mn", "Me", "Cf", "Zs", "Cc") or char in "\u200d\ufe0f":
            continue
        if chain.face_for(char) is None:
            return False
    return True


class _AnyInstalledFont:
    """Coverage without parsing fonts for drawing: the usual files first, then every installed one."""

    USUAL = [name for group in (LATIN, HANGUL, JAPANESE, CHINESE, NOTO) for name in group["regular"]]

    def __init__(self):
        self._found: dict[str, str | None] = {}
        self._paths: list[str] | None = None

    def face_for(self, char: str):
        if char not in self._found:
            code = ord(char)
            self._found[char] = next((path for path in self._search_order() if code in cmap(path)), None)
        return self._found[char]

    def _search_order(self) -> list[str]:
        if self._paths is None:
            table = installed_fonts()
            usual = [table[n] for n in self.USUAL if n in table]
            noto = [path for name, path in table.items()
                    if name.startswith("NotoSans") and name.endswith("-Regular.ttf")]
            self._paths = [str(path) for path in usual + noto + [table[n] for n in sorted(table)]]
        return self._paths


def _source_lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8-sig").splitlines() if path else []
    except (OSError, ValueError):       # a spreadsheet (.xlsx) is no text to point into
        return []


def _locate(unit: str, lines: list[str], path: str, where: Where | None) -> Where:
    """The unit's first position in the file at or after the item's line (else anywhere)."""
    start = (where.line - 1) if where is not None and where.line else 0
    for first in (start, 0):
        for number in range(first, len(lines)):
            column = lines[number].find(unit)
            if column >= 0:
                return Where(path, number + 1, column + 1)
    return where or Where(path or "<data>")
