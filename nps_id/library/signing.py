"""Manifests (SHA-256 of every file) and Ed25519 signatures over them.

A bundle or release folder holds ``manifest.json`` listing every other file
with its SHA-256; with a key, ``manifest.sig`` holds the Ed25519 signature of
the manifest bytes and ``signer.pub`` the signer's public key.  Verification
refuses a missing, extra or changed file, a manifest that does not match its
signature, and (when trusted keys are given) a signer not among them.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from nps_id.errors import LibraryError
from nps_id.i18n import _

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PUBLIC_KEY = "signer.pub"
_NOT_LISTED = {MANIFEST, SIGNATURE}


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def generate_key(out: Path) -> tuple[Path, Path]:
    """Write a new Ed25519 private key to ``out`` (mode 600) and its public key to ``out.pub``."""
    out = Path(out)
    if out.exists():
        raise LibraryError(f"{out}: " + _("already exists (refusing to overwrite a key)"))
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(private)
    pub = Path(str(out) + ".pub")
    pub.write_bytes(public)
    return out, pub


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise LibraryError(f"{path}: " + _("not a readable Ed25519 private key ({0})").format(exc)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise LibraryError(f"{path}: " + _("not an Ed25519 key"))
    return key


def fingerprint(public_pem: bytes) -> str:
    """SHA-256 of the public key, shown to curators to recognise a signer."""
    return "SHA256:" + hashlib.sha256(public_pem.strip()).hexdigest()[:32]


def write_manifest(folder: Path, key_file: Path | None = None) -> str:
    """List every file of ``folder`` with its SHA-256, sign when a key is given.

    Returns the SHA-256 of the manifest itself.
    """
    folder = Path(folder)
    if key_file is not None:
        key = load_private_key(key_file)
        (folder / PUBLIC_KEY).write_bytes(key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    files = {name: sha256_file(folder / name) for name in _files(folder) if name not in _NOT_LISTED}
    data = (json.dumps({"algorithm": "sha256", "files": files}, indent=1, sort_keys=True) + "\n").encode()
    (folder / MANIFEST).write_bytes(data)
    if key_file is not None:
        (folder / SIGNATURE).write_text(base64.b64encode(key.sign(data)).decode() + "\n")
    return hashlib.sha256(data).hexdigest()


def verify_folder(folder: Path, trusted_keys: list[bytes] | None = None,
                  require_signature: bool = False) -> dict:
    """Check a bundle/release folder against its manifest (and signature).

    Returns ``{"files": n, "signed": bool, "signer": fingerprint|None,
    "manifest_sha256": ...}``; raises LibraryError listing what does not match.
    """
    folder = Path(folder)
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise LibraryError(f"{folder}: " + _("no {0} (not a bundle or release, or damaged)").format(MANIFEST))
    data = manifest_path.read_bytes()
    try:
        listed = json.loads(data)["files"]
        assert isinstance(listed, dict)
    except Exception:
        raise LibraryError(f"{manifest_path}: " + _("damaged manifest")) from None
    problems = []
    present = set(_files(folder)) - _NOT_LISTED
    for name in sorted(set(listed) - present):
        problems.append(_("missing file {0}").format(name))
    for name in sorted(present - set(listed)):
        problems.append(_("file not in the manifest: {0}").format(name))
    for name in sorted(present & set(listed)):
        if sha256_file(folder / name) != listed[name]:
            problems.append(_("changed file (SHA-256 differs): {0}").format(name))
    signed = (folder / SIGNATURE).exists()
    signer = None
    if signed:
        public_pem = (folder / PUBLIC_KEY).read_bytes() if (folder / PUBLIC_KEY).exists() else b""
        signer = fingerprint(public_pem)
        try:
            key = serialization.load_pem_public_key(public_pem)
            if not isinstance(key, Ed25519PublicKey):
                raise ValueError("not Ed25519")
            key.verify(base64.b64decode((folder / SIGNATURE).read_text().strip()), data)
        except (ValueError, TypeError, InvalidSignature):
            problems.append(_("the signature does not match the manifest (or the signer's key)"))
        if trusted_keys is not None and public_pem.strip() not in [k.strip() for k in trusted_keys]:
            problems.append(_("signed by an untrusted key ({0})").format(signer))
    elif require_signature or trusted_keys is not None:
        problems.append(_("not signed"))
    if problems:
        raise LibraryError(f"{folder}: " + _("refused: {0}").format("; ".join(problems[:10]))
                           + (_(" (and {0} more)").format(len(problems) - 10) if len(problems) > 10 else ""))
    return {"files": len(listed), "signed": signed, "signer": signer,
            "manifest_sha256": hashlib.sha256(data).hexdigest()}
