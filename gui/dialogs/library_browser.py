"""Browse the reference library: find entries, view them, import and export files.

The list is a Qt table model filled lazily (``canFetchMore``/``fetchMore``:
the view asks for rows as it scrolls); the query behind it runs in a worker
thread on a connection of its own, so a library of 100,000 spectra is listed
without holding the window up.  Imports ask the technique and end with a
per-file report (:mod:`nps_id_gui.dialogs.import_dialog`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PyQt6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PyQt6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                             QLineEdit, QProgressBar, QPushButton, QSplitter, QTableView, QTextBrowser, QVBoxLayout,
                             QWidget)

from nps_id_gui.dialogs.errors import describe, show_error
from nps_id_gui.dialogs.import_dialog import SPECTRUM_FILTER, ImportDialog, ImportReportDialog
from nps_id_gui.views.spectrum_view import SpectrumView
from nps_id_gui.workers import Task, own_connection

#: (label, search field); labels translated when shown (context "LibraryBrowser")
FIELDS = ((QT_TRANSLATE_NOOP("LibraryBrowser", "Any field"), "text"), (QT_TRANSLATE_NOOP("LibraryBrowser", "Name"), "name"),
          ("CAS", "cas"), ("InChIKey", "inchikey"), (QT_TRANSLATE_NOOP("LibraryBrowser", "Formula"), "formula"),
          (QT_TRANSLATE_NOOP("LibraryBrowser", "Class"), "compound_class"))
COLUMNS = (("ID", "id"), (QT_TRANSLATE_NOOP("LibraryBrowser", "Name"), "name"),
           (QT_TRANSLATE_NOOP("LibraryBrowser", "Tech."), "technique"),
           (QT_TRANSLATE_NOOP("LibraryBrowser", "Formula"), "formula"), (QT_TRANSLATE_NOOP("LibraryBrowser", "MW"), "mw"),
           ("CAS", "cas"), (QT_TRANSLATE_NOOP("LibraryBrowser", "Class"), "compound_class"))
#: Initial widths of the columns (no ResizeToContents: it measures every row at each change).
COLUMN_WIDTHS = (56, 250, 40, 96, 56, 84, 140)
#: Names of the record fields shown with an entry (keys of ``Spectrum.metadata``); a field not listed here is
#: shown by its key, as the library file wrote it.
FIELD_LABELS = {
    "name": QT_TRANSLATE_NOOP("LibraryBrowser", "name"), "synonyms": QT_TRANSLATE_NOOP("LibraryBrowser", "synonyms"),
    "formula": QT_TRANSLATE_NOOP("LibraryBrowser", "formula"), "mw": QT_TRANSLATE_NOOP("LibraryBrowser", "MW"),
    "exact_mass": QT_TRANSLATE_NOOP("LibraryBrowser", "exact mass"), "cas": "CAS", "inchikey": "InChIKey",
    "inchi": "InChI", "smiles": "SMILES",
    "compound_class": QT_TRANSLATE_NOOP("LibraryBrowser", "class"),
    "control_status": QT_TRANSLATE_NOOP("LibraryBrowser", "control status"),
    "retention_index": QT_TRANSLATE_NOOP("LibraryBrowser", "retention index"),
    "retention_time": QT_TRANSLATE_NOOP("LibraryBrowser", "retention time"),
    "instrument": QT_TRANSLATE_NOOP("LibraryBrowser", "instrument"),
    "instrument_type": QT_TRANSLATE_NOOP("LibraryBrowser", "instrument type"),
    "ionization_energy": QT_TRANSLATE_NOOP("LibraryBrowser", "ionisation energy"),
    "ir_sampling": QT_TRANSLATE_NOOP("LibraryBrowser", "IR sampling"),
    "method": QT_TRANSLATE_NOOP("LibraryBrowser", "method"), "date": QT_TRANSLATE_NOOP("LibraryBrowser", "date"),
    "reviewer": QT_TRANSLATE_NOOP("LibraryBrowser", "reviewer"),
    "comment": QT_TRANSLATE_NOOP("LibraryBrowser", "comment"),
    "contributor": QT_TRANSLATE_NOOP("LibraryBrowser", "contributor"),
    "licence": QT_TRANSLATE_NOOP("LibraryBrowser", "licence"),
    "source_file": QT_TRANSLATE_NOOP("LibraryBrowser", "source file"),
    "source_id": QT_TRANSLATE_NOOP("LibraryBrowser", "ID in the source"),
    "source_line": QT_TRANSLATE_NOOP("LibraryBrowser", "line in the source"),
    "record_index": QT_TRANSLATE_NOOP("LibraryBrowser", "record number"),
    "library_id": QT_TRANSLATE_NOOP("LibraryBrowser", "library ID"),
}
#: Rows the view gets per fetchMore (as it scrolls).
PAGE = 500
#: At most this many entries are listed; a narrower search finds the others.
LIST_LIMIT = 1_000_000

__all__ = ["LibraryBrowser", "RecordTableModel", "SPECTRUM_FILTER", "list_records"]


def list_records(location: Any, criteria: dict, limit: int = LIST_LIMIT, progress: Any = None,
                 cancel: Any = None) -> list[tuple]:
    """The entries of the library at ``location`` matching ``criteria`` (arguments of
    :meth:`~nps_id.library.store.Library.find`), as tuples in :data:`COLUMNS` order.

    Runs in a worker thread (a connection of its own); tuples keep 100,000 rows small.
    """
    with own_connection(location) as library:
        records = library.find(**criteria, limit=limit)
    return [tuple(record.get(attr) for _, attr in COLUMNS) for record in records]


class RecordTableModel(QAbstractTableModel):
    """Library entries (tuples in :data:`COLUMNS` order), shown :data:`PAGE` rows at a time."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.records: list[tuple] = []
        self.shown = 0

    def set_records(self, records: list[tuple]) -> None:
        self.beginResetModel()
        self.records = records
        self.shown = min(PAGE, len(records))
        self.endResetModel()

    def record_id(self, row: int) -> int | None:
        return int(self.records[row][0]) if 0 <= row < self.shown else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.shown

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self.shown < len(self.records)

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid():
            return
        more = min(PAGE, len(self.records) - self.shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self.shown, self.shown + more - 1)
        self.shown += more
        self.endInsertRows()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("LibraryBrowser", COLUMNS[section][0])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self.shown:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.records[index.row()][index.column()]
            return "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[index.column()][1] in ("id", "mw"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class LibraryBrowser(QDialog):
    def __init__(self, model: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.setWindowTitle(self.tr("Reference library"))
        self.resize(1100, 680)
        self.field = QComboBox()
        for label, key in FIELDS:
            self.field.addItem(self.tr(label), key)
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Find by name, CAS, InChIKey, formula or class (empty: list all)"))
        self.query.returnPressed.connect(self.find)
        self.find_button = QPushButton(self.tr("Find"))
        self.find_button.clicked.connect(self.find)
        top = QHBoxLayout()
        top.addWidget(self.field)
        top.addWidget(self.query, 1)
        top.addWidget(self.find_button)

        self.records = RecordTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.records)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setAlternatingRowColors(True)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _: self.show_entry(current.row()))

        self.spectrum_view = SpectrumView()
        self.meta = QTextBrowser()
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.spectrum_view)
        right.addWidget(self.meta)
        right.setSizes([380, 200])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setSizes([700, 400])

        self.summary = QLabel()
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self._cancel)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setToolTip(self.tr("Import files or folders as EI-MS or IR reference spectra"))
        self.import_button.clicked.connect(self.choose_import)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(self.choose_export)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addLayout(bottom)
        self.task = None            # the running import or export (one at a time)
        self.list_task = None       # the running listing (a newer one replaces it)
        self.last_report: Any = None
        self.report_dialog: ImportReportDialog | None = None
        self._status = ""
        self.last_message = ""      # what the last import/export did, kept beside the counts
        model.libraryChanged.connect(self.refresh)
        self.refresh()

    # -- find / view ----------------------------------------------------------
    def refresh(self) -> None:
        lib = self.model.library
        usable = lib is not None
        for w in (self.find_button, self.query):
            w.setEnabled(usable)
        self.import_button.setEnabled(usable and self.task is None)
        self.export_button.setEnabled(usable and self.task is None and self.model.library_count() > 0)
        if not usable:
            self.summary.setText(self.model.library_error or self.tr("No library is open"))
            return
        self.find()

    def criteria(self) -> dict:
        text = self.query.text().strip()
        return {self.field.currentData(): text} if text else {}

    def find(self) -> Task | None:
        """List the entries matching the search field (all when empty) in a worker."""
        lib = self.model.library
        if lib is None:
            return None
        if self.list_task is not None:
            self.list_task.cancel()
        task = Task(self.tr("Listing the library"), list_records, self.model.library_location, self.criteria())
        task.finished.connect(lambda records, t=task: self._listed(t, records))
        task.failed.connect(lambda exc, tb, t=task: self._list_failed(t, exc))
        self.list_task = task
        self._show_summary(self.tr("listing…"))
        task.start()
        return task

    def listing(self) -> bool:
        """Is a listing running?"""
        return self.list_task is not None

    def _listed(self, task: Task, records: list) -> None:
        if task is not self.list_task:
            return  # a newer search replaced this one
        self.list_task = None
        self.records.set_records(records)
        shown = len(records)
        note = (self.tr("{0} found (the first {0} — refine the search)") if shown >= LIST_LIMIT
                else self.tr("{0} found")).format(f"{shown:,}")
        self._show_summary(note)
        if records:
            self.table.selectRow(0)
        else:
            self.spectrum_view.clear(self.tr("No entry found"))
            self.meta.clear()

    def _list_failed(self, task: Task, exc: BaseException) -> None:
        if task is not self.list_task:
            return
        self.list_task = None
        self._show_summary("")
        show_error(self, self.tr("Library search"), describe(exc, str(self.model.library_location)))

    def _show_summary(self, note: str) -> None:
        lib = self.model.library
        if self.task is not None:
            return  # the import/export shows its progress there
        where = (self.tr("{0} spectra in {1}").format(f"{self.model.library_count():,}", lib.location)
                 if lib is not None else "")
        self.summary.setText(" · ".join(p for p in (where, note, self.last_message) if p))

    def show_entry(self, row: int) -> None:
        library_id = self.records.record_id(row)
        if library_id is None or self.model.library is None:
            return
        try:
            spectrum = self.model.library.get(library_id)
        except Exception as exc:
            show_error(self, self.tr("Library entry"), describe(exc))
            return
        if spectrum.technique == "ms":
            self.spectrum_view.show_ms(spectrum, spectrum.name)
        else:
            self.spectrum_view.show_optical(spectrum, title=spectrum.name)
        rows = "".join(f"<tr><td style='color:#666;padding-right:10px'>{_html(field_label(k))}</td>"
                       f"<td>{_html(v)}</td></tr>"
                       for k, v in sorted(spectrum.metadata.items()) if v not in (None, "", []))
        self.meta.setHtml(f"<b>{_html(spectrum.name)}</b><table style='font-size:9pt'>{rows}</table>")

    # -- import / export ------------------------------------------------------
    def choose_import(self) -> None:
        dialog = ImportDialog(self)
        if dialog.exec():
            paths, technique, allow_duplicates = dialog.choice()
            self.import_paths(paths, technique, allow_duplicates)

    def import_paths(self, paths: list, technique: str | None = None, allow_duplicates: bool = False) -> Any:
        """Import ``paths`` as ``technique`` in a worker; a per-file report follows."""
        task = self.model.import_into_library(paths, then=self._imported, technique=technique,
                                              allow_duplicates=allow_duplicates)
        return self._follow(task, self.tr("Importing…"))

    def _follow(self, task: Any, what: str) -> Any:
        if task is None:
            return None
        self.task = task
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.cancel_button.setVisible(True)
        self.import_button.setEnabled(False)
        self.export_button.setEnabled(False)
        self.summary.setText(what)
        self._status = what
        task.progress.connect(self._progress)
        self.model.taskEnded.connect(self._task_ended)
        return task

    def _progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(done, total) / total))
        self.summary.setText(f"{self._status} {message}")

    def _imported(self, report: Any) -> None:
        self.last_report = report
        self.last_message = self.tr("last import: {0} added").format(f"{report.added:,}")
        self.report_dialog = ImportReportDialog(report, self)
        self.report_dialog.show()  # not modal: the browser and the window stay usable

    def _task_ended(self, task: Any) -> None:
        if task is not self.task:
            return
        self.task = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        try:
            self.model.taskEnded.disconnect(self._task_ended)
        except TypeError:
            pass
        self.refresh()

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export library"), "library.msp",
                                              "MSP (*.msp);;JCAMP-DX (*.jdx);;CSV (*.csv)")
        if path:
            self.export(path)

    def export(self, path: str | Path) -> Any:
        """Write the library to ``path`` in a worker (the format follows the extension)."""
        def done(written: Any) -> None:
            self.last_message = self.tr("exported to {0}").format(path)

        return self._follow(self.model.export_library(path, then=done), self.tr("Exporting…"))


def field_label(key: str) -> str:
    """A record field for people, in the interface language (an unknown field keeps its key)."""
    label = FIELD_LABELS.get(key)
    return QCoreApplication.translate("LibraryBrowser", label) if label else key


def _html(value: Any) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
