"""Library search of component spectra.

The product search is :func:`nps_id.search.search_spectra` (the lead's EI
scoring) over a library.  A script may instead pass a :class:`PlainCosineSearch`
of a spectrum file (a plain square-root-intensity cosine on nominal m/z,
returning hits with the same fields, without verdicts); a path given as the
library is always opened as a library.  Library peaks outside the run's acquired
m/z range are ignored by the fallback (a run scanned from m/z 100 cannot show
the 43 of a reference).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from nps_id.spectrum import Spectrum

MAX_MZ = 2000

HIT_FIELDS = ("rank", "name", "score", "reverse_score", "probability", "inchikey", "cas", "formula",
              "source_id", "library_id", "isomer_ambiguity", "retention_index")


@dataclass
class PlainHit:
    rank: int
    name: str
    score: float
    reverse_score: float
    probability: float
    inchikey: str = ""
    cas: str = ""
    formula: str = ""
    source_id: str = ""
    library_id: Any = None
    isomer_ambiguity: bool = False
    retention_index: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in HIT_FIELDS}


@dataclass
class PlainHitList:
    hits: list[PlainHit] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"hits": [h.to_dict() for h in self.hits]}


def _vector_rows(spectra: Sequence[Spectrum]):
    from scipy.sparse import csr_matrix
    rows, cols, vals = [], [], []
    for i, s in enumerate(spectra):
        mz = np.floor(s.x + 0.3).astype(int)
        ok = (mz >= 0) & (mz < MAX_MZ) & (s.y > 0)
        rows.append(np.full(ok.sum(), i))
        cols.append(mz[ok])
        vals.append(s.y[ok])
    matrix = csr_matrix((np.concatenate(vals) if vals else [], (np.concatenate(rows) if rows else [],
                         np.concatenate(cols) if cols else [])), shape=(len(spectra), MAX_MZ))
    matrix.sum_duplicates()
    matrix.data = np.sqrt(matrix.data)
    return matrix


class PlainCosineSearch:
    """Square-root cosine search of nominal-mass EI spectra (fallback search)."""

    def __init__(self, spectra: Sequence[Spectrum], name: str = ""):
        self.spectra = list(spectra)
        self.name = name
        self.matrix = _vector_rows(self.spectra).tocsc()

    @classmethod
    def from_file(cls, path: str | Path) -> "PlainCosineSearch":
        from nps_id.io import read_spectra
        return cls([s for s in read_spectra(path) if s.technique == "ms"], str(path))

    def search(self, queries: Sequence[Spectrum], top: int = 5) -> list[PlainHitList]:
        if not queries:
            return []
        q = _vector_rows(queries).toarray()
        results: list[PlainHitList | None] = [None] * len(queries)
        groups: dict[tuple[int, int], list[int]] = {}
        for i, query in enumerate(queries):
            rng = query.get("acquired_mz_range") or (0, MAX_MZ - 1)
            key = (int(np.floor(rng[0] + 0.3)), int(np.floor(rng[1] + 0.3)))
            groups.setdefault(key, []).append(i)
        for (lo, hi), members in groups.items():
            lib = self.matrix[:, lo:hi + 1].tocsr()
            norms = np.sqrt(np.asarray(lib.multiply(lib).sum(axis=1)).ravel())
            block = q[members][:, lo:hi + 1]
            qn = np.linalg.norm(block, axis=1)
            dots = np.asarray(lib @ block.T)
            with np.errstate(divide="ignore", invalid="ignore"):
                cos = np.where(norms[:, None] > 0, dots / (norms[:, None] * qn[None, :]), 0.0)
            for c, i in enumerate(members):
                if qn[c] == 0:
                    results[i] = PlainHitList()
                    continue
                vec = block[c]
                best = np.argsort(-cos[:, c])[:top]
                hits = []
                for rank, j in enumerate(best, 1):
                    ref = self.spectra[j]
                    row = lib[j].toarray().ravel()
                    masked = np.where(row > 0, vec, 0.0)
                    rev = float(row @ masked / (np.linalg.norm(row) * np.linalg.norm(masked))) \
                        if masked.any() else 0.0
                    hits.append(PlainHit(rank, ref.name, round(999 * float(cos[j, c])), round(999 * rev), 0.0,
                                         str(ref.get("inchikey", "")), str(ref.get("cas", "")),
                                         str(ref.get("formula", "")), str(ref.get("source_id", "")), int(j),
                                         False, ref.get("retention_index")))
                total = sum(max(h.score, 0) ** 4 for h in hits) or 1
                for h in hits:
                    h.probability = round(100.0 * max(h.score, 0) ** 4 / total, 1)
                results[i] = PlainHitList(hits)
        return [r if r is not None else PlainHitList() for r in results]


_cache: dict[str, Any] = {}


def resolve_library(library: Any) -> Any:
    """The opened library (product search) for ``library``.

    ``library`` may be an already opened object (a library, or a :class:`PlainCosineSearch`
    that a script made with :meth:`PlainCosineSearch.from_file`), a path/URL, or None (the
    default library of ``nps-id search``).  A path is opened as a library, exactly as
    ``nps-id search --library`` does, and its error is the library's own (read-only, damaged,
    not a SQLite file...); a spectrum file (an MSP...) is refused with how to import it, as
    ``nps-id search`` refuses it: its plain cosine search gave hits without verdicts.
    """
    if library is not None and not isinstance(library, (str, Path)):
        return library
    key = str(library)
    if key in _cache:
        return _cache[key]
    from nps_id.library import open_library

    opened = open_library(library) if library is not None else open_library()
    _cache[key] = opened
    return opened


def search_components(library: Any, spectra: Sequence[Spectrum], top: int = 5,
                      ris: Sequence[float | None] | None = None, per_compound: bool = False) -> list[Any]:
    """One hit list per spectrum (product search when available, else the plain cosine).

    With ``ris`` (the components' retention indices), hits carry ΔRI and the RI
    term enters ranking and verdict (:mod:`nps_id.gcms.ri_scoring`).
    """
    from nps_id.gcms.ri_scoring import apply_ri_term, search_with_ri

    ris = list(ris) if ris is not None else [None] * len(spectra)
    if isinstance(library, PlainCosineSearch):
        hitlists = library.search(spectra, top)
        for hitlist, ri in zip(hitlists, ris):
            if ri is not None:
                hitlist.hits = apply_ri_term(hitlist.hits, ri)
        return hitlists
    if any(ri is not None for ri in ris):
        return search_with_ri(library, list(spectra), ris, top, per_compound)
    from nps_id.search import search_spectra
    return search_spectra(library, list(spectra), top=top, per_compound=per_compound)


def hit_to_dict(hit: Any) -> dict[str, Any]:
    """A JSON-ready dict of one hit (the hit's own ``to_dict``/``as_json`` when it has one)."""
    out = None
    for method in ("to_dict", "as_json", "as_dict"):
        if hasattr(hit, method):
            value = getattr(hit, method)()
            if isinstance(value, dict):
                out = value
                break
    if out is None:
        out = {k: getattr(hit, k, None) for k in HIT_FIELDS}
    # the retention-index term, when one was applied (nps_id.gcms.ri_scoring)
    for key in ("spectral_score", "ri_delta", "ri_flag", "ri_penalty"):
        if hasattr(hit, key):
            value = getattr(hit, key)
            out[key] = round(value, 1) if isinstance(value, float) else value
    return out


def hitlist_to_dicts(hitlist: Any) -> list[dict[str, Any]]:
    if hitlist is None:
        return []
    return [hit_to_dict(h) for h in getattr(hitlist, "hits", [])]
