"""The curator keys a lab trusts: releases and bundles signed by them import.

The list lives inside the library (table ``trusted_keys``), not in a file of
one user: every analyst of a lab, and every client of a shared PostgreSQL
library, then trusts the same curators, and each addition or removal is an
entry of the library's change log (who, when, why).  On a shared server only
``nps_curator`` may change the list (see :mod:`.server`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from nps_id.errors import LibraryError
from nps_id.library.signing import fingerprint
from nps_id.library.stamps import now_utc
from nps_id.i18n import _


def read_public_key(path: str | Path) -> bytes:
    """The PEM bytes of an Ed25519 public key file (``KEY.pub`` from ``library keygen``)."""
    path = Path(path)
    try:
        pem = path.read_bytes().strip() + b"\n"
    except OSError as exc:
        raise LibraryError(f"{path}: " + _("cannot be read ({0})").format(exc.strerror)) from None
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError):
        hint = _(" (this is a private key: give the .pub file)") if b"PRIVATE KEY" in pem else ""
        raise LibraryError(f"{path}: " + _("not a PEM public key{0}").format(hint)) from None
    if not isinstance(key, Ed25519PublicKey):
        raise LibraryError(f"{path}: " + _("not an Ed25519 public key"))
    return pem


def trusted_keys(library) -> list[dict[str, Any]]:
    """The trusted keys: fingerprint, label, added_at, added_by, public_key (PEM text)."""
    rows = library.backend.query(
        "SELECT fingerprint, label, added_at, added_by, public_key FROM trusted_keys ORDER BY added_at, fingerprint")
    return [dict(zip(("fingerprint", "label", "added_at", "added_by", "public_key"), r)) for r in rows]


def trusted_fingerprints(library) -> dict[str, str]:
    """``{fingerprint: label}`` of the trusted keys."""
    return {k["fingerprint"]: k["label"] for k in trusted_keys(library)}


def trust_key(library, public_pem: bytes, label: str = "", who: str | None = None) -> str:
    """Trust a curator's public key; returns its fingerprint (already trusted: no change)."""
    fp = fingerprint(public_pem)
    who = library.who(who)
    with library.backend.transaction():
        if library.backend.query("SELECT 1 FROM trusted_keys WHERE fingerprint = ?", (fp,)):
            return fp
        library.backend.execute(
            "INSERT INTO trusted_keys (fingerprint, public_key, label, added_at, added_by) "
            "VALUES (?, ?, ?, ?, ?)", (fp, public_pem.decode("ascii").strip() + "\n", label or "",
                                       now_utc(), who))
        library._log("trust", who, f"trusted curator key {fp}" + (f" ({label})" if label else ""),
                     "", {"fingerprint": fp})
    return fp


def untrust_key(library, key: str, why: str = "", who: str | None = None) -> str:
    """Stop trusting a key, given by fingerprint (or its start) or by its .pub file."""
    if Path(key).is_file():
        wanted = fingerprint(read_public_key(key))
        matches = [k for k in trusted_keys(library) if k["fingerprint"] == wanted]
    else:
        wanted = key.strip()
        body = wanted.removeprefix("SHA256:")
        matches = [k for k in trusted_keys(library)
                   if len(body) >= 8 and k["fingerprint"].removeprefix("SHA256:").startswith(body)]
    if not matches:
        raise LibraryError(f"{library.location}: " + _("no trusted key {0}").format(wanted))
    if len(matches) > 1:
        raise LibraryError(f"{library.location}: " + _("{0} names {1} trusted keys; give more of the fingerprint").format(wanted, len(matches)))
    fp = matches[0]["fingerprint"]
    who = library.who(who)
    with library.backend.transaction():
        library.backend.execute("DELETE FROM trusted_keys WHERE fingerprint = ?", (fp,))
        library._log("untrust", who, f"no longer trusts curator key {fp}", why, {"fingerprint": fp})
    return fp
