"""Import into the library: ask what to import and as which technique, then show per file what happened.

:class:`ImportDialog` collects files and folders, the technique (EI-MS or IR:
spectra of another technique are skipped and listed, never added) and whether
spectra already in the library may be added again.  :class:`ImportReportDialog`
shows the core's :class:`~nps_id.library.report.ImportReport` per file: added,
already present, skipped and why, including the files it passed over.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple, Sequence

from PyQt6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PyQt6.QtGui import QBrush, QColor, QGuiApplication
from PyQt6.QtWidgets import (QAbstractItemView, QButtonGroup, QCheckBox, QDialog, QDialogButtonBox, QFileDialog,
                             QGroupBox, QHBoxLayout, QHeaderView, QLabel, QListWidget, QPushButton, QRadioButton,
                             QTableView, QVBoxLayout, QWidget)

SPECTRUM_FILTER = QT_TRANSLATE_NOOP("ImportDialog", "Spectrum files (*.msp *.MSP *.jdx *.JDX *.dx *.DX *.jcamp *.spc *.SPC *.spa *.SPA "
                   "*.csv *.txt *.tsv *.dpt *.0 *.1 *.2);;All files (*)")
translate = QCoreApplication.translate  # pylupdate6 collects translate("Context", "text") calls

#: (technique, label) offered by the dialog; the core skips and lists spectra of any other technique.
TECHNIQUES = (("ms", QT_TRANSLATE_NOOP("ImportDialog", "EI mass spectra (GC-MS reference libraries)")),
              ("ir", QT_TRANSLATE_NOOP("ImportDialog", "IR spectra (FTIR / ATR reference spectra)")))
#: nps_id.library.report.TECHNIQUE_NAMES, as the import summary shows them
TECHNIQUE_WORDS = {"ms": QT_TRANSLATE_NOOP("ImportDialog", "EI mass"), "ir": "IR", "raman": QT_TRANSLATE_NOOP("ImportDialog", "Raman"),
                   "nir": "NIR", "uv": "UV-Vis", "nmr": "NMR", "other": QT_TRANSLATE_NOOP("ImportDialog", "other")}


def technique_words(technique: str) -> str:
    return translate("ImportDialog", TECHNIQUE_WORDS.get(technique, technique))
#: Formats that only hold EI mass spectra: importing them as IR would skip everything.
MS_ONLY_SUFFIXES = (".msp", ".mgf")


def guess_technique(paths: Sequence[str | Path]) -> str | None:
    """A preselection for the dialog: "ms" when every path is an MSP file, else None (the user says)."""
    if paths and all(Path(p).suffix.lower() in MS_ONLY_SUFFIXES for p in paths):
        return "ms"
    return None


class ImportDialog(QDialog):
    """Which files, which technique, duplicates or not.  ``choice()`` gives the answer."""

    def __init__(self, parent: QWidget | None = None, paths: Sequence[str | Path] = (), start_dir: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import into the library"))
        self.start_dir = start_dir
        self.paths = QListWidget()
        self.paths.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        add_files = QPushButton(self.tr("Add files…"))
        add_files.clicked.connect(self.choose_files)
        add_folder = QPushButton(self.tr("Add folder…"))
        add_folder.clicked.connect(self.choose_folder)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self.remove_selected)
        side = QVBoxLayout()
        for button in (add_files, add_folder, remove):
            side.addWidget(button)
        side.addStretch(1)
        files_box = QGroupBox(self.tr("Files and folders (folders are read with their subfolders)"))
        row = QHBoxLayout(files_box)
        row.addWidget(self.paths, 1)
        row.addLayout(side)

        tech_box = QGroupBox(self.tr("Import these spectra as"))
        tech_layout = QVBoxLayout(tech_box)
        self.technique_group = QButtonGroup(self)
        self.technique_buttons: dict[str, QRadioButton] = {}
        for key, label in TECHNIQUES:
            button = QRadioButton(self.tr(label))
            button.setProperty("technique", key)
            self.technique_group.addButton(button)
            self.technique_buttons[key] = button
            tech_layout.addWidget(button)
        note = QLabel(self.tr("Spectra of any other technique in these files (UV, NIR, Raman, the MS scans of a GC-MS "
                              "file…) are skipped and listed, not added."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        tech_layout.addWidget(note)
        self.technique_group.buttonToggled.connect(lambda *_: self._update())

        self.allow_duplicates = QCheckBox(self.tr("Add spectra the library already holds again (duplicates)"))
        self.allow_duplicates.setToolTip(self.tr("Off: a spectrum with the same peaks and the same name/InChIKey/CAS "
                                                 "as one in the library is counted as already present and not added."))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(files_box, 1)
        lay.addWidget(tech_box)
        lay.addWidget(self.allow_duplicates)
        lay.addWidget(self.buttons)
        self.resize(640, 420)
        self.add_paths(paths)
        self._update()

    # -- what the user chose ---------------------------------------------------
    def add_paths(self, paths: Sequence[str | Path]) -> None:
        present = set(self.chosen_paths())
        for p in paths:
            if str(p) not in present:
                self.paths.addItem(str(p))
        if self.technique() is None:
            guess = guess_technique(self.chosen_paths())
            if guess is not None:
                self.set_technique(guess)
        self._update()

    def chosen_paths(self) -> list[str]:
        return [self.paths.item(i).text() for i in range(self.paths.count())]

    def technique(self) -> str | None:
        button = self.technique_group.checkedButton()
        return None if button is None else str(button.property("technique"))

    def set_technique(self, technique: str) -> None:
        self.technique_buttons[technique].setChecked(True)

    def choice(self) -> tuple[list[str], str, bool]:
        """(paths, technique, allow_duplicates)."""
        return self.chosen_paths(), self.technique() or "ms", self.allow_duplicates.isChecked()

    def _update(self) -> None:
        ready = bool(self.chosen_paths()) and self.technique() is not None
        self.import_button.setEnabled(ready)
        self.import_button.setToolTip("" if ready else self.tr("Add files or a folder and say which technique they hold"))

    # -- choosing --------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import library files"), self.start_dir,
                                                self.tr(SPECTRUM_FILTER))
        self.add_paths(paths)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Import a folder of reference spectra"), self.start_dir)
        if path:
            self.add_paths([path])

    def remove_selected(self) -> None:
        for item in self.paths.selectedItems():
            self.paths.takeItem(self.paths.row(item))
        self._update()


# -- the report ----------------------------------------------------------------
class FileRow(NamedTuple):
    """One line of the report table."""

    path: str
    added: int
    duplicates: int
    skipped: int
    reasons: str
    package: str


def _common_folder(paths: list[str]) -> str:
    """The folder all ``paths`` are in ("" for one file or none): rows show paths below it."""
    import os

    if len(paths) < 2:
        return ""
    try:
        return os.path.commonpath([str(Path(p).parent) for p in paths])
    except ValueError:  # different drives
        return ""


def file_rows(report: Any) -> list[FileRow]:
    """One row per file of the core's import report (its ``entries``), in import order."""
    return [FileRow(str(entry.path), int(entry.added), int(entry.duplicates), int(entry.n_skipped),
                    entry.reasons, entry.package or "") for entry in report.entries]


def summary_text(report: Any) -> str:
    """The report's totals in one line."""
    techniques = ", ".join(f"{n:,} {technique_words(t)}" for t, n in sorted(report.by_technique.items()))
    added = (translate("ImportDialog", "Added {0} spectra ({1}) from {2} file(s) in {3} s") if techniques
             else translate("ImportDialog", "Added {0} spectra{1} from {2} file(s) in {3} s"))
    parts = [added.format(f"{report.added:,}", techniques, f"{len(report.entries):,}", f"{report.seconds:.1f}")]
    if report.duplicates:
        parts.append(translate("ImportDialog", "{0} already present (not added again)").format(f"{report.duplicates:,}"))
    if report.other_technique or report.other_technique_files:
        other = []
        if report.other_technique:
            other.append(translate("ImportDialog", "{0} spectra").format(f"{report.other_technique:,}"))
        if report.other_technique_files:
            other.append(translate("ImportDialog", "{0} file(s)").format(f"{report.other_technique_files:,}"))
        parts.append(translate("ImportDialog", "skipped as not {0}: {1}").format(
            technique_words(report.technique or ""), " + ".join(other)))
    if report.skipped:
        parts.append(translate("ImportDialog", "{0} invalid record(s)/file(s) skipped").format(f"{len(report.skipped):,}"))
    if report.passed_over:
        parts.append(translate("ImportDialog", "{0} file(s) passed over (not spectrum files)")
                     .format(f"{len(report.passed_over):,}"))
    return " · ".join(parts)


class FileReportModel(QAbstractTableModel):
    """The per-file report as a table (a folder import lists thousands of files)."""

    headers = (QT_TRANSLATE_NOOP("ImportDialog", "File"), QT_TRANSLATE_NOOP("ImportDialog", "Added"),
               QT_TRANSLATE_NOOP("ImportDialog", "Already present"), QT_TRANSLATE_NOOP("ImportDialog", "Skipped"),
               QT_TRANSLATE_NOOP("ImportDialog", "Why skipped"))

    def __init__(self, rows: list[FileRow], parent: Any = None):
        super().__init__(parent)
        self.rows = rows
        self.root = _common_folder([r.path for r in rows])

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("ImportDialog", self.headers[section])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                name = str(Path(row.path).relative_to(self.root)) if self.root else Path(row.path).name
                return f"{name}  ({row.package})" if row.package else name
            if col in (1, 2, 3):
                value = (row.added, row.duplicates, row.skipped)[col - 1]
                return f"{value:,}" if value else "–"
            return row.reasons
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.path if col == 0 else (row.reasons or None)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.added == 0:
            return QBrush(QColor("#8A5A00" if row.skipped else "#666666"))
        return None


class ImportReportDialog(QDialog):
    """What an import did, per file (not modal: the window stays usable)."""

    def __init__(self, report: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import report"))
        self.report = report
        self.rows = file_rows(report)
        self.summary = QLabel(summary_text(report))
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: 600;")
        for package in getattr(report, "packages", []) or []:
            self.summary.setText(self.summary.text() + "\n" + str(package.get("summary", "")))
        self.table_model = FileReportModel(self.rows, self)
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((330, 64, 104, 64)):
            self.table.setColumnWidth(col, width)
        copy = QPushButton(self.tr("Copy report"))
        copy.setToolTip(self.tr("Copy the whole report as text (e.g. into a case note)"))
        copy.clicked.connect(self.copy)
        close = QPushButton(self.tr("Close"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(copy)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        if self.table_model.root:
            where = QLabel(self.tr("Files in {0}").format(self.table_model.root))
            where.setStyleSheet("color: #555;")
            lay.addWidget(where)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        self.resize(1040, 480)

    def text(self) -> str:
        return self.report.summary()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
