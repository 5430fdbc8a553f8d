"""Shared look of the plots, and drawing helpers (display only, no science)."""
from __future__ import annotations

from typing import Iterable

import numpy as np
import pyqtgraph as pg
from PyQt6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PyQt6.QtGui import QFont

pg.setConfigOptions(background="w", foreground="#222", antialias=True)

#: Colours used across the application (colour-blind safe, Okabe-Ito).
QUERY = "#0064B4"
REFERENCE = "#D55E00"
BASELINE = "#E69F00"
RAW = "#9A9A9A"
PEAK = "#CC3311"
DIFF = "#6A3D9A"
COMPONENT = "#009E73"

LABEL_FONT = QFont()
LABEL_FONT.setPointSizeF(8.5)


def style_plot(plot: pg.PlotItem, x_label: str = "", y_label: str = "", title: str | None = None) -> None:
    plot.showGrid(x=True, y=True, alpha=0.15)
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        axis.setTextPen("#333")
        axis.setPen("#777")
    plot.setLabel("bottom", x_label)
    plot.setLabel("left", y_label)
    if title is not None:
        plot.setTitle(title, size="10pt", color="#222")
    plot.setMenuEnabled(True)


def stick_arrays(x: np.ndarray, y: np.ndarray, base: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Vertices for a stick plot drawn with ``connect="pairs"``."""
    xs = np.repeat(np.asarray(x, float), 2)
    ys = np.empty(xs.size)
    ys[0::2] = base
    ys[1::2] = y
    return xs, ys


def label_positions(x: np.ndarray, y: np.ndarray, count: int = 10, min_rel: float = 0.04,
                    min_gap: float | None = None) -> list[int]:
    """Indices of the tallest sticks, spaced at least ``min_gap`` apart (for labels)."""
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    if y.size == 0:
        return []
    top = np.nanmax(np.abs(y))
    if not np.isfinite(top) or top <= 0:
        return []
    if min_gap is None:
        span = float(np.nanmax(x) - np.nanmin(x)) if x.size > 1 else 1.0
        min_gap = max(span / 40.0, 1.0)
    chosen: list[int] = []
    for i in np.argsort(-np.abs(y)):
        if abs(y[i]) < min_rel * top or len(chosen) >= count:
            break
        if all(abs(x[i] - x[j]) >= min_gap for j in chosen):
            chosen.append(int(i))
    return chosen


def add_labels(plot: pg.PlotItem, x: Iterable[float], y: Iterable[float], color: str = "#222",
               below: bool = False, fmt: str = "{:.0f}") -> list[pg.TextItem]:
    items = []
    for xi, yi in zip(x, y):
        item = pg.TextItem(fmt.format(xi), color=color, anchor=(0.5, 0.0 if below else 1.0))
        item.setFont(LABEL_FONT)
        item.setPos(float(xi), float(yi))
        plot.addItem(item)
        items.append(item)
    return items


def relative(y: np.ndarray) -> np.ndarray:
    """Scale to a base peak of 100 for display."""
    y = np.asarray(y, float)
    top = np.nanmax(np.abs(y)) if y.size else 0
    return y * (100.0 / top) if top and np.isfinite(top) else y


def is_wavenumber(unit: str) -> bool:
    return unit in ("1/cm", "cm-1", "cm^-1", "wavenumber", "raman shift 1/cm")


#: Axis titles by unit (English sources; :func:`x_label` / :func:`y_label` translate them).
X_LABELS = {"m/z": "m/z", "1/cm": QT_TRANSLATE_NOOP("Plot", "Wavenumber (cm⁻¹)"),
            "micrometers": QT_TRANSLATE_NOOP("Plot", "Wavelength (µm)"),
            "nm": QT_TRANSLATE_NOOP("Plot", "Wavelength (nm)"),
            "raman shift 1/cm": QT_TRANSLATE_NOOP("Plot", "Raman shift (cm⁻¹)"), "ppm": "δ (ppm)"}
Y_LABELS = {"relative abundance": QT_TRANSLATE_NOOP("Plot", "Relative abundance"),
            "absorbance": QT_TRANSLATE_NOOP("Plot", "Absorbance"),
            "transmittance": QT_TRANSLATE_NOOP("Plot", "Transmittance"), "%transmittance": "%T",
            "reflectance": QT_TRANSLATE_NOOP("Plot", "Reflectance"), "kubelka-munk": "Kubelka-Munk",
            "counts": QT_TRANSLATE_NOOP("Plot", "Counts"), "arbitrary": QT_TRANSLATE_NOOP("Plot", "Intensity")}


def x_label(unit: str) -> str:
    """The x-axis title of ``unit`` in the interface language."""
    return QCoreApplication.translate("Plot", X_LABELS.get(unit, unit))


def y_label(unit: str) -> str:
    """The y-axis title of ``unit`` in the interface language."""
    return QCoreApplication.translate("Plot", Y_LABELS.get(unit, unit))


def set_style(widget, sheet: str) -> None:
    """Give ``widget`` a style sheet unless it already has it: each call re-polishes the widget
    and its children (5-20 ms), and results are redrawn after every finished task."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


def read_only_table(model):
    """A row-selecting, read-only QTableView on ``model`` (hit lists, component tables)."""
    from PyQt6.QtWidgets import QAbstractItemView, QTableView

    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(22)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return table
