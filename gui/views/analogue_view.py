"""Analogues of the unknown (hybrid similarity search): the library compounds it is related to by a mass shift.

Display only: the rows are the core's :class:`~nps_id.unknowns.results.Analogue`
objects; the search runs in the model (``Model.find_analogues``) when the
user asks (the "Find analogues" button) and by itself in the core when the
verdict is not ``identified``.
"""
from __future__ import annotations

from typing import Any

from PyQt6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, pyqtSignal
from PyQt6.QtGui import QBrush, QColor
from PyQt6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget)

from nps_id_gui.views import plotting as P
from nps_id_gui.views.column_model import ColumnTableModel
from nps_id_gui.views.core_text import control_text
from nps_id_gui.views.verdict_banner import class_label, value

translate = QCoreApplication.translate  # pylupdate6 collects translate("Context", "text") calls

#: (header, Analogue attribute, tooltip); translated when shown (context "AnalogueTable")
COLUMNS = (
    ("#", "rank", QT_TRANSLATE_NOOP("AnalogueTable", "Rank by hybrid score")),
    (QT_TRANSLATE_NOOP("AnalogueTable", "Name"), "name", QT_TRANSLATE_NOOP("AnalogueTable", "Library compound")),
    (QT_TRANSLATE_NOOP("AnalogueTable", "Hybrid"), "score",
     QT_TRANSLATE_NOOP("AnalogueTable", "Hybrid similarity (0-999): fragment ions and neutral losses matched across "
                       "the mass shift")),
    (QT_TRANSLATE_NOOP("AnalogueTable", "Direct"), "direct_score",
     QT_TRANSLATE_NOOP("AnalogueTable", "Ordinary match factor of the same pair, without the shift (0-999)")),
    (QT_TRANSLATE_NOOP("AnalogueTable", "Shift"), "mass_shift",
     QT_TRANSLATE_NOOP("AnalogueTable", "Unknown's nominal mass minus the library compound's (Da)")),
    (QT_TRANSLATE_NOOP("AnalogueTable", "Explanation"), "shift_explanation",
     QT_TRANSLATE_NOOP("AnalogueTable", "Common substitution that explains the shift, where there is one")),
    (QT_TRANSLATE_NOOP("AnalogueTable", "Class"), "compound_class",
     QT_TRANSLATE_NOOP("AnalogueTable", "Substance class of the library compound")),
    (QT_TRANSLATE_NOOP("AnalogueTable", "Control"), "control_status",
     QT_TRANSLATE_NOOP("AnalogueTable", "Control status of the library compound, when known")),
)


class AnalogueTableModel(ColumnTableModel):
    columns = COLUMNS
    tr_context = "AnalogueTable"

    @property
    def analogues(self) -> list:
        return self.rows

    def set_analogues(self, analogues: list | None) -> None:
        self.beginResetModel()
        self.rows = list(analogues or [])
        self.endResetModel()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.analogues[index.row()]
        attr = COLUMNS[index.column()][1]
        v = value(item, attr)
        if role == Qt.ItemDataRole.DisplayRole:
            if attr == "rank":
                return str(int(v)) if v is not None else str(index.row() + 1)
            if attr in ("score", "direct_score"):
                return "—" if v is None else f"{float(v):.0f}"
            if attr == "mass_shift":
                if v is None:
                    return "?"
                return f"{int(v):+d}" if int(v) else "0"
            if attr == "compound_class" and v:
                return class_label(v)
            if attr == "control_status" and v:
                return control_text(v)
            if attr == "shift_explanation" and v:  # the shift has its own column
                text = str(v)
                head, sep, rest = text.partition(": ")
                return rest if sep and head.lstrip("+-−").isdigit() else text
            return "" if v in (None, "") else str(v)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if attr in ("rank", "score", "direct_score", "mass_shift"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and attr == "control_status" and v:
            return QBrush(QColor("#B00020"))
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [str(value(item, "name") or "")]
            if value(item, "formula"):
                parts.append(translate("AnalogueTable", "Formula {0}").format(value(item, "formula")))
            if value(item, "mw") is not None:
                parts.append(translate("AnalogueTable", "MW {0}").format(f"{float(value(item, 'mw')):g}"))
            if value(item, "shifted_peaks"):
                parts.append(translate("AnalogueTable", "{0} peaks matched across the shift")
                             .format(value(item, "shifted_peaks")))
            if value(item, "shift_explanation"):
                parts.append(str(value(item, "shift_explanation")))
            return "\n".join(p for p in parts if p)
        return None


class AnalogueView(QWidget):
    """Analogue table with its "Find analogues" action, progress and cancel."""

    findRequested = pyqtSignal()
    cancelRequested = pyqtSignal()
    analogueSelected = pyqtSignal(object)  # Analogue or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("QLabel { color: #444; padding: 2px; }")
        self.find_button = QPushButton(self.tr("Find analogues"))
        self.find_button.setToolTip(self.tr("Hybrid similarity search of the library for compounds related to this "
                                            "spectrum by a mass shift (homologues, halogen or O substitutions…)"))
        self.find_button.clicked.connect(self.findRequested)
        self.progress = QProgressBar()
        self.progress.setMaximumHeight(16)
        self.progress.setMaximumWidth(160)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancelRequested)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.progress)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.find_button)

        self.table_model = AnalogueTableModel(self)
        self.table = P.read_only_table(self.table_model)
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        explanation = next(i for i, c in enumerate(COLUMNS) if c[1] == "shift_explanation")
        hh.setSectionResizeMode(explanation, QHeaderView.ResizeMode.Interactive)  # long text must not squeeze the name
        hh.resizeSection(explanation, 190)
        hh.setHighlightSections(False)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 2, 0, 0)
        lay.setSpacing(3)
        lay.addLayout(bar)
        lay.addWidget(self.table)
        self.set_analogues(None)

    def set_analogues(self, analogues: list | None, searched: bool = False, note: str = "") -> None:
        """Show ``analogues``; ``searched`` says whether an analogue search ran (an empty list is an answer then)."""
        rows = list(analogues or [])
        self.table_model.set_analogues(rows)
        for col, (_, attr, _) in enumerate(COLUMNS):
            if attr in ("compound_class", "control_status", "shift_explanation"):
                empty = not any(value(a, attr) not in (None, "") for a in rows)
                self.table.setColumnHidden(col, bool(rows) and empty)
        if note:
            self.status.setText(note)
        elif rows and all(value(a, "mass_shift") is None for a in rows):
            self.status.setText(self.tr("{0} nearest library compounds by direct score — no molecular ion was "
                                        "seen, so no mass shift can be formed").format(len(rows)))
        elif rows:
            self.status.setText(self.tr("{0} analogues — library compounds related to the unknown by a mass shift")
                                .format(len(rows)))
        elif searched:
            self.status.setText(self.tr("No analogues: no library compound is related to this spectrum by a mass "
                                        "shift."))
        else:
            self.status.setText(self.tr("No analogue search yet for this spectrum."))

    def set_available(self, ok: bool, reason: str = "", explain: bool = False) -> None:
        """Enable "Find analogues"; ``explain`` also says ``reason`` in the tab when it has no rows."""
        self.find_button.setEnabled(ok)
        if explain and reason and not self.table_model.analogues and not self.progress.isVisible():
            self.status.setText(reason)
        self.find_button.setToolTip(reason if not ok else
                                    self.tr("Hybrid similarity search of the library for compounds related to this "
                                            "spectrum by a mass shift (homologues, halogen or O substitutions…)"))

    def set_running(self, task: Any) -> None:
        """Show progress and Cancel for ``task`` (None: not running)."""
        running = task is not None
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.find_button.setVisible(not running)
        if running:
            self.progress.setRange(0, 0)
            self.status.setText(self.tr("Searching for analogues…"))
            task.progress.connect(self._progress)

    def _progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.row()
        rows = self.table_model.analogues
        self.analogueSelected.emit(rows[row] if 0 <= row < len(rows) else None)
