"""Renderers: each maps scene primitives onto one library and follows the `Renderer` contract.

A renderer never measures, wraps, recolours or guesses: the scene already holds every
position, line, colour, weight, role and link. Each renderer draws Rect, Line, Path,
Text, Image, Link and Group; anything else is refused the same way by all of them
(`unknown_primitive`), naming the renderer and the primitive.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from generator.errors import RenderError
from generator.scene import Document

PRINT_DPI = 300


class Renderer(Protocol):
    """Writes a laid-out Document to a file of its format."""

    name: str
    suffixes: tuple[str, ...]

    def render(self, doc: Document, path: Path) -> None:
        """Write doc to path (atomically, through generator.output)."""


def unknown_primitive(renderer: str, item: object) -> RenderError:
    """The one error every renderer raises for something it cannot draw."""
    return RenderError(f"the {renderer} renderer cannot draw a {type(item).__name__}")


def print_copy(source: str, width: float, height: float) -> str:
    """A picture file scaled down to PRINT_DPI for a box of width x height points (never upscaled)."""
    from generator.icons import scaled_copy
    return str(scaled_copy(Path(source), round(max(width, height) / 72 * PRINT_DPI)))
