"""Small forms of the Case panel: new case, new exhibit, conclusion, review.

They only collect what the user types; the panel passes it to the core
(:mod:`nps_id.casework`), which checks it (reviewer other than the analyst...).
"""
from __future__ import annotations

from PyQt6.QtCore import QCoreApplication
from PyQt6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
                             QVBoxLayout, QWidget)

translate = QCoreApplication.translate  # pylupdate6 collects translate("Context", "text") calls


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None, intro: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            self.layout_.addWidget(label)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self) -> None:
        self.layout_.addWidget(self.buttons)

    def line(self, label: str, text: str = "", placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setPlaceholderText(placeholder)
        self.form.addRow(label, edit)
        return edit


class NewCaseDialog(_Form):
    """Case number, laboratory, title, analyst and (optionally) the reviewer assigned."""

    def __init__(self, parent: QWidget | None = None, analyst: str = ""):
        super().__init__(translate("CaseForms", "New case"), parent)
        self.number = self.line(translate("CaseForms", "Case number"), placeholder=translate("CaseForms", "e.g. 2026-0042"))
        self.lab = self.line(translate("CaseForms", "Laboratory"))
        self.title = self.line(translate("CaseForms", "Title"), placeholder=translate("CaseForms", "e.g. seized cards, HMP"))
        self.analyst = self.line(translate("CaseForms", "Analyst"), analyst)
        self.reviewer = self.line(translate("CaseForms", "Reviewer"), placeholder=translate("CaseForms", "someone other than the analyst (optional)"))
        self.finish()

    def values(self) -> dict:
        return {"number": self.number.text().strip(), "lab": self.lab.text().strip(),
                "title": self.title.text().strip(), "analyst": self.analyst.text().strip(),
                "reviewer": self.reviewer.text().strip() or None}


class ExhibitDialog(_Form):
    """Label, description and weight of a new exhibit."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(translate("CaseForms", "New exhibit"), parent)
        self.label = self.line(translate("CaseForms", "Exhibit"), placeholder=translate("CaseForms", "e.g. 1 or FL22/0049"))
        self.description = self.line(translate("CaseForms", "Description"), placeholder=translate("CaseForms", "e.g. paper card, blotter"))
        self.weight = self.line(translate("CaseForms", "Weight"), placeholder=translate("CaseForms", "e.g. 0.41 g"))
        self.finish()

    def values(self) -> dict:
        return {"label": self.label.text().strip(), "description": self.description.text().strip(),
                "weight": self.weight.text().strip()}


class ConcludeDialog(_Form):
    """The analyst's conclusion, typed beside (never into) the software's suggestion."""

    def __init__(self, suggestion: str, parent: QWidget | None = None, analyst: str = "", locked: bool = False):
        super().__init__(translate("CaseForms", "Conclude exhibit"), parent,
                         translate("CaseForms", "Software suggestion (not a conclusion):\n") + suggestion)
        self.call = self.line(translate("CaseForms", "Your conclusion"), placeholder=translate("CaseForms", "e.g. Etizolam identified"))
        self.comment = QPlainTextEdit()
        self.comment.setFixedHeight(70)
        self.form.addRow(translate("CaseForms", "Comment"), self.comment)
        self.analyst = self.line(translate("CaseForms", "Analyst"), analyst)
        self.amendment = self.line(translate("CaseForms", "Amendment reason"), placeholder=translate("CaseForms", "required: the exhibit is reviewed")
                                   if locked else translate("CaseForms", "only when amending a reviewed exhibit"))
        self.finish()

    def values(self) -> dict:
        return {"call": self.call.text().strip(), "comment": self.comment.toPlainText().strip(),
                "analyst": self.analyst.text().strip(), "amendment": self.amendment.text().strip()}


class ReviewDialog(_Form):
    """Technical review by someone other than the analyst."""

    def __init__(self, parent: QWidget | None = None, reviewer: str = ""):
        super().__init__(translate("CaseForms", "Review exhibit"), parent, translate("CaseForms", "The reviewer must be someone other than the analyst."))
        self.reviewer = self.line(translate("CaseForms", "Reviewer"), reviewer)
        self.decision = QComboBox()
        for decision, label in (("approved", translate("CaseForms", "approved")),
                                ("returned", translate("CaseForms", "returned"))):
            self.decision.addItem(label, decision)
        self.form.addRow(translate("CaseForms", "Decision"), self.decision)
        self.comment = self.line(translate("CaseForms", "Comment"))
        self.finish()

    def values(self) -> dict:
        return {"reviewer": self.reviewer.text().strip(), "decision": self.decision.currentData(),
                "comment": self.comment.text().strip()}
