"""Ed25519 signatures over an alert payload's canonical bytes (the lab's library key).

A lab signs with the same kind of key it signs library bundles with
(``nps-id library keygen``).  The register keeps the payload text exactly as
signed and checks the signature against the public key the administrator
registered for that lab (and, on PostgreSQL, for that database login).
"""
from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from nps_id.alerts.payload import canonical_bytes
from nps_id.errors import LibraryError
from nps_id.library.signing import fingerprint, load_private_key
from nps_id.i18n import _

__all__ = ["SignedAlert", "sign_payload", "verify_signature", "public_key_pem", "fingerprint"]


class SignedAlert(dict):
    """``{"payload": text, "signature": base64, "public_key": PEM text}``: what travels."""


def public_key_pem(key_file: Path) -> bytes:
    """The PEM public key of a private key file."""
    key = load_private_key(key_file)
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)


def sign_payload(payload: dict[str, Any], key_file: Path) -> SignedAlert:
    """Sign the payload's canonical bytes with the lab's private key."""
    data = canonical_bytes(payload)
    key = load_private_key(key_file)
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    return SignedAlert(payload=data.decode("utf-8"), signature=base64.b64encode(key.sign(data)).decode(),
                       public_key=public.decode())


def verify_signature(payload_text: str, signature: str, public_pem: str | bytes) -> str:
    """Check a signature; returns the signer's fingerprint or raises LibraryError."""
    pem = public_pem.encode() if isinstance(public_pem, str) else public_pem
    try:
        key = serialization.load_pem_public_key(pem)
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("not an Ed25519 key")
        key.verify(base64.b64decode(signature, validate=True), payload_text.encode("utf-8"))
    except (ValueError, TypeError, InvalidSignature):
        raise LibraryError(_("the signature does not match the alert (altered after signing, or another key)")) from None
    return fingerprint(pem)
