"""Errors that reach the user as a message naming the file and the problem."""
from __future__ import annotations

from pathlib import Path

from nps_id.i18n import _


class NpsIdError(Exception):
    """Base class of every error NPS-ID reports to a user (never a traceback)."""


class InputError(NpsIdError):
    """A file cannot be read: names the file, the line (when known) and the reason."""

    def __init__(self, path: str | Path | None, reason: str, line: int | None = None):
        self.path = None if path is None else str(path)
        self.reason = reason
        self.line = line
        where = self.path or "<input>"
        if line is not None:
            where += _(", line {0}").format(line)
        super().__init__(f"{where}: {reason}")


class NotASpectrumError(InputError):
    """The file is valid but holds no usable spectrum (interferogram, background, sidecar)."""


class LibraryError(NpsIdError):
    """A library cannot be opened or changed."""
