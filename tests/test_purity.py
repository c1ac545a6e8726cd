"""Layout is pure and renderers share one contract: checked on the source and on the renderers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import scene
from generator.errors import RenderError

LAYOUT = Path(__file__).resolve().parent.parent / "generator" / "layout"
FORBIDDEN = {
    "imaging or output libraries": r"^\s*(from|import)\s+(PIL|reportlab|pptx|pypdfium2|lxml)\b",
    "file access": r"\bopen\(|\.read_(text|bytes)\(|\.write_(text|bytes)\(|\.exists\(|\.is_file\(|\.is_dir\("
                   r"|\.iterdir\(|\.glob\(|^\s*(from|import)\s+(os|pathlib|shutil|tempfile)\b",
    "option parsing": r"\bparse_(size|length)\b|\boriented\(|\bargparse\b|\bclick\b",
    "a colour not from the theme": r'"#[0-9A-Fa-f]{3,8}"',
    "theme, font or icon loading": r"\bload_theme\b|\bload_style\b|\bresolve\(|\bopen_face\b|\bfind_face\b"
                                   r"|\binstalled_fonts\b|\bload_icon\b|\braster_for_print\b|\bscaled_copy\b",
}


def test_the_layout_package_touches_no_files_parses_no_options_and_imports_no_imaging():
    found = []
    for path in sorted(LAYOUT.glob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            for what, pattern in FORBIDDEN.items():
                if re.search(pattern, code):
                    found.append(f"{path.name}:{number}: {what}: {line.strip()}")
    assert len(list(LAYOUT.glob("*.py"))) >= 10
    assert found == []


def test_the_grep_finds_what_it_looks_for():
    samples = ["from PIL import Image", "import reportlab", "data = open(name)", "p.read_text()", "from pathlib import Path",
               "parse_size(paper)", "theme = load_theme()", "fonts = resolve(roles)", "import os"]
    for sample in samples:
        assert any(re.search(pattern, sample) for pattern in FORBIDDEN.values()), sample


class Strange:
    """A primitive no renderer knows."""


def renderers(tmp_path):
    from generator.render.pdf import PdfRenderer
    from generator.render.png import PngRenderer
    from generator.render.pptx import PptxRenderer
    from generator.theme import load_theme
    return [PdfRenderer(), PngRenderer(), PptxRenderer(load_theme())]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_every_renderer_refuses_an_unknown_primitive_the_same_way_and_writes_nothing(tmp_path, index):
    from generator.render import Renderer
    renderer = renderers(tmp_path)[index]
    assert isinstance(renderer.name, str) and renderer.suffixes
    checked: Renderer = renderer           # the Protocol: name, suffixes, render(doc, path)
    page = scene.Page(200, 100, (scene.Rect(0, 0, 200, 100, fill="#FFFFFF"), Strange()), title="x")
    out = tmp_path / f"out{renderer.suffixes[0]}"
    with pytest.raises(RenderError, match=f"^the {renderer.name} renderer cannot draw a Strange$"):
        checked.render(scene.Document((page,), ()), out)
    assert not out.exists()
