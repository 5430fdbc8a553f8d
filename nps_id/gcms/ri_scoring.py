"""Retention index in identification: an RI term in the score, ΔRI on every hit, a flag when RI contradicts.

When a component has a retention index (alkane or FAME ladder, see
:mod:`nps_id.gcms.retention_index`) and a library record has one too (MSP
``RI:``/``Retention_index: SemiStdNP=``, AMDIS ``.MSL`` ``RI:``), the hit gets

* ``ri_delta`` = component RI - library RI;
* ``ri_flag``: ``"supports"`` when |ΔRI| <= :data:`RI_SUPPORTS` (20),
  ``"contradicts"`` when |ΔRI| > :data:`RI_CONTRADICTS` (50), else ``"weak"``;
* ``ri_penalty``: points taken from the match factor
  (:func:`~nps_id.gcms.retention_index.ri_penalty`: none within 20 units,
  then 100 points per further 20 units, at most 300: 150 points at |ΔRI| = 50).

The thresholds follow NIST practice for semi-standard non-polar columns: the
NIST 23 RI library's median interlaboratory deviation is about 10 units and
its retention-index search window 20 units, and NIST MS Search penalises a hit
beyond its RI tolerance in proportion to the excess (AMDIS does the same:
Stein 1999, "RI penalty").  A ΔRI of more than 50 units is outside what
column-to-column variation of one phase explains, so it contradicts the hit.

The search ranks the best :data:`~nps_id.unknowns.verdict.JUDGEMENT_DEPTH`
library spectra by spectrum, takes the RI term off each score (``score`` then
holds the combined value, ``spectral_score`` the match factor alone), re-ranks,
and only then judges: ranking, verdict and confidence all see the RI.  A top
hit whose RI still contradicts is never reported ``identified``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from nps_id.gcms.retention_index import ri_penalty

#: |ΔRI| up to this supports the hit.
RI_SUPPORTS = 20.0
#: |ΔRI| above this contradicts the hit.
RI_CONTRADICTS = 50.0


@dataclass(frozen=True)
class RITerm:
    """The retention-index evidence of one hit."""

    delta: float | None
    flag: str
    penalty: float

    def to_dict(self) -> dict[str, Any]:
        return {"ri_delta": None if self.delta is None else round(self.delta, 1), "ri_flag": self.flag,
                "ri_penalty": round(self.penalty, 1)}


def ri_term(component_ri: float | None, library_ri: float | None) -> RITerm:
    """ΔRI, flag and score penalty for a component/library RI pair ("" flag when either is unknown)."""
    try:
        delta = float(component_ri) - float(library_ri)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return RITerm(None, "", 0.0)
    if not np.isfinite(delta):
        return RITerm(None, "", 0.0)
    size = abs(delta)
    flag = "supports" if size <= RI_SUPPORTS else "contradicts" if size > RI_CONTRADICTS else "weak"
    return RITerm(delta, flag, ri_penalty(component_ri, library_ri, tolerance=RI_SUPPORTS))


def apply_ri_term(hits: Sequence[Any], component_ri: float | None) -> list[Any]:
    """Hits with ``ri_delta``/``ri_flag``/``ri_penalty``/``spectral_score`` set, re-ranked on the combined score."""
    for hit in hits:
        spectral = float(getattr(hit, "spectral_score", hit.score))
        term = ri_term(component_ri, getattr(hit, "retention_index", None))
        hit.spectral_score = spectral
        hit.ri_delta, hit.ri_flag, hit.ri_penalty = term.delta, term.flag, term.penalty
        hit.score = round(max(0.0, spectral - term.penalty), 1)
    ranked = sorted(hits, key=lambda h: -h.score)
    for rank, hit in enumerate(ranked, 1):
        hit.rank = rank
    return ranked


def ri_sentence(hit: Any, component_ri: float) -> str:
    """What the RI says of ``hit`` (for the verdict's reason)."""
    flag = getattr(hit, "ri_flag", "")
    if not flag:
        return f"RI {component_ri:.0f}; the library gives no RI for {hit.name}"
    return (f"RI {component_ri:.0f} vs library {hit.retention_index:.0f} (ΔRI {hit.ri_delta:+.0f}) "
            f"{'supports' if flag == 'supports' else 'contradicts' if flag == 'contradicts' else 'weakly fits'} "
            f"{hit.name}")


def search_with_ri(library: Any, spectra: Sequence[Any], ris: Sequence[float | None], top: int,
                   per_compound: bool = False) -> list[Any]:
    """One judged hit list per spectrum; the RI term enters ranking and verdict where ``ris`` has a value."""
    from nps_id.search import search_spectra

    out: list[Any] = list(search_spectra(library, [s for s, ri in zip(spectra, ris) if ri is None], top=top,
                                         per_compound=per_compound))
    plain = iter(out)
    results = []
    for spectrum, ri in zip(spectra, ris):
        results.append(next(plain) if ri is None else _search_one(library, spectrum, float(ri), top, per_compound))
    return results


def _search_one(library: Any, spectrum: Any, ri: float, top: int, per_compound: bool = False) -> Any:
    from nps_id.search import _finish, rank_ms
    from nps_id.unknowns.assess import judged_depth

    query, hits, scored, size = rank_ms(library, spectrum, judged_depth(top, per_compound), False, top)
    hits = apply_ri_term(hits, ri)
    query = query.processed("retention_index_term", {"component_ri": ri, "supports_within": RI_SUPPORTS,
                                                     "contradicts_beyond": RI_CONTRADICTS,
                                                     "penalty": "100 points per 20 RI units beyond 20, max 300"})
    hit_list = _finish(library, query, "ms", hits, top, per_compound, scored, size, False, spectrum)
    judge_with_ri(hit_list, ri)
    return hit_list


def judge_with_ri(hit_list: Any, ri: float) -> None:
    """Add the RI evidence to the verdict's reason; a top hit the RI contradicts is not ``identified``."""
    verdict = getattr(hit_list, "verdict", None)
    hits = getattr(hit_list, "hits", None) or []
    if verdict is None or not hits:
        return
    top = hits[0]
    verdict.reason += "; " + ri_sentence(top, ri)
    if getattr(top, "ri_flag", "") == "contradicts" and verdict.verdict == "identified":
        verdict.verdict = "ambiguous"
        verdict.candidates = verdict.candidates or [top.name]
        verdict.deciders = ["a reference standard on the same column (the retention index contradicts the spectrum)"]
