"""A panel in a dock that scrolls instead of making the window larger than the screen."""
from __future__ import annotations

from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import QFrame, QScrollArea, QWidget


def scrolled(panel: QWidget, keep_width: bool = True) -> QScrollArea:
    """``panel`` inside a frameless scroll area that resizes it.

    A dock's minimum size is its widget's: the IR processing panel needs about 355 x 750 px, so on a
    1280 x 800 screen the window grew past the screen and squeezed the other docks.  In a scroll area
    the dock keeps the panel's width and can be as short as the window: the panel scrolls down
    (``keep_width=False``: it scrolls sideways too, for a panel wider than a laptop screen allows).
    """
    area = QScrollArea()
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    if keep_width:  # as wide as the panel needs (its fields are not cut), as short as the dock: it scrolls down
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setMinimumWidth(panel.minimumSizeHint().width() + area.verticalScrollBar().sizeHint().width())
    else:  # a wide panel (the case panel's tables) scrolls both ways
        area.setMinimumWidth(200)
    return area
