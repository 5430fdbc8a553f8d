"""Browse the reference library: find entries, view them, import and export files."""
from __future__ import annotations

from typing import Any

from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                             QLineEdit, QProgressBar, QPushButton, QSplitter, QTableWidget, QTableWidgetItem,
                             QTextBrowser, QVBoxLayout, QWidget)

from nps_id_gui.dialogs.errors import describe, show_error
from nps_id_gui.views.spectrum_view import SpectrumView

FIELDS = (("Any field", "text"), ("Name", "name"), ("CAS", "cas"), ("InChIKey", "inchikey"),
          ("Formula", "formula"), ("Class", "compound_class"))
COLUMNS = (("ID", "id"), ("Name", "name"), ("Tech.", "technique"), ("Formula", "formula"), ("MW", "mw"),
           ("CAS", "cas"), ("Class", "compound_class"))
SPECTRUM_FILTER = ("Spectrum files (*.msp *.MSP *.jdx *.JDX *.dx *.DX *.jcamp *.spc *.SPC *.spa *.SPA "
                   "*.csv *.txt *.tsv *.dpt *.0 *.1 *.2);;All files (*)")


class LibraryBrowser(QDialog):
    def __init__(self, model: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.setWindowTitle("Reference library")
        self.resize(1100, 680)
        self.field = QComboBox()
        for label, key in FIELDS:
            self.field.addItem(label, key)
        self.query = QLineEdit()
        self.query.setPlaceholderText("Find by name, CAS, InChIKey, formula or class (empty: list all)")
        self.query.returnPressed.connect(self.find)
        self.find_button = QPushButton("Find")
        self.find_button.clicked.connect(self.find)
        top = QHBoxLayout()
        top.addWidget(self.field)
        top.addWidget(self.query, 1)
        top.addWidget(self.find_button)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([c for c, _ in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setAlternatingRowColors(True)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_entry(row))

        self.spectrum_view = SpectrumView()
        self.meta = QTextBrowser()
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.spectrum_view)
        right.addWidget(self.meta)
        right.setSizes([380, 200])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setSizes([640, 440])

        self.summary = QLabel()
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self._cancel)
        self.import_files_button = QPushButton("Import files…")
        self.import_files_button.clicked.connect(self.choose_files)
        self.import_folder_button = QPushButton("Import folder…")
        self.import_folder_button.clicked.connect(self.choose_folder)
        self.export_button = QPushButton("Export…")
        self.export_button.clicked.connect(self.choose_export)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.import_files_button)
        bottom.addWidget(self.import_folder_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addLayout(bottom)
        self.entries: list[dict] = []
        self.task = None
        self.last_report: Any = None
        model.libraryChanged.connect(self.refresh)
        self.refresh()

    # -- find / view ----------------------------------------------------------
    def refresh(self) -> None:
        lib = self.model.library
        usable = lib is not None
        for w in (self.find_button, self.query, self.import_files_button, self.import_folder_button):
            w.setEnabled(usable and self.task is None)
        self.export_button.setEnabled(usable and self.model.library_count() > 0)
        if not usable:
            self.summary.setText(self.model.library_error or "No library is open")
            return
        self.find()

    def find(self) -> None:
        lib = self.model.library
        if lib is None:
            return
        text = self.query.text().strip()
        key = self.field.currentData()
        try:
            self.entries = lib.find(**({key: text} if text else {}), limit=500)
        except TypeError:
            self.entries = lib.find(**({key: text} if text else {}))
        except Exception as exc:
            show_error(self, "Library search", describe(exc, str(lib.location)))
            return
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            for col, (_, attr) in enumerate(COLUMNS):
                value = entry.get(attr)
                text = "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if attr in ("id", "mw"):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        count = self.model.library_count()
        shown = len(self.entries)
        note = f"{shown:,} shown" + (f" (the first {shown:,} — refine the search)" if shown >= 500 else "")
        self.summary.setText(f"{count:,} spectra in {lib.location} · {note}")
        if self.entries:
            self.table.selectRow(0)
        else:
            self.spectrum_view.clear("No entry found")
            self.meta.clear()

    def show_entry(self, row: int) -> None:
        if not (0 <= row < len(self.entries)):
            return
        entry = self.entries[row]
        try:
            spectrum = self.model.library.get(entry["id"])
        except Exception as exc:
            show_error(self, "Library entry", describe(exc))
            return
        if spectrum.technique == "ms":
            self.spectrum_view.show_ms(spectrum, spectrum.name)
        else:
            self.spectrum_view.show_optical(spectrum, title=spectrum.name)
        rows = "".join(f"<tr><td style='color:#666;padding-right:10px'>{k}</td><td>{_html(v)}</td></tr>"
                       for k, v in sorted(spectrum.metadata.items()) if v not in (None, "", []))
        self.meta.setHtml(f"<b>{_html(spectrum.name)}</b><table style='font-size:9pt'>{rows}</table>")

    # -- import / export ------------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import library files", "", SPECTRUM_FILTER)
        if paths:
            self.import_paths(paths)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Import a folder of spectra")
        if path:
            self.import_paths([path])

    def import_paths(self, paths: list) -> Any:
        task = self.model.import_into_library(paths, then=self._imported)
        if task is None:
            return None
        self.task = task
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.cancel_button.setVisible(True)
        for w in (self.import_files_button, self.import_folder_button):
            w.setEnabled(False)
        task.progress.connect(self._progress)
        self.model.taskEnded.connect(self._task_ended)
        return task

    def _progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * done / total))
        self.summary.setText(f"Importing… {message}")

    def _imported(self, report: Any) -> None:
        self.last_report = report
        summary = report.summary() if hasattr(report, "summary") else str(report)
        self.summary.setText(summary.splitlines()[0] if summary else "Imported")
        if getattr(report, "skipped", None):
            show_error(self, "Import finished with problems", summary)

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
        path, _ = QFileDialog.getSaveFileName(self, "Export library", "library.msp",
                                              "MSP (*.msp);;JCAMP-DX (*.jdx);;CSV (*.csv)")
        if not path:
            return
        try:
            self.model.export_library(path)
        except Exception as exc:
            show_error(self, "Export failed", describe(exc, path))
        else:
            self.summary.setText(f"Exported to {path}")


def _html(value: Any) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
