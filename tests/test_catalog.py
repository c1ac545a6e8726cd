"""The furniture-word catalogs (generator/catalog/LANG.po): complete in every shipped language, valid gettext."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from babel.messages.pofile import read_po

from generator.words import CATALOG, languages, words

FIELD = re.compile(r"\{(\w+)\}")


def messages(lang: str):
    with (CATALOG / f"{lang}.po").open("rb") as handle:
        return [m for m in read_po(handle) if m.id]


def test_every_language_ships_with_its_catalog():
    assert {"en", "ko", "ja", "zh", "de", "fr", "es", "ar"} <= set(languages())


@pytest.mark.parametrize("lang", sorted(path.stem for path in CATALOG.glob("*.po")))
def test_no_key_is_empty_and_every_translation_keeps_its_fields(lang):
    english = {m.context: m.id for m in messages("en")}
    found = {m.context: m.string for m in messages(lang)}
    assert set(found) == set(english), f"{lang}.po has other keys than en.po"
    empty = sorted(key for key, text in found.items() if not text.strip())
    assert not empty, f"{lang}.po leaves these keys empty: {', '.join(empty)}"
    for key, text in found.items():
        assert sorted(FIELD.findall(text)) == sorted(FIELD.findall(english[key])), (lang, key, text)
    if lang != "en":       # the words the deck asks for are the language's own, not English
        table = words(lang)
        assert table["before"] != "Before" and table["context"] != "Context"


@pytest.mark.parametrize("lang", sorted(path.stem for path in CATALOG.glob("*.po")))
def test_gettext_accepts_every_catalog(lang, tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (gettext) is not installed")
    result = subprocess.run([msgfmt, "--check-format", "-o", str(tmp_path / "out.mo"), str(CATALOG / f"{lang}.po")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
