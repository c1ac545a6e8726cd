"""Ink-friendly colours: a theme made to print on white paper, and the WCAG measures it uses."""

from __future__ import annotations

from dataclasses import replace

from generator.theme import Theme

WHITE = "#FFFFFF"


def luminance(color: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def tint(color: str, amount: float) -> str:
    """The colour mixed with white (amount 1 = white)."""
    values = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(v + (255 - v) * amount):02X}" for v in values)


def _on_white(color: str | None, fallback: str, ratio: float) -> str:
    return color if color and contrast(color, WHITE) >= ratio else fallback


def ink_theme(theme: Theme) -> Theme:
    """The theme on white paper: dark text and strokes, pale era fills, no dark bands."""
    c = dict(theme.colors)
    text = _on_white(c.get("text"), "#1B1F24", 7.0)
    muted = _on_white(c.get("muted"), "#4A5360", 4.5)
    fills = [f if luminance(f) >= 0.75 else tint(f, 0.85) for f in c.get("era_fills") or ["#EEF3F8"]]
    c.update(background=WHITE, card=WHITE, header_background=WHITE, header_text=text, header_muted=muted,
             text=text, muted=muted, era_text=text, era_fills=fills,
             axis=_on_white(c.get("axis"), text, 3.0), leader=_on_white(c.get("leader"), "#6B7785", 3.0),
             card_border=_on_white(c.get("card_border"), "#9AA5B1", 1.8))
    return replace(theme, colors=c)
