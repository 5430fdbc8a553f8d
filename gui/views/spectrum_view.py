"""One spectrum: EI as labelled sticks; IR with reversed wavenumbers, baseline and peaks.

Zoom with the mouse wheel or a right-drag, pan with a left-drag; a double
click (or the "A" button) shows everything again.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import QVBoxLayout, QWidget

from nps_id_gui.views import plotting as P


class SpectrumView(QWidget):
    """Shows a :class:`~nps_id_gui.model.Sample`'s spectrum (or a bare Spectrum)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget()
        self.plot: pg.PlotItem = self.plot_widget.getPlotItem()
        P.style_plot(self.plot)
        self.plot.getAxis("left").enableAutoSIPrefix(False)
        # top left: IR spectra are usually flat at high wavenumbers (shown on the left)
        self.legend = self.plot.addLegend(offset=(10, 10), labelTextSize="8pt")
        self.legend.setBrush(pg.mkBrush(255, 255, 255, 200))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self.curves: dict[str, Any] = {}   # name -> plot item (tests look at these)
        self.labels: list[pg.TextItem] = []
        self.spectrum = None
        self.plot_widget.scene().sigMouseClicked.connect(self._on_click)

    # -- public -------------------------------------------------------------
    def clear(self, message: str = "") -> None:
        self.plot.clear()
        self.legend.clear()
        self.curves = {}
        self.labels = []
        self.spectrum = None
        self.plot.setTitle(message, size="10pt", color="#666") if message else self.plot.setTitle(None)

    def show_sample(self, sample: Any) -> None:
        if sample is None or sample.query is None:
            self.clear(self.tr("No spectrum"))
            return
        if sample.kind == "spectrum" and sample.raw.technique != "ms":
            self.show_optical(sample.raw, sample.processed, sample.before_baseline, sample.baseline,
                              sample.peaks, title=sample.label)
        else:
            title = sample.label
            comp = sample.current_component
            if sample.kind == "run" and comp is not None:
                title = self.tr("{0} — component at {1} min").format(sample.label, f"{getattr(comp, 'rt_min', 0):.3f}")
            elif sample.kind == "run" and sample.scan_spectrum is not None:
                rt = sample.scan_spectrum.get("retention_time")
                title = (self.tr("{0} — scan at {1} min").format(sample.label, f"{rt:.3f}") if rt is not None
                         else sample.label)
            self.show_ms(sample.query, title=title)

    def show_ms(self, spectrum: Any, title: str = "") -> None:
        self.clear()
        self.spectrum = spectrum
        x, y = spectrum.x, P.relative(spectrum.y)
        xs, ys = P.stick_arrays(x, y)
        item = self.plot.plot(xs, ys, connect="pairs", pen=pg.mkPen(P.QUERY, width=1.6))
        self.curves["sticks"] = item
        self.legend.clear()
        self.legend.setVisible(False)
        idx = P.label_positions(x, y, count=12)
        self.labels = P.add_labels(self.plot, x[idx], y[idx], color="#222")
        P.style_plot(self.plot, "m/z", self.tr("Relative abundance (%)"), title or spectrum.name)
        self.plot.getViewBox().invertX(False)
        if x.size:
            lo, hi = float(np.min(x)), float(np.max(x))
            pad = max(5.0, 0.04 * (hi - lo))
            self.plot.setXRange(max(0.0, lo - pad), hi + pad, padding=0)
        self.plot.setYRange(0, 125, padding=0)
        self.plot.getViewBox().setLimits(yMin=-5)

    def show_optical(self, raw: Any, processed: Any = None, before_baseline: Any = None,
                     baseline: Any = None, peaks: Any = None, title: str = "") -> None:
        self.clear()
        self.legend.setVisible(True)
        shown = processed if processed is not None else raw
        self.spectrum = shown
        # antialiasing a curve of 18,000 points costs ~0.1 s per paint (denser than the pixels anyway)
        aa = max(raw.x.size, shown.x.size) <= DENSE_POINTS
        if processed is not None and before_baseline is not None and baseline is not None:
            self.curves["before"] = self.plot.plot(before_baseline.x, before_baseline.y, name=self.tr("Before baseline"),
                                                   pen=pg.mkPen(P.RAW, width=1.2), antialias=aa)
            self.curves["baseline"] = self.plot.plot(before_baseline.x, np.asarray(baseline, float),
                                                     name=self.tr("Fitted baseline"), antialias=aa,
                                                     pen=pg.mkPen(P.BASELINE, width=1.8, style=Qt.PenStyle.DashLine))
        elif processed is not None and processed.y_unit == raw.y_unit:
            self.curves["raw"] = self.plot.plot(raw.x, raw.y, name=self.tr("Raw"), pen=pg.mkPen(P.RAW, width=1.2),
                                                antialias=aa)
        if processed is None:
            label = self.tr("Spectrum")
        else:
            label = self.tr("Baseline-corrected") if baseline is not None else self.tr("Processed")
        self.curves["spectrum"] = self.plot.plot(shown.x, shown.y, name=label,
                                                 pen=pg.mkPen(P.QUERY, width=1.5), connect="finite", antialias=aa)
        if peaks is not None and len(peaks):
            px = np.asarray(peaks, float)
            py = np.interp(px, *_sorted_xy(shown))
            self.curves["peaks"] = self.plot.plot(px, py, pen=None, symbol="t1", symbolSize=8,
                                                  symbolBrush=P.PEAK, symbolPen=None, name=self.tr("Peaks"))
            span = float(np.nanmax(shown.x) - np.nanmin(shown.x)) if shown.x.size else 1.0
            order = P.label_positions(px, py, count=12, min_rel=0.0, min_gap=span / 30.0)
            self.labels = P.add_labels(self.plot, px[order], py[order], color=P.PEAK)
        wavenumber = P.is_wavenumber(shown.x_unit)
        P.style_plot(self.plot, P.x_label(shown.x_unit), P.y_label(shown.y_unit), title or shown.name)
        # IR convention: high wavenumbers on the left (4000 -> 400 cm-1)
        self.plot.getViewBox().invertX(wavenumber)
        self.plot.getViewBox().setLimits(yMin=None)
        self.plot.enableAutoRange()
        self.plot.autoRange()
        ys = [np.asarray(c.yData, float) for c in self.curves.values() if getattr(c, "yData", None) is not None]
        ys = np.concatenate([y[np.isfinite(y)] for y in ys]) if ys else np.array([])
        if ys.size:
            lo, hi = float(ys.min()), float(ys.max())
            span = (hi - lo) or 1.0
            self.plot.setYRange(lo - 0.04 * span, hi + 0.12 * span, padding=0)  # room for the peak labels

    def _on_click(self, event: Any) -> None:
        if event.double():
            self.plot.autoRange()


#: Curves with more points are drawn without antialiasing.
DENSE_POINTS = 5000


def _sorted_xy(spectrum: Any) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(spectrum.x)
    return spectrum.x[order], np.nan_to_num(spectrum.y[order])
