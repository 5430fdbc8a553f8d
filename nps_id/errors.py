"""Errors that reach the user as a message naming the file and the problem."""
from __future__ import annotations

import os
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


def printable(text: str | bytes | os.PathLike) -> str:
    """``text`` (a message or a file name) as valid, readable Unicode.

    File names that are not UTF-8 reach Python as lone surrogates (``b"\\xff"`` ->
    ``"\\udcff"``), which cannot be written as UTF-8: their bytes are shown as
    ``\\xff`` escapes (any other lone surrogate as ``\\udXXX``).
    """
    if isinstance(text, (bytes, os.PathLike)):
        text = os.fsdecode(text)
    text = str(text)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # lone surrogates that are not escaped bytes
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def write_error(path: str | Path, exc: OSError) -> InputError:
    """The error for ``exc`` raised while writing ``path``: "PATH: cannot write (REASON)"."""
    return InputError(path, _("cannot write ({0})").format(exc.strerror or exc))
