"""Error dialogs and the last-resort exception hook (the app never dies on bad input)."""
from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PyQt6.QtCore import QCoreApplication
from PyQt6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger("nps_id_gui")

#: Set by tests (and --screenshot runs) so that no modal dialog waits for a click.
NON_INTERACTIVE = False
#: Messages shown while NON_INTERACTIVE (tests read them).
shown: list[tuple[str, str]] = []


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> None:
    """A warning box naming the file and the problem; details (traceback) folded away."""
    log.warning("%s: %s", title, message)
    shown.append((title, message))
    if NON_INTERACTIVE:
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(message)
    if details:
        box.setDetailedText(details)
    box.exec()


def describe(exc: BaseException, file: str = "") -> str:
    """A short message: NpsIdError texts already name their file and problem."""
    from nps_id.errors import NpsIdError

    if isinstance(exc, NpsIdError):
        return str(exc)
    text = str(exc) or exc.__class__.__name__
    where = f"{file}: " if file and file not in text else ""
    return f"{where}{text} ({exc.__class__.__name__})"  # the exception's own words: a bug report quotes them


def install_excepthook() -> None:
    """Show unexpected exceptions in a dialog (and log them) instead of aborting."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unexpected error:\n%s", details)
        if QApplication.instance() is None:
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            translate = QCoreApplication.translate
            show_error(QApplication.activeWindow(), translate("Errors", "Unexpected error"),
                       translate("Errors", "{0}\n\nNPS-ID keeps running; the details were logged.").format(describe(exc)),
                       details)
        except Exception:  # never recurse from the hook itself
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook
