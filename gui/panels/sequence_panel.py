"""A sequence of runs: every run of a folder analysed in parallel (worker), one row per run."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PyQt6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt, pyqtSignal
from PyQt6.QtGui import QBrush, QColor
from PyQt6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from nps_id_gui.views import plotting as P


class SequenceTableModel(QAbstractTableModel):
    """Summary rows of :func:`nps_id.gcms.sequence.analyse_sequence` (targets as extra columns)."""

    BASE = (("position", "#"), ("run", QT_TRANSLATE_NOOP("SequenceTableModel", "Run")),
            ("sample", QT_TRANSLATE_NOOP("SequenceTableModel", "Sample")),
            ("blank", QT_TRANSLATE_NOOP("SequenceTableModel", "Blank")),
            ("components", QT_TRANSLATE_NOOP("SequenceTableModel", "Comps")),
            ("targets_found", QT_TRANSLATE_NOOP("SequenceTableModel", "Targets found")),
            ("identified_compounds", QT_TRANSLATE_NOOP("SequenceTableModel", "Identified")))
    #: Columns after the targets' (a target column is headed by the target's name).
    END = (("flags", QT_TRANSLATE_NOOP("SequenceTableModel", "Flags")),
           ("error", QT_TRANSLATE_NOOP("SequenceTableModel", "Error")))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []
        self.columns: list[tuple[str, str]] = list(self.BASE)

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        targets = []
        for row in rows:
            targets += [k for k in row if k.startswith("target:") and k not in targets]
        self.columns = list(self.BASE) + [(k, k[7:]) for k in targets] + list(self.END)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            key, title = self.columns[section]
            return title if key.startswith("target:") else self.tr(title)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = self.columns[index.column()][0]
        value = row.get(key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if key == "blank":
                return self.tr("blank") if value else ""
            if isinstance(value, (list, tuple)):
                return "; ".join(str(v) for v in value)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.get("error"):
                return QBrush(QColor("#F4CCCC"))
            if row.get("flags"):
                return QBrush(QColor("#FCE8B2"))
            if row.get("blank"):
                return QBrush(QColor("#EEEEEE"))
        return None


class SequencePanel(QWidget):
    """The summary of a sequence; double-click a run to open it."""

    openRun = pyqtSignal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result: Any = None
        self.folder: Path | None = None
        self.title = QLabel(self.tr("No sequence analysed"))
        self.title.setStyleSheet("font-weight: 600;")
        self.table_model = SequenceTableModel(self)
        self.table = P.read_only_table(self.table_model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._open)
        self.save_button = QPushButton(self.tr("Save summary…"))
        self.save_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.table)

    def show_result(self, result: Any, folder: Path) -> None:
        self.result, self.folder = result, folder
        self.table_model.set_rows(result.rows)
        flagged = sum(1 for r in result.rows if r.get("flags"))
        failed = sum(1 for r in result.rows if r.get("error"))
        self.title.setText(f"{folder.name}: {len(result.rows)} runs in {result.seconds:.1f} s "
                           f"on {result.workers} processes"
                           + (f" · {flagged} flagged" if flagged else "") + (f" · {failed} failed" if failed else ""))
        self.save_button.setEnabled(True)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openRun.emit(str(self.table_model.rows[index.row()]["path"]))
