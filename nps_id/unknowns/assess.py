"""Everything a search says beyond its ranked hits, put together for one query.

:func:`assess` takes the best :data:`~nps_id.unknowns.verdict.JUDGEMENT_DEPTH`
hits of a query and adds, in this order: the compound identity of each hit,
the query's molecular ion (EI), the demotion of candidates whose mass it
contradicts, the verdict, the predicted class, analogue search (when the
verdict is not ``identified`` or when asked) and designer-precursor alerts.
Each step is recorded in the query's recipe.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nps_id.spectrum import Spectrum
from nps_id.unknowns.compounds import compound_keys
from nps_id.unknowns.results import (
    AMBIGUOUS, IDENTIFIED, Alert, Analogue, ClassPrediction, MolecularIon, Verdict,
)
from nps_id.unknowns.verdict import (
    AMBIGUITY_MARGIN, IDENTIFY_AT_BY_MODEL, IN_LIBRARY_AT, JUDGEMENT_DEPTH, PLAIN_COSINE_COMPOUNDS, best_per_compound,
    confidence_model, demote_mass_conflicts, high_mass_agreement, judge, plain_cosine,
)

#: Analogues listed per query.
ANALOGUES_SHOWN = 10


#: Library spectra ranked per compound shown when the list is one row per compound: a library
#: may hold ten replicates of a compound (the NIST NPS sets), and those of the top few compounds
#: must not use up the depth before ``top`` compounds are found.
SPECTRA_PER_COMPOUND_SHOWN = 20


def judged_depth(top: int, per_compound: bool) -> int:
    """Library spectra a search must rank: enough for the verdict and for the list shown."""
    return max(JUDGEMENT_DEPTH, top * SPECTRA_PER_COMPOUND_SHOWN if per_compound else top)


@dataclass
class Assessment:
    """The judgement of one query's hits (see :func:`assess`)."""

    hits: list
    verdict: Verdict
    query: Spectrum
    molecular_ion: MolecularIon | None = None
    class_prediction: ClassPrediction | None = None
    analogues: list[Analogue] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)

    def apply(self, hit_list) -> None:
        """Put the judgement on a hit list (fields, isomer flags of the hits shown, warnings)."""
        hit_list.verdict = self.verdict
        hit_list.molecular_ion = self.molecular_ion
        hit_list.class_prediction = self.class_prediction
        hit_list.analogues = list(self.analogues)
        hit_list.alerts = list(self.alerts)
        verdict = self.verdict
        if verdict.verdict == AMBIGUOUS and len(verdict.candidates) > 1:
            # every shown spectrum of a candidate compound is flagged, whatever name it carries
            keys = {h.compound_key() for h in hit_list.hits if h.name in verdict.candidates}
            for hit in hit_list.hits:
                if hit.compound_key() in keys:
                    hit.isomer_ambiguity = True
                    hit.isomers = [n for n in verdict.candidates if n != hit.name]


def reference_agreement(library, prepared: Spectrum, hits: list) -> tuple[float, list[float]]:
    """How the prepared EI query agrees with the library spectra of its best hits (ranked, best first).

    Returns :func:`~nps_id.unknowns.verdict.high_mass_agreement` with the top
    hit's spectrum and :func:`~nps_id.unknowns.verdict.plain_cosine` with the
    best spectrum of each of the first
    :data:`~nps_id.unknowns.verdict.PLAIN_COSINE_COMPOUNDS` compounds.
    """
    from nps_id.search.index_cache import ms_index

    index = ms_index(library)

    def entry(hit):
        row = int(np.searchsorted(index.library_ids, hit.library_id))
        if row >= index.size or index.library_ids[row] != hit.library_id:
            return None
        return index.matrix[row]

    if not hits:
        return 0.0, []
    top = entry(hits[0])
    high_mass = 0.0 if top is None else high_mass_agreement(prepared.x, prepared.y, top.indices, top.data)
    cosines = []
    for compound in best_per_compound(hits[:JUDGEMENT_DEPTH])[:PLAIN_COSINE_COMPOUNDS]:
        row = entry(compound.hits[0])
        cosines.append(0.0 if row is None else plain_cosine(prepared.x, prepared.y, row.indices, row.data))
    return high_mass, cosines


def assess(library, raw: Spectrum, prepared: Spectrum, technique: str, hits: list, library_size: int,
           analogues: bool = False) -> Assessment:
    """Judge one query's ranked hits (best first, at least :data:`JUDGEMENT_DEPTH` if the library has them)."""
    from nps_id.unknowns.analogues import find_analogues
    from nps_id.unknowns.classes import predict_class
    from nps_id.unknowns.molecular_ion import estimate_molecular_ion
    from nps_id.unknowns.precursors import precursor_alerts

    keys = compound_keys(library)
    for hit in hits:
        hit.compound_id = keys.key(hit.inchikey, hit.cas, hit.name, hit.synonyms)
    molecular_ion = estimate_molecular_ion(raw) if technique == "ms" else None
    hits = demote_mass_conflicts(hits, molecular_ion)
    top_high_mass, plain_cosines = (reference_agreement(library, prepared, hits) if technique == "ms" and hits
                                    else (None, None))
    query_peaks = int((np.asarray(prepared.y) > 0).sum()) if technique == "ms" else None
    verdict = judge(hits[:JUDGEMENT_DEPTH], technique, molecular_ion, library_size, top_high_mass, plain_cosines,
                    query_peaks)
    assessment = Assessment(hits, verdict, prepared, molecular_ion)
    if library_size:
        assessment.class_prediction = predict_class(library, raw)
    if technique == "ms" and library_size and (analogues or verdict.verdict != IDENTIFIED):
        assessment.analogues = find_analogues(library, raw, molecular_ion, top=ANALOGUES_SHOWN)
        assessment.alerts = precursor_alerts(assessment.analogues, molecular_ion)
        if assessment.alerts:
            verdict.reason += "; " + "; ".join(f"designer-precursor alert: {a.relation}" for a in assessment.alerts)
    # the judgement is a step of the query's recipe: how it was reached can be replayed and reported
    # which fitted confidence model judged the list (EI: the NPS one when the top compound is an NPS)
    model = confidence_model(technique, best_per_compound(hits[:1])[0]) if hits else None
    assessment.query = prepared.processed("judge_hits", {
        "judgement_depth": JUDGEMENT_DEPTH, "ambiguity_margin": AMBIGUITY_MARGIN,
        "identify_at": IDENTIFY_AT_BY_MODEL[model] if model else None, "in_library_at": IN_LIBRARY_AT,
        "confidence_model": model,
        "molecular_ion": molecular_ion is not None, "analogue_search": bool(assessment.analogues),
    }, x=prepared.x, y=prepared.y)
    return assessment
