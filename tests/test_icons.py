"""The bundled icon set and the icon loader: parsing, placing, print copies and every refusal."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from generator.errors import IconError
from generator.icons import (bundled_icons, check_icon, icon_box, icon_paths, icons_dir, load_icon,
                             raster_for_print)

REQUIRED = {
    "jail", "box", "layers", "ships-wheel", "whale", "seal", "magnifier", "hammer", "handshake", "scroll",
    "building", "hat", "server", "cloud", "gear", "bridge", "lock", "flag", "calendar", "star", "milestone",
    "rocket", "book", "person", "code", "document", "warning", "check", "link", "globe", "terminal", "shield",
}
SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 24 24">'
SQUARE = '<path d="M4 4h16v16H4z"/>'


def _cubic(p0, p1, p2, p3, t):
    u = 1 - t
    return tuple(u ** 3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t ** 3 * d
                 for a, b, c, d in zip(p0, p1, p2, p3))


def outline_points(commands) -> list[tuple[float, float]]:
    """Points on the drawn outline: end points and samples along each cubic."""
    points, current = [], (0.0, 0.0)
    for cmd in commands:
        if cmd[0] in ("M", "L"):
            current = (cmd[1], cmd[2])
            points.append(current)
        elif cmd[0] == "C":
            p1, p2, p3 = (cmd[1], cmd[2]), (cmd[3], cmd[4]), (cmd[5], cmd[6])
            points.extend(_cubic(current, p1, p2, p3, k / 16) for k in range(1, 17))
            current = p3
    return points


def svg_file(folder: Path, body: str, name: str = "icon.svg", head: str = SVG_HEAD) -> Path:
    path = folder / name
    path.write_text(f"{head}{body}</svg>", encoding="utf-8")
    return path


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims a size; only the header is valid (no pixel data)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b""))
            + chunk(b"IEND", b""))


# --- the bundled set -----------------------------------------------------------------


def test_index_and_svg_files_agree():
    names = [info.name for info in bundled_icons()]
    files = {p.stem for p in icons_dir().glob("*.svg")}
    assert len(names) == len(set(names))
    assert set(names) == files
    assert REQUIRED <= set(names)
    assert all(info.keywords for info in bundled_icons())


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_bundled_icon_parses_inside_its_margin(name):
    icon = load_icon(name, None)
    assert icon.is_vector and icon.aspect == 1.0
    points = [p for outline in icon.outlines for p in outline_points(outline.commands)]
    assert len(points) > 8
    low, high = 1 / 24 - 1e-3, 23 / 24 + 1e-3  # cubic arcs stray a hair from true circles
    assert all(low <= x <= high and low <= y <= high for x, y in points)
    for outline in icon.outlines:
        assert outline.commands[0][0] == "M" and outline.commands[-1] == ("Z",)
        assert {c[0] for c in outline.commands} <= {"M", "L", "C", "Z"}


@pytest.mark.parametrize("path", sorted(icons_dir().glob("*.svg")), ids=lambda p: p.stem)
def test_bundled_svg_follows_the_house_style(path):
    text = path.read_text(encoding="utf-8")
    assert 'viewBox="0 0 24 24"' in text
    assert "stroke" not in text
    assert set(re.findall(r"<(\w+)", text)) <= {"svg", "title", "path"}
    assert all(fill == "currentColor" for fill in re.findall(r'fill="([^"]*)"', text))


def test_holes_use_the_evenodd_rule_from_the_file():
    rules = {o.fill_rule for o in load_icon("lock", None).outlines}
    assert rules == {"evenodd", "nonzero"}
    assert "evenodd" in (icons_dir() / "lock.svg").read_text(encoding="utf-8")


def test_assets_folder_can_be_overridden(tmp_path, monkeypatch):
    icons = tmp_path / "icons"
    icons.mkdir()
    (icons / "index.yaml").write_text("icons:\n  - {name: dot, keywords: [point]}\n", encoding="utf-8")
    svg_file(icons, '<circle cx="12" cy="12" r="6"/>', "dot.svg")
    monkeypatch.setenv("TIMELINE_ASSETS", str(tmp_path))
    assert [i.name for i in bundled_icons()] == ["dot"]
    assert load_icon("dot", None).is_vector


# --- SVG conversion ----------------------------------------------------------------


def test_arcs_quadratics_and_transforms_become_cubics(tmp_path):
    body = ('<g transform="translate(2 0)"><path d="M2 12 A6 6 0 0 1 14 12 Q8 20 2 12 Z"/></g>'
            '<rect x="16" y="4" width="4" height="4" rx="1"/>')
    svg_file(tmp_path, body, "shapes.svg")
    icon = load_icon("shapes.svg", tmp_path)
    ops = {c[0] for o in icon.outlines for c in o.commands}
    assert ops <= {"M", "L", "C", "Z"} and "C" in ops
    first = icon.outlines[0].commands[0]
    assert first == ("M", pytest.approx(4 / 24), pytest.approx(12 / 24))


def test_a_wide_viewbox_keeps_its_aspect(tmp_path):
    svg_file(tmp_path, '<path d="M0 0h48v24H0z"/>', "wide.svg",
             head='<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 24">')
    icon = load_icon("wide.svg", tmp_path)
    ys = [y for _, y in outline_points(icon.outlines[0].commands)]
    assert icon.aspect == 2.0
    assert min(ys) == pytest.approx(0.25) and max(ys) == pytest.approx(0.75)


def test_fill_rule_and_unfilled_shapes(tmp_path):
    body = ('<path fill-rule="evenodd" d="M2 2h20v20H2zM6 6h12v12H6z"/>'
            '<path d="M1 1h2v2H1z" fill="none" stroke="black"/>')
    svg_file(tmp_path, body, "rule.svg")
    icon = load_icon("rule.svg", tmp_path)
    assert [o.fill_rule for o in icon.outlines] == ["evenodd"]


def test_each_file_is_parsed_once(tmp_path):
    svg_file(tmp_path, SQUARE)
    first = load_icon("icon.svg", tmp_path)
    second = load_icon("./icon.svg", tmp_path)
    assert second.outlines is first.outlines
    assert second.ref == "./icon.svg"


# --- placing -----------------------------------------------------------------------


def test_icon_paths_place_the_outline_in_the_square(tmp_path):
    svg_file(tmp_path, SQUARE)
    paths = icon_paths(load_icon("icon.svg", tmp_path), 100, 50, 48, "#123456", alt="square")
    assert len(paths) == 1
    path = paths[0]
    assert path.fill == "#123456" and path.alt == "square" and path.role == "icon"
    assert path.page_commands()[0] == ("M", pytest.approx(108), pytest.approx(58))
    box = path.box
    assert (box.x, box.y, box.w, box.h) == pytest.approx((108, 58, 32, 32))


def test_raster_icons_are_not_paths_but_fit_a_box(tmp_path):
    Image.new("RGB", (200, 100), "red").save(tmp_path / "wide.png")
    icon = load_icon("wide.png", tmp_path)
    with pytest.raises(IconError):
        icon_paths(icon, 0, 0, 10, "#000000")
    box = icon_box(icon, 10, 10, 40)
    assert (box.x, box.y, box.w, box.h) == pytest.approx((10, 20, 40, 20))


# --- raster files ------------------------------------------------------------------


def test_raster_icon_reports_size_and_mode(tmp_path):
    Image.new("RGBA", (30, 20), (0, 0, 255, 128)).save(tmp_path / "a.png")
    icon = load_icon("a.png", tmp_path)
    assert not icon.is_vector
    assert icon.pixel_size == (30, 20) and icon.mode == "RGBA" and icon.aspect == 1.5


def test_raster_for_print_downscales_once_and_never_upscales(tmp_path):
    Image.new("RGBA", (400, 200), (255, 0, 0, 100)).save(tmp_path / "big.png")
    Image.new("L", (50, 40), 128).save(tmp_path / "small.jpg")
    big = load_icon("big.png", tmp_path)
    out = raster_for_print(big, 100)
    assert out == raster_for_print(big, 100)
    with Image.open(out) as im:
        assert im.size == (100, 50) and im.mode == "RGBA"
    with Image.open(raster_for_print(load_icon("small.jpg", tmp_path), 500)) as im:
        assert im.size == (50, 40) and im.mode == "RGB"


def test_turned_phone_photos_are_measured_and_copied_upright(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: rotate 90 degrees to view
    Image.new("RGB", (60, 20), "red").save(tmp_path / "turned.jpg", exif=exif)
    icon = load_icon("turned.jpg", tmp_path)
    assert icon.pixel_size == (20, 60)
    with Image.open(raster_for_print(icon, 30)) as im:
        assert im.size == (10, 30)


def test_raster_for_print_refuses_vector_icons():
    with pytest.raises(IconError):
        raster_for_print(load_icon("whale", None), 100)


# --- refusals ----------------------------------------------------------------------


def refusal(ref: str, base: Path, **kwargs) -> str:
    with pytest.raises(IconError) as caught:
        load_icon(ref, base, **kwargs)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f'icon "{ref}"')
    assert check_icon(ref, base, kwargs.get("allow_outside", False)) == message
    return message


def test_good_icons_pass_the_check(tmp_path):
    svg_file(tmp_path, SQUARE)
    assert check_icon("icon.svg", tmp_path) is None
    assert check_icon("whale", None) is None


def test_missing_file(tmp_path):
    assert "file not found" in refusal("icons/nothing.png", tmp_path)


def test_unknown_bundled_name_suggests_close_names(tmp_path):
    message = refusal("wale", tmp_path)
    assert "no bundled icon" in message and "did you mean whale" in message


def test_unsupported_extension_and_web_address(tmp_path):
    (tmp_path / "anim.gif").write_bytes(b"GIF89a")
    assert "not supported" in refusal("anim.gif", tmp_path)
    assert "web addresses" in refusal("https://example.com/logo.png", tmp_path)


def test_file_that_is_not_an_image(tmp_path):
    (tmp_path / "notes.png").write_text("just text", encoding="utf-8")
    assert "not a readable PNG or JPEG" in refusal("notes.png", tmp_path)


def test_image_claiming_a_huge_size_is_refused_from_its_header(tmp_path):
    (tmp_path / "bomb.png").write_bytes(png_claiming(50_000, 50_000))
    (tmp_path / "large.png").write_bytes(png_claiming(8_000, 8_000))
    assert "megapixel" in refusal("bomb.png", tmp_path)
    assert "8000x8000 pixels is more than the 40 megapixel limit" in refusal("large.png", tmp_path)


def test_pixel_limit_is_a_parameter(tmp_path):
    Image.new("RGB", (100, 100), "white").save(tmp_path / "ok.png")
    assert load_icon("ok.png", tmp_path).pixel_size == (100, 100)
    with pytest.raises(IconError, match="megapixel limit"):
        load_icon("ok.png", tmp_path, max_pixels=5_000)


def test_malformed_svg(tmp_path):
    (tmp_path / "broken.svg").write_text("<svg><path d='M0 0'></svg>", encoding="utf-8")
    assert "not a well-formed SVG" in refusal("broken.svg", tmp_path)


def test_xml_that_is_not_svg(tmp_path):
    (tmp_path / "page.svg").write_text("<html><body/></html>", encoding="utf-8")
    assert "not an SVG" in refusal("page.svg", tmp_path)


@pytest.mark.parametrize("body, reason", [
    ('<use xlink:href="other.svg#shape"/>', "external file"),
    ('<use href="https://example.com/a.svg#x"/>', "external file"),
    ('<image href="photo.png" width="10" height="10"/>', "<image>"),
    ('<style>@import url(evil.css);</style>' + SQUARE, "@import"),
    ('<path style="fill:url(http://example.com/p.svg#g)" d="M0 0h4v4z"/>', "url("),
    ('<script>alert(1)</script>' + SQUARE, "<script>"),
])
def test_svg_with_external_references_or_active_content(tmp_path, body, reason):
    svg_file(tmp_path, body, "bad.svg")
    assert reason in refusal("bad.svg", tmp_path)


def test_svg_internal_references_are_allowed(tmp_path):
    body = ('<defs><path id="s" d="M4 4h16v16H4z"/><linearGradient id="g"/></defs>'
            '<use xlink:href="#s"/><path style="fill:url(#g)" d="M0 0h4v4H0z"/>')
    svg_file(tmp_path, body)
    assert load_icon("icon.svg", tmp_path).is_vector


def test_svg_with_doctype_or_entities(tmp_path):
    text = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>'
            f'{SVG_HEAD}<title>&a;</title>{SQUARE}</svg>')
    (tmp_path / "dtd.svg").write_text(text, encoding="utf-8")
    assert "DOCTYPE" in refusal("dtd.svg", tmp_path)


def test_svg_without_filled_shapes(tmp_path):
    svg_file(tmp_path, '<path d="M2 2L20 20" fill="none" stroke="black"/>', "lines.svg")
    assert "no filled shapes" in refusal("lines.svg", tmp_path)


def test_paths_leaving_the_data_folder(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    outside = svg_file(tmp_path, SQUARE, "outside.svg")
    assert "outside the data folder" in refusal("../outside.svg", data)
    assert "outside the data folder" in refusal(str(outside), data)
    assert load_icon("../outside.svg", data, allow_outside=True).is_vector


def test_symlinks_are_resolved_before_the_folder_check(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    outside = svg_file(tmp_path, SQUARE, "outside.svg")
    link = data / "inside.svg"
    try:
        link.symlink_to(outside)
    except OSError:
        pytest.skip("symlinks are not available here")
    assert "outside the data folder" in refusal("inside.svg", data)
