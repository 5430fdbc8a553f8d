"""The hash-chained audit trail of a case file (ISO/IEC 17025 7.5 technical records, 7.11 control of data).

Every case action is one entry: sequence number, time, who, action, case,
exhibit, details (JSON) and the SHA-256 of the previous entry; the entry's own
hash covers all of these.  Editing an entry changes its hash; deleting one
breaks the link of the next and the sequence; swapping two breaks both.  The
hash of the last entry is kept in the file's metadata, so removing the newest
entries is seen as well, and it is printed on every report as an outside anchor.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterable
from nps_id.i18n import _

#: ``prev_hash`` of the first entry.
GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    """One entry of the trail as stored."""

    seq: int
    at: str
    who: str
    action: str
    case_number: str
    exhibit: str
    details: dict[str, Any]
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "at": self.at, "who": self.who, "action": self.action,
                "case": self.case_number, "exhibit": self.exhibit, "details": self.details,
                "prev_hash": self.prev_hash, "hash": self.hash}


def canonical_json(value: Any) -> str:
    """The one text form hashed: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def content_hash(value: Any) -> str:
    """SHA-256 of the canonical JSON of a value (a stored record, a conclusion...)."""
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


def entry_hash(seq: int, at: str, who: str, action: str, case_number: str, exhibit: str,
               details: dict[str, Any], prev_hash: str) -> str:
    """The hash of one entry from its fields and the previous entry's hash."""
    return content_hash({"seq": seq, "at": at, "who": who, "action": action, "case": case_number,
                         "exhibit": exhibit, "details": details, "prev": prev_hash})


def chain_problems(entries: Iterable[AuditEntry], head: str | None) -> list[str]:
    """Every break of the chain, in words; empty when the trail is intact.

    Parameters
    ----------
    entries
        The stored entries in ``seq`` order.
    head
        ``"<seq>:<hash>"`` of the last entry as kept in the file's metadata.
    """
    problems: list[str] = []
    previous = GENESIS
    expected_seq = 1
    last: AuditEntry | None = None
    for entry in entries:
        if entry.seq != expected_seq:
            problems.append((_("entry {0} is missing (next stored entry is {1}): an entry was deleted")
                             if entry.seq == expected_seq + 1 else
                             _("entry {0} onwards is missing (next stored entry is {1}): an entry was deleted")
                             ).format(expected_seq, entry.seq))
            expected_seq = entry.seq
        recomputed = entry_hash(entry.seq, entry.at, entry.who, entry.action, entry.case_number, entry.exhibit,
                                entry.details, entry.prev_hash)
        if recomputed != entry.hash:
            problems.append(_("entry {0} ({1}, {2}) was edited: its content no longer matches its hash").format(entry.seq, entry.action, entry.at))
        if entry.prev_hash != previous:
            problems.append(_("entry {0} ({1}) does not follow entry {2}: the chain is broken (an entry before it was "
                              "edited, deleted or moved)").format(entry.seq, entry.action, entry.seq - 1))
        previous = entry.hash
        expected_seq = entry.seq + 1
        last = entry
    stored_head = f"{last.seq}:{last.hash}" if last else "0:" + GENESIS
    if head is not None and head != stored_head:
        seq = head.split(":", 1)[0]
        problems.append(_("the trail ends at entry {0} but the file recorded entry {1} as the last: entries at the "
                          "end were deleted or the record of the last entry was changed").format(last.seq if last else 0, seq))
    return problems
