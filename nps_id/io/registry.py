"""Format registry: find the reader of a file from its content, not only its name.

Each reader module defines ``FORMAT = FileFormat(...)``.  Detection asks every
format's ``sniff`` (binary magic numbers first, then text signatures) and only
falls back on the file extension when no content signature matches.
"""
from __future__ import annotations

import importlib
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Iterator, Sequence

from nps_id.errors import InputError, write_error
from nps_id.i18n import _
from nps_id.io.encoding import decode, wide_encoding
from nps_id.spectrum import Spectrum

#: Bytes of the file handed to ``sniff``.
SNIFF_BYTES = 65536

Reader = Callable[[Path], list[Spectrum]]
Writer = Callable[[Sequence[Spectrum], Path], list[Path]]


@dataclass(frozen=True)
class FileFormat:
    """A file format NPS-ID reads (and maybe writes).

    ``sniff(head, path)`` gets the first :data:`SNIFF_BYTES` bytes and returns
    True when the content is this format.  ``priority``: lower sniffs first
    (binary formats with magic numbers before loose text formats).
    """

    name: str
    #: Marked ``N_("...")`` where defined; shown in messages through ``_()``.
    description: str
    extensions: tuple[str, ...]
    sniff: Callable[[bytes, Path], bool]
    read: Reader
    write: Writer | None = None
    write_extensions: tuple[str, ...] = field(default=())
    priority: int = 50


#: Reader modules in nps_id.io, imported on first use.
_MODULES = (
    "amdis_msl", "msp", "massbank", "jcamp", "spc", "omnic", "opus", "perkinelmer",
    "agilent_ir", "text",
)
_formats: list[FileFormat] | None = None


def formats() -> list[FileFormat]:
    """All registered formats, in sniffing order."""
    global _formats
    if _formats is None:
        found = []
        for name in _MODULES:
            try:
                module = importlib.import_module(f"nps_id.io.{name}")
            except ModuleNotFoundError as exc:  # a reader not written yet
                if exc.name == f"nps_id.io.{name}":
                    continue
                raise
            fmt = getattr(module, "FORMAT", None)
            if fmt is not None:
                found.append(fmt)
        _formats = sorted(found, key=lambda f: f.priority)
    return _formats


def _check_path(path: Path) -> None:
    if not path.exists():
        raise InputError(path, _("no such file or folder"))
    if path.is_dir():
        from nps_id.gcms.readers import is_run

        if is_run(path):  # an Agilent .D folder
            raise InputError(path, _("is a whole GC-MS run; open it with `nps-id gcms`"))
        raise InputError(path, _("is a folder, not a spectrum file"))
    if path.stat().st_size == 0:
        raise InputError(path, _("the file is empty"))


def detect_format(path: str | Path) -> FileFormat:
    """The format of ``path``, judged from its content (extension as a tie-break)."""
    path = Path(path)
    _check_path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        raise InputError(path, _("cannot be read ({0})").format(exc.strerror)) from None
    for fmt in formats():
        try:
            if fmt.sniff(head, path):
                return fmt
        except Exception:  # a sniffer must never break detection
            continue
    raise InputError(path, _("not a spectrum file NPS-ID can read (unknown or damaged format)"))


def read_spectra(path: str | Path) -> list[Spectrum]:
    """Read every spectrum a file holds, in native units, with its metadata.

    Raises :class:`~nps_id.errors.InputError` naming the file and the problem.
    """
    path = Path(path)
    fmt = detect_format(path)
    try:
        spectra = fmt.read(path)
    except InputError:
        raise
    except (MemoryError, RecursionError):
        raise InputError(path, _("too large or deeply nested to read as {0}").format(_(fmt.description))) from None
    except Exception as exc:  # a reader bug or an unforeseen damage: still name the file
        raise InputError(path, _("cannot be read as {0}: {1}").format(_(fmt.description), exc)) from None
    if not spectra:
        raise InputError(path, _("holds no spectrum ({0})").format(_(fmt.description)))
    return spectra


def write_spectra(spectra: Sequence[Spectrum], path: str | Path) -> list[Path]:
    """Write spectra in the format given by the extension of ``path``.

    Returns the files written (a format holding one spectrum per file writes
    ``OUT-1.ext``, ``OUT-2.ext``... when given several).
    """
    path = Path(path)
    ext = path.suffix.lower().lstrip(".")
    for fmt in formats():
        if fmt.write is not None and ext in fmt.write_extensions:
            return fmt.write(spectra, path)
    supported = sorted({e for f in formats() if f.write for e in f.write_extensions})
    raise InputError(path, _("cannot write .{0} files (supported: {1})").format(ext, ", ".join(supported)))


@contextmanager
def output_file(path: str | Path, mode: str = "w", **open_args) -> Iterator[IO]:
    """Open ``path`` for writing through a temporary file beside it, renamed to ``path`` when all went well.

    A failure leaves ``path`` as it was (no half-written file); an ``OSError`` becomes
    an :class:`~nps_id.errors.InputError` "PATH: cannot write (REASON)".
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with open(tmp, mode, **open_args) as handle:
            yield handle
        os.replace(tmp, path)
    except OSError as exc:
        raise write_error(path, exc) from None
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:  # its folder is missing or is not a folder
            pass


def write_text_file(path: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8 (``\\n`` line ends) to ``path``, whole or not at all (:func:`output_file`)."""
    with output_file(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def read_file_bytes(path: Path) -> bytes:
    """The whole file, or an InputError naming it (binary readers start here)."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, _("cannot be read ({0})").format(exc.strerror)) from None


def starts_with(magic: bytes) -> Callable[[bytes, Path], bool]:
    """A sniffer for formats recognised by their first bytes."""
    def sniff(head: bytes, path: Path) -> bool:
        return head.startswith(magic)
    return sniff


#: Control bytes that plain text does not hold (tab, newlines, form feed and DOS end-of-file are allowed).
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or (13 < b < 32 and b != 26))


def is_text(head: bytes) -> bool:
    """True when ``head`` looks like text (mostly printable; UTF-16/32 decoded first)."""
    if not head:
        return False
    wide = wide_encoding(head)
    if wide:
        sample = decode(head[:8192], wide).encode("utf-8", "replace")
    elif b"\x00" in head:
        return False
    else:
        sample = head[:4096]
    bad = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bad <= len(sample) // 100


def decode_text(data: bytes) -> str:
    """Decode a text file in its own encoding (byte-order mark, UTF-16, UTF-8, else the
    8-bit code page it reads best in: see :mod:`nps_id.io.encoding`), without a BOM."""
    return decode(data).lstrip("\ufeff")
