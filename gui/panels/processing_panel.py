"""IR processing settings with a live (debounced) preview.

The panel only collects settings; it emits ``paramsChanged(dict)`` a short
while after the last change, and the window hands the dict to
:meth:`Model.set_processing`.  The methods offered are the core's own.
"""
from __future__ import annotations

from typing import Any

from PyQt6.QtCore import QT_TRANSLATE_NOOP, QTimer, pyqtSignal
from PyQt6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                             QPushButton, QSpinBox, QVBoxLayout, QWidget)

from nps_id_gui import processing

DEBOUNCE_MS = 250

#: Labels of the baseline methods (shown), keyed by the core's names.
#: (translated when shown, context "ProcessingPanel"; method names with their paper stay as they are)
BASELINE_LABELS = {
    "none": QT_TRANSLATE_NOOP("ProcessingPanel", "None"), "arpls": "arPLS (Baek 2015)", "asls": "AsLS (Eilers 2005)",
    "airpls": "airPLS (Zhang 2010)", "modpoly": "ModPoly (Lieber 2003)", "imodpoly": "IModPoly (Zhao 2007)",
    "snip": "SNIP (Ryan 1988)", "rubberband": QT_TRANSLATE_NOOP("ProcessingPanel", "Rubberband (convex hull)"),
}
NORM_LABELS = {"none": QT_TRANSLATE_NOOP("ProcessingPanel", "None"), "max": QT_TRANSLATE_NOOP("ProcessingPanel", "Max = 1"),
               "l2": QT_TRANSLATE_NOOP("ProcessingPanel", "Vector (L2)"), "snv": "SNV",
               "minmax": QT_TRANSLATE_NOOP("ProcessingPanel", "Min-max 0–1"),
               "mean_centre_l2": QT_TRANSLATE_NOOP("ProcessingPanel", "Mean-centred L2")}
#: ATR crystals (name, label with its refractive index)
CRYSTALS = (("diamond", QT_TRANSLATE_NOOP("ProcessingPanel", "Diamond (n 2.40)")), ("znse", "ZnSe (n 2.43)"),
            ("ge", "Ge (n 4.00)"), ("si", "Si (n 3.42)"), ("krs-5", "KRS-5 (n 2.37)"))


class ProcessingPanel(QWidget):
    paramsChanged = pyqtSignal(dict)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self._loading = False

        self.absorbance = QCheckBox(self.tr("Convert to absorbance"))
        self.absorbance.setToolTip(self.tr("Baseline correction needs bands pointing up: %T is converted with A = -log10(T)"))
        self.absorbance.setChecked(True)

        self.atr = QCheckBox(self.tr("ATR correction"))
        self.atr.setToolTip(self.tr("Penetration-depth correction (Harrick's effective thickness): ATR band intensities grow "
                            "with wavelength; this makes them transmission-like. It does not undo the band shifts "
                            "of anomalous dispersion near strong bands."))
        self.crystal = QComboBox()
        for name, label in CRYSTALS:
            self.crystal.addItem(self.tr(label), name)
        self.angle = _spin(45.0, 20, 80, 1, "°")
        atr_row = QHBoxLayout()
        atr_row.addWidget(self.crystal, 1)
        atr_row.addWidget(self.angle)
        self.atmosphere = QComboBox()
        self.atmosphere.addItem(self.tr("None"), "none")
        self.atmosphere.addItem(self.tr("Remove water lines + CO₂"), "lines")
        self.atmosphere.addItem(self.tr("Mask water regions + CO₂"), "mask")
        self.atmosphere.setToolTip(self.tr("Atmospheric suppression: narrow water-vapour lines in 1350–1950 and 3550–3950 "
                                   "cm⁻¹ are cut out and bridged; the CO₂ doublet 2280–2400 cm⁻¹ is bridged"))

        self.range_on = QCheckBox(self.tr("Restrict range"))
        self.range_low = _spin(400.0, 0, 100000, 10, " cm⁻¹")
        self.range_high = _spin(4000.0, 0, 100000, 10, " cm⁻¹")
        range_row = QHBoxLayout()
        range_row.addWidget(self.range_low)
        range_row.addWidget(QLabel("–"))
        range_row.addWidget(self.range_high)

        self.smooth = QComboBox()
        self.smooth.addItem(self.tr("None"), "none")
        self.smooth.addItem("Savitzky–Golay", "savgol")
        self.window = QSpinBox()
        self.window.setRange(5, 101)
        self.window.setSingleStep(2)
        self.window.setValue(11)
        self.window.setSuffix(self.tr(" pts"))
        self.order = QSpinBox()
        self.order.setRange(1, 5)
        self.order.setValue(3)

        self.method = QComboBox()
        self.method.addItem(self.tr("None"), "none")
        self.lam = QDoubleSpinBox()
        self.lam.setDecimals(1)
        self.lam.setRange(1.0, 12.0)
        self.lam.setSingleStep(0.5)
        self.lam.setPrefix("log₁₀ λ = ")
        self.lam.setToolTip(self.tr("Whittaker smoothness: larger λ gives a stiffer baseline"))
        self.lam_auto = QCheckBox(self.tr("default"))
        self.lam_auto.setChecked(True)
        self.lam_auto.setToolTip(self.tr("Use the core's literature default (scaled to the point spacing)"))
        lam_row = QHBoxLayout()
        lam_row.addWidget(self.lam, 1)
        lam_row.addWidget(self.lam_auto)
        self.p = QDoubleSpinBox()
        self.p.setDecimals(3)
        self.p.setRange(0.001, 0.2)
        self.p.setSingleStep(0.005)
        self.p.setValue(0.01)
        self.p.setToolTip(self.tr("AsLS asymmetry p (0.001–0.1)"))
        self.poly = QSpinBox()
        self.poly.setRange(1, 10)
        self.poly.setValue(5)
        self.half = _spin(60.0, 2, 2000, 5, " cm⁻¹")

        self.norm = QComboBox()
        self.norm.addItem(self.tr("None"), "none")

        self.peaks = QCheckBox(self.tr("Mark peaks"))
        self.peaks.setChecked(True)
        self.peak_k = QDoubleSpinBox()
        self.peak_k.setRange(1.0, 50.0)
        self.peak_k.setValue(5.0)
        self.peak_k.setSingleStep(0.5)
        self.peak_k.setSuffix(self.tr(" × noise"))
        self.peak_k.setToolTip(self.tr("Smallest band prominence, in units of the spectrum's own noise "
                               "(also at least 2 % of the strongest band)"))
        self.similarity = QComboBox()
        for key, label in (("pearson", self.tr("Derivative r, compressed (default)")),
                           ("derivative", self.tr("Derivative r (Open Specy)")),
                           ("hqi", self.tr("Correlation HQI (100 r²)")), ("euclidean", self.tr("Euclidean distance")),
                           ("peaks", self.tr("Peak-table match"))):
            self.similarity.addItem(label, key)
        self.similarity.setToolTip(self.tr("IR library search score; the accuracy of each on the shared "
                                           "benchmark is in the README"))
        self.peak_fwhm = _spin(4.0, 0, 50, 1, " cm⁻¹")
        self.peak_fwhm.setToolTip(self.tr("Narrowest band marked (FWHM): gas lines and spikes are narrower"))
        self.populated = False

        units = QGroupBox(self.tr("Units and range"))
        f = QFormLayout(units)
        f.addRow(self.absorbance)
        f.addRow(self.atr)
        f.addRow(self.tr("Crystal"), atr_row)
        f.addRow(self.tr("Atmosphere"), self.atmosphere)
        f.addRow(self.range_on)
        f.addRow(range_row)
        smooth_box = QGroupBox(self.tr("Smoothing"))
        f = QFormLayout(smooth_box)
        f.addRow(self.tr("Method"), self.smooth)
        f.addRow(self.tr("Window"), self.window)
        f.addRow(self.tr("Order"), self.order)
        base_box = QGroupBox(self.tr("Baseline"))
        self.base_form = f = QFormLayout(base_box)
        f.addRow(self.tr("Method"), self.method)
        f.addRow("λ", lam_row)
        f.addRow("p", self.p)
        f.addRow(self.tr("Order"), self.poly)
        f.addRow(self.tr("Half window"), self.half)
        norm_box = QGroupBox(self.tr("Normalisation and peaks"))
        f = QFormLayout(norm_box)
        f.addRow(self.tr("Normalise"), self.norm)
        f.addRow(self.peaks)
        f.addRow(self.tr("Threshold"), self.peak_k)
        f.addRow(self.tr("Min. FWHM"), self.peak_fwhm)
        f.addRow(self.tr("Search score"), self.similarity)

        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #B00020;")
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Back to the raw spectrum"))
        self.reset_button.clicked.connect(self.reset)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        for w in (units, smooth_box, base_box, norm_box):
            lay.addWidget(w)
        lay.addWidget(self.status)
        lay.addStretch(1)
        lay.addWidget(self.reset_button)

        for w in (self.absorbance, self.range_on, self.lam_auto, self.peaks, self.atr):
            w.toggled.connect(self._changed)
        for w in (self.smooth, self.method, self.norm, self.atmosphere, self.crystal, self.similarity):
            w.currentIndexChanged.connect(self._changed)
        for w in (self.range_low, self.range_high, self.window, self.order, self.lam, self.p, self.poly, self.half,
                  self.angle, self.peak_k, self.peak_fwhm):
            w.valueChanged.connect(self._changed)
        self._sync_enabled()

    def populate(self) -> None:
        """Fill in the core's methods (imports the IR code: done when first needed, not at start-up)."""
        if self.populated:
            return
        self.populated = True
        self._loading = True
        for name in processing.baseline_methods():
            self.method.addItem(self.tr(BASELINE_LABELS.get(name, name)), name)
        for name in processing.normalisations():
            self.norm.addItem(self.tr(NORM_LABELS.get(name, name)), name)
        self._loading = False
        self._sync_enabled()

    # -- public -------------------------------------------------------------
    def params(self) -> dict[str, Any]:
        method = self.method.currentData()
        baseline: dict[str, Any] = {"method": method}
        if method in ("asls", "arpls", "airpls") and not self.lam_auto.isChecked():
            baseline["lam"] = float(10 ** self.lam.value())
        if method == "asls":
            baseline["p"] = float(self.p.value())
        if method in ("modpoly", "imodpoly"):
            baseline["poly_order"] = int(self.poly.value())
        if method == "snip":
            baseline["max_half_window_cm"] = float(self.half.value())
        smoothing: dict[str, Any] = {"method": self.smooth.currentData()}
        if smoothing["method"] == "savgol":
            window = int(self.window.value()) | 1
            smoothing.update(window_length=window, polyorder=min(int(self.order.value()), window - 2))
        return {
            "absorbance": self.absorbance.isChecked(),
            "atr": ({"crystal": self.crystal.currentData(), "angle_deg": float(self.angle.value())}
                    if self.atr.isChecked() else None),
            "atmosphere": self.atmosphere.currentData(),
            "range": [self.range_low.value(), self.range_high.value()] if self.range_on.isChecked() else None,
            "smoothing": smoothing,
            "baseline": baseline,
            "normalise": self.norm.currentData(),
            "peaks": self.peaks.isChecked(),
            "peak_k": float(self.peak_k.value()),
            "peak_min_fwhm": float(self.peak_fwhm.value()),
            "similarity": self.similarity.currentData(),
        }

    def set_params(self, params: dict[str, Any] | None) -> None:
        """Show a sample's settings (no signal)."""
        self.populate()
        self._loading = True
        try:
            params = params or {}
            self.absorbance.setChecked(bool(params.get("absorbance", True)))
            atr = params.get("atr")
            self.atr.setChecked(bool(atr))
            if atr:
                _select(self.crystal, atr.get("crystal", "diamond"))
                self.angle.setValue(float(atr.get("angle_deg", 45.0)))
            _select(self.atmosphere, params.get("atmosphere", "lines" if not params else "none"))
            self.peak_k.setValue(float(params.get("peak_k", 5.0)))
            self.peak_fwhm.setValue(float(params.get("peak_min_fwhm", 4.0)))
            _select(self.similarity, params.get("similarity", "pearson"))
            rng = params.get("range")
            self.range_on.setChecked(bool(rng))
            if rng:
                self.range_low.setValue(float(min(rng)))
                self.range_high.setValue(float(max(rng)))
            sm = params.get("smoothing") or {}
            _select(self.smooth, sm.get("method", "none"))
            if "window_length" in sm:
                self.window.setValue(int(sm["window_length"]))
            bl = params.get("baseline") or {}
            _select(self.method, bl.get("method", "none"))
            self.lam_auto.setChecked("lam" not in bl)
            _select(self.norm, params.get("normalise", "none"))
            self.peaks.setChecked(bool(params.get("peaks", self.peaks.isEnabled())))
            self._sync_enabled()
        finally:
            self._loading = False

    def set_error(self, message: str) -> None:
        self.status.setText(message)

    def reset(self) -> None:
        self.set_params({"absorbance": False, "peaks": False})
        self._changed()

    def flush(self) -> None:
        """Emit now if a change is waiting (tests, and before a search)."""
        if self._timer.isActive():
            self._timer.stop()
            self._emit()

    # -- internals ----------------------------------------------------------
    def _changed(self, *_: Any) -> None:
        self._sync_enabled()
        if not self._loading:
            self._timer.start()

    def _emit(self) -> None:
        self.paramsChanged.emit(self.params())

    def _sync_enabled(self) -> None:
        method = self.method.currentData()
        whittaker = method in ("asls", "arpls", "airpls")
        self.lam.setEnabled(whittaker and not self.lam_auto.isChecked())
        self.lam_auto.setEnabled(whittaker)
        self.p.setEnabled(method == "asls")
        self.poly.setEnabled(method in ("modpoly", "imodpoly"))
        self.half.setEnabled(method == "snip")
        savgol = self.smooth.currentData() == "savgol"
        self.window.setEnabled(savgol)
        self.order.setEnabled(savgol)
        self.crystal.setEnabled(self.atr.isChecked())
        self.angle.setEnabled(self.atr.isChecked())
        self.peak_k.setEnabled(self.peaks.isChecked())
        self.peak_fwhm.setEnabled(self.peaks.isChecked())
        self.range_low.setEnabled(self.range_on.isChecked())
        self.range_high.setEnabled(self.range_on.isChecked())
        if whittaker and self.lam_auto.isChecked() and self.populated:
            default = processing.baseline_defaults(method).get("lam")
            if isinstance(default, (int, float)) and default > 0:
                import math

                self.lam.blockSignals(True)
                self.lam.setValue(math.log10(default))
                self.lam.blockSignals(False)


def _spin(value: float, lo: float, hi: float, step: float, suffix: str = "") -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(lo, hi)
    box.setDecimals(0)
    box.setSingleStep(step)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


def _select(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)
