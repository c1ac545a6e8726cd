"""Icons end to end: the CLI listing and sheet, vector icons in the poster, user icons, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from generator.cli import main
from generator.icons import bundled_names
from generator.load import load

DATA = Path(__file__).resolve().parent.parent / "data" / "container-history.yaml"


def image_xobjects(pdf: Path) -> list:
    """Every image XObject in the PDF's pages (each embedded object once)."""
    found = {}
    for page in PdfReader(str(pdf)).pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for name, ref in xobjects.items():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found[ref.idnum] = obj
    return list(found.values())


def test_every_icon_named_in_the_bundled_data_exists():
    names = set(bundled_names())
    timeline = load(DATA)
    assert all(e.icon in names for e in timeline.events)
    assert len(names) >= 30


def test_icons_command_lists_names_and_keywords():
    result = CliRunner().invoke(main, ["icons"])
    assert result.exit_code == 0
    assert "whale" in result.output and "docker" in result.output
    assert len(result.output.splitlines()) == len(bundled_names())


@pytest.mark.parametrize("suffix", [".pdf", ".png"])
def test_contact_sheet(tmp_path, suffix):
    out = tmp_path / f"sheet{suffix}"
    result = CliRunner().invoke(main, ["icons", "--sheet", str(out)])
    assert result.exit_code == 0, result.output
    if suffix == ".pdf":
        assert image_xobjects(out) == []
        text = PdfReader(str(out)).pages[0].extract_text()
        assert all(name in text for name in bundled_names())
    else:
        assert Image.open(out).size[0] > 300


def test_poster_with_bundled_icons_has_no_raster_image(tmp_path):
    out = tmp_path / "p.pdf"
    assert CliRunner().invoke(main, ["poster", str(DATA), "-o", str(out), "--size", "A2"]).exit_code == 0
    assert image_xobjects(out) == []


def _user_icon_data(tmp_path: Path) -> Path:
    Image.new("RGB", (800, 600), "#CC3311").save(tmp_path / "photo.jpg", quality=90)
    Image.new("RGBA", (64, 64), (0, 114, 178, 255)).save(tmp_path / "logo.png")
    text = DATA.read_text(encoding="utf-8")
    text = text.replace("icon: jail", "icon: photo.jpg", 1).replace("icon: box", "icon: logo.png", 1)
    text = text.replace("icon: whale", "icon: logo.png", 1)
    data = tmp_path / "data.yaml"
    data.write_text(text, encoding="utf-8")
    return data


def test_png_and_jpeg_user_icons_are_embedded_once_each(tmp_path):
    data = _user_icon_data(tmp_path)
    out = tmp_path / "p.pdf"
    result = CliRunner().invoke(main, ["poster", str(data), "-o", str(out), "--size", "A1"])
    assert result.exit_code == 0, result.output
    images = image_xobjects(out)
    assert len(images) == 2            # logo.png used twice, embedded once
    sizes = sorted((int(i["/Width"]), int(i["/Height"])) for i in images)
    assert sizes[0] == (64, 64)        # never upscaled
    assert sizes[1][0] <= 800          # downscaled to what 300 dpi needs, at most


BROKEN = {
    "missing": ("icon: nope.svg", "not found"),
    "unknown-name": ("icon: whales", "whale"),
    "not-an-image": ("icon: notes.png", "not"),
    "malformed-svg": ("icon: bad.svg", "well-formed"),
    "external-svg": ("icon: ext.svg", "not allowed"),
    "outside": ("icon: ../outside.svg", "outside"),
}


def _broken(tmp_path: Path, case: str) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "notes.png").write_text("just text", encoding="utf-8")
    (folder / "bad.svg").write_text("<svg><path d='M0 0'</svg>", encoding="utf-8")
    (folder / "ext.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                                    '<image xlink:href="http://example.org/x.png"/></svg>', encoding="utf-8")
    (tmp_path / "outside.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">'
                                          '<rect width="1" height="1"/></svg>', encoding="utf-8")
    data = folder / "data.yaml"
    data.write_text(f"title: T\nevents:\n  - id: a\n    date: 2013\n    title: x\n    {BROKEN[case][0]}\n",
                    encoding="utf-8")
    return data


@pytest.mark.parametrize("case", sorted(BROKEN))
@pytest.mark.parametrize("command", ["check", "poster"])
def test_refused_icons(tmp_path, case, command):
    data = _broken(tmp_path, case)
    out = tmp_path / "out.pdf"
    args = [command, str(data)] + (["-o", str(out)] if command == "poster" else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert f"{data}:6:11: events[0].icon:" in result.output
    assert BROKEN[case][1] in result.output.lower()
    assert "Traceback" not in result.output
    assert not out.exists()


def test_outside_icon_allowed_with_the_flag(tmp_path):
    data = _broken(tmp_path, "outside")
    result = CliRunner().invoke(main, ["check", str(data), "--allow-outside-assets"])
    assert result.exit_code == 0, result.output
