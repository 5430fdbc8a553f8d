"""Finding and reading the files of an import.

Files named on the command line must be readable spectrum files.  Inside a
folder (walked recursively), files that are not spectrum files at all
(README, pictures, background/interferogram sidecars) are passed over and
listed; a file recognised as a spectrum format but holding a damaged record
is an error like any named file.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from nps_id.errors import InputError, NotASpectrumError
from nps_id.io import detect_format, read_spectra
from nps_id.library.rows import check_arrays
from nps_id.spectrum import Spectrum


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
            raise InputError(path, "no such file or folder")
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
        reason = f"record {int(index) + 1}: {reason}"
    return InputError(path, reason, None if line is None else int(line))


def read_file(path: Path, named: bool, skip_invalid: bool
              ) -> tuple[list[Spectrum], list[Skipped], Skipped | None]:
    """Read one file of an import.

    Returns ``(spectra, skipped_records, passed_over)``: ``passed_over`` is set
    (and nothing read) for a file inside a folder that is not a spectrum file.
    Raises InputError when the file or a record is invalid and ``skip_invalid``
    is False.
    """
    try:
        fmt = detect_format(path)
    except InputError as exc:
        if named:
            raise
        return [], [], Skipped(str(path), exc.line, exc.reason)
    problems: list[InputError] = []
    try:
        if fmt.name == "msp":
            from nps_id.io.msp import read_msp
            spectra, problems = read_msp(path, skip_invalid=skip_invalid)
            problems = list(problems)
        else:
            spectra = read_spectra(path)
    except NotASpectrumError as exc:
        if named:
            raise
        return [], [], Skipped(str(path), exc.line, exc.reason)
    except InputError as exc:
        if not skip_invalid:
            raise
        return [], [Skipped(str(path), exc.line, exc.reason)], None
    except Exception as exc:  # a reader bug must still name the file
        error = InputError(path, f"cannot be read as {fmt.description}: {exc}")
        if not skip_invalid:
            raise error from None
        return [], [Skipped(str(path), None, error.reason)], None
    good = []
    for spectrum in spectra:
        problem = _record_problem(spectrum, path)
        if problem is None:
            good.append(spectrum)
        elif not skip_invalid:
            raise problem
        else:
            problems.append(problem)
    skipped = [Skipped(str(p.path or path), p.line, p.reason) if isinstance(p, InputError)
               else Skipped(str(path), None, str(p)) for p in problems]
    return good, skipped, None
