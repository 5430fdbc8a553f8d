"""Start a quiz: which pack, who is answering, and the passphrase the trainer gives out."""
from __future__ import annotations

from PyQt6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                             QPushButton, QWidget)


class StartQuizDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, pack: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start a quiz"))
        self.pack_edit = QLineEdit(pack)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.pack_edit, 1)
        row.addWidget(browse)
        self.trainee_edit = QLineEdit()
        self.trainee_edit.setPlaceholderText(self.tr("Your name, as on the score sheet"))
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText(self.tr("Given by the trainer; empty: answers stay sealed"))
        note = QLabel(self.tr("Library hits and names stay hidden until you commit an answer to an exercise."))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Workshop pack:"), row)
        form.addRow(self.tr("Trainee:"), self.trainee_edit)
        form.addRow(self.tr("Passphrase:"), self.passphrase_edit)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Workshop pack folder"))
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Workshop pack"), "",
                                                  self.tr("Workshop pack (*.zip)"))
        if path:
            self.pack_edit.setText(path)

    def values(self) -> tuple[str, str, str | None]:
        passphrase = self.passphrase_edit.text()
        return self.pack_edit.text().strip(), self.trainee_edit.text().strip(), passphrase or None
