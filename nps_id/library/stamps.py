"""Who and when a change of the library is recorded under."""
from __future__ import annotations

import getpass
import os
from datetime import datetime, timezone


def current_user() -> str:
    """The name changes are recorded under when no ``who`` is given."""
    try:
        return os.environ.get("NPS_ID_USER") or getpass.getuser()
    except Exception:  # no login name (e.g. a container without passwd entry)
        return "unknown"


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
