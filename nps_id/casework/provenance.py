"""What a result must carry to be replayed and defended: input hashes, library identity, software, times.

ISO/IEC 17025 7.5 (technical records) and 7.11 (control of data) ask that a result
can be traced to the exact inputs, reference data and software that produced it.
These small pure functions give the pieces; :mod:`nps_id.casework.analysis` and
the search/GC-MS JSON record them, :mod:`nps_id.casework.replay` compares them.
"""
from __future__ import annotations

import hashlib
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from nps_id.errors import InputError
from nps_id.i18n import _

#: Bytes read at a time when hashing a file (keeps memory flat for big runs).
_CHUNK = 1 << 20


def now_utc() -> str:
    """The current time as ISO 8601 UTC with milliseconds (steps of one analysis differ by less than a second)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def sha256_file(path: str | Path) -> str:
    """SHA-256 of a file, or of a folder (an Agilent ``.D``) as the hash of its sorted file list and file hashes.

    A folder's digest covers every file below it (relative path + content), so a
    changed, added or removed file changes it.

    Raises
    ------
    InputError
        The path does not exist or cannot be read.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, _("input file not found"))
    try:
        if path.is_dir():
            return _folder_digest(folder_file_digests(path))
        return _file_digest(path)
    except OSError as exc:
        raise InputError(path, _("cannot be read ({0})").format(exc.strerror or exc)) from None


def folder_file_digests(path: str | Path) -> dict[str, str]:
    """``{relative path: SHA-256}`` of every file in a folder (names the changed file of a ``.D``)."""
    path = Path(path)
    if not path.is_dir():
        return {}
    return {p.relative_to(path).as_posix(): _file_digest(p) for p in sorted(path.rglob("*")) if p.is_file()}


def _folder_digest(files: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for name, file_digest in sorted(files.items()):
        digest.update(name.encode("utf-8") + b"\0" + file_digest.encode("ascii") + b"\n")
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def software_identity() -> dict[str, str]:
    """NPS-ID's version and those of the libraries whose numbers it reports."""
    import numpy
    import scipy

    from nps_id import __version__

    return {"nps_id": __version__, "python": platform.python_version(), "numpy": numpy.__version__,
            "scipy": scipy.__version__, "platform": sys.platform}


def library_content_sha256(library) -> str:
    """SHA-256 over every accepted spectrum of a library: id, technique, name, InChIKey and both arrays.

    Unlike the revision counter, it changes when the content changes behind the
    library's back (a row edited with another tool), and two copies of one
    release give the same digest.  Linear in the library (about 0.2 s for 12,000
    EI spectra).
    """
    digest = hashlib.sha256()
    for library_id, spectrum in library.iter_spectra():
        head = f"{int(library_id)}\0{spectrum.technique}\0{spectrum.name}\0{spectrum.get('inchikey') or ''}\0"
        digest.update(head.encode("utf-8"))
        digest.update(spectrum.x.astype("<f8").tobytes())
        digest.update(spectrum.y.astype("<f8").tobytes())
    return digest.hexdigest()


def library_identity(library, content_hash: bool = True) -> dict[str, Any]:
    """Who the reference library is: location, revision, release, counts, UUID (if the library has one) and content hash."""
    info = library.info()
    releases = info.get("releases") or []
    identity = {
        "name": Path(str(info.get("location", ""))).name if info.get("backend") == "sqlite"
        else str(info.get("location", "")),
        "location": str(info.get("location", "")),
        "backend": info.get("backend"),
        "uuid": info.get("uuid") or info.get("library_uuid"),
        "revision": int(info.get("revision", library.revision())),
        "release": releases[-1] if releases else (info.get("release") or imported_release(library)),
        "spectra": int(info.get("spectra", 0)),
        "by_technique": dict(info.get("by_technique") or {}),
        "max_id": int(library.max_id()) if hasattr(library, "max_id") else None,
    }
    if content_hash:
        identity["content_sha256"] = library_content_sha256(library)
    return identity


def imported_release(library) -> str | None:
    """The newest shared release imported into a library (from its change log), or None."""
    import re

    try:
        entries = library.log(limit=500)
    except Exception:  # a library without a change log
        return None
    for entry in entries:
        text = f"{entry.get('why') or ''} {entry.get('what') or ''}"
        found = re.search(r"\brelease (\S+)", text)
        if entry.get("action") == "import" and found:
            return found.group(1).rstrip(",;:)")
    return None


def input_record(path: str | Path) -> dict[str, Any]:
    """Name, absolute path, size and SHA-256 of one input (a file or a ``.D`` folder)."""
    path = Path(path)
    if path.is_dir():
        try:
            files = folder_file_digests(path)
        except OSError as exc:
            raise InputError(path, _("cannot be read ({0})").format(exc.strerror or exc)) from None
        return {"file": str(path.resolve()), "name": path.name, "sha256": _folder_digest(files), "files": files}
    return {"file": str(path.resolve()), "name": path.name, "sha256": sha256_file(path),
            "bytes": path.stat().st_size}
