"""The application icon, drawn at run time (no image files to ship)."""
from __future__ import annotations

from PyQt6.QtCore import QRectF, Qt
from PyQt6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 64, 128, 256):
        icon.addPixmap(_draw(size))
    return icon


def _draw(size: int) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor("#1D3557"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(QRectF(0, 0, size, size), size * 0.18, size * 0.18)
    # a head-to-tail pair of stick spectra: the app's idea in one picture
    mid = size * 0.55
    width = max(1.0, size / 22)
    sticks = ((0.22, 0.30, 0.20), (0.36, 0.55, 0.45), (0.50, 0.18, 0.15), (0.64, 0.80, 0.72), (0.78, 0.40, 0.35))
    for x, up, down in sticks:
        p.setPen(QPen(QColor("#7FC8F8"), width, cap=Qt.PenCapStyle.FlatCap))
        p.drawLine(int(x * size), int(mid), int(x * size), int(mid - up * size * 0.42))
        p.setPen(QPen(QColor("#F4A261"), width, cap=Qt.PenCapStyle.FlatCap))
        p.drawLine(int(x * size), int(mid), int(x * size), int(mid + down * size * 0.42))
    p.setPen(QPen(QColor("white"), max(1.0, size / 40)))
    p.drawLine(int(size * 0.12), int(mid), int(size * 0.88), int(mid))
    p.end()
    return pix
