"""A GC-MS run: TIC with the components marked, the component table, and XICs on demand."""
from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PyQt6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, pyqtSignal
from PyQt6.QtGui import QBrush, QColor, QFont
from PyQt6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSplitter, QVBoxLayout, QWidget)

from nps_id_gui.views import plotting as P
from nps_id_gui.views.results_view import ambiguity_text, hit_value
from nps_id_gui.views.core_text import translate_sentence
from nps_id_gui.views.verdict_banner import STYLES, describe, percent, short, value, verdict_of

translate = QCoreApplication.translate  # pylupdate6 collects translate("Context", "text") calls

XIC_COLOURS = ("#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def tic_of(run: Any) -> tuple[np.ndarray, np.ndarray]:
    """(times, TIC) of the run, computed by the core (empty scans, first or last, count 0)."""
    from nps_id.gcms.chromatogram import tic

    return np.asarray(run.times, float), np.asarray(tic(run), float)


class ComponentTableModel(QAbstractTableModel):
    #: translated when shown (context "ComponentTable")
    HEADERS = ("#", QT_TRANSLATE_NOOP("ComponentTable", "RT (min)"), QT_TRANSLATE_NOOP("ComponentTable", "RI"),
               QT_TRANSLATE_NOOP("ComponentTable", "Area %"), QT_TRANSLATE_NOOP("ComponentTable", "Verdict"),
               QT_TRANSLATE_NOOP("ComponentTable", "Top hit"), QT_TRANSLATE_NOOP("ComponentTable", "Match"),
               QT_TRANSLATE_NOOP("ComponentTable", "ΔRI"))
    TIPS = (QT_TRANSLATE_NOOP("ComponentTable", "Component"),
            QT_TRANSLATE_NOOP("ComponentTable", "Retention time (apex)"),
            QT_TRANSLATE_NOOP("ComponentTable", "Retention index"),
            QT_TRANSLATE_NOOP("ComponentTable", "Share of the total area"),
            QT_TRANSLATE_NOOP("ComponentTable", "Verdict of the library search: identified, ambiguous or not in "
                                                "library (with its confidence)"),
            QT_TRANSLATE_NOOP("ComponentTable", "Best library hit — the identification only when the verdict says "
                                                "'identified'"),
            QT_TRANSLATE_NOOP("ComponentTable", "Match factor of the top hit (0-999), with the retention-index term "
                                                "when both RIs are known"),
            QT_TRANSLATE_NOOP("ComponentTable", "Component RI minus the top hit's library RI: within 20 supports, "
                                                "beyond 50 contradicts (red)"))
    VERDICT, TOP, MATCH, DELTA_RI = 4, 5, 6, 7
    VERDICT_WHATS_THIS = QT_TRANSLATE_NOOP(
        "ComponentTable", "<b>Verdict</b> of the library search of this component: ✔ <b>identified</b> (the top hit, "
                          "with the calibrated confidence that it is right), ⚠ <b>ambiguous</b> (candidates the "
                          "spectrum cannot tell apart — the retention index, IR or a reference standard decides) or "
                          "✖ <b>not in library</b> (the top hit is only the nearest spectrum; the component is "
                          "labelled 'not in library'). A retention index more than 50 units from the library's "
                          "never leaves a component identified.")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.components: list = []
        self.hitlists: list = []

    def set_components(self, comps: list, hitlists: list | None = None) -> None:
        self.beginResetModel()
        self.components = list(comps)
        self.hitlists = list(hitlists or [])
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.components)

    def columnCount(self, parent=QModelIndex()):
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("ComponentTable", self.HEADERS[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return translate("ComponentTable", self.TIPS[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.WhatsThisRole:
            return self.whats_this(section)
        return None

    def whats_this(self, section: int) -> str | None:
        """"What's this" of a column: the verdict here, the hit table's texts for the hit, match and ΔRI."""
        from nps_id_gui.views.results_view import WHATS_THIS

        if section == self.VERDICT:
            return translate("ComponentTable", self.VERDICT_WHATS_THIS)
        attr = {self.TOP: "name", self.MATCH: "score", self.DELTA_RI: "ri_delta"}.get(section)
        return translate("HitTable", WHATS_THIS[attr]) if attr else None

    def hitlist(self, row: int) -> Any:
        comp = self.components[row]
        hl = self.hitlists[row] if row < len(self.hitlists) else None
        return hl if hl is not None else getattr(comp, "hits", None)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        comp = self.components[index.row()]
        col = index.column()
        row = index.row()
        hitlist = self.hitlist(row)
        top = _top_hit(comp, self.hitlists[row] if row < len(self.hitlists) else None)
        verdict = verdict_of(hitlist)
        if col in (self.VERDICT, self.TOP):
            shown = self._verdict_data(role, col, hitlist, verdict, top)
            if shown is not None or role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole):
                return shown
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return str(index.row() + 1)
            if col == 1:
                return _num(getattr(comp, "rt_min", None), "{:.3f}")
            if col == 2:
                return _num(getattr(comp, "ri", None), "{:.0f}")
            if col == 3:
                return _num(getattr(comp, "area_pct", None), "{:.2f}")
            if col == self.MATCH:
                return _num(hit_value(top, "score") if top is not None else None, "{:.0f}")
            if col == self.DELTA_RI:
                return _num(getattr(top, "ri_delta", None) if top is not None else None, "{:+.0f}")
        if col == self.DELTA_RI and top is not None and getattr(top, "ri_flag", "") == "contradicts":
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#B2182B"))
            if role == Qt.ItemDataRole.ToolTipRole:
                return translate("ComponentTable", "RI {0} vs library {1}: more than 50 units apart — the retention "
                                                   "index contradicts this hit").format(
                    f"{getattr(comp, 'ri', 0):.0f}", f"{hit_value(top, 'retention_index'):.0f}")
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 1, 2, 3, self.MATCH, self.DELTA_RI):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _verdict_data(self, role, col: int, hitlist: Any, verdict: str | None, top: Any) -> Any:
        """Verdict and top-hit cells: the top hit reads as the answer only when the verdict says identified."""
        Role = Qt.ItemDataRole
        if col == self.VERDICT:
            if role == Role.DisplayRole:
                if verdict is None:
                    return "—"
                conf = value(value(hitlist, "verdict"), "confidence")
                return f"{short(verdict)} ({percent(conf)})"
            if role == Role.BackgroundRole and verdict is not None:
                return QBrush(QColor(STYLES.get(verdict, STYLES[None])[2]))
            if role == Role.ForegroundRole and verdict is not None:
                return QBrush(QColor(STYLES.get(verdict, STYLES[None])[4]))
            if role == Role.ToolTipRole and verdict is not None:
                return "\n".join(describe(hitlist).lines())
            return None
        # top hit
        if role == Role.DisplayRole:
            if top is None:
                return "—"
            name = str(hit_value(top, "name") or "")
            if verdict == "not_in_library":
                return translate("ComponentTable", "nearest: {0}").format(name)
            if verdict == "ambiguous":
                candidates = [str(c) for c in (value(value(hitlist, "verdict"), "candidates") or []) if c]
                return " / ".join(candidates[:3]) + ("…" if len(candidates) > 3 else "") if candidates else name + " ?"
            return ("⚠ " if verdict is None and ambiguity_text(top) else "") + name
        if role == Role.ForegroundRole:
            if verdict == "not_in_library":
                return QBrush(QColor("#6B6B6B"))
            if verdict == "ambiguous" or (verdict is None and top is not None and ambiguity_text(top)):
                return QBrush(QColor("#A15C00"))
        if role == Role.FontRole and verdict == "not_in_library":
            font = QFont()
            font.setItalic(True)
            return font
        if role == Role.ToolTipRole and verdict in ("not_in_library", "ambiguous"):
            return translate("ComponentTable", "Not an identification: {0}").format(
                translate_sentence(str(value(value(hitlist, "verdict"), "reason") or "")) or short(verdict))
        return None


def _top_hit(comp: Any, hitlist: Any = None) -> Any:
    hits = hitlist if hitlist is not None else getattr(comp, "hits", None)
    if hits is not None and hasattr(hits, "hits"):
        hits = hits.hits
    return hits[0] if hits else None


def _tic_label(top: Any, verdict: str | None) -> str:
    """A component's label on the TIC: a name only where the verdict identifies it."""
    if verdict == "not_in_library":
        return " " + translate("Verdict", "✖ not in library")
    if top is None:
        return ""
    name = _short_name(hit_value(top, "name"))
    return f" ⚠ {name}?" if verdict == "ambiguous" else f" {name}"


def _short_name(name: Any, n: int = 18) -> str:
    text = str(name or "")
    return text if len(text) <= n else text[: n - 1] + "…"


def _num(value: Any, fmt: str) -> str:
    if value is None:
        return "—"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    return "—" if not np.isfinite(v) else fmt.format(v)


class GCMSView(QWidget):
    componentSelected = pyqtSignal(int)
    timeClicked = pyqtSignal(float)
    xicRequested = pyqtSignal(list)
    #: (start, end, background (start, end) or None): average these scans, minus the background
    averageRequested = pyqtSignal(float, float, object)
    #: add the spectrum shown (component or averaged scans) to the open library
    addToLibraryRequested = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot_widget = pg.GraphicsLayoutWidget()
        self.plot: pg.PlotItem = self.plot_widget.addPlot(row=0, col=0)
        P.style_plot(self.plot, self.tr("Retention time (min)"), self.tr("TIC"))
        self.plot.getAxis("left").enableAutoSIPrefix(True)
        self.legend = self.plot.addLegend(offset=(-10, 10), labelTextSize="8pt")
        # extracted-ion chromatograms get their own scale, below the TIC (shown on demand)
        self.xic_plot: pg.PlotItem = self.plot_widget.addPlot(row=1, col=0)
        P.style_plot(self.xic_plot, self.tr("Retention time (min)"), self.tr("XIC"))
        self.xic_plot.setXLink(self.plot)
        self.xic_legend = self.xic_plot.addLegend(offset=(-10, 5), labelTextSize="8pt")
        self.xic_plot.setVisible(False)
        self.plot_widget.scene().sigMouseClicked.connect(self._on_click)
        # zoom and pan act on retention time only; the intensity axis follows what is visible
        vb = self.plot.getViewBox()
        vb.setMouseEnabled(x=True, y=False)
        vb.setAutoVisible(y=True)
        vb.sigXRangeChanged.connect(lambda *_: self._layout_labels())
        vb.sigResized.connect(lambda *_: self._layout_labels())
        self.labels: list[tuple[float, float, str, Any]] = []
        # scans to average (blue) and background to subtract (grey), shown on demand
        self.range_region = pg.LinearRegionItem(brush=pg.mkBrush(86, 180, 233, 50))
        self.background_region = pg.LinearRegionItem(brush=pg.mkBrush(120, 120, 120, 45))
        for region in (self.range_region, self.background_region):
            region.setZValue(-10)
        self.cursor = pg.InfiniteLine(angle=90, pen=pg.mkPen("#CC3311", width=1, style=Qt.PenStyle.DashLine))
        self.items: dict[str, Any] = {}

        self.xic_edit = QLineEdit()
        self.xic_edit.setPlaceholderText(self.tr("m/z for XIC, e.g. 342, 344, 313"))
        self.xic_edit.setToolTip(self.tr("Extracted-ion chromatograms: type one or more m/z, press Enter"))
        self.xic_edit.returnPressed.connect(self._xic)
        # wide enough for its placeholder in every language
        self.xic_edit.setMinimumWidth(self.xic_edit.fontMetrics().horizontalAdvance(self.xic_edit.placeholderText())
                                      + 16)
        self.xic_button = QPushButton(self.tr("Show XIC"))
        self.xic_button.clicked.connect(self._xic)
        self.clear_xic_button = QPushButton(self.tr("Clear XIC"))
        self.clear_xic_button.clicked.connect(self.clear_xics)
        self.info = QLabel("")
        self.info.setStyleSheet("color: #555;")
        self.range_button = QPushButton(self.tr("Scan range"))
        self.range_button.setCheckable(True)
        self.range_button.setToolTip(self.tr("Select scans to average: drag the blue band on the chromatogram, then "
                                             "Average"))
        self.range_button.toggled.connect(self._toggle_range)
        self.background_button = QPushButton(self.tr("Background"))
        self.background_button.setCheckable(True)
        self.background_button.setToolTip(self.tr("Also subtract the mean of the grey band (drag it beside the peak)"))
        self.background_button.toggled.connect(self._toggle_background)
        self.average_button = QPushButton(self.tr("Average"))
        self.average_button.setToolTip(self.tr("Show the averaged (background-subtracted) spectrum; Ctrl+F searches it"))
        self.average_button.clicked.connect(self._average)
        self.add_button = QPushButton(self.tr("Add to library…"))
        self.add_button.setToolTip(self.tr("Add the spectrum shown (component or averaged scans) to the open library"))
        self.add_button.clicked.connect(self.addToLibraryRequested.emit)
        manual = QHBoxLayout()
        manual.setContentsMargins(4, 0, 4, 0)
        manual.addWidget(QLabel(self.tr("Manual:")))
        for widget in (self.range_button, self.background_button, self.average_button, self.add_button):
            manual.addWidget(widget)
        manual.addStretch(1)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 0, 4, 0)
        bar.addWidget(self.info, 1)
        bar.addWidget(QLabel(self.tr("XIC:")))
        bar.addWidget(self.xic_edit)
        bar.addWidget(self.xic_button)
        bar.addWidget(self.clear_xic_button)

        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.setSpacing(2)
        tv.addWidget(self.plot_widget)
        tv.addLayout(bar)
        tv.addLayout(manual)

        self.table_model = ComponentTableModel(self)
        self.table = P.read_only_table(self.table_model)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the top hit gets a readable width of its own (a stretched column was squeezed to a few letters by
        # the longer Russian headers and verdicts); the table scrolls sideways when the panel is narrow
        hh.setSectionResizeMode(ComponentTableModel.TOP, QHeaderView.ResizeMode.Interactive)
        hh.resizeSection(ComponentTableModel.TOP, 180)
        self.table.clicked.connect(lambda idx: self.componentSelected.emit(idx.row()))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table_label = QLabel(self.tr("Components"))
        self.table_label.setStyleSheet("font-weight: 600;")
        table_box = QWidget()
        tb = QVBoxLayout(table_box)
        tb.setContentsMargins(0, 0, 0, 0)
        tb.setSpacing(2)
        tb.addWidget(self.table_label)
        tb.addWidget(self.table)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(top)
        self.splitter.addWidget(table_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([640, 500])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)
        self.sample = None
        self._shown_run = None
        self._updating = False

    def show_sample(self, sample: Any) -> None:
        run = sample.run
        times, tic = tic_of(run)
        # the same run redrawn after a task (analysis, search, a component picked): keep the TIC,
        # the cursor, the XICs and the zoom; only the components and their labels are redrawn.
        # Rebuilding a dense TIC makes Qt re-index the whole scene (~100 ms on a 2-core machine).
        same_run = self.sample is sample and self._shown_run is run and "tic" in self.items
        self.sample = sample
        self._shown_run = run
        if same_run:
            for key in ("components", "label_headroom"):
                item = self.items.pop(key, None)
                if item is not None:
                    self.plot.removeItem(item)
                    self.legend.removeItem(item)
            for *_, item in self.labels:
                self.plot.removeItem(item)
        else:
            self.plot.clear()
            self.legend.clear()
            self.clear_xics()
            self.items = {}
            self.items["tic"] = self.plot.plot(times, tic, pen=pg.mkPen("#222", width=1.2), name=self.tr("TIC"))
        self.labels = []
        comps = sample.components
        self.hitlists = list(getattr(sample.run_result, "hits", None) or []) if sample.run_result else []
        if comps:
            rts = np.array([float(getattr(c, "rt_min", np.nan)) for c in comps])
            heights = np.interp(rts, times, tic)
            self.items["components"] = self.plot.plot(rts, heights, pen=None, symbol="t", symbolSize=9,
                                                      symbolBrush=P.COMPONENT, symbolPen=None, name=self.tr("Components"))
            order = [i for i in np.argsort(-heights)[:12] if heights[i] >= 0.02 * np.nanmax(heights)]
            self.labels = []
            for i in order:
                hl = self.hitlists[i] if i < len(self.hitlists) else None
                text = f"{i + 1}" + _tic_label(_top_hit(comps[i], hl), verdict_of(hl))
                item = pg.TextItem(text, color=P.COMPONENT, anchor=(0.5, 1.0))
                item.setFont(P.LABEL_FONT)
                self.plot.addItem(item, ignoreBounds=True)
                self.labels.append((float(rts[i]), float(heights[i]), text, item))
            if self.labels:  # headroom for the labels above the apexes, kept when the y axis auto-ranges
                self.items["label_headroom"] = self.plot.plot(
                    [float(rts[order[0]])], [float(np.nanmax(heights)) * 1.15], pen=None, symbol="o", symbolSize=1,
                    symbolPen=None, symbolBrush=None)
        if not same_run:
            self.plot.addItem(self.cursor)
        comp = sample.current_component
        if comp is not None:
            self.cursor.setPos(float(comp.rt_min))
        elif sample.scan_spectrum is not None and sample.scan_spectrum.get("retention_time") is not None:
            self.cursor.setPos(float(sample.scan_spectrum.get("retention_time")))
        else:
            self.cursor.setPos(float(times[int(np.argmax(tic))]) if tic.size else 0.0)
        self._updating = True
        self.table_model.set_components(comps, self.hitlists)
        if sample.component is not None:
            self.table.selectRow(sample.component)
        self._updating = False
        meta = getattr(run, "metadata", {}) or {}
        parts = [self.tr("{0} scans").format(run.n_scans),
                 self.tr("{0}–{1} min").format(f"{times.min():.2f}", f"{times.max():.2f}") if times.size else ""]
        if getattr(run, "mode", "scan") == "sim":
            parts.append(self.tr("SIM run: no library search possible"))
        if meta.get("sample"):
            parts.insert(0, str(meta.get("sample")))
        self.info.setText(" · ".join(p for p in parts if p))
        self.table_label.setText(self.tr("Components ({0})").format(len(comps)) if comps else
                                 self.tr("Components — not analysed yet (Search / Analyse run)"))
        if not same_run:
            self.plot.autoRange()
            if tic.size:
                self.plot.setYRange(0, float(np.nanmax(tic)) * 1.15, padding=0)
            self.plot.getViewBox().enableAutoRange(axis=pg.ViewBox.YAxis)
            for region, button in ((self.range_region, self.range_button),
                                   (self.background_region, self.background_button)):
                if button.isChecked():
                    self.plot.addItem(region)
        self._layout_labels()

    # -- labels ---------------------------------------------------------------
    def _layout_labels(self) -> None:
        """Place the component labels so that none overlaps another (stacked, or hidden when no room)."""
        if not self.labels:
            return
        vb = self.plot.getViewBox()
        x_px, y_px = vb.viewPixelSize()
        (x0, x1), _ = vb.viewRange()
        # each label's own size on screen (pixels), in data units; a small gap around it
        sizes = [(item.boundingRect().width() + 6, item.boundingRect().height() + 2) for *_, item in self.labels]
        boxes = [(x, y, w * x_px, h * y_px) for (x, y, _, _), (w, h) in zip(self.labels, sizes)]
        visible = [x0 <= x <= x1 for x, *_ in self.labels]
        placed = place_labels(boxes, visible)
        for (x, y, _, item), (_, h), level in zip(self.labels, sizes, placed):
            item.setVisible(level is not None)
            if level is not None:
                item.setPos(x, y + level * h * y_px)

    # -- manual spectra ---------------------------------------------------------
    def _toggle_range(self, on: bool) -> None:
        self._toggle_region(self.range_region, on, offset=0.0)

    def _toggle_background(self, on: bool) -> None:
        self._toggle_region(self.background_region, on, offset=0.08)

    def _toggle_region(self, region: pg.LinearRegionItem, on: bool, offset: float) -> None:
        if on:
            centre = float(self.cursor.value()) + offset
            width = 0.02 if offset == 0 else 0.05
            region.setRegion((centre - width / 2, centre + width / 2))
            if region.scene() is None:
                self.plot.addItem(region)
        elif region.scene() is not None:
            self.plot.removeItem(region)

    def _average(self) -> None:
        if not self.range_button.isChecked():
            self.range_button.setChecked(True)
            self.info.setText(self.tr("Drag the blue band over the scans to average, then press Average again"))
            return
        start, end = self.range_region.getRegion()
        background = self.background_region.getRegion() if self.background_button.isChecked() else None
        self.averageRequested.emit(float(start), float(end), background)

    def add_xic(self, mz_label: str, times: np.ndarray, values: np.ndarray, colour_index: int) -> None:
        colour = XIC_COLOURS[colour_index % len(XIC_COLOURS)]
        key = f"xic {mz_label}"
        self.xic_plot.setVisible(True)
        self.plot.getAxis("bottom").setLabel("")
        self.items[key] = self.xic_plot.plot(times, values, pen=pg.mkPen(colour, width=1.2), name=f"m/z {mz_label}")
        self.xic_plot.enableAutoRange(axis="y")

    def clear_xics(self) -> None:
        for key in [k for k in self.items if k.startswith("xic ")]:
            self.items.pop(key)
        self.xic_plot.clear()
        self.xic_legend.clear()
        self.xic_plot.setVisible(False)
        self.plot.getAxis("bottom").setLabel(self.tr("Retention time (min)"))

    def _xic(self) -> None:
        text = self.xic_edit.text().replace(";", ",").replace(" ", ",")
        values = []
        for part in text.split(","):
            part = part.strip()
            if not part:
                continue
            try:
                values.append(float(part))
            except ValueError:
                self.info.setText(f"'{part}' is not an m/z value")
                return
        if values:
            self.xicRequested.emit(values)

    def _row_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if not self._updating and current.isValid():
            self.componentSelected.emit(current.row())

    def _on_click(self, event: Any) -> None:
        if self.sample is None or event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        vb = self.plot.getViewBox()
        if not self.plot.sceneBoundingRect().contains(event.scenePos()):
            return
        point = vb.mapSceneToView(event.scenePos())
        self.timeClicked.emit(float(point.x()))


def place_labels(boxes: list[tuple[float, float, float, float]], visible: list[bool] | None = None,
                 levels: int = 4) -> list[int | None]:
    """Stacking level of each label so that no two overlap (None: no room, hide it).

    ``boxes`` are (x centre, y bottom, width, height) in data units, most
    important first; a label goes to the lowest level (multiples of its
    height above its point) where it overlaps no label placed before it.
    """
    visible = visible or [True] * len(boxes)
    placed: list[tuple[float, float, float, float]] = []
    out: list[int | None] = []
    for (x, y, w, h), show in zip(boxes, visible):
        chosen = None
        if show:
            for level in range(levels):
                box = (x - w / 2, x + w / 2, y + level * h, y + (level + 1) * h)
                if all(box[1] <= o[0] or box[0] >= o[1] or box[3] <= o[2] or box[2] >= o[3] for o in placed):
                    chosen = level
                    placed.append(box)
                    break
        out.append(chosen)
    return out
