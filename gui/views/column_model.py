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
    #: "What's this" text of a column, by attribute (``QT_TRANSLATE_NOOP(context, text)``): what the column
    #: means and how to read it, shown by Shift+F1 / Help ▸ What's This? on the header or a cell.
    whats_this: dict = {}

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
            if role == Qt.ItemDataRole.WhatsThisRole:
                return self.column_whats_this(section)
        return None

    def column_whats_this(self, section: int) -> str | None:
        """The translated "What's this" text of a column (None when it has none)."""
        if not 0 <= section < len(self.columns):
            return None
        return self.translated(self.whats_this.get(self.columns[section][1], "")) or None

    def translated(self, text: str) -> str:
        return QCoreApplication.translate(self.tr_context, text) if text else text
