"""QR codes as scene rectangles (vector), so they print sharp at any size."""

from __future__ import annotations

from functools import lru_cache
from importlib.util import find_spec
import os

from generator import cache
from generator.scene import Rect


def qr_matrix(url: str) -> list[list[bool]] | None:
    """The module matrix of a QR code for url (no quiet zone); None if no QR code can hold it."""
    matrix = _matrix(url)
    return None if matrix is None else [list(row) for row in matrix]


@lru_cache(maxsize=1024)
def _matrix(url: str) -> tuple[tuple[bool, ...], ...] | None:
    """Made once per process, and kept across runs in the user's cache (choosing the mask is slow).

    Error correction M, or L when M cannot hold the URL; None when no QR code can.
    """
    key = (url, "M", _library_version())
    known = cache.load("qr", key)
    if known is not None:
        return known
    import qrcode       # imported only on a cache miss: it brings Pillow along (slow to import)
    from qrcode.constants import ERROR_CORRECT_L, ERROR_CORRECT_M
    from qrcode.exceptions import DataOverflowError
    for level in (ERROR_CORRECT_M, ERROR_CORRECT_L):
        code = qrcode.QRCode(border=0, error_correction=level)
        code.add_data(url)
        try:
            code.make(fit=True)
        except (DataOverflowError, ValueError):
            continue
        matrix = tuple(tuple(bool(m) for m in row) for row in code.get_matrix())
        cache.store("qr", key, matrix)
        return matrix
    return None


def qr_items(url: str, x: float, y: float, size: float, color: str = "#000000") -> tuple[Rect, ...]:
    """A QR code in the square (x, y, size), one rectangle per horizontal run of dark modules."""
    matrix = qr_matrix(url)
    if matrix is None:      # too long for any QR code: `check` warned; the URL is printed without one
        return ()
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
    """Changes when the qrcode library is installed again (its files' modification time), without importing it."""
    return os.stat(find_spec("qrcode").origin).st_mtime_ns
