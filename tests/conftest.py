"""Shared fixtures: a Click test runner and a helper that writes data files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_DATA = ROOT / "data" / "container-history.yaml"
SCHEMA_PATH = ROOT / "generator" / "timeline.schema.json"


@pytest.fixture
def runner() -> CliRunner:
    """A Click CliRunner for invoking `generator.cli.main` in-process."""
    return CliRunner()


@pytest.fixture
def write_yaml(tmp_path):
    """Return `write(text, name="data.yaml")`: dedent text, write it as UTF-8 in tmp_path, return the path.

    `text` may also be bytes (written as they are, for encoding tests).
    """

    def write(text: str | bytes, name: str = "data.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def bundled_data() -> Path:
    """The container-history data file shipped in data/."""
    return BUNDLED_DATA


@pytest.fixture(scope="session")
def theme():
    """The default theme."""
    from generator.theme import load_theme
    return load_theme()


@pytest.fixture(scope="session")
def fonts(theme):
    """The default theme's fonts, resolved on this machine."""
    from generator.fonts import resolve
    return resolve(theme.font_roles())


@pytest.fixture(scope="session")
def style():
    """The default theme's Style (fonts resolved on this machine); add a timeline's icons with `with_icons`."""
    from generator.style import load_style
    return load_style()
