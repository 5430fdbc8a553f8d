"""Contribution workflow: lab bundle -> curator review -> signed release.

* :func:`contribute`: a lab writes chosen spectra as a *bundle* (folder or
  .zip): ``records/``, ``metadata.json``, ``manifest.json`` (SHA-256 of every
  file) and, with a key, ``manifest.sig`` + ``signer.pub``.
* :func:`submit`: the curated library verifies a bundle and stores its
  spectra as a *pending* submission; :func:`accept` / :func:`reject` decide.
* :func:`release`: the curated library's accepted spectra as a release folder
  (records, catalogue, changelog, manifest); :func:`verify_package` checks one,
  and ``Library.import_files`` refuses a bundle/release that does not verify.
Every step is one transaction and one entry of the change log.
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Sequence

from nps_id import __version__
from nps_id.errors import LibraryError
from nps_id.library.packages import (BUNDLE_KIND, RELEASE_KIND, is_package, opened_package,
                                     verify_package)
from nps_id.library.records import read_records, write_records
from nps_id.library.report import ImportReport
from nps_id.library.signing import fingerprint, load_private_key, write_manifest
from nps_id.library.stamps import now_utc
from nps_id.library.store import Library
from nps_id.i18n import _

_CATALOGUE = Path(__file__).resolve().parents[2] / "spectra_library" / "catalogue.csv"
__all__ = ["BUNDLE_KIND", "RELEASE_KIND", "is_package", "opened_package", "verify_package",
           "contribute", "submit", "pending", "accept", "reject", "release"]


# -- lab side -------------------------------------------------------------------
def contribute(library: Library, lab: str, out: Path, key_file: Path | None = None,
               source_ids: Sequence[str] = (), who: str | None = None) -> dict[str, Any]:
    """Write accepted spectra (all, or those with the given source ids) as a bundle."""
    out = Path(out)
    if out.exists():
        raise LibraryError(f"{out}: " + _("already exists"))
    if source_ids:
        ids = [r[0] for r in library.backend.query(
            f"SELECT id FROM spectra WHERE status = 'accepted' AND source_id IN "
            f"({', '.join('?' * len(source_ids))}) ORDER BY id", list(source_ids))]
        found = {r["source_id"] for r in library.records(ids)}
        missing = [s for s in source_ids if s not in found]
        if missing:
            raise LibraryError(f"{library.location}: " + _("no accepted spectrum with source id {0}").format(missing[:5]))
        items = library.iter_spectra(ids=ids)
    else:
        items = library.iter_spectra()
    as_zip = out.suffix.lower() == ".zip"
    with tempfile.TemporaryDirectory(prefix="nps-id-contribute-") as tmp:
        folder = Path(tmp) / "bundle" if as_zip else out
        folder.mkdir(parents=True)
        try:
            written = write_records(items, folder, lab=lab)
            if not written:
                raise LibraryError(f"{library.location}: " + _("nothing to contribute"))
            meta = {"kind": BUNDLE_KIND, "format": 1, "lab": lab, "created_at": now_utc(),
                    "created_by": library.who(who), "n_spectra": len(written),
                    "nps_id_version": __version__}
            (folder / "metadata.json").write_text(json.dumps(meta, indent=1) + "\n")
            write_manifest(folder, key_file)
            if as_zip:
                with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
                    for path in sorted(folder.rglob("*")):
                        if path.is_file():
                            archive.write(path, path.relative_to(folder).as_posix())
        except BaseException:
            if not as_zip:
                shutil.rmtree(out, ignore_errors=True)
            out.unlink(missing_ok=True) if as_zip else None
            raise
    return meta


# -- curator side -----------------------------------------------------------------
def submit(library: Library, bundle: Path, who: str | None = None,
           trusted_keys: list[bytes] | None = None) -> int:
    """Verify a bundle and store its spectra as one pending submission; returns its id."""
    who = library.who(who)
    with opened_package(bundle) as folder:
        info = verify_package(folder, trusted_keys)
        if info["kind"] != "bundle":
            raise LibraryError(f"{bundle}: " + _("a release, not a contribution bundle"))
        spectra = read_records(folder)
        submitted_by = library.db_user or who
        with library.backend.transaction():
            sub_id = int(library.backend.query(
                "INSERT INTO submissions (lab, submitted_at, submitted_by, bundle_sha256, signer, "
                "n_spectra, metadata) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (str(info.get("lab", "?")), now_utc(), submitted_by, info["manifest_sha256"],
                 info["signer"], len(spectra), json.dumps({"bundle": str(bundle),
                                                          "created_by": info.get("created_by")})))[0][0])
            change_id = library._log(
                "submit", who, f"submission {sub_id}: {len(spectra)} spectra from lab "
                f"{info.get('lab')}", "", {"submission": sub_id, "signer": info["signer"],
                                            "manifest_sha256": info["manifest_sha256"]})
            library._insert(spectra, ImportReport(), "pending", now_utc(), who, change_id, sub_id)
    return sub_id


def pending(library: Library) -> list[dict[str, Any]]:
    """Submissions waiting for a decision: id, lab, spectra, submitted, by, signer."""
    rows = library.backend.query(
        "SELECT id, lab, n_spectra, submitted_at, submitted_by, signer FROM submissions "
        "WHERE status = 'pending' ORDER BY id")
    return [dict(zip(("id", "lab", "spectra", "submitted", "submitted_by", "signer"), r)) for r in rows]


def _decide(library: Library, submission_id: int, accept: bool, reason: str, who: str | None) -> int:
    who = library.who(who)
    status = "accepted" if accept else "rejected"
    with library.backend.transaction():
        rows = library.backend.query("SELECT status, lab FROM submissions WHERE id = ?",
                                     (int(submission_id),))
        if not rows:
            raise LibraryError(f"{library.location}: " + _("no submission {0}").format(submission_id))
        if rows[0][0] != "pending":
            raise LibraryError(f"{library.location}: " + _("submission {0} is already {1}").format(submission_id, rows[0][0]))
        library.backend.execute(
            "UPDATE spectra SET status = ? WHERE submission_id = ? AND status = 'pending'",
            (status, int(submission_id)))
        library.backend.execute(
            "UPDATE submissions SET status = ?, decided_at = ?, decided_by = ?, reason = ? WHERE id = ?",
            (status, now_utc(), who, reason, int(submission_id)))
        n = int(library.backend.query(
            "SELECT COUNT(*) FROM spectra WHERE submission_id = ?", (int(submission_id),))[0][0])
        library._log("accept" if accept else "reject", who,
                     f"{status} submission {submission_id} ({n} spectra from lab {rows[0][1]})",
                     reason, {"submission": int(submission_id)})
        if accept:
            library._bump_revision()
    return n


def accept(library: Library, submission_id: int, why: str = "", who: str | None = None) -> int:
    """Accept a pending submission: its spectra become searchable.  Returns their count."""
    return _decide(library, submission_id, True, why, who)


def reject(library: Library, submission_id: int, reason: str, who: str | None = None) -> int:
    """Reject a pending submission (kept, marked rejected); ``reason`` is required."""
    if not reason or not reason.strip():
        raise LibraryError(_("give a reason for rejecting (it is sent back to the lab via the log)"))
    return _decide(library, submission_id, False, reason, who)


def _changelog(library: Library, version: str) -> str:
    lines = [f"# NPS-ID spectral library {version}", ""]
    for entry in reversed(library.log()):
        why = f" (why: {entry['why']})" if entry["why"] else ""
        lines.append(f"- {entry['at']} {entry['who']} [{entry['action']}] {entry['what']}{why}")
    return "\n".join(lines) + "\n"


def release(library: Library, version: str, out: Path, key_file: Path | None = None,
            who: str | None = None, unsigned: bool = False) -> dict[str, Any]:
    """Write the accepted spectra as release ``version`` (X.Y) to the folder ``out``.

    A release is signed with the curator's private key ``key_file``; labs
    import only releases signed by a key they trust.  Without a key the
    release is refused unless ``unsigned`` says so explicitly.
    """
    if not re.fullmatch(r"\d+\.\d+", version or ""):
        raise LibraryError(_("release version must look like 1.0 (got {0!r})").format(version))
    if key_file is None and not unsigned:
        raise LibraryError(_("a release must be signed: give the curator's private key (--key KEYFILE, made by "
                             "`nps-id library keygen`), or --unsigned to write one that labs will refuse unless they "
                             "import it with --insecure"))
    signer = None
    if key_file is not None:
        from cryptography.hazmat.primitives import serialization
        public = load_private_key(key_file).public_key().public_bytes(  # a bad key fails before any write
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        signer = fingerprint(public)
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise LibraryError(f"{out}: " + _("exists and is not empty"))
    who = library.who(who)
    try:
        with library.backend.transaction():
            # The database row first: a role that may not release fails before any file is written.
            release_id = int(library.backend.query(
                "INSERT INTO releases (version, released_at, released_by, n_spectra, manifest_sha256) "
                "VALUES (?, ?, ?, 0, '') RETURNING id", (version, now_utc(), who))[0][0])
            out.mkdir(parents=True, exist_ok=True)
            written = write_records(library.iter_spectra(), out)
            if _CATALOGUE.is_file():
                shutil.copyfile(_CATALOGUE, out / "catalogue.csv")
            library_uuid, revision = library.identity()
            meta = {"kind": RELEASE_KIND, "format": 1, "version": version, "released_at": now_utc(),
                    "released_by": who, "n_spectra": len(written), "revision": revision,
                    "library_uuid": library_uuid, "signer": signer, "nps_id_version": __version__}
            (out / "release.json").write_text(json.dumps(meta, indent=1) + "\n")
            (out / "CHANGELOG.md").write_text(_changelog(library, version), encoding="utf-8")
            digest = write_manifest(out, key_file)
            library.backend.execute("UPDATE releases SET n_spectra = ?, manifest_sha256 = ? WHERE id = ?",
                                    (len(written), digest, release_id))
            library._log("release", who, f"released {version} ({len(written)} spectra)", "",
                         {"version": version, "manifest_sha256": digest, "folder": str(out),
                          "signer": signer})
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    return meta
