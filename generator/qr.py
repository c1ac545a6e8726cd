"""QR codes as scene rectangles (vector), so they print sharp at any size."""

from __future__ import annotations

from functools import lru_cache
import os

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from generator import cache
from generator.scene import Rect


def qr_matrix(url: str) -> list[list[bool]]:
    """The module matrix of a QR code for url (no quiet zone)."""
    return [list(row) for row in _matrix(url)]


@lru_cache(maxsize=1024)
def _matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """Made once per process, and kept across runs in the user's cache (choosing the mask is slow)."""
    key = (url, "M", _library_version())
    known = cache.load("qr", key)
    if known is not None:
        return known
    code = qrcode.QRCode(border=0, error_correction=ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    matrix = tuple(tuple(bool(m) for m in row) for row in code.get_matrix())
    cache.store("qr", key, matrix)
    return matrix


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


@lru_cache(maxsize=1)
def _library_version() -> int:
    """Changes when the qrcode library is installed again (its files' modification time)."""
    return os.stat(qrcode.__file__).st_mtime_ns
