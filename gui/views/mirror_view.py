"""Head-to-tail (mirror) plot of the unknown against a library spectrum, with the difference.

The unknown points up, the reference down; the lower plot shows unknown minus
reference on the same m/z axis.  The aligned arrays come from
``nps_id.ms.mirror`` when the core offers it; otherwise the spectra are put on
a common nominal m/z axis for display only (no score is computed here).
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import QLabel, QStackedLayout, QWidget

from nps_id_gui import core
from nps_id_gui.views import plotting as P


class MirrorView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.layout_widget = pg.GraphicsLayoutWidget()
        self.mirror = self.layout_widget.addPlot(row=0, col=0)
        self.diff = self.layout_widget.addPlot(row=1, col=0)
        self.layout_widget.ci.layout.setRowStretchFactor(0, 3)
        self.layout_widget.ci.layout.setRowStretchFactor(1, 1)
        self.diff.setXLink(self.mirror)
        P.style_plot(self.mirror, "", "Abundance (%)")
        P.style_plot(self.diff, "m/z", "Δ")
        self.diff.getAxis("left").setWidth(self.mirror.getAxis("left").width())
        for plot in (self.mirror, self.diff):
            for side in ("left", "bottom"):
                plot.getAxis(side).enableAutoSIPrefix(False)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("QLabel { background: white; color: #777; border: 1px solid #d0d0d0; }")
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.layout_widget)
        self.items: dict[str, Any] = {}
        self.clear()

    def clear(self, message: str = "Select a hit to compare the spectra head to tail") -> None:
        self.mirror.clear()
        self.diff.clear()
        self.items = {}
        self.mirror.setTitle(None)
        self.placeholder.setText(message)
        self.stack.setCurrentWidget(self.placeholder)

    def _plots_shown(self) -> None:
        self.stack.setCurrentWidget(self.layout_widget)

    def set_mode(self, mode: str) -> None:
        """"ms": sticks with a difference plot; "ir": reversed wavenumbers, no difference plot."""
        self._plots_shown()
        ir = mode == "ir"
        self.diff.setVisible(not ir)
        self.mirror.getViewBox().invertX(ir)
        self.mirror.setLabel("bottom", "Wavenumber (cm⁻¹)" if ir else "")
        self.mirror.setLabel("left", "Normalised absorbance" if ir else "Abundance (%)")

    def show_pair(self, query: Any, reference: Any, query_name: str = "Unknown", reference_name: str = "Reference") -> None:
        self.clear()
        if query is None or reference is None:
            self.clear("Reference spectrum not available")
            return
        self.set_mode("ms")
        x, yq, yr = aligned(query, reference)
        q = P.relative(yq)
        r = P.relative(yr)
        zero = pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#888", width=1))
        self.mirror.addItem(zero)
        mq = q > 0
        mr = r > 0
        xs, ys = P.stick_arrays(x[mq], q[mq])
        self.items["query"] = self.mirror.plot(xs, ys, connect="pairs", pen=pg.mkPen(P.QUERY, width=1.5))
        xs, ys = P.stick_arrays(x[mr], -r[mr])
        self.items["reference"] = self.mirror.plot(xs, ys, connect="pairs", pen=pg.mkPen(P.REFERENCE, width=1.5))
        gap = max(2.0, (float(x.max()) - float(x.min())) / 14.0) if x.size else 2.0
        idx = P.label_positions(x[mq], q[mq], count=6, min_gap=gap)
        P.add_labels(self.mirror, x[mq][idx], q[mq][idx], color=P.QUERY)
        idx = P.label_positions(x[mr], r[mr], count=6, min_gap=gap)
        P.add_labels(self.mirror, x[mr][idx], -r[mr][idx], color=P.REFERENCE, below=True)
        d = q - r
        nz = d != 0
        xs, ys = P.stick_arrays(x[nz], d[nz])
        self.items["difference"] = self.diff.plot(xs, ys, connect="pairs", pen=pg.mkPen(P.DIFF, width=1.3))
        self.diff.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#888", width=1)))
        self.mirror.setTitle(
            f"<span style='color:{P.QUERY}'>▲ {_esc(query_name)}</span>&nbsp;&nbsp;&nbsp;"
            f"<span style='color:{P.REFERENCE}'>▼ {_esc(reference_name)}</span>", size="9pt")
        lo, hi = (float(x.min()), float(x.max())) if x.size else (0.0, 1.0)
        pad = max(5.0, 0.03 * (hi - lo))
        self.mirror.setXRange(max(0.0, lo - pad), hi + pad, padding=0)
        self.mirror.setYRange(-128, 128, padding=0)
        self.diff.setYRange(-100, 100, padding=0.05)


def aligned(query: Any, reference: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(m/z, query, reference) on one axis: the core's helper, else nominal m/z for display."""
    fn = core.function("nps_id.ms.mirror", "mirror_arrays", "mirror", "aligned_arrays", "align")
    if fn is not None:
        try:
            out = fn(query, reference)
            if isinstance(out, dict):
                out = (out.get("mz"), out.get("query"), out.get("reference"))
            x, a, b = (np.asarray(v, float) for v in out[:3])
            return x, a, b
        except Exception:  # fall back on the display alignment below
            pass
    qx, rx = np.rint(query.x).astype(int), np.rint(reference.x).astype(int)
    axis = np.union1d(qx, rx)
    a = np.zeros(axis.size)
    b = np.zeros(axis.size)
    np.add.at(a, np.searchsorted(axis, qx), np.nan_to_num(query.y))
    np.add.at(b, np.searchsorted(axis, rx), np.nan_to_num(reference.y))
    return axis.astype(float), a, b


def _esc(text: str, width: int = 34) -> str:
    # Elided: a long compound name in the title would widen the plot past its
    # pane and hide the high-m/z end of the comparison.
    text = text or ""
    if len(text) > width:
        text = text[: width - 1] + "…"
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
