"""Themes: every colour, type size and spacing of every output, read from templates/*.yaml.

A theme file is validated against `SCHEMA` as it is read: wrong types, unknown keys
(with a did-you-mean), bad colours and broken `extends:` chains are one located
line each (`mytheme.yaml:12:9: colors.text: "reddish" is not a colour; ...`).
A theme names the theme it `extends:` (a bundled name or a file beside it) and
overrides only what it names; a theme that names none extends `default`, so a
user theme is never missing a key. The result is a frozen `Theme`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from generator.errors import DataError, ThemeError, Where
from generator.resources import shipped
from generator.yamlnodes import Located, parse, read_text

TEMPLATES = shipped("templates")
BASE = "default"
MARKERS = ("circle", "square", "diamond", "triangle", "hexagon", "star", "bar")
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


# --- the schema ---------------------------------------------------------------------
# A leaf is a kind ("colour", "number", "text", "marker", "style", "size pair"),
# a list of a kind is ("list", kind), a mapping is a dict of keys.

COLOR_KEYS = ("background", "text", "muted", "header_background", "header_text", "header_muted", "axis",
              "card", "card_border", "leader", "era_text")
COLORS = {**{key: "colour" for key in COLOR_KEYS}, "era_fills": ("list", "colour")}
FONT = {"style": "style", "files": ("list", "font file")}
TYPE_ROLES = ("title", "subtitle", "era", "tick", "date", "event_title", "summary", "legend", "footer")
DECK_ROLES = ("cover", "subtitle", "title", "date", "kicker", "summary", "list", "source", "url", "meta",
              "strip", "slide_number", "legend", "quote", "caption", "numeral", "label", "era_band",
              "card_title", "card_date", "tick")
SCHEMA: dict = {
    "name": "text",
    "description": "text",
    "extends": "text",
    "colors": COLORS,
    "paper_colors": COLORS,
    "palette": ("list", "colour"),
    "markers": ("list", "marker"),
    "contrast": {"text": "size", "marks": "size"},
    "fonts": {"heading": FONT, "body": FONT, "deck": {"latin": "text", "east_asian": "text"}},
    "scale": {role: "size" for role in TYPE_ROLES},
    "floors": {"event_title": "size", "text": "size", "minimum": "size"},
    "spacing": {key: "number" for key in ("margin", "card_width", "card_padding", "gap", "line", "radius",
                                          "safe_zone_mm", "crop_mark")},
    "deck": {
        "sizes": {role: "size pair" for role in DECK_ROLES},
        "margin": "number", "icon_tint": "number", "strip_height": "number", "marker": "number",
        "ring": "number",
    },
    "handout": {"scale": "number", "margin_mm": "number", "rule": "number"},
    "slide_handout": {
        "text": "number", "margin_mm": "number", "gap": "number", "rule": "number", "note_step": "number",
        "colors": {"text": "colour", "frame": "colour", "rule": "colour", "slide_back": "colour"},
    },
    "tiles": {
        "label": "number", "title": "number", "text": "number", "cut": "number", "glue": "number",
        "glue_tint": "number",
        "colors": {"ink": "colour", "muted": "colour", "guide": "colour", "label_fill": "colour",
                   "glue": "colour"},
    },
    "sheet": {
        "colors": {"ink": "colour", "muted": "colour", "cell": "colour", "guide": "colour",
                   "background": "colour"},
    },
}


@dataclass(frozen=True)
class Theme:
    """A theme, merged and validated; sizes are points on A0 unless a section says otherwise.

    Mappings are read-only and lists are tuples, so a Theme cannot change once built.
    """

    name: str
    colors: dict
    palette: tuple[str, ...]
    fonts: dict
    scale: dict
    floors: dict
    spacing: dict
    paper_colors: dict = field(default_factory=lambda: MappingProxyType({}))
    markers: tuple[str, ...] = ("circle",)
    contrast: dict = field(default_factory=lambda: MappingProxyType({"text": 4.5, "marks": 3.0}))
    deck: dict = field(default_factory=lambda: MappingProxyType({}))
    handout: dict = field(default_factory=lambda: MappingProxyType({}))
    slide_handout: dict = field(default_factory=lambda: MappingProxyType({}))
    tiles: dict = field(default_factory=lambda: MappingProxyType({}))
    sheet: dict = field(default_factory=lambda: MappingProxyType({}))
    description: str = ""
    source: str = ""
    notes: tuple[str, ...] = ()     # colours this theme asked for that were adjusted to reach its contrast

    def color(self, key: str) -> str:
        return self.colors[key]

    def font_roles(self) -> dict:
        """The text roles with TrueType files to measure and embed (everything but `deck`)."""
        return {role: spec for role, spec in self.fonts.items() if role != "deck"}


def theme_names() -> list[str]:
    """The bundled themes, `default` first."""
    return sorted((p.stem for p in TEMPLATES.glob("*.yaml")), key=lambda name: (name != BASE, name))


def load_theme(name_or_path: str | None = None) -> Theme:
    """Load a bundled theme by name, or a theme file by path; merged over what it extends and validated."""
    ref = name_or_path or BASE
    path = _find(ref, None)
    if path is None:
        raise ThemeError(f'no theme "{ref}" (bundled: {", ".join(theme_names())}; or give a .yaml file)'
                         + _did_you_mean(ref, theme_names()))
    data, names = _load_chain(path, [])
    _check_complete(data, SCHEMA, "", str(path))
    notes = _make_readable(data)
    return _frozen_theme(data, names, path, notes)


# --- reading and merging --------------------------------------------------------------


def _find(ref: str, beside: Path | None) -> Path | None:
    """A theme file: a path (relative to the theme that names it), or a bundled name."""
    candidates = []
    if beside is not None:
        candidates.append(beside / ref)
    candidates += [Path(ref), TEMPLATES / f"{ref}.yaml"]
    for candidate in candidates:
        if candidate.suffix.lower() in (".yaml", ".yml") and candidate.is_file():
            return candidate
    bundled = TEMPLATES / f"{ref}.yaml"
    return bundled if bundled.is_file() else None


def _load_chain(path: Path, seen: list[Path]) -> tuple[dict, list[str]]:
    """The theme at path merged over the themes it extends; (plain data, names along the chain)."""
    tree = _read(path)
    where = Where(str(path))
    if not isinstance(tree.value, dict):
        raise ThemeError(f"{tree.where}: a theme is a YAML mapping of sections (colors, fonts, scale ...)")
    _check(tree, SCHEMA, "", str(path))
    own = _plain(tree)
    resolved = path.resolve()
    parent_ref = own.pop("extends", None)
    if parent_ref is None and resolved != (TEMPLATES / f"{BASE}.yaml").resolve():
        parent_ref = BASE
    if parent_ref is None:
        return own, [own.get("name", path.stem)]
    located = tree.value.get("extends")
    at = located.where if located is not None else where
    parent = _find(str(parent_ref), path.parent)
    if parent is None:
        raise ThemeError(f'{at}: extends: no theme "{parent_ref}" (bundled: {", ".join(theme_names())}; '
                         "or a .yaml file beside this one)")
    chain = seen + [resolved]
    if parent.resolve() in chain:
        loop = " -> ".join(p.name for p in chain + [parent.resolve()])
        raise ThemeError(f"{at}: extends: circular ({loop})")
    base, names = _load_chain(parent, chain)
    return _merge(base, own), [own.get("name", path.stem)] + names


def _read(path: Path) -> Located:
    try:
        return parse(read_text(path), str(path))
    except DataError as exc:
        raise ThemeError(str(exc.problems[0]) if exc.problems else str(exc)) from None


def _plain(node):
    if not isinstance(node, Located):
        return node
    if isinstance(node.value, dict):
        return {key: _plain(value) for key, value in node.value.items()}
    if isinstance(node.value, list):
        return [_plain(value) for value in node.value]
    return node.value


def _merge(base: dict, over: dict) -> dict:
    """base with over's keys replacing it; mappings merge key by key, lists are replaced whole."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


# --- validation ----------------------------------------------------------------------


def _check(node: Located, schema, path: str, name: str) -> None:
    """Raise ThemeError at the first value that does not match the schema."""
    if isinstance(schema, dict):
        if not isinstance(node.value, dict):
            raise _bad(node.where, path, f"should be a mapping of {_listing(schema)}, not {_kind(node.value)}")
        for key, value in node.value.items():
            here = f"{path}.{key}" if path else key
            if key not in schema:
                where = node.keys.get(key, node.where)
                raise _bad(where, here, f"unknown key{_did_you_mean(key, list(schema))} "
                                        f"(known here: {_listing(schema)})")
            _check(value, schema[key], here, name)
        return
    if isinstance(schema, tuple):
        if not isinstance(node.value, list):
            raise _bad(node.where, path, f"should be a list of {_plural(schema[1])}, not {_kind(node.value)}")
        if not node.value:
            raise _bad(node.where, path, f"should list at least one {schema[1]}")
        for index, item in enumerate(node.value):
            _check(item, schema[1], f"{path}[{index}]", name)
        return
    node.value = _leaf(node, schema, path, Path(name).parent)


def _leaf(node: Located, kind: str, path: str, beside: Path | None = None):
    value = node.value
    if kind == "colour":
        color = parse_color(value)
        if color is None:
            raise _bad(node.where, path, f"{_show(value)} is not a colour; use #RRGGBB or a CSS name")
        return color
    if kind in ("number", "size"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            raise _bad(node.where, path, f"{_show(value)} is not a number")
        if value < 0 or (kind == "size" and value == 0):
            raise _bad(node.where, path, f"{value} is {'negative' if value < 0 else 'zero'}; "
                                         f"{'type sizes are above 0' if kind == 'size' else 'spacings are 0 or more'}")
        if value > 10_000:
            raise _bad(node.where, path, f"{value} is too large (at most 10000 points)")
        return float(value)
    if kind == "font file":
        return _font_file(node, path, beside)
    if kind == "size pair":
        if (not isinstance(value, list) or len(value) != 2
                or not all(isinstance(v.value, (int, float)) and not isinstance(v.value, bool) for v in value)):
            raise _bad(node.where, path, "should be [start, floor]: two numbers of points")
        start, floor = (float(v.value) for v in value)
        if not 0 < floor <= start:
            raise _bad(node.where, path, f"[{start:g}, {floor:g}]: the floor must be above 0 and at most the start")
        return [start, floor]
    if kind == "marker":
        if value not in MARKERS:
            raise _bad(node.where, path, f"{_show(value)} is not a marker shape{_did_you_mean(str(value), MARKERS)}"
                                         f" ({', '.join(MARKERS)})")
        return value
    if kind == "style":
        if value not in ("regular", "bold"):
            raise _bad(node.where, path, f"{_show(value)} is not a font style (regular or bold)")
        return value
    if not isinstance(value, str) or not value.strip():
        raise _bad(node.where, path, f"{_show(value)} should be a non-empty text")
    return value


def _font_file(node: Located, path: str, beside: Path | None) -> str:
    """A font file named by a theme: a path (relative to the theme file) or a file name in the font folders."""
    from generator.fonts import installed_fonts
    value = node.value
    if not isinstance(value, str) or not value.strip():
        raise _bad(node.where, path, f"{_show(value)} should be a font file name or path")
    if not value.lower().endswith((".ttf", ".ttc")):
        raise _bad(node.where, path, f'"{value}" is not a TrueType file (.ttf or .ttc)')
    candidate = Path(value) if Path(value).is_absolute() or beside is None else beside / value
    if candidate.is_file():
        return str(candidate.resolve())
    if value in installed_fonts():
        return value
    raise _bad(node.where, path, f'no font file "{value}" beside the theme or in the font folders')


def _check_complete(data: dict, schema: dict, path: str, name: str) -> None:
    """Every key of the schema is present once the chain is merged (only `default` can lack one)."""
    optional = {"name", "description", "extends", "files"}
    for key, sub in schema.items():
        here = f"{path}.{key}" if path else key
        if key in optional:
            continue
        if key not in data:
            raise ThemeError(f"{name}: {here}: missing (add it, or `extends:` a theme that has it)")
        if isinstance(sub, dict):
            _check_complete(data[key], sub, here, name)


def _bad(where: Where, path: str, message: str) -> ThemeError:
    return ThemeError(f"{where}: {path}: {message}" if path else f"{where}: {message}")


def _did_you_mean(word: str, options) -> str:
    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""


def _listing(schema: dict) -> str:
    keys = list(schema)
    return ", ".join(keys[:8]) + (" ..." if len(keys) > 8 else "")


def _plural(kind: str) -> str:
    return {"colour": "colours", "marker": "marker shapes", "text": "texts"}.get(kind, kind + "s")


def _kind(value) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return _show(value)


def _show(value) -> str:
    if isinstance(value, (dict, list)):
        return _kind(value)
    if isinstance(value, str):
        return f'"{value}"'
    return "nothing" if value is None else str(value)


# --- colours ---------------------------------------------------------------------------


def parse_color(value) -> str | None:
    """#RRGGBB, #RGB or a CSS colour name as "#RRGGBB" (upper case); None if it is none of these."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _HEX.match(text):
        digits = text[1:]
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return "#" + digits.upper()
    from PIL import ImageColor       # the CSS colour names (Pillow's table is the CSS list)
    name = text.lower()
    if name not in ImageColor.colormap:
        return None
    r, g, b = ImageColor.getrgb(name)[:3]      # the table's values may be cached tuples: ask getrgb
    return f"#{r:02X}{g:02X}{b:02X}"


# --- contrast -------------------------------------------------------------------------


def _pairs(data: dict) -> list[tuple[str, str, tuple[str, ...], str]]:
    """(section, key, backgrounds it is drawn on, "text" or "marks") for every theme colour that must read."""
    pairs = []
    for section in ("colors", "paper_colors"):
        c = data[section]
        pairs += [(section, key, (c["background"], c["card"]), "text") for key in ("text", "muted")]
        pairs += [(section, key, (c["header_background"],), "text") for key in ("header_text", "header_muted")]
        pairs += [(section, "era_text", tuple(c["era_fills"]), "text"),
                  (section, "axis", (c["background"],), "marks"), (section, "leader", (c["background"],), "marks")]
    paper = data["paper_colors"]["background"]
    pairs += [("slide_handout.colors", "text", (paper, data["slide_handout"]["colors"]["slide_back"]), "text")]
    tiles = data["tiles"]["colors"]
    pairs += [("tiles.colors", key, (paper, tiles["label_fill"]), "text") for key in ("ink", "muted")]
    sheet = data["sheet"]["colors"]
    pairs += [("sheet.colors", key, (sheet["background"], sheet["cell"]), "text") for key in ("ink", "muted")]
    return pairs


def _section(data: dict, dotted: str) -> dict:
    for part in dotted.split("."):
        data = data[part]
    return data


def _make_readable(data: dict) -> tuple[str, ...]:
    """Adjust, in lightness only, every theme colour below the theme's contrast; say what changed."""
    from generator.colors import contrast, readable, worst
    notes = []
    for section, key, backgrounds, kind in _pairs(data):
        colors = _section(data, section)
        need = data["contrast"][kind]
        color = colors[key]
        fixed = readable(color, tuple(backgrounds), need)
        if fixed != color:
            behind = min(backgrounds, key=lambda b: contrast(color, b))
            notes.append(f"{section}.{key}: {color} has {worst(color, backgrounds):.2f}:1 on {behind} "
                         f"(needs {need:g}:1); drawn as {fixed} ({worst(fixed, backgrounds):.2f}:1)")
            colors[key] = fixed
    return tuple(notes)


# --- freezing ---------------------------------------------------------------------------


def _frozen(value):
    if isinstance(value, dict):
        return MappingProxyType({key: _frozen(v) for key, v in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _frozen_theme(data: dict, names: list[str], path: Path, notes: tuple[str, ...] = ()) -> Theme:
    paper = data["paper_colors"]
    return Theme(str(data.get("name", path.stem)), _frozen(data["colors"]), _frozen(data["palette"]),
                 _frozen(data["fonts"]), _frozen(data["scale"]), _frozen(data["floors"]), _frozen(data["spacing"]),
                 paper_colors=_frozen(paper), markers=_frozen(data["markers"]), contrast=_frozen(data["contrast"]), deck=_frozen(data["deck"]),
                 handout=_frozen(data["handout"]), slide_handout=_frozen(data["slide_handout"]),
                 tiles=_frozen(data["tiles"]), sheet=_frozen(data["sheet"]),
                 description=str(data.get("description", "")), source=str(path), notes=notes)
