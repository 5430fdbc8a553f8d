"""Bundles and releases as files: recognise, unpack and verify one.

Shared by the store (which imports a release) and :mod:`.sharing` (which
writes and submits them), so neither imports the other.
"""
from __future__ import annotations

import json
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from nps_id.errors import LibraryError
from nps_id.library.signing import verify_folder
from nps_id.i18n import _

BUNDLE_KIND = "nps-id-bundle"
RELEASE_KIND = "nps-id-release"


def _package_kind(folder: Path) -> tuple[str, dict] | None:
    """("bundle"|"release", its metadata) when ``folder`` is one, else None."""
    for name, kind in (("metadata.json", BUNDLE_KIND), ("release.json", RELEASE_KIND)):
        path = folder / name
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, OSError):
                continue
            if isinstance(data, dict) and data.get("kind") == kind:
                return kind.rsplit("-", 1)[1], data
    return None


def _has_package_manifest(folder: Path) -> bool:
    """A manifest of ours (so a package that lost its metadata is still refused),
    not any ``manifest.json`` that a downloaded folder of spectra may carry."""
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("algorithm") == "sha256" and isinstance(data.get("files"), dict)


def is_package(path: Path) -> bool:
    """True for a bundle/release folder or a .zip bundle."""
    path = Path(path)
    if path.is_dir():
        return _package_kind(path) is not None or _has_package_manifest(path)
    return path.suffix.lower() == ".zip" and zipfile.is_zipfile(path)


@contextmanager
def opened_package(path: Path) -> Iterator[Path]:
    """The folder of a bundle/release (a .zip is unpacked into a temporary folder)."""
    path = Path(path)
    if path.is_dir():
        yield path
        return
    if not (path.is_file() and zipfile.is_zipfile(path)):
        raise LibraryError(f"{path}: " + _("not a bundle (a folder or .zip made by `library contribute`)"))
    with tempfile.TemporaryDirectory(prefix="nps-id-bundle-") as tmp:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                target = (Path(tmp) / member).resolve()
                if not str(target).startswith(str(Path(tmp).resolve())):
                    raise LibraryError(f"{path}: " + _("refused: unsafe file name {0!r} in the archive").format(member))
            archive.extractall(tmp)
        yield Path(tmp)


def verify_package(path: Path, trusted_keys: list[bytes] | None = None) -> dict[str, Any]:
    """Verify a bundle or release (manifest, signature); returns what it is.

    With ``trusted_keys`` an unsigned package, or one signed by another key, is
    refused too.  The result holds ``kind``, its metadata, ``signed``,
    ``signer`` (key fingerprint), ``files`` and ``manifest_sha256``.
    """
    with opened_package(path) as folder:
        kind = _package_kind(folder)
        if kind is None:
            raise LibraryError(f"{path}: " + _("refused: no valid metadata.json or release.json"))
        checked = verify_folder(folder, trusted_keys)
        return {**kind[1], **checked, "kind": kind[0]}
