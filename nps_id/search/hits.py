"""Hit lists: ranked candidates with probabilities and isomer-ambiguity flags."""
from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

from nps_id.spectrum import Spectrum
from nps_id.unknowns.results import Alert, Analogue, ClassPrediction, MolecularIon, Verdict

#: Score scale of every hit list (NIST convention).
MAX_SCORE = 999
#: Temperature of the probability model, in score units (0-999).  EI: the
#: maximum-likelihood value for the correct compound over the top-10 hit lists
#: of the public benchmark split (T = 40; log-likelihood -632 against -700 at
#: T = 22 and -666 at T = 60); it is calibrated there: hits given 90-100 %
#: were right 96 % of the time, 70-90 %: 79 %, 50-70 %: 61 %.  IR: not
#: fitted (too few independent IR references); a scale of the same order.
PROBABILITY_TEMPERATURE = {"ms": 40.0, "ir": 20.0}


@dataclass
class Hit:
    """One candidate of a hit list (what a chemist reads and a report prints)."""

    rank: int
    library_id: int
    name: str
    score: float
    reverse_score: float
    probability: float = 0.0
    inchikey: str | None = None
    cas: str | None = None
    formula: str | None = None
    mw: float | None = None
    compound_class: str | None = None
    control_status: str | None = None
    #: Control status in detail (:class:`nps_id.controls.ControlStatus` as a dict): catalogue match and
    #: how it was found, international status with source and date, national status of the jurisdiction.
    control: dict[str, Any] | None = None
    smiles: str | None = None
    source_id: str | None = None
    retention_index: float | None = None
    synonyms: list[str] = field(default_factory=list)
    shared_peaks: int | None = None
    isomer_ambiguity: bool = False
    isomers: list[str] = field(default_factory=list)
    #: Identity of the compound in its library (:mod:`nps_id.unknowns.compounds`), set by the search.
    compound_id: str | None = None
    #: The candidate's nominal mass contradicts the query's clear molecular ion (demoted in rank).
    mass_conflict: bool = False

    def compound_key(self) -> str:
        """Identity of the compound: InChIKey skeleton, else CAS, else the normalised name."""
        if self.compound_id:
            return self.compound_id
        if self.inchikey:
            return "IK:" + self.inchikey[:14].upper()
        if self.cas:
            return "CAS:" + self.cas.strip()
        return "NM:" + normalise_name(self.name)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class HitList:
    """The ranked hits of one query spectrum, with the recipe that prepared it."""

    query: Spectrum
    query_id: str
    technique: str
    hits: list[Hit]
    candidates_scored: int = 0
    library_size: int = 0
    warnings: list[str] = field(default_factory=list)
    #: The judgement of the search (see :mod:`nps_id.unknowns`); None for an unsearched technique.
    verdict: Verdict | None = None
    molecular_ion: MolecularIon | None = None
    analogues: list[Analogue] = field(default_factory=list)
    class_prediction: ClassPrediction | None = None
    alerts: list[Alert] = field(default_factory=list)
    #: IR mixture analysis (:class:`nps_id.ir.mixture_analysis.MixtureResult`), when asked for.
    mixture: Any = None
    #: Other labs' reports of this unknown in the early-warning register (:class:`nps_id.alerts.seen.SeenElsewhere`).
    seen_elsewhere: Any = None
    #: What replay needs (:mod:`nps_id.casework.provenance`): input SHA-256, library identity, software, times.
    provenance: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        verdict = self.verdict
        return {
            "query": {
                "id": self.query_id,
                "file": self.query.get("source_file"),
                "technique": self.technique,
                "name": self.query.get("name"),
                "recipe": self.query.recipe_as_dicts(),
                "verdict": verdict.verdict if verdict else None,
                "confidence": verdict.confidence if verdict else None,
                "verdict_reason": verdict.reason if verdict else None,
                "verdict_detail": verdict.to_dict() if verdict else None,
                "molecular_ion": self.molecular_ion.to_dict() if self.molecular_ion else None,
                "class_prediction": self.class_prediction.to_dict() if self.class_prediction else None,
                "alerts": [a.to_dict() for a in self.alerts],
                "mixture": self.mixture.to_dict() if self.mixture is not None else None,
                "seen_elsewhere": self.seen_elsewhere.to_dict() if self.seen_elsewhere else None,
            },
            "analogues": [a.to_dict() for a in self.analogues],
            "hits": [hit.to_dict() for hit in self.hits],
            "library_size": self.library_size,
            "candidates_scored": self.candidates_scored,
            "warnings": list(self.warnings),
            **({"provenance": self.provenance} if self.provenance else {}),
        }


def normalise_name(name: str) -> str:
    """Lower-case a-z0-9 only; Greek letters spelled out (as the benchmark keys)."""
    text = (name or "").lower().replace(".alpha.", "alpha").replace("α", "alpha")
    text = text.replace(".beta.", "beta").replace("β", "beta")
    return re.sub(r"[^a-z0-9]", "", text)


def assign_probabilities(hits: Sequence[Hit], technique: str = "ms", verdict=None) -> None:
    """Probability (%) that each hit's compound is the right one.

    With a verdict (:mod:`nps_id.unknowns.verdict`), the top compound gets the
    verdict's calibrated confidence, which counts the chance that the library
    lacks the substance; the other compounds share what is left of the
    probability that the substance is one of the listed compounds
    (``verdict.in_library``), in proportion to ``exp(score / T)`` (Stein 1994).
    Without one, a plain softmax over the compounds' best scores.  Hits of one
    compound share its probability; the numbers do not depend on how many
    hits are shown, as long as the list holds the judged depth.
    """
    if not hits:
        return
    temperature = PROBABILITY_TEMPERATURE.get(technique, 20.0)
    best: dict[str, float] = {}
    for hit in hits:
        key = hit.compound_key()
        best[key] = max(best.get(key, -math.inf), hit.score)
    top_key = hits[0].compound_key()
    top = max(best.values())
    weights = {k: math.exp((s - top) / temperature) for k, s in best.items()}
    if verdict is None:
        total = sum(weights.values())
        shares = {k: w / total for k, w in weights.items()}
    else:
        rest = max(verdict.in_library - verdict.confidence, 0.0)
        others = sum(w for k, w in weights.items() if k != top_key) or 1.0
        shares = {k: (verdict.confidence if k == top_key else rest * w / others) for k, w in weights.items()}
    for hit in hits:
        hit.probability = round(100.0 * shares[hit.compound_key()], 1)


def collapse_per_compound(hits: Sequence[Hit]) -> list[Hit]:
    """Keep only the best hit of each compound, re-ranked."""
    seen: set[str] = set()
    kept = []
    for hit in hits:
        key = hit.compound_key()
        if key in seen:
            continue
        seen.add(key)
        kept.append(hit)
    for rank, hit in enumerate(kept, start=1):
        hit.rank = rank
    return kept
