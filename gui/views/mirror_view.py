"""Comparison of the unknown with a library spectrum, with the difference.

EI: head-to-tail (mirror) sticks, the unknown up, the reference down; the
lower plot shows unknown minus reference on the same m/z axis.  IR
(:meth:`MirrorView.show_ir`): the way analysts read IR, unknown and reference
overlaid on one axis in absorbance (or %T), the reference scaled to the
unknown by least squares, and the difference trace below; the processed
(derivative) search vectors as an option (``nps_id.ir.overlay``).  The aligned arrays come from
``nps_id.ms.mirror`` when the core offers it; otherwise the spectra are put on
a common nominal m/z axis for display only (no score is computed here).
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PyQt6.QtCore import QT_TRANSLATE_NOOP, Qt
from PyQt6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget

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
        P.style_plot(self.mirror, "", self.tr("Abundance (%)"))
        P.style_plot(self.diff, "m/z", "Δ")
        self.diff.getAxis("left").setWidth(self.mirror.getAxis("left").width())
        for plot in (self.mirror, self.diff):
            for side in ("left", "bottom"):
                plot.getAxis(side).enableAutoSIPrefix(False)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("QLabel { background: white; color: #777; border: 1px solid #d0d0d0; }")
        self.ir_display = QComboBox()
        for label, key in ((self.tr("Absorbance"), "absorbance"), (self.tr("Transmittance (%T)"), "transmittance"),
                           (self.tr("Processed (search vectors)"), "processed")):
            self.ir_display.addItem(label, key)
        self.ir_display.setToolTip(self.tr("How the IR unknown and reference are overlaid"))
        self.ir_display.currentIndexChanged.connect(self._redraw_ir)
        self.ir_note = QLabel("")
        self.ir_note.setStyleSheet("color: #555;")
        self.ir_bar = QWidget()
        bar = QHBoxLayout(self.ir_bar)
        bar.setContentsMargins(4, 2, 4, 0)
        bar.addWidget(QLabel(self.tr("Overlay:")))
        bar.addWidget(self.ir_display)
        bar.addWidget(self.ir_note, 1)
        self.plots_page = QWidget()
        page = QVBoxLayout(self.plots_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        page.addWidget(self.ir_bar)
        page.addWidget(self.layout_widget, 1)
        self.ir_bar.setVisible(False)
        self._ir_pair: tuple | None = None
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.plots_page)
        self.items: dict[str, Any] = {}
        self.clear()

    def clear(self, message: str | None = None) -> None:
        if message is None:
            message = self.tr("Select a hit to compare the spectra head to tail")
        self._ir_pair = None
        self.mirror.clear()
        self.diff.clear()
        self.items = {}
        self.mirror.setTitle(None)
        self.placeholder.setText(message)
        self.stack.setCurrentWidget(self.placeholder)

    def _plots_shown(self) -> None:
        self.stack.setCurrentWidget(self.plots_page)

    def set_mode(self, mode: str) -> None:
        """"ms": sticks with a difference plot; "ir": reversed wavenumbers, no difference plot."""
        self._plots_shown()
        ir = mode == "ir"
        self.diff.setVisible(not ir)
        self.ir_bar.setVisible(False)
        self.diff.setLabel("bottom", "m/z")
        self.diff.getViewBox().invertX(False)
        self.mirror.getViewBox().invertX(ir)
        self.mirror.setLabel("bottom", self.tr("Wavenumber (cm⁻¹)") if ir else "")
        self.mirror.setLabel("left", self.tr("Normalised absorbance") if ir else self.tr("Abundance (%)"))

    def show_ir(self, query: Any, reference: Any, query_name: str = "Unknown",
                reference_name: str = "Reference") -> None:
        """Overlay an IR unknown and reference on one axis (display chosen in the combo), difference below."""
        self._ir_pair = (query, reference, query_name, reference_name)
        self._redraw_ir()

    def _redraw_ir(self, *_: Any) -> None:
        if self._ir_pair is None:
            return
        query, reference, qname, rname = self._ir_pair
        self.mirror.clear()
        self.diff.clear()
        self.items = {}
        if query is None or reference is None:
            self.clear(self.tr("Reference spectrum not available"))
            return
        display = self.ir_display.currentData()
        try:
            from nps_id.ir.overlay import overlay_arrays

            o = overlay_arrays(query, reference, display)
        except Exception as exc:  # a spectrum that cannot be compared: say why, keep the window usable
            self.clear(self.tr("Cannot overlay these spectra: {0}").format(exc))
            self._ir_pair = (query, reference, qname, rname)
            return
        self._plots_shown()
        self.ir_bar.setVisible(True)
        self.diff.setVisible(True)
        self.mirror.getViewBox().invertX(True)
        self.diff.getViewBox().invertX(True)
        self.mirror.setLabel("bottom", "")
        self.diff.setLabel("bottom", self.tr("Wavenumber (cm⁻¹)"))
        self.mirror.setLabel("left", self.tr(o["y_label"]))  # the core's labels, listed in IR_LABELS below
        self.diff.setLabel("left", "Δ")
        x = o["x"]
        self.items["query"] = self.mirror.plot(x, o["query"], pen=pg.mkPen(P.QUERY, width=1.4), connect="finite")
        self.items["reference"] = self.mirror.plot(x, o["reference"], pen=pg.mkPen(P.REFERENCE, width=1.2),
                                                   connect="finite")
        self.items["difference"] = self.diff.plot(x, o["difference"], pen=pg.mkPen(P.DIFF, width=1.1),
                                                  connect="finite")
        self.diff.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#888", width=1)))
        self.ir_note.setText(self.tr("reference × {0} (least squares)").format(f"{o['factor']:.3g}"))
        self.mirror.setTitle(f"<span style='color:{P.QUERY}'>— {_esc(qname)}</span>&nbsp;&nbsp;&nbsp;"
                             f"<span style='color:{P.REFERENCE}'>— {_esc(rname)}</span>", size="9pt")
        finite = np.isfinite(o["query"]) | np.isfinite(o["reference"])
        if finite.any():
            self.mirror.setXRange(float(x[finite].min()), float(x[finite].max()), padding=0.02)
        self.mirror.enableAutoRange(axis="y")
        self.diff.enableAutoRange(axis="y")

    def show_pair(self, query: Any, reference: Any, query_name: str = "Unknown", reference_name: str = "Reference") -> None:
        self.clear()
        if query is None or reference is None:
            self.clear(self.tr("Reference spectrum not available"))
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
    """(m/z, query, reference) on one axis, as the core aligns them."""
    from nps_id.ms.mirror import mirror_arrays

    x, a, b = mirror_arrays(query, reference)
    return np.asarray(x, float), np.asarray(a, float), np.asarray(b, float)


def _esc(text: str, width: int = 34) -> str:
    # Elided: a long compound name in the title would widen the plot past its
    # pane and hide the high-m/z end of the comparison.
    text = text or ""
    if len(text) > width:
        text = text[: width - 1] + "…"
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


#: The y-axis titles nps_id.ir.overlay gives (translated in MirrorView.show_ir).
IR_LABELS = (QT_TRANSLATE_NOOP("MirrorView", "d(A^⅓)/dν̃, normalised (search vector)"),
             QT_TRANSLATE_NOOP("MirrorView", "Absorbance"), QT_TRANSLATE_NOOP("MirrorView", "Transmittance (%)"))
