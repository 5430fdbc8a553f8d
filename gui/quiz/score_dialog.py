"""The score sheet at the end of a quiz: a table, CSV export and a printable report page (PDF)."""
from __future__ import annotations

import html
from pathlib import Path
from typing import Sequence

from PyQt6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PyQt6.QtGui import QPageSize, QPdfWriter, QTextDocument
from PyQt6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QLabel, QPushButton, QTableView,
                             QVBoxLayout, QWidget)

from nps_id.workshop.grading import ScoredAnswer, write_score_csv


class ScoreTableModel(QAbstractTableModel):
    def __init__(self, rows: Sequence[ScoredAnswer], parent=None):
        super().__init__(parent)
        self.rows = list(rows)
        self.headers = [self.tr("Exercise"), self.tr("Your answer"), self.tr("Expected"), self.tr("Right"),
                        self.tr("Points")]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self.rows[index.row()]
        return (f"{r.number}. {r.question}", answer_text(r), r.expected.describe(),
                self.tr("yes") if r.right else self.tr("no"), f"{r.points:g} / {r.out_of:g}")[index.column()]


def answer_text(row: ScoredAnswer) -> str:
    return row.given.describe() if row.given.kind != "unanswered" else "—"


def report_html(title: str, trainee: str, rows: Sequence[ScoredAnswer]) -> str:
    """The score sheet as a page (HTML for QTextDocument): what was asked, answered and expected."""
    total, out_of = sum(r.points for r in rows), sum(r.out_of for r in rows)
    body = "".join(
        f"<tr><td>{r.number}</td><td>{html.escape(r.question)}</td><td>{html.escape(answer_text(r))}</td>"
        f"<td>{html.escape(r.justification)}</td><td>{html.escape(r.expected.describe())}</td>"
        f"<td align='right'>{r.points:g} / {r.out_of:g}</td></tr>" for r in rows)
    return (f"<h2>{html.escape(title)}</h2><p><b>Trainee:</b> {html.escape(trainee)} &nbsp; "
            f"<b>Score:</b> {total:g} / {out_of:g}</p>"
            "<table border='1' cellspacing='0' cellpadding='4'><tr><th>#</th><th>Question</th><th>Answer</th>"
            f"<th>Justification</th><th>Expected</th><th>Points</th></tr>{body}</table>")


class ScoreDialog(QDialog):
    def __init__(self, title: str, trainee: str, rows: Sequence[ScoredAnswer], parent: QWidget | None = None):
        super().__init__(parent)
        self.title, self.trainee, self.rows = title, trainee, list(rows)
        self.setWindowTitle(self.tr("Score sheet"))
        total, out_of = sum(r.points for r in rows), sum(r.out_of for r in rows)
        self.total_label = QLabel(self.tr("{0}: {1} of {2} points").format(trainee, f"{total:g}", f"{out_of:g}"))
        self.total_label.setStyleSheet("QLabel { font-size: 15px; font-weight: 600; }")
        self.table = QTableView()
        self.table.setModel(ScoreTableModel(rows, self))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        csv_button = QPushButton(self.tr("Export CSV…"))
        csv_button.clicked.connect(self._export_csv)
        pdf_button = QPushButton(self.tr("Save report page (PDF)…"))
        pdf_button.clicked.connect(self._export_pdf)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(csv_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.total_label)
        lay.addWidget(self.table)
        lay.addWidget(buttons)
        self.resize(820, 420)

    def export_csv(self, path: str | Path) -> Path:
        return write_score_csv({self.trainee: self.rows}, path)

    def export_pdf(self, path: str | Path) -> Path:
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setTitle(f"{self.title} — {self.trainee}")
        document = QTextDocument()
        document.setHtml(report_html(self.title, self.trainee, self.rows))
        document.print(writer)
        return Path(path)

    def _export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export score sheet"), "scores.csv", "CSV (*.csv)")
        if path:
            self.export_csv(path)

    def _export_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save report page"), "scores.pdf", "PDF (*.pdf)")
        if path:
            self.export_pdf(path)
