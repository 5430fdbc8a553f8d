"""The check on every search: has this unknown been reported by other labs?

When a query's verdict is ``not_in_library`` or ``ambiguous``,
:func:`check_hit_lists` matches its spectrum against the register's cluster
spectra (the library's exact search engine, :mod:`nps_id.alerts.clustering`)
and, when a cluster matches at the joining score, puts a :class:`SeenElsewhere`
on the hit list: "seen by N other labs since DATE (cluster #K, status …)",
with the cluster's spectra for the mirror plot.

Which register: the one given, else ``$NPS_ID_ALERT_REGISTER`` (a
``postgresql://`` URL or a file), else the register on the library's own
PostgreSQL server when it has one, else ``<library>.alerts.sqlite`` beside a
library file (where ``nps-id alert import`` puts a signed export).  A register
that cannot be reached adds a warning; the local search result stands.
Which lab is "yours": the key in ``$NPS_ID_LAB_KEY`` (its fingerprint; the
cluster summaries carry only hashes of the reporting keys).
"""
from __future__ import annotations

import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Sequence

from nps_id.alerts.clustering import JOIN_AT, RegisterIndex
from nps_id.alerts.payload import REPORTABLE
from nps_id.alerts.register import AlertRegister, lab_tag, open_register, status_text
from nps_id.errors import NpsIdError
from nps_id.i18n import _

log = logging.getLogger(__name__)
REGISTER_ENV = "NPS_ID_ALERT_REGISTER"
LAB_KEY_ENV = "NPS_ID_LAB_KEY"
SIDECAR_SUFFIX = ".alerts.sqlite"
#: Cluster spectra carried for the mirror plot.
SPECTRA_SHOWN = 3
_indexes: dict[tuple[str, str], tuple[int, RegisterIndex]] = {}


@dataclass
class SeenElsewhere:
    """A register cluster the query matches (see module docstring)."""

    cluster_id: int
    n_labs: int
    other_labs: int | None  # None when this lab's key is not known
    first_seen: str
    last_seen: str
    status: str
    status_text: str
    score: float
    technique: str
    regions: list[str] = field(default_factory=list)
    predicted_class: str | None = None
    identified_as: str | None = None
    register: str = ""
    spectra: list[dict[str, Any]] = field(default_factory=list)  # {"x": [...], "y": [...]} of the cluster

    def text(self) -> str:
        """"seen by 2 other labs since 2026-10-02 (cluster #4, status open)"."""
        where = f" ({', '.join(self.regions)})" if self.regions else ""
        if self.other_labs is None:
            who = (_("seen by {0} lab") if self.n_labs == 1 else _("seen by {0} labs")).format(self.n_labs)
        elif self.other_labs == 0:
            who = _("reported so far only by your lab")
        else:
            who = (_("seen by {0} other lab") if self.other_labs == 1
                   else _("seen by {0} other labs")).format(self.other_labs)
        return _("{0}{1} since {2} (cluster #{3}, status {4}; match {5:.0f})").format(
            who, where, self.first_seen, self.cluster_id, self.status_text, self.score)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["text"] = self.text()
        return out


def own_fingerprint(key_path: str | Path | None = None) -> str | None:
    """Fingerprint of this lab's key (private key or ``.pub``), from ``key_path`` or ``$NPS_ID_LAB_KEY``."""
    from nps_id.alerts.sign import public_key_pem
    from nps_id.library.signing import fingerprint

    path = key_path or os.environ.get(LAB_KEY_ENV, "").strip()
    if not path or not Path(path).is_file():
        return None
    data = Path(path).read_bytes()
    try:
        return fingerprint(data if b"PUBLIC KEY" in data else public_key_pem(Path(path)))
    except NpsIdError:
        return None


def sidecar_path(library_location: str | Path) -> Path:
    """Where a library file's offline copy of the register lives."""
    return Path(str(library_location) + SIDECAR_SUFFIX)


def resolve_register(library=None, register: "str | Path | AlertRegister | None" = None
                     ) -> tuple["AlertRegister | None", bool]:
    """The register to check and whether the caller must close it; (None, False) when there is none."""
    if isinstance(register, AlertRegister):
        return register, False
    location = register or os.environ.get(REGISTER_ENV, "").strip() or None
    if location:
        return open_register(location), True
    if library is None:
        return None, False
    if getattr(library, "dialect", None) == "postgresql":
        if AlertRegister.has_tables(library.backend):
            return AlertRegister(library.backend, owns_backend=False), False
        return None, False
    sidecar = sidecar_path(library.location)
    if sidecar.is_file():
        return open_register(sidecar), True
    return None, False


def register_index(register: AlertRegister, technique: str) -> RegisterIndex:
    """The register's cluster spectra of one technique, indexed (kept while the register is unchanged)."""
    key = (str(register.location), technique)
    revision = register.revision()
    cached = _indexes.get(key)
    if cached and cached[0] == revision:
        return cached[1]
    rows = register.cluster_spectra(technique, exclude_withdrawn_clusters=True)
    index = RegisterIndex(technique, [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
    _indexes[key] = (revision, index)
    return index


def seen_elsewhere(register: AlertRegister, hit_list, own: str | None = None) -> SeenElsewhere | None:
    """The register cluster one hit list's query matches, or None."""
    index = register_index(register, hit_list.technique)
    best = index.best_cluster(hit_list.query)
    if best is None:
        return None
    summary = register.cluster(best.cluster_id)
    if summary["n_entries"] <= 0:
        return None
    other = None
    if own is not None:
        other = summary["n_labs"] - (1 if lab_tag(best.cluster_id, own) in summary["lab_tags"] else 0)
    spectra = [{"x": s.x.tolist(), "y": s.y.tolist()}
               for _, _, s in register.cluster_spectra(hit_list.technique, cluster_id=best.cluster_id)[:SPECTRA_SHOWN]]
    return SeenElsewhere(
        cluster_id=best.cluster_id, n_labs=summary["n_labs"], other_labs=other,
        first_seen=summary["first_seen"], last_seen=summary["last_seen"], status=summary["status"],
        status_text=status_text(summary), score=best.score, technique=hit_list.technique,
        regions=summary["regions"], predicted_class=summary["predicted_class"],
        identified_as=summary["identified_as"], register=str(register.location), spectra=spectra)


def check_hit_lists(hit_lists: Sequence, library=None, register=None, lab_key: str | Path | None = None) -> None:
    """Put :class:`SeenElsewhere` on every hit list whose verdict asks for it (never raises).

    A register that cannot be opened or read adds a warning to those hit lists:
    the local search result is complete without it.  ``register=False``: no check.
    """
    if register is False:  # the caller asked for no check (e.g. while reporting)
        return
    wanted = [h for h in hit_lists if h.verdict is not None and h.verdict.verdict in REPORTABLE
              and h.technique in JOIN_AT]
    if not wanted:
        return
    opened, close = None, False
    try:
        opened, close = resolve_register(library, register)
        if opened is None:
            return
        own = own_fingerprint(lab_key)
        for hit_list in wanted:
            hit_list.seen_elsewhere = seen_elsewhere(opened, hit_list, own)
    except Exception as exc:  # noqa: BLE001 - the register is an add-on: its failure never fails the search
        if not isinstance(exc, NpsIdError):
            log.warning("early-warning register check failed", exc_info=True)
        for hit_list in wanted:
            hit_list.warnings.append(_("early-warning register not checked: {0}; the local search result "
                                       "above is complete").format(exc))
    finally:
        if opened is not None and close:
            opened.close()
