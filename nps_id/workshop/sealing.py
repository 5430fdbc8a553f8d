"""Answers sealed with the trainer's passphrase.

The passphrase is stretched with scrypt (RFC 7914; n = 2**15, r = 8, p = 1, the
interactive-login cost OWASP recommends) into a 256-bit key, and the answers are
encrypted with AES-256-GCM, which also authenticates them: a wrong passphrase
and a changed byte are both refused, never read as other answers.  A trainee
holding the pack without the passphrase cannot read the answers.
"""
from __future__ import annotations

import base64
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from nps_id.errors import NpsIdError
from nps_id.i18n import _

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 15, 8, 1
MIN_PASSPHRASE = 8


class WrongPassphrase(NpsIdError):
    """The passphrase does not open the sealed answers (or they were changed)."""


def _key(passphrase: str, salt: bytes, n: int = SCRYPT_N) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=SCRYPT_R, p=SCRYPT_P).derive(passphrase.encode("utf-8"))


def seal(data: Any, passphrase: str) -> dict[str, Any]:
    """Encrypt a JSON-able object; returns the envelope to store (salt, nonce, ciphertext, KDF)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise NpsIdError(_("the passphrase must have at least {0} characters").format(MIN_PASSPHRASE))
    salt, nonce = os.urandom(16), os.urandom(12)
    plain = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
    cipher = AESGCM(_key(passphrase, salt)).encrypt(nonce, plain, b"nps-id workshop answers")
    return {"kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "cipher": "AES-256-GCM",
            "salt": base64.b64encode(salt).decode(), "nonce": base64.b64encode(nonce).decode(),
            "ciphertext": base64.b64encode(cipher).decode()}


def unseal(envelope: dict[str, Any], passphrase: str) -> Any:
    """Decrypt an envelope written by :func:`seal`; :class:`WrongPassphrase` when it does not open."""
    try:
        salt = base64.b64decode(envelope["salt"])
        nonce = base64.b64decode(envelope["nonce"])
        cipher = base64.b64decode(envelope["ciphertext"])
        n = int(envelope.get("n", SCRYPT_N))
        if envelope.get("kdf") != "scrypt" or not 2 ** 10 <= n <= 2 ** 20:
            raise ValueError("unknown key derivation")
    except (KeyError, ValueError, TypeError):
        raise NpsIdError(_("the sealed answers are damaged")) from None
    try:
        plain = AESGCM(_key(passphrase, salt, n)).decrypt(nonce, cipher, b"nps-id workshop answers")
    except InvalidTag:
        raise WrongPassphrase(_("wrong passphrase: the answers cannot be opened with it")) from None
    return json.loads(plain.decode("utf-8"))
