"""Colour emoji as pictures: Noto Color Emoji's bitmaps rasterised with Pillow, once per cluster.

The font is a CBDT bitmap font with one strike at 109 pixels per em, so the
picture is drawn at that size and scaled by the renderer; `box` says where it
sits relative to the pen position on the baseline, in ems.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from generator.errors import RenderError
from generator.fonts import emoji_font

STRIKE = 109


@dataclass(frozen=True)
class EmojiPicture:
    """An RGBA picture of one emoji cluster and its box (left, top, width, height) in ems."""

    image: Image.Image
    box: tuple[float, float, float, float]


@lru_cache(maxsize=512)
def emoji_picture(cluster: str) -> EmojiPicture:
    """The colour picture of an emoji cluster (ZWJ sequences and flags drawn as one)."""
    found = emoji_font()
    if found is None:
        raise RenderError(f"no colour emoji font for {cluster!r}; install fonts-noto-color-emoji")
    font = ImageFont.truetype(found.path, STRIKE)
    left, top, right, bottom = font.getbbox(cluster, anchor="ls")
    image = Image.new("RGBA", (max(1, right - left), max(1, bottom - top)), (0, 0, 0, 0))
    ImageDraw.Draw(image).text((-left, -top), cluster, font=font, embedded_color=True, anchor="ls")
    return EmojiPicture(image, (left / STRIKE, top / STRIKE, (right - left) / STRIKE, (bottom - top) / STRIKE))
