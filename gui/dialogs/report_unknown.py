""""Report as unidentified…": send a not-identified query to the early-warning register.

The dialog shows *exactly* what will be sent (the payload the core builds,
:func:`nps_id.alerts.payload.build_payload`, as text and as the canonical JSON
that is signed) and updates it as the lab fills in its name, country, region
and the GC column; nothing of the case (file name, sample name, exhibit) is in
it.  Sending (sign with the lab's key, put it in the register's inbox, wait
briefly for the register's check) runs in a worker; the window never blocks.
The GUI holds no science: every check and the wording of every refusal come from
the core.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PyQt6.QtCore import QSettings, Qt
from PyQt6.QtGui import QFontDatabase
from PyQt6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                             QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

#: QSettings keys of the lab's details, kept between reports.
SETTINGS = {"lab": "alerts/lab", "country": "alerts/country", "region": "alerts/region",
            "column": "alerts/column", "key": "alerts/key", "register": "alerts/register"}
#: Seconds the worker waits for the register's check before reporting "received".
WAIT_S = 10.0


def default_register(settings: QSettings | None = None) -> str:
    import os

    from nps_id.alerts.seen import REGISTER_ENV

    saved = str(settings.value(SETTINGS["register"], "") or "") if settings is not None else ""
    return saved or os.environ.get(REGISTER_ENV, "")


class ReportUnknownDialog(QDialog):
    """Fill in the lab's details, read what will be sent, send it (signed)."""

    def __init__(self, hitlist: Any, parent: QWidget | None = None, settings: QSettings | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Report as unidentified"))
        self.setMinimumSize(640, 560)
        self.hitlist = hitlist
        self.settings = settings
        self.payload: dict | None = None
        self.result: dict | None = None
        self.task = None

        intro = QLabel(self.tr("Send this unknown to the shared early-warning register, so that other labs that meet "
                               "the same spectrum learn it has been seen. <b>Only what is shown below is sent</b>; "
                               "the file name, the sample's name and any case or exhibit details stay in this lab."))
        intro.setWordWrap(True)
        self.lab = QLineEdit()
        self.country = QLineEdit()
        self.region = QLineEdit()
        self.column = QLineEdit()
        self.column.setPlaceholderText(self.tr("e.g. DB-5MS 30 m x 0.25 mm (GC-MS)"))
        self.key = QLineEdit()
        self.key.setPlaceholderText(self.tr("the lab's private key (nps-id library keygen)"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(browse)
        self.register = QLineEdit()
        self.register.setPlaceholderText(self.tr("postgresql://… or a register file"))
        form = QFormLayout()
        form.addRow(self.tr("Lab"), self.lab)
        form.addRow(self.tr("Country"), self.country)
        form.addRow(self.tr("Region"), self.region)
        form.addRow(self.tr("GC column"), self.column)
        form.addRow(self.tr("Signing key"), key_row)
        form.addRow(self.tr("Register"), self.register)

        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("QLabel { color: #B3261E; }")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.send_button = self.buttons.addButton(self.tr("Sign and send"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.send_button.clicked.connect(self.send)
        self.close_button.clicked.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(QLabel("<b>{0}</b>".format(self.tr("What will be sent"))))
        lay.addWidget(self.preview, 1)
        lay.addWidget(self.problem)
        lay.addWidget(self.status)
        lay.addWidget(self.buttons)

        if settings is not None:
            for name, key in SETTINGS.items():
                getattr(self, name).setText(str(settings.value(key, "") or ""))
        if not self.register.text():
            self.register.setText(default_register(settings))
        for edit in (self.lab, self.country, self.region, self.column, self.key, self.register):
            edit.textChanged.connect(self.update_preview)
        self.update_preview()

    # -- the payload -------------------------------------------------------------
    def update_preview(self) -> None:
        """Rebuild the payload from the fields and show it (or why it cannot be sent).

        The payload shown is the one sent (same uid, same bytes)."""
        from nps_id.alerts.payload import build_payload, describe_payload
        from nps_id.errors import NpsIdError

        lab = self.lab.text().strip()
        try:
            shown = build_payload(self.hitlist, lab or self.tr("(your lab)"), self.country.text(), self.region.text(),
                                  self.column.text())
        except NpsIdError as exc:
            self.payload = None
            self.preview.setPlainText("")
            self.problem.setText(str(exc))
        else:
            self.preview.setPlainText(describe_payload(shown))
            self.payload = shown if lab else None
            self.problem.setText("" if lab else self.tr("Give your lab's name (as registered with the register)."))
        ready = (self.payload is not None and bool(self.key.text().strip()) and bool(self.register.text().strip())
                 and self.task is None)
        self.send_button.setEnabled(ready)
        self.send_button.setToolTip("" if ready else self.tr("Give the lab's name, its signing key and the register"))

    def sent_text(self) -> str:
        """The canonical JSON that is signed and sent (for tests and the record)."""
        from nps_id.alerts.payload import canonical_bytes

        return canonical_bytes(self.payload).decode("utf-8") if self.payload else ""

    def _browse_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("The lab's private key"), self.key.text(),
                                              self.tr("Keys (*.key);;All (*)"))
        if path:
            self.key.setText(path)

    # -- sending -------------------------------------------------------------------
    def send(self) -> Any:
        """Sign and send in a worker; the outcome is shown in the dialog."""
        from nps_id_gui.workers import Task

        if self.payload is None:
            return None
        payload, key, location = dict(self.payload), Path(self.key.text().strip()), self.register.text().strip()
        if self.settings is not None:
            for name, setting in SETTINGS.items():
                self.settings.setValue(setting, getattr(self, name).text())

        def work(progress, cancel):
            from nps_id.alerts.register import open_register
            from nps_id.alerts.report import send_payload

            with open_register(location) as register:
                return send_payload(register, payload, key, wait_s=WAIT_S)

        self.task = Task(self.tr("Report as unidentified"), work)
        self.task.finished.connect(self._sent)
        self.task.failed.connect(self._failed)
        self.send_button.setEnabled(False)
        self.status.setText(self.tr("Signing and sending…"))
        self.task.start()
        return self.task

    def _sent(self, result: dict) -> None:
        self.task = None
        self.result = result
        if result["status"] == "accepted":
            text = self.tr("✔ Accepted by the register: entry {0} in cluster #{1}. Keep uid {2} to withdraw it.").format(
                result.get("entry_id"), result.get("cluster_id"), result["uid"])
        elif result["status"] == "refused":
            text = self.tr("✖ Refused by the register: {0}").format(result.get("reason"))
        else:
            text = self.tr("Received (inbox #{0}, uid {1}); the register's service checks the signature and "
                           "files it.").format(result["id"], result["uid"])
        self.status.setText(text)
        self.send_button.setText(self.tr("Sent"))

    def _failed(self, exc: BaseException, _tb: str) -> None:
        self.task = None
        self.status.setText(self.tr("✖ Not sent: {0}").format(exc))
        self.update_preview()


__all__ = ["ReportUnknownDialog", "SETTINGS"]
