"""Themes: colours, font roles, type scale and spacing, read from templates/*.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.errors import ThemeError
from generator.resources import shipped

TEMPLATES = shipped("templates")
REQUIRED = ("colors", "palette", "fonts", "scale", "floors", "spacing")


@dataclass(frozen=True)
class Theme:
    """A theme as read from YAML; sizes are points on A0."""

    name: str
    colors: dict
    palette: tuple[str, ...]
    fonts: dict
    scale: dict
    floors: dict
    spacing: dict

    def color(self, key: str) -> str:
        return self.colors[key]

    def font_roles(self) -> dict:
        """The text roles with TrueType files to measure and embed (everything but `deck`)."""
        return {role: spec for role, spec in self.fonts.items() if role != "deck"}


def theme_names() -> list[str]:
    return sorted(p.stem for p in TEMPLATES.glob("*.yaml"))


def load_theme(name_or_path: str | None = None) -> Theme:
    """Load a bundled theme by name, or a theme file by path."""
    ref = name_or_path or "default"
    path = Path(ref)
    if not path.is_file():
        path = TEMPLATES / f"{ref}.yaml"
    if not path.is_file():
        raise ThemeError(f'no theme "{ref}" (bundled: {", ".join(theme_names())}; or give a .yaml file)')
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ThemeError(f"{path}: not a readable theme: {exc}".splitlines()[0]) from None
    if not isinstance(data, dict):
        raise ThemeError(f"{path}: a theme is a YAML mapping")
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise ThemeError(f"{path}: missing {', '.join(missing)}")
    return Theme(str(data.get("name", path.stem)), data["colors"], tuple(data["palette"]),
                 data["fonts"], data["scale"], data["floors"], data["spacing"])
