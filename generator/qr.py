"""QR codes as scene rectangles (vector), so they print sharp at any size."""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from generator.scene import Rect


def qr_matrix(url: str) -> list[list[bool]]:
    """The module matrix of a QR code for url (no quiet zone)."""
    code = qrcode.QRCode(border=0, error_correction=ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def qr_items(url: str, x: float, y: float, size: float, color: str = "#000000") -> tuple[Rect, ...]:
    """A QR code in the square (x, y, size), one rectangle per horizontal run of dark modules."""
    matrix = qr_matrix(url)
    cell = size / len(matrix)
    rects = []
    for row, modules in enumerate(matrix):
        start = None
        for col, dark in enumerate(modules + [False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                rects.append(Rect(x + start * cell, y + row * cell, (col - start) * cell, cell,
                                  fill=color, role="qr"))
                start = None
    return tuple(rects)
