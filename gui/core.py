"""Whether an action of the window can run now, and if not, why (shown as its tooltip).

The GUI imports the NPS-ID core plainly: the core is complete, nothing is
probed.  Heavy parts (scipy, pybaselines, rdkit, the GC-MS code) are imported
inside the functions that use them, only so that the window opens fast.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    """An action's state: true when it can run; ``reason`` says why not (e.g. "the library is empty")."""

    ok: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.ok
