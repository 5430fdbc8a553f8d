"""IR mixture analysis of the current sample, and manual spectral subtraction.

Top: the unknown (absorbance), the fitted sum, each component scaled by its
fitted weight, and the residual below.  The table lists the components with
their fractions.  "Analyse mixture" runs :func:`nps_id.ir.mixture_analysis.analyse_mixture`
in a worker (the window never blocks); "Subtract": choose a hit, set the
factor with the slider (starts at the least-squares factor) and see the
residual; "Search residual" opens the residual as a new sample and searches
it.  The view holds no science: it calls the core and records each operation
with the model.
"""
from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PyQt6.QtCore import Qt, pyqtSignal
from PyQt6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSlider, QTableWidget,
                             QTableWidgetItem, QVBoxLayout, QWidget)

from nps_id_gui.views import plotting as P
from nps_id_gui.workers import Task

COMPONENT_COLOURS = ("#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442")
#: Slider steps per unit of the subtraction factor (relative to the least-squares factor).
_STEPS = 200


class MixtureView(QWidget):
    """The "IR mixture" dock of the window."""

    residualSearchRequested = pyqtSignal(object)   # Spectrum: the residual, to be opened and searched
    taskStarted = pyqtSignal(object)
    analysed = pyqtSignal(object)  # the sample whose hit list now carries a mixture result

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model: Any = None
        self.sample: Any = None
        self.result: Any = None
        self.task: Task | None = None
        self._subtraction: dict[str, Any] | None = None

        self.analyse_button = QPushButton(self.tr("Analyse mixture"))
        self.analyse_button.setToolTip(self.tr("Unmix the unknown into library compounds (NNLS with residual search)"))
        self.analyse_button.clicked.connect(self.analyse)
        self.status = QLabel(self.tr("Search an IR spectrum, then analyse it as a mixture."))
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.analyse_button)
        top.addWidget(self.status, 1)

        self.plots = pg.GraphicsLayoutWidget()
        self.plot = self.plots.addPlot(row=0, col=0)
        self.residual_plot = self.plots.addPlot(row=1, col=0)
        self.plots.ci.layout.setRowStretchFactor(0, 3)
        self.plots.ci.layout.setRowStretchFactor(1, 1)
        self.residual_plot.setXLink(self.plot)
        P.style_plot(self.plot, "", self.tr("Absorbance"))
        P.style_plot(self.residual_plot, self.tr("Wavenumber (cm⁻¹)"), self.tr("Residual"))
        for plot in (self.plot, self.residual_plot):
            plot.getViewBox().invertX(True)
            for side in ("left", "bottom"):
                plot.getAxis(side).enableAutoSIPrefix(False)
        self.legend = self.plot.addLegend(offset=(-10, 10), labelTextSize="8pt")

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Component"), self.tr("Fraction"), "CAS", self.tr("r alone")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setMaximumHeight(90)
        self.plots.setMinimumHeight(180)

        self.hit_choice = QComboBox()
        self.hit_choice.setToolTip(self.tr("Library hit to subtract from the unknown"))
        self.hit_choice.currentIndexChanged.connect(self._subtract_changed)
        self.factor = QSlider(Qt.Orientation.Horizontal)
        self.factor.setRange(0, 2 * _STEPS)
        self.factor.setValue(_STEPS)
        self.factor.setToolTip(self.tr("Subtraction factor (the middle is the least-squares factor)"))
        self.factor.valueChanged.connect(self._draw_subtraction)
        self.factor_label = QLabel("")
        self.subtract_button = QPushButton(self.tr("Subtract"))
        self.subtract_button.clicked.connect(self._subtract_changed)
        self.search_residual_button = QPushButton(self.tr("Search residual"))
        self.search_residual_button.setEnabled(False)
        self.search_residual_button.clicked.connect(self._search_residual)
        sub = QHBoxLayout()
        sub.addWidget(QLabel(self.tr("Subtract")))
        sub.addWidget(self.hit_choice, 2)
        sub.addWidget(self.subtract_button)
        sub.addWidget(self.factor, 2)
        sub.addWidget(self.factor_label)
        sub.addWidget(self.search_residual_button)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.plots, 1)
        lay.addWidget(self.table)
        lay.addLayout(sub)
        self._sync()

    # -- public -----------------------------------------------------------------
    def set_sample(self, sample: Any, model: Any = None) -> None:
        """Show the mixture result of ``sample`` (kept on its hit list) and offer its hits for subtraction."""
        if model is not None:
            self.model = model
        self.sample = sample
        hitlist = getattr(sample, "hitlist", None)
        self.result = getattr(hitlist, "mixture", None)
        self._subtraction = None
        self.hit_choice.blockSignals(True)
        self.hit_choice.clear()
        for hit in (getattr(hitlist, "hits", None) or []):
            self.hit_choice.addItem(f"{hit.rank}. {hit.name}", hit)
        self.hit_choice.blockSignals(False)
        self._draw_result()
        self._sync()

    def analyse(self) -> Task | None:
        """Run the mixture analysis of the current sample in a worker."""
        if not self._can_analyse():
            return None
        from nps_id.ir.mixture_analysis import analyse_mixture

        model, sample = self.model, self.sample
        query = sample.raw
        library = model.library  # used from the worker as the model's own search does

        def work(progress, cancel):
            return analyse_mixture(library, query)

        task = Task(self.tr("Analysing the mixture"), work)
        task.finished.connect(lambda result, s=sample: self._analysed(s, result))
        task.failed.connect(lambda exc, tb: self._failed(exc))
        self.task = task
        self.status.setText(self.tr("Analysing…"))
        self.analyse_button.setEnabled(False)
        self.taskStarted.emit(task)
        task.start()
        return task

    # -- internals ----------------------------------------------------------------
    def _can_analyse(self) -> bool:
        sample, model = self.sample, self.model
        if sample is None or model is None or getattr(sample, "kind", "") != "spectrum":
            self.status.setText(self.tr("Select an IR spectrum first."))
            return False
        if getattr(sample.raw, "technique", "") != "ir":
            self.status.setText(self.tr("Mixture analysis is for IR spectra."))
            return False
        if model.library is None:
            self.status.setText(self.tr("Open a reference library first."))
            return False
        return True

    def _analysed(self, sample: Any, result: Any) -> None:
        self.task = None
        if sample.hitlist is not None:
            sample.hitlist.mixture = result
        if self.model is not None:
            self.model.record("analyse_mixture", sample, **result.to_dict()["parameters"],
                              components=[c.name for c in result.components])
        if sample is self.sample:
            self.result = result
            self._draw_result()
        self._sync()
        self.analysed.emit(sample)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.status.setText(self.tr("Mixture analysis failed: {0}").format(exc))
        self._sync()

    def _sync(self) -> None:
        has_sample = self.sample is not None and getattr(self.sample, "kind", "") == "spectrum"
        self.analyse_button.setEnabled(has_sample and self.task is None)
        self.subtract_button.setEnabled(has_sample and self.hit_choice.count() > 0)
        self.factor.setEnabled(self._subtraction is not None)
        self.search_residual_button.setEnabled(self._subtraction is not None)

    def _clear_plots(self) -> None:
        self.plot.clear()
        self.residual_plot.clear()
        self.legend.clear()

    def _draw_result(self) -> None:
        self._clear_plots()
        self.table.setRowCount(0)
        result = self.result
        if result is None:
            if self.sample is not None:
                self.status.setText(self.tr("Not analysed yet: press “Analyse mixture”."))
            return
        x = result.grid
        self.plot.plot(x, result.query, pen=pg.mkPen(P.QUERY, width=1.6), name=self.tr("Unknown"), connect="finite")
        self.plot.plot(x, result.fitted, pen=pg.mkPen("#222222", width=1.2, style=Qt.PenStyle.DashLine),
                       name=self.tr("Fitted sum"), connect="finite")
        for i, (c, trace) in enumerate(zip(result.components, result.traces)):
            colour = COMPONENT_COLOURS[i % len(COMPONENT_COLOURS)]
            self.plot.plot(x, trace, pen=pg.mkPen(colour, width=1.1),
                           name=f"{c.name} ({100 * c.fraction:.0f} %)", connect="finite")
        self.residual_plot.plot(x, result.residual, pen=pg.mkPen(P.DIFF, width=1.0), connect="finite")
        self.residual_plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#888", width=1)))
        self.table.setRowCount(len(result.components))
        for row, c in enumerate(result.components):
            for col, text in enumerate((c.name, f"{100 * c.fraction:.1f} %", c.cas or "", f"{c.alone_r:.2f}")):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.status.setText(self.tr(
            "{0} component(s); {1:.1f} % of the signal explained; residual {2:.1f} × noise. Fractions are shares "
            "of the fitted absorbance, not mass fractions.").format(
                len(result.components), 100 * result.explained, result.noise_ratio))

    def _subtract_changed(self, *_: Any) -> None:
        """Prepare the unknown and the chosen hit for subtraction (least-squares factor in the middle)."""
        hit = self.hit_choice.currentData()
        if hit is None or self.sample is None or self.model is None:
            return
        reference = self.model.reference_spectrum(hit)
        if reference is None:
            self.status.setText(self.tr("The reference spectrum of this hit is not available."))
            return
        from nps_id.ir.overlay import overlay_arrays

        try:
            o = overlay_arrays(self.sample.raw, reference, "absorbance")
        except Exception as exc:
            self.status.setText(self.tr("Cannot subtract: {0}").format(exc))
            return
        base = o["reference"] / o["factor"] if o["factor"] else o["reference"]
        self._subtraction = {"x": o["x"], "query": o["query"], "reference": base, "factor": o["factor"],
                             "hit": hit}
        self.factor.blockSignals(True)
        self.factor.setValue(_STEPS)
        self.factor.blockSignals(False)
        self._draw_subtraction()
        self._sync()

    def current_factor(self) -> float:
        sub = self._subtraction
        return 0.0 if sub is None else sub["factor"] * self.factor.value() / _STEPS

    def residual_spectrum(self) -> Any:
        """The unknown minus factor × the chosen hit, as an absorbance Spectrum with its recipe."""
        sub = self._subtraction
        if sub is None:
            return None
        from nps_id.spectrum import Spectrum

        factor = self.current_factor()
        y = sub["query"] - factor * sub["reference"]
        name = f"{self.sample.label} − {factor:.3g} × {sub['hit'].name}"
        spectrum = Spectrum(sub["x"], y, "ir", "1/cm", "absorbance",
                            {"name": name, "source_file": str(getattr(self.sample, "path", ""))})
        return spectrum.processed("spectral_subtraction", {"library_id": int(sub["hit"].library_id),
                                                           "reference": sub["hit"].name, "factor": factor})

    def _draw_subtraction(self, *_: Any) -> None:
        sub = self._subtraction
        if sub is None:
            return
        factor = self.current_factor()
        self.factor_label.setText(f"× {factor:.3g}")
        self._clear_plots()
        x = sub["x"]
        self.plot.plot(x, sub["query"], pen=pg.mkPen(P.QUERY, width=1.5), name=self.tr("Unknown"), connect="finite")
        self.plot.plot(x, factor * sub["reference"], pen=pg.mkPen(P.REFERENCE, width=1.1),
                       name=f"{factor:.3g} × {sub['hit'].name}", connect="finite")
        self.residual_plot.plot(x, sub["query"] - factor * sub["reference"], pen=pg.mkPen(P.DIFF, width=1.0),
                                connect="finite")
        self.residual_plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#888", width=1)))
        self.status.setText(self.tr("Manual subtraction: move the slider until the hit's bands are gone from the "
                                    "residual, then search the residual."))

    def _search_residual(self) -> None:
        spectrum = self.residual_spectrum()
        if spectrum is None:
            return
        if self.model is not None:
            sub = self._subtraction
            self.model.record("spectral_subtraction", self.sample, library_id=int(sub["hit"].library_id),
                              reference=sub["hit"].name, factor=self.current_factor())
        self.residualSearchRequested.emit(spectrum)
