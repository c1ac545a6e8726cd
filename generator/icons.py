"""Icons: the bundled set and the user's own files, loaded safely into outlines or pictures.

A vector icon (SVG) becomes a tuple of `Outline`s in a unit box (0..1, y down),
each with its fill rule, so every renderer can draw it as vector paths in any
colour. A raster icon (PNG, JPEG) stays a file reference; `raster_for_print`
makes a downscaled copy sized for print. Everything unsafe or unreadable is
refused with an `IconError` whose message is one line.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import math
import os
import re
import tempfile
import warnings
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from xml.parsers import expat

import yaml

from generator import cache, scene
from generator.resources import shipped
from generator.yamlnodes import plain as plain_yaml
from generator.errors import IconError

ASSETS_ENV = "TIMELINE_ASSETS"
SVG_SUFFIXES = frozenset({".svg"})
RASTER_SUFFIXES = frozenset({".png", ".jpg", ".jpeg"})
MAX_PIXELS = 40_000_000
MAX_SVG_BYTES = 2_000_000
# Limits checked by the first (expat) pass, before any geometry is built.
MAX_SVG_ELEMENTS = 20_000        # elements in the file
MAX_SVG_EXPANDED = 20_000        # elements once every <use> is expanded
MAX_SVG_DEPTH = 64               # element nesting (and <use> chains)
MAX_SVG_NUMBERS = 250_000        # numbers in path data and points (about 40,000 curve segments)
MAX_SVG_EXTENT = 1e7             # width, height and viewBox values
_NUMBER = re.compile(rb"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_EXTERNAL_URL = re.compile(r"url\(\s*(?![\"']?\s*#)", re.IGNORECASE)
_REFUSED_ELEMENTS = {"image": "an <image>", "script": "a <script>", "foreignObject": "a <foreignObject>"}


@dataclass(frozen=True)
class IconInfo:
    """A bundled icon's name and the words it can be found by."""

    name: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outline:
    """One filled shape of a vector icon: commands in the unit box and its fill rule."""

    commands: tuple[tuple, ...]
    fill_rule: str = "nonzero"


@dataclass(frozen=True)
class Icon:
    """A loaded icon: vector outlines, or a raster file with its pixel size and mode."""

    ref: str
    source: Path
    outlines: tuple[Outline, ...] = ()
    aspect: float = 1.0
    pixel_size: tuple[int, int] = (0, 0)
    mode: str = ""

    @property
    def is_vector(self) -> bool:
        return bool(self.outlines)


# --- the bundled set ---------------------------------------------------------------


def assets_dir() -> Path:
    """The assets folder: $TIMELINE_ASSETS if set, else the shipped `assets/`."""
    override = os.environ.get(ASSETS_ENV)
    if override:
        return Path(override).expanduser().resolve()
    return shipped("assets")


def icons_dir() -> Path:
    """The folder holding the bundled SVG icons and their index.yaml."""
    return assets_dir() / "icons"


def bundled_icons() -> list[IconInfo]:
    """Every bundled icon listed in index.yaml, in the file's order."""
    return list(_read_index(icons_dir()))


@lru_cache(maxsize=4)
def _read_index(folder: Path) -> tuple[IconInfo, ...]:
    index = folder / "index.yaml"
    try:
        data = plain_yaml(index.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise IconError(f"cannot read the bundled icon index {index}: {err}") from None
    entries = data.get("icons") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise IconError(f"{index}: expected a list under 'icons'")
    return tuple(_index_entry(entry, index) for entry in entries)


def _index_entry(entry: object, index: Path) -> IconInfo:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise IconError(f"{index}: every entry needs a name, got {entry!r}")
    keywords = entry.get("keywords") or []
    return IconInfo(entry["name"], tuple(str(k) for k in keywords))


def bundled_names() -> list[str]:
    """The names of the bundled icons."""
    return [info.name for info in bundled_icons()]


# --- loading -----------------------------------------------------------------------


def load_icon(ref: str, base_dir: Path | None, allow_outside: bool = False,
              max_pixels: int = MAX_PIXELS) -> Icon:
    """Load a bundled icon by name, or an .svg/.png/.jpg file relative to base_dir.

    base_dir is the data file's folder (the current folder if None); files that
    resolve outside it are refused unless allow_outside. Raises IconError for a
    missing, unknown, unsafe, oversized or unreadable icon.
    """
    ref = ref.strip()
    if not ref:
        raise IconError("icon: empty icon name")
    if _URL.match(ref) and not re.match(r"^[a-z]:[\\/]", ref, re.IGNORECASE):
        raise IconError(f'icon "{ref}": web addresses are not icons; download the file and give its path')
    if _is_bundled_name(ref):
        return _load_bundled(ref)
    path = _resolve(ref, base_dir, allow_outside)
    return _load_file(ref, path, max_pixels)


def check_icon(ref: str, base_dir: Path | None, allow_outside: bool = False) -> str | None:
    """The reason an icon cannot be used, or None if it loads."""
    try:
        load_icon(ref, base_dir, allow_outside)
    except IconError as err:
        return str(err)
    return None


def _is_bundled_name(ref: str) -> bool:
    """A ref without a folder or a file extension names a bundled icon."""
    return not any(mark in ref for mark in ("/", "\\", "."))


def _load_bundled(name: str) -> Icon:
    names = bundled_names()
    if name not in names:
        raise IconError(f'icon "{name}": no bundled icon has this name{_did_you_mean(name.lower(), names)}'
                        " (or give a file path ending in .svg, .png or .jpg)")
    return _load_file(name, icons_dir() / f"{name}.svg", MAX_PIXELS)


def _did_you_mean(name: str, names: list[str]) -> str:
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    return f"; did you mean {', '.join(close)}?" if close else ""


def _resolve(ref: str, base_dir: Path | None, allow_outside: bool) -> Path:
    base = Path(base_dir or Path.cwd()).resolve()
    path = (base / Path(ref)).resolve()
    if not allow_outside and not path.is_relative_to(base):
        raise IconError(f'icon "{ref}": the file is outside the data folder {base};'
                        " move it inside or pass --allow-outside-assets")
    suffix = path.suffix.lower()
    if suffix not in SVG_SUFFIXES | RASTER_SUFFIXES:
        raise IconError(f'icon "{ref}": "{suffix or "no extension"}" files are not supported;'
                        " use .svg, .png, .jpg or .jpeg")
    if not path.is_file():
        raise IconError(f'icon "{ref}": file not found ({path})')
    return path


@lru_cache(maxsize=512)
def _parse_file(path: Path, max_pixels: int) -> Icon:
    if path.suffix.lower() in SVG_SUFFIXES:
        return _load_svg(path)
    return _load_raster(path, max_pixels)


def clear_caches() -> None:
    """Forget icons read in this process (for `timeline watch`, after an icon file changed)."""
    _parse_file.cache_clear()
    _read_index.cache_clear()


def _load_file(ref: str, path: Path, max_pixels: int) -> Icon:
    """Parse a file once per process; errors are prefixed with the ref as the user wrote it."""
    try:
        icon = _parse_file(path, max_pixels)
    except IconError as err:
        raise IconError(f'icon "{ref}": {err}') from None
    return replace(icon, ref=ref)


# --- raster files ------------------------------------------------------------------


def _load_raster(path: Path, max_pixels: int) -> Icon:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                _check_pixels(im.size, max_pixels)
                kind, size, mode = im.format, _upright_size(im), im.mode
            with Image.open(path) as im:
                im.verify()  # chunk checksums and structure, without decoding pixels
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise IconError(f"the image is too large (more than {max_pixels / 1e6:g} megapixels)") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise IconError("not a readable PNG or JPEG image") from None
    if kind not in ("PNG", "JPEG"):
        raise IconError(f"the file is a {kind} image; use PNG or JPEG")
    return Icon(path.name, path, aspect=size[0] / size[1], pixel_size=size, mode=mode)


def _upright_size(im) -> tuple[int, int]:
    """The picture's size once its EXIF orientation is applied (phone photos are often turned).

    Only JPEG keeps EXIF in its header; reading it from a PNG would decode the pixels.
    """
    turned = im.format == "JPEG" and im.getexif().get(0x0112) in (5, 6, 7, 8)
    return (im.height, im.width) if turned else im.size


def _check_pixels(size: tuple[int, int], max_pixels: int) -> None:
    width, height = size
    if width < 1 or height < 1:
        raise IconError("the image has no pixels")
    if width * height > max_pixels:
        raise IconError(f"{width}x{height} pixels is more than the {max_pixels / 1e6:g} megapixel limit")


def raster_for_print(icon: Icon, target_px: int) -> Path:
    """A copy of a raster icon at most target_px on its longer side, RGB or RGBA.

    Never upscales. The scaled bytes are kept in the user's verified cache
    (`generator.cache`), keyed by the file's content and the size; the file returned
    is in this process's private folder, so the same input gives the same path.
    """
    if icon.is_vector:
        raise IconError(f'icon "{icon.ref}": a vector icon has no raster copy')
    return scaled_copy(icon.source, target_px, icon.ref)


def scaled_copy(source: Path, target_px: int, ref: str = "") -> Path:
    """A copy of the picture at source at most target_px on its longer side (cached; see raster_for_print)."""
    source = Path(source)
    ref = ref or source.name
    try:
        data = source.read_bytes()
    except OSError as err:
        raise IconError(f'icon "{ref}": cannot read the picture: {err.strerror or err}') from None
    target_px = max(1, int(target_px))
    suffix = ".jpg" if source.suffix.lower() in (".jpg", ".jpeg") else ".png"
    key = (hashlib.sha256(data).hexdigest(), target_px, suffix)
    scaled = cache.load("scaled-picture", key)
    if not isinstance(scaled, bytes):
        scaled = _scaled_bytes(data, suffix, target_px, ref)
        cache.store("scaled-picture", key, scaled)
    return _private_file(scaled, suffix)


def _private_file(data: bytes, suffix: str) -> Path:
    """data as a file the renderers can open: in this process's own folder (mode 0700), named by its hash.

    The user cache (`generator.cache`) keeps and verifies the bytes; the file handed on
    is never in a shared or predictable place, so nobody else can swap it.
    """
    out = _private_dir() / f"{hashlib.sha256(data).hexdigest()[:40]}{suffix}"
    if not out.exists():
        handle, temp = tempfile.mkstemp(dir=out.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temp, out)
    return out


@lru_cache(maxsize=1)
def _private_dir() -> Path:
    import atexit
    folder = Path(tempfile.mkdtemp(prefix="timeline-pictures-"))   # mode 0700
    atexit.register(_remove_own, folder, os.getpid())
    return folder


def _remove_own(folder: Path, owner: int) -> None:
    """Remove the pictures' folder at exit, in the process that made it only: a forked copy that exits
    normally would otherwise take it from the process still using it."""
    if os.getpid() == owner:
        import shutil
        shutil.rmtree(folder, True)


def _scaled_bytes(data: bytes, suffix: str, target_px: int, ref: str) -> bytes:
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as im:
            im = _print_mode(ImageOps.exif_transpose(im))
            scale = target_px / max(im.size)
            if scale < 1:
                size = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
                im = im.resize(size, Image.Resampling.LANCZOS)
            out = io.BytesIO()
            if suffix == ".jpg":
                im.save(out, "JPEG", quality=92, optimize=True)
            else:
                im.save(out, "PNG", optimize=True)
            return out.getvalue()
    except OSError as err:
        raise IconError(f'icon "{ref}": cannot prepare the image for print: {err}') from None


def _print_mode(im):
    """RGBA if the picture has transparency, else RGB."""
    has_alpha = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
    return im.convert("RGBA" if has_alpha else "RGB")


# --- SVG files ---------------------------------------------------------------------


def _load_svg(path: Path) -> Icon:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_SVG_BYTES + 1)
    except OSError as err:
        raise IconError(f"cannot read the SVG: {err.strerror or err}") from None
    if len(data) > MAX_SVG_BYTES:
        raise IconError(f"the SVG is larger than {MAX_SVG_BYTES // 1_000_000} MB")
    root = _check_svg(data)
    key = (hashlib.sha256(data).hexdigest(), 1)
    known = cache.load("svg", key)
    if known is not None:
        outlines, aspect = tuple(Outline(commands, rule) for commands, rule in known[0]), known[1]
    else:
        outlines, aspect = _svg_outlines(data, root)
        cache.store("svg", key, (tuple((o.commands, o.fill_rule) for o in outlines), aspect))
    return Icon(path.name, path, outlines=outlines, aspect=aspect)


class _SvgScan:
    """One expat pass over an SVG: checks well-formedness and refuses unsafe content."""

    def __init__(self):
        self.root: dict[str, str] | None = None
        self.root_tag = ""
        self.in_style = 0
        self.children: list[list[int]] = [[]]    # element 0 is a virtual document node
        self.stack = [0]
        self.ids: dict[str, int] = {}
        self.uses: dict[int, str] = {}             # element -> the id its <use> points to
        self.numbers = 0

    def refuse(self, why: str) -> None:
        raise IconError(f"the SVG {why}")

    def doctype(self, *args) -> None:
        self.refuse("declares a DOCTYPE or ENTITY, which is not allowed")

    def instruction(self, target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet":
            self.refuse("links a stylesheet, which is not allowed")

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name = tag.rsplit(" ", 1)[-1]
        if self.root is None:
            self.root, self.root_tag = attrs, name
            self.viewport(attrs)
        if name in _REFUSED_ELEMENTS:
            self.refuse(f"contains {_REFUSED_ELEMENTS[name]} element, which is not allowed")
        self.in_style += name == "style"
        self.count(name, attrs)
        for key, value in attrs.items():
            self.attribute(key.rsplit(" ", 1)[-1], value)

    def count(self, name: str, attrs: dict[str, str]) -> None:
        """Track the element tree, ids and <use> links, and refuse files past the limits."""
        node = len(self.children)
        if node > MAX_SVG_ELEMENTS:
            self.refuse(f"has more than {MAX_SVG_ELEMENTS:,} elements")
        if len(self.stack) > MAX_SVG_DEPTH:
            self.refuse(f"nests elements more than {MAX_SVG_DEPTH} deep")
        self.children.append([])
        self.children[self.stack[-1]].append(node)
        self.stack.append(node)
        plain = {key.rsplit(" ", 1)[-1]: value for key, value in attrs.items()}
        if "id" in plain:
            self.ids.setdefault(plain["id"].strip(), node)
        if name == "use" and plain.get("href", "").strip().startswith("#"):
            self.uses[node] = plain["href"].strip()[1:]
        for key in ("d", "points"):
            if key in plain:
                self.numbers += len(_NUMBER.findall(plain[key].encode("utf-8", "replace")))
        if self.numbers > MAX_SVG_NUMBERS:
            self.refuse(f"has more than {MAX_SVG_NUMBERS:,} numbers in its paths; simplify it")

    def viewport(self, attrs: dict[str, str]) -> None:
        """Refuse a root size or viewBox that is not a finite, sensible number."""
        for key, value in attrs.items():
            if key.rsplit(" ", 1)[-1] in ("viewBox", "width", "height"):
                for number in _NUMBER.findall(value.encode("utf-8", "replace")):
                    if not abs(float(number)) <= MAX_SVG_EXTENT:
                        self.refuse(f'has a size or viewBox out of range ("{value[:40]}")')

    def expanded(self) -> int:
        """The element count once every <use> is expanded (refusing cycles), without expanding it."""
        sizes: dict[int, int] = {}
        busy: set[int] = set()

        def size(node: int, depth: int) -> int:
            if node in sizes:
                return sizes[node]
            if node in busy:
                self.refuse("has a <use> that refers to itself")
            if depth > MAX_SVG_DEPTH:
                self.refuse(f"chains <use> elements more than {MAX_SVG_DEPTH} deep")
            busy.add(node)
            total = 1 + sum(size(child, depth + 1) for child in self.children[node])
            target = self.ids.get(self.uses.get(node, ""))
            if target is not None:
                total += size(target, depth + 1)
            busy.discard(node)
            sizes[node] = min(total, MAX_SVG_EXPANDED + 1)
            return sizes[node]

        return size(0, 0)   # counts the document node too

    def end(self, tag: str) -> None:
        self.in_style -= tag.rsplit(" ", 1)[-1] == "style"
        self.stack.pop()

    def attribute(self, name: str, value: str) -> None:
        if name == "href" and not value.strip().startswith("#"):
            self.refuse(f'refers to an external file (href="{value[:60]}")')
        self.css(value)

    def css(self, text: str) -> None:
        if "@import" in text.lower():
            self.refuse("imports a stylesheet (@import), which is not allowed")
        if _EXTERNAL_URL.search(text):
            self.refuse("refers to an external file through url(...)")

    def text(self, data: str) -> None:
        if self.in_style:
            self.css(data)


def _check_svg(data: bytes) -> dict[str, str]:
    """Refuse malformed or unsafe SVG; return the root element's attributes."""
    scan = _SvgScan()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = scan.doctype
    parser.EntityDeclHandler = scan.doctype
    parser.ProcessingInstructionHandler = scan.instruction
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as err:
        raise IconError(f"not a well-formed SVG file ({expat.errors.messages[err.code]},"
                        f" line {err.lineno}, column {err.offset + 1})") from None
    if scan.root_tag != "svg":
        raise IconError(f"not an SVG file (the root element is <{scan.root_tag}>)")
    if scan.expanded() > MAX_SVG_EXPANDED:
        raise IconError(f"the SVG expands to more than {MAX_SVG_EXPANDED:,} elements through <use>; refusing it")
    return scan.root or {}


def _svg_outlines(data: bytes, root: dict[str, str]) -> tuple[tuple[Outline, ...], float]:
    import svgelements as se

    try:
        svg = se.SVG.parse(io.BytesIO(data), reify=True)
        shapes = [(_shape_commands(se, e), _fill_rule(e)) for e in svg.elements() if _is_filled(se, e)]
    except IconError:
        raise
    except Exception as err:  # svgelements raises many kinds; any of them means a bad file
        raise IconError(f"cannot read the SVG: {err}") from None
    shapes = [(cmds, rule) for cmds, rule in shapes if cmds]
    if not shapes:
        raise IconError("the SVG has no filled shapes"
                        " (outline-only drawings: convert strokes to fills)")
    frame = _frame(svg, root, shapes)
    return _normalized(shapes, frame), frame[2] / frame[3]


def _is_filled(se, element) -> bool:
    if not isinstance(element, se.Shape) or isinstance(element, se.SimpleLine):
        return False
    fill = element.fill
    return fill is not None and fill.value is not None and fill.alpha > 0


def _fill_rule(element) -> str:
    rule = str(element.values.get("fill-rule", "nonzero")).strip().lower()
    return "evenodd" if rule == "evenodd" else "nonzero"


def _shape_commands(se, element) -> tuple[tuple, ...]:
    """Move, line, cubic and close commands for one shape, transforms applied."""
    commands: list[tuple] = []
    for seg in se.Path(element).segments():
        drawing = not isinstance(seg, (se.Move, se.Close))
        if drawing and (not commands or commands[-1][0] == "Z"):
            commands.append(("M", seg.start.x, seg.start.y))  # a subpath that goes on after Z
        commands.extend(_segment_commands(se, seg))
    return tuple(_drop_lonely_moves(commands))


def _segment_commands(se, seg) -> list[tuple]:
    """One svgelements segment as our commands; arcs and quadratics become cubics."""
    if isinstance(seg, se.Move):
        return [("M", seg.end.x, seg.end.y)]
    if isinstance(seg, se.Close):
        return [("Z",)]
    if isinstance(seg, se.Line):
        return [("L", seg.end.x, seg.end.y)]
    if isinstance(seg, se.CubicBezier):
        return [_cubic(seg.control1, seg.control2, seg.end)]
    if isinstance(seg, se.QuadraticBezier):
        c1 = seg.start + (seg.control - seg.start) * (2 / 3)
        c2 = seg.end + (seg.control - seg.end) * (2 / 3)
        return [_cubic(c1, c2, seg.end)]
    if isinstance(seg, se.Arc):
        return [_cubic(c.control1, c.control2, c.end) for c in seg.as_cubic_curves()]
    return []


def _cubic(c1, c2, end) -> tuple:
    return ("C", c1.x, c1.y, c2.x, c2.y, end.x, end.y)


def _drop_lonely_moves(commands: list[tuple]) -> list[tuple]:
    """Remove moves that start no drawing (they would add empty subpaths)."""
    kept: list[tuple] = []
    for cmd in commands:
        if kept and kept[-1][0] == "M" and cmd[0] in ("M", "Z"):
            kept.pop()
            if cmd[0] == "Z":
                continue
        kept.append(cmd)
    if kept and kept[-1][0] == "M":
        kept.pop()
    return kept


def _frame(svg, root: dict[str, str], shapes) -> tuple[float, float, float, float]:
    """The drawing's frame (x, y, w, h): its viewport, or the shapes' bounds if it has none."""
    has_size = "viewBox" in root or ("width" in root and "height" in root)
    if has_size and svg.width and svg.height:
        return 0.0, 0.0, float(svg.width), float(svg.height)
    xs = [c[i] for cmds, _ in shapes for c in cmds for i in range(1, len(c), 2)]
    ys = [c[i] for cmds, _ in shapes for c in cmds for i in range(2, len(c), 2)]
    return min(xs), min(ys), max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)


def _normalized(shapes, frame) -> tuple[Outline, ...]:
    x0, y0, w, h = frame
    side = max(w, h)
    dx, dy = (side - w) / 2 - x0, (side - h) / 2 - y0

    def unit(cmd: tuple) -> tuple:
        vals = [(v + (dx if i % 2 == 0 else dy)) / side for i, v in enumerate(cmd[1:])]
        return (cmd[0], *vals)

    outlines = tuple(Outline(tuple(unit(c) for c in cmds), rule) for cmds, rule in shapes)
    if not all(math.isfinite(v) for o in outlines for c in o.commands for v in c[1:]):
        raise IconError("the SVG has coordinates that are not finite numbers")
    return outlines


# --- placing ---------------------------------------------------------------------


def icon_paths(icon: Icon, x: float, y: float, size: float, color: str,
               alt: str = "") -> tuple[scene.Path, ...]:
    """The vector icon drawn in the square (x, y, size) in page points, one Path per outline.

    Each Path shares its outline's commands (in the unit box) and places them with
    origin (x, y) and scale `size`: however often an icon is used, its outlines are
    held once. Every path carries the same alt text and the role "icon", so a renderer
    can group consecutive icon paths into one described object.
    """
    if not icon.is_vector:
        raise IconError(f'icon "{icon.ref}": a raster icon is placed as a scene.Image, not paths')
    return tuple(scene.Path(o.commands, fill=color, fill_rule=o.fill_rule, alt=alt, role="icon",
                            origin=(float(x), float(y)), scale=float(size)) for o in icon.outlines)


def icon_box(icon: Icon, x: float, y: float, size: float) -> scene.Box:
    """The box a raster icon fills inside the square (x, y, size), aspect kept and centred."""
    if icon.aspect >= 1:
        h = size / icon.aspect
        return scene.Box(x, y + (size - h) / 2, size, h)
    w = size * icon.aspect
    return scene.Box(x + (size - w) / 2, y, w, size)
