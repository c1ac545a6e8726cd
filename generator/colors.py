"""Colour arithmetic: WCAG contrast, and colours made readable by changing only their lightness.

Pure functions on "#RRGGBB" strings, shared by the theme check, layout and `check`.
"""

from __future__ import annotations

import colorsys
from functools import lru_cache

from generator.errors import Problem, Where

TEXT = 4.5       # WCAG AA for normal text
MARKS = 3.0      # WCAG for graphics that carry meaning


def rgb(color: str) -> tuple[float, float, float]:
    return tuple(int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))


def hex_color(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in (r, g, b))


def luminance(color: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb(color)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def tint(color: str, amount: float, base: str = "#FFFFFF") -> str:
    """`amount` of color over base (amount 0 = base, 1 = color)."""
    return hex_color(*(b + (c - b) * amount for c, b in zip(rgb(color), rgb(base))))


def worst(color: str, backgrounds) -> float:
    """The lowest contrast of color against any of the backgrounds."""
    return min(contrast(color, b) for b in backgrounds)


@lru_cache(maxsize=4096)
def readable(color: str, backgrounds: tuple, ratio: float) -> str:
    """color, or the nearest colour of the same hue and saturation that reaches ratio on every background.

    Lightness is moved towards dark or light (whichever direction reaches the ratio with
    the smaller change); if neither does on all backgrounds, the best reachable one.
    """
    backgrounds = tuple(backgrounds)
    if worst(color, backgrounds) >= ratio:
        return color
    h, light, s = colorsys.rgb_to_hls(*rgb(color))
    best, best_score = color, worst(color, backgrounds)
    for step in range(1, 101):
        for target in (light - step / 100, light + step / 100):
            if not 0.0 <= target <= 1.0:
                continue
            candidate = hex_color(*colorsys.hls_to_rgb(h, target, s))
            score = worst(candidate, backgrounds)
            if score >= ratio:
                return candidate
            if score > best_score:
                best, best_score = candidate, score
    return best


# --- colours the data names ------------------------------------------------------------


def color_problems(timeline, theme) -> list[Problem]:
    """Warnings for the theme's own adjusted colours and every category colour from the data that
    falls below the theme's contrast for marks on the poster, deck or handout ground; each names
    the category, its colour, the ground and the colour it is drawn in instead."""
    problems = [Problem(Where(theme.source or theme.name), "", note, warning=True) for note in theme.notes]
    need = theme.contrast["marks"]
    grounds: dict[str, tuple[str, ...]] = {}
    for where, backgrounds in (("poster/deck", (theme.colors["background"], theme.colors["card"])),
                               ("handout", (theme.paper_colors["background"], theme.paper_colors["card"]))):
        same = next((name for name, seen in grounds.items() if seen == backgrounds), None)
        if same:
            grounds[f"{same} and {where}"] = grounds.pop(same)
        else:
            grounds[where] = backgrounds
    for index, category in enumerate(timeline.categories):
        if not category.color:
            continue
        for where, backgrounds in grounds.items():
            drawn = readable(category.color, backgrounds, need)
            if drawn == category.color:
                continue
            behind = min(backgrounds, key=lambda b: contrast(category.color, b))
            problems.append(Problem(
                category.where, f"categories[{index}].color",
                f'category "{category.id}": {category.color} has {contrast(category.color, behind):.2f}:1 '
                f"against the {where} background {behind} (needs {need:g}:1); drawn as {drawn}",
                warning=True))
    return problems
