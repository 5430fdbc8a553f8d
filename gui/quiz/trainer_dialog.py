"""Trainer view: every question of a pack with its answer and explanation (needs the passphrase)."""
from __future__ import annotations

import html

from PyQt6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from nps_id.workshop.pack import Pack


def answers_html(pack: Pack, passphrase: str) -> str:
    answers = pack.answers(passphrase)  # WrongPassphrase propagates to the caller's message box
    rows = "".join(
        f"<tr><td>{e.number}</td><td>{html.escape(e.question)}</td><td>{html.escape(e.file.name)}</td>"
        f"<td><b>{html.escape(answers[e.number][0].describe())}</b></td>"
        f"<td>{html.escape(answers[e.number][1])}</td><td>{e.points:g}</td></tr>" for e in pack.exercises)
    return (f"<h3>{html.escape(pack.title)}</h3><table border='1' cellspacing='0' cellpadding='4'>"
            "<tr><th>#</th><th>Question</th><th>File</th><th>Answer</th><th>Explanation</th><th>Points</th></tr>"
            f"{rows}</table>")


class TrainerDialog(QDialog):
    def __init__(self, pack: Pack, passphrase: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Trainer view — all answers"))
        self.browser = QTextBrowser()
        self.browser.setHtml(answers_html(pack, passphrase))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
        self.resize(900, 480)
