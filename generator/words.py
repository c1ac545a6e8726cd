"""The furniture words (Overview, Sources, page N of M, legend and tile instructions) in the reader's language.

One gettext catalog: `generator/catalog/LANG.po`, read with Babel; each message's
context (msgctxt) is the key the code asks for and its msgid the English text.
A language with no catalog gets English words (`Words.english` says so, for the
command line to tell the user once).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from babel.messages.pofile import read_po

from generator.errors import ThemeError

CATALOG = Path(__file__).resolve().parent / "catalog"


@dataclass(frozen=True)
class Words:
    """The furniture words for one language; `english` when the language has no catalog."""

    lang: str
    table: Mapping[str, str]
    english: bool = False

    def __getitem__(self, key: str) -> str:
        return self.table[key]

    def format(self, key: str, **values) -> str:
        return self.table[key].format(**values)

    @property
    def steps(self) -> list[str]:
        """The tiled poster's assembly steps, in order."""
        return [self.table[f"step{i}"] for i in range(1, 6)]


@lru_cache(maxsize=None)
def _table(stem: str) -> Mapping[str, str] | None:
    """One language's table, read from its .po file when first asked for; None if there is none."""
    path = CATALOG / f"{stem}.po"
    if not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            po = read_po(handle)
    except (OSError, ValueError) as exc:
        raise ThemeError(f"{path}: cannot read the message catalog ({exc})") from None
    return MappingProxyType({m.context: (m.string or m.id) for m in po if m.id and m.context})


@lru_cache(maxsize=1)
def _english() -> Mapping[str, str]:
    """English: en.po, else the msgids of the first catalog."""
    english = _table("en")
    if english is not None:
        return english
    first = min(CATALOG.glob("*.po"))
    try:
        with first.open("rb") as handle:
            po = read_po(handle)
    except (OSError, ValueError) as exc:
        raise ThemeError(f"{first}: cannot read the message catalog ({exc})") from None
    return MappingProxyType({m.context: m.id for m in po if m.id and m.context})


def catalog() -> Mapping[str, Mapping[str, str]]:
    """Every language's table (English from en.po, or the msgids); each file is read once, when first needed."""
    return MappingProxyType({lang: _english() if lang == "en" else _table(lang) for lang in languages()})


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """The languages with a catalog (and English, whose words are the msgids)."""
    stems = {path.stem for path in CATALOG.glob("*.po")}
    return tuple(sorted(stems | {"en"})) if stems else ()


def _language(stem: str) -> Mapping[str, str] | None:
    if stem not in languages():
        return None
    return _english() if stem == "en" else _table(stem)


@lru_cache(maxsize=64)
def words(lang: str) -> Words:
    """The words for a language code ('pt-BR' finds 'pt'; 'zh-Hant' finds 'zh'); English when there are none."""
    base = lang.replace("_", "-").split("-")[0].lower()
    table = _language(lang) or _language(base)
    if table is None:
        return Words(lang, _english(), english=base != "en")
    return Words(lang, MappingProxyType({**_english(), **table}))


def fallback_note(lang: str) -> str | None:
    """What to tell the user when a language's furniture words fall back to English."""
    if not words(lang).english:
        return None
    return (f'note: no furniture words (Overview, Sources, page N of M ...) for "{lang}"; they are in English. '
            f"Catalogs: {', '.join(languages())} (generator/catalog/LANG.po)")
