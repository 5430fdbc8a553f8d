"""A lab's two actions on the register: report an unknown, withdraw its own report.

Both build a payload, sign it with the lab's key and send it; the register
checks the signature before anything is filed (:mod:`nps_id.alerts.register`).
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from nps_id.alerts.payload import build_payload, withdrawal_payload
from nps_id.alerts.register import AlertRegister
from nps_id.alerts.sign import sign_payload


def send_payload(register: AlertRegister, payload: dict[str, Any], key_file: Path,
                 wait_s: float = 0.0) -> dict[str, Any]:
    """Sign and send a payload; returns the inbox row's status (waits up to ``wait_s`` for the server's check)."""
    inbox_id = register.send(sign_payload(payload, key_file))
    status = register.inbox_status(inbox_id)
    deadline = time.monotonic() + wait_s
    while status["status"] == "received" and time.monotonic() < deadline:
        time.sleep(0.25)
        status = register.inbox_status(inbox_id)
    return {**status, "uid": payload["uid"]}


def report_unknown(register: AlertRegister, hit_list, key_file: Path, lab: str, country: str | None = None,
                   region: str | None = None, column: str | None = None, wait_s: float = 0.0) -> dict[str, Any]:
    """Report one searched query (verdict not_in_library or ambiguous) to the register."""
    payload = build_payload(hit_list, lab, country, region, column)
    return send_payload(register, payload, key_file, wait_s)


def withdraw(register: AlertRegister, uid: str, key_file: Path, lab: str, reason: str = "",
             wait_s: float = 0.0) -> dict[str, Any]:
    """Withdraw the lab's own report ``uid`` (signed with the key that signed the report)."""
    return send_payload(register, withdrawal_payload(uid, lab, reason), key_file, wait_s)
