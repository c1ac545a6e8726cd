"""Category markers: small filled shapes, so categories differ by shape as well as colour.

A theme lists marker shapes (`markers:`); the n-th category takes the n-th shape, as it
takes the n-th palette colour. With one shape ("circle") every marker is a dot.
"""

from __future__ import annotations

import math

from generator.scene import Path, Rect

SIDES = {"triangle": 3, "diamond": 4, "hexagon": 6}


def marker(shape: str, x: float, y: float, size: float, fill: str, role: str, halo: str | None = None,
           halo_width: float = 0.0) -> Rect | Path:
    """The shape filling the square (x, y, size) in fill, as a Rect (circle, square, bar) or a Path.

    `halo` outlines it in another colour (the ground's), to part it from lines it sits on.
    """
    ring = {"stroke": halo, "stroke_width": halo_width if halo else 0.0}
    if shape == "circle":
        return Rect(x, y, size, size, fill=fill, radius=size / 2, role=role, **ring)
    if shape == "square":
        inset = size * 0.06
        return Rect(x + inset, y + inset, size - 2 * inset, size - 2 * inset, fill=fill, role=role, **ring)
    if shape == "bar":
        return Rect(x, y + size * 0.3, size, size * 0.4, fill=fill, role=role, **ring)
    cx, cy, r = x + size / 2, y + size / 2, size / 2
    if shape == "star":
        points = [(cx + (r if i % 2 == 0 else r * 0.45) * math.sin(i * math.pi / 5),
                   cy - (r if i % 2 == 0 else r * 0.45) * math.cos(i * math.pi / 5)) for i in range(10)]
    else:
        sides = SIDES.get(shape, 4)
        start = -math.pi / 2 if shape == "triangle" else (0.0 if shape == "hexagon" else -math.pi / 2)
        if shape == "triangle":
            cy += size * 0.1            # sit the triangle's centroid in the square
        points = [(cx + r * math.cos(start + i * 2 * math.pi / sides), cy + r * math.sin(start + i * 2 * math.pi / sides))
                  for i in range(sides)]
    commands = (("M", *points[0]),) + tuple(("L", px, py) for px, py in points[1:]) + (("Z",),)
    return Path(commands, fill=fill, role=role, **ring)
