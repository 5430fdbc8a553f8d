""""Emerging substances": the early-warning register's clusters, by recency and spread.

A Qt table model (:class:`ClusterTableModel`) over the cluster summaries the
core returns (:meth:`nps_id.alerts.register.AlertRegister.clusters`: what every
lab may read, no lab names), filterable by predicted class; CSV export for the
national focal point (:func:`nps_id.alerts.listing.write_csv`); the selected
cluster's spectrum head to tail against the current query.  Reading the
register runs in a worker: a slow or unreachable server never blocks the window.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PyQt6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, pyqtSignal
from PyQt6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                             QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from nps_id_gui.views.column_model import ColumnTableModel
from nps_id_gui.views.mirror_view import MirrorView

ALL_CLASSES = QT_TRANSLATE_NOOP("ClusterTable", "All classes")
translate = QCoreApplication.translate  # pylupdate6 collects translate("Context", "text") calls


def all_classes() -> str:
    """The class filter's "all" entry in the interface language."""
    return translate("ClusterTable", ALL_CLASSES)


class ClusterTableModel(ColumnTableModel):
    """One row per cluster summary (a dict from the core); :meth:`set_filter` keeps one class."""

    tr_context = "ClusterTable"
    columns = (
        ("#", "id", QT_TRANSLATE_NOOP("ClusterTable", "Cluster number in the register")),
        (QT_TRANSLATE_NOOP("ClusterTable", "Last seen"), "last_seen",
         QT_TRANSLATE_NOOP("ClusterTable", "Date of the most recent report")),
        (QT_TRANSLATE_NOOP("ClusterTable", "First seen"), "first_seen",
         QT_TRANSLATE_NOOP("ClusterTable", "Date of the first report")),
        (QT_TRANSLATE_NOOP("ClusterTable", "Labs"), "n_labs", QT_TRANSLATE_NOOP("ClusterTable", "How many labs reported it")),
        (QT_TRANSLATE_NOOP("ClusterTable", "Reports"), "n_entries",
         QT_TRANSLATE_NOOP("ClusterTable", "Reports in the cluster")),
        (QT_TRANSLATE_NOOP("ClusterTable", "Regions"), "regions",
         QT_TRANSLATE_NOOP("ClusterTable", "Regions of the reporting labs")),
        (QT_TRANSLATE_NOOP("ClusterTable", "Class"), "predicted_class",
         QT_TRANSLATE_NOOP("ClusterTable", "Predicted class (most common among the reports)")),
        (QT_TRANSLATE_NOOP("ClusterTable", "Tech"), "technique", QT_TRANSLATE_NOOP("ClusterTable", "EI-MS or IR")),
        (QT_TRANSLATE_NOOP("ClusterTable", "Status"), "status_text",
         QT_TRANSLATE_NOOP("ClusterTable", "Curator's status: open / identified as X / withdrawn")),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.all_rows: list[dict] = []
        self.class_filter: str | None = None

    def set_clusters(self, clusters: list[dict]) -> None:
        self.all_rows = list(clusters)
        self._apply()

    def set_filter(self, compound_class: str | None) -> None:
        self.class_filter = None if compound_class in (None, "", ALL_CLASSES, all_classes()) else compound_class
        self._apply()

    def _apply(self) -> None:
        self.beginResetModel()
        self.rows = [c for c in self.all_rows
                     if self.class_filter is None or (c.get("predicted_class") or "") == self.class_filter]
        self.endResetModel()

    def classes(self) -> list[str]:
        return sorted({c.get("predicted_class") for c in self.all_rows if c.get("predicted_class")})

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        attribute = self.columns[index.column()][1]
        value = row.get(attribute)
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(value, list):
                return ", ".join(value)
            if attribute == "technique":
                return str(value).upper()
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and attribute in ("id", "n_labs", "n_entries"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("ClusterTable", "cluster #{0}: {1} lab(s), {2} report(s), countries {3}; {4}").format(
                row["id"], row["n_labs"], row["n_entries"], ", ".join(row.get("countries") or []) or "-",
                row["status_text"])
        return None


class AlertsPanel(QWidget):
    """The "Emerging substances" page."""

    clusterSelected = pyqtSignal(object)

    def __init__(self, parent: QWidget | None = None, register: str = ""):
        super().__init__(parent)
        self.model = ClusterTableModel(self)
        self.task = None
        self.query: Any = None
        self.location = QLineEdit(register)
        self.location.setPlaceholderText(self.tr("postgresql://… or a register file (NPS_ID_ALERT_REGISTER)"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.class_box = QComboBox()
        self.class_box.addItem(all_classes())
        self.class_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.class_box.currentTextChanged.connect(self.model.set_filter)
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.csv_button.setToolTip(self.tr("The shown clusters as CSV, for the national focal point"))
        self.csv_button.clicked.connect(self.export_csv)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Register")))
        top.addWidget(self.location, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(QLabel(self.tr("Class")))
        top.addWidget(self.class_box)
        top.addWidget(self.csv_button)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.mirror = MirrorView()
        self.mirror.clear(self.tr("Select a cluster to see its spectrum (against the current query, if any)"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.mirror)
        self.mirror.setMinimumHeight(220)
        split.setSizes([200, 260])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.message)
        lay.addWidget(split, 1)
        self.spectra: dict[int, Any] = {}
        self.pending_select: int | None = None

    # -- loading ---------------------------------------------------------------------
    def refresh(self, select: int | None = None) -> Any:
        """Read the cluster summaries (and their spectra) in a worker; then select cluster ``select``."""
        from nps_id_gui.workers import Task

        self.pending_select = select
        location = self.location.text().strip()
        if not location:
            self.message.setText(self.tr("Give the register (a postgresql:// URL or a register file)."))
            return None

        def work(progress, cancel):
            from nps_id.alerts.register import open_register

            with open_register(location) as register:
                clusters = register.clusters(include_empty=False)
                spectra: dict[int, list] = {}
                for _, cluster_id, spectrum in register.cluster_spectra():
                    kept = spectra.setdefault(cluster_id, [])
                    if len(kept) < 2:
                        kept.append(spectrum)
                return clusters, spectra

        self.task = Task(self.tr("Read the early-warning register"), work)
        self.task.finished.connect(self._loaded)
        self.task.failed.connect(self._failed)
        self.refresh_button.setEnabled(False)
        self.message.setText(self.tr("Reading the register…"))
        self.task.start()
        return self.task

    def _loaded(self, result: tuple) -> None:
        clusters, self.spectra = result
        self.task = None
        self.refresh_button.setEnabled(True)
        current = self.class_box.currentText()
        self.model.set_clusters(clusters)
        self.class_box.blockSignals(True)
        self.class_box.clear()
        self.class_box.addItems([all_classes(), *self.model.classes()])
        self.class_box.setCurrentText(current if current in self.model.classes() else all_classes())
        self.class_box.blockSignals(False)
        self.model.set_filter(self.class_box.currentText())
        labs = sum(c["n_labs"] for c in clusters)
        self.message.setText(self.tr("{0} cluster(s) in the register; {1} lab report(s) counted by lab. Most recent "
                                     "first. Other labs' reports are shown only as these summaries.")
                             .format(len(clusters), labs))
        if self.pending_select is not None:
            self.select_cluster(self.pending_select)
            self.pending_select = None

    def _failed(self, exc: BaseException, _tb: str) -> None:
        self.task = None
        self.refresh_button.setEnabled(True)
        self.message.setText(self.tr("The register could not be read: {0}").format(exc))

    # -- interaction -------------------------------------------------------------------
    def set_query(self, query: Any) -> None:
        """The current sample's query spectrum, compared head to tail with the selected cluster."""
        self.query = query
        self._show_selected()

    def select_cluster(self, cluster_id: int) -> bool:
        for row, cluster in enumerate(self.model.rows):
            if cluster["id"] == cluster_id:
                self.table.selectRow(row)
                return True
        return False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_selected()
        if current.isValid():
            self.clusterSelected.emit(self.model.rows[current.row()])

    def selected(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def _show_selected(self) -> None:
        cluster = self.selected()
        spectra = self.spectra.get(cluster["id"]) if cluster else None
        if not spectra:
            self.mirror.clear(self.tr("Select a cluster to see its spectrum (against the current query, if any)"))
            return
        name = self.tr("cluster #{0} ({1})").format(cluster["id"], cluster["status_text"])
        if self.query is not None and getattr(self.query, "technique", None) == spectra[0].technique:
            self.mirror.show_pair(self.query, spectra[0], self.tr("Current query"), name)
        else:  # no query: two of the cluster's reports against each other (the same unknown, two labs?)
            self.mirror.show_pair(spectra[0], spectra[-1], self.tr("cluster #{0}, report 1").format(cluster["id"]),
                                  self.tr("report {0}").format(len(spectra)))

    def export_csv(self, path: str | None = None) -> Path | None:
        from nps_id.alerts.listing import write_csv

        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export emerging substances"),
                                                  "emerging_substances.csv", "CSV (*.csv)")
        if not path:
            return None
        write_csv(self.model.rows, Path(path))
        self.message.setText(self.tr("Wrote {0} cluster(s) to {1}").format(len(self.model.rows), path))
        return Path(path)
