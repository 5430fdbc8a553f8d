"""A read-only Qt table model over a list of rows and a fixed column table.

Shared by the hit table and the analogue table: rows are core objects, columns
are ``(header, attribute, tooltip)``; subclasses only say how a cell looks.
"""
from __future__ import annotations

from PyQt6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt


class ColumnTableModel(QAbstractTableModel):
    """Rows in :attr:`rows`; the class attribute :attr:`columns` holds ``(header, attribute, tooltip)``."""

    columns: tuple = ()
    #: Translation context of the headers and tooltips in :attr:`columns` (written with
    #: ``QT_TRANSLATE_NOOP(context, text)`` so pylupdate6 collects them; translated when shown).
    tr_context: str = "ColumnTableModel"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.translated(self.columns[section][0])
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.translated(self.columns[section][2]) or None
        return None

    def translated(self, text: str) -> str:
        return QCoreApplication.translate(self.tr_context, text) if text else text
