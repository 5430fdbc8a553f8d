"""Finding and reading the files of an import.

Files named on the command line must be readable spectrum files.  Inside a
folder (walked recursively), files that are not spectrum files at all
(README, pictures, background/interferogram sidecars) are passed over and
listed; a file recognised as a spectrum format but holding a damaged record
is an error like any named file.
"""
from __future__ import annotations

import os
import queue
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")

from nps_id.errors import InputError, NotASpectrumError
from nps_id.io import detect_format, read_spectra
from nps_id.library.rows import check_arrays
from nps_id.spectrum import Spectrum
from nps_id.i18n import _


@dataclass(frozen=True)
class Skipped:
    """A record or file left out of an import, and why."""

    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        return str(InputError(self.file, self.reason, self.line))


def collect_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, bool]]:
    """Every file to import as ``(path, named)``; ``named`` is False for files found in folders."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(path, _("no such file or folder"))
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name, False
        else:
            yield path, True


def _record_problem(spectrum: Spectrum, path: Path) -> InputError | None:
    reason = check_arrays(spectrum)
    if reason is None:
        return None
    line = spectrum.get("source_line")
    index = spectrum.get("record_index")
    if line is None and index is not None:
        reason = _("record {0}: {1}").format(int(index) + 1, reason)
    return InputError(path, reason, None if line is None else int(line))


@dataclass
class FileChunk:
    """Part of one file of an import, as :func:`iter_file` yields it."""

    spectra: list[Spectrum]
    skipped: list[Skipped]
    #: Set (and nothing read) for a file inside a folder that is not a spectrum file.
    passed_over: Skipped | None = None
    #: ``skip_invalid`` only: the file as a whole could not be read; records of
    #: its earlier chunks must be dropped again (``skipped`` says why).
    file_failed: bool = False
    #: Bytes of the file read so far.
    bytes_read: int = 0
    #: Set (and nothing read) when the file's format holds only another technique.
    other_technique: str | None = None


def _as_skipped(problems: Iterable[InputError | Exception], path: Path) -> list[Skipped]:
    return [Skipped(str(p.path or path), p.line, p.reason) if isinstance(p, InputError)
            else Skipped(str(path), None, str(p)) for p in problems]


#: Formats that hold only EI mass spectra, and formats that hold only optical spectra:
#: an import of the other technique passes them over without parsing them.
MS_ONLY_FORMATS = frozenset({"msp", "massbank"})
OPTICAL_ONLY_FORMATS = frozenset({"omnic", "opus", "perkinelmer", "agilent_ir"})


def iter_file(path: Path, named: bool, skip_invalid: bool,
              technique: str | None = None) -> Iterator[FileChunk]:
    """Read one file of an import in chunks (bounded memory for big MSP libraries).

    Raises InputError when the file or a record is invalid and
    ``skip_invalid`` is False.  With ``skip_invalid`` a file that fails as a
    whole ends with a chunk whose ``file_failed`` is set.
    """
    try:
        fmt = detect_format(path)
    except InputError as exc:
        if named:
            raise
        yield FileChunk([], [], passed_over=Skipped(str(path), exc.line, exc.reason))
        return
    if technique is not None and technique != "ms" and fmt.name in MS_ONLY_FORMATS:
        yield FileChunk([], [], other_technique=f"{fmt.description} holds EI mass spectra")
        return
    if technique == "ms" and fmt.name in OPTICAL_ONLY_FORMATS:
        yield FileChunk([], [], other_technique=f"{fmt.description} holds optical spectra")
        return
    try:
        if fmt.name == "msp":
            from nps_id.io.msp import iter_msp_chunks
            # The MSP reader refuses exactly what check_arrays refuses (no peaks,
            # non-finite values, m/z <= 0, negative or all-zero intensities),
            # so its records need no second check.
            for chunk in iter_msp_chunks(path, skip_invalid=skip_invalid):
                yield FileChunk(chunk.spectra, _as_skipped(chunk.problems, path),
                                bytes_read=chunk.bytes_read)
            return
        spectra = read_spectra(path)
    except NotASpectrumError as exc:
        if named:
            raise
        yield FileChunk([], [], passed_over=Skipped(str(path), exc.line, exc.reason))
        return
    except InputError as exc:
        if not skip_invalid:
            raise
        yield FileChunk([], [Skipped(str(path), exc.line, exc.reason)], file_failed=True)
        return
    except Exception as exc:  # a reader bug must still name the file
        error = InputError(path, _("cannot be read as {0}: {1}").format(fmt.description, exc))
        if not skip_invalid:
            raise error from None
        yield FileChunk([], [Skipped(str(path), None, error.reason)], file_failed=True)
        return
    good = []
    problems: list[InputError] = []
    for spectrum in spectra:
        problem = _record_problem(spectrum, path)
        if problem is None:
            good.append(spectrum)
        elif not skip_invalid:
            raise problem
        else:
            problems.append(problem)
    yield FileChunk(good, _as_skipped(problems, path))


def read_file(path: Path, named: bool, skip_invalid: bool
              ) -> tuple[list[Spectrum], list[Skipped], Skipped | None]:
    """Read one file of an import (all of it; see :func:`iter_file`).

    Returns ``(spectra, skipped_records, passed_over)``: ``passed_over`` is set
    (and nothing read) for a file inside a folder that is not a spectrum file.
    Raises InputError when the file or a record is invalid and ``skip_invalid``
    is False.
    """
    spectra: list[Spectrum] = []
    skipped: list[Skipped] = []
    for chunk in iter_file(path, named, skip_invalid):
        if chunk.passed_over is not None:
            return [], [], chunk.passed_over
        if chunk.file_failed:
            return [], chunk.skipped, None
        spectra += chunk.spectra
        skipped += chunk.skipped
    return spectra, skipped, None


_DONE = object()


def read_ahead(items: Iterator[T]) -> Iterator[T]:
    """``items``, with the next one produced in a thread while the caller uses this one.

    Reading and parsing the next chunk of a file then overlaps with inserting
    this one (SQLite releases the GIL while it writes).  An exception of the
    producer is raised in the caller; a caller that stops early stops the thread.
    """
    slot: queue.Queue = queue.Queue(maxsize=1)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        slot.put((item, None), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            outcome = (_DONE, None)
        except BaseException as exc:  # handed to the caller
            outcome = (_DONE, exc)
        while not stop.is_set():
            try:
                slot.put(outcome, timeout=0.1)
                return
            except queue.Full:
                continue

    thread = threading.Thread(target=produce, name="nps-id-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            item, error = slot.get()
            if error is not None:
                raise error
            if item is _DONE:
                return
            yield item
    finally:
        stop.set()
        thread.join()
