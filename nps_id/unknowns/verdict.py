"""The verdict of a search: identified, ambiguous or not in the library, with a calibrated confidence.

A ranked hit list always has a top hit; whether it is an answer is another
question.  Following Stein (J. Am. Soc. Mass Spectrom. 1994, 5, 316-323), the
probability that the top compound is right is estimated from the scores of the
*different compounds* of the list (not of their spectra), and is calibrated on
queries whose compound is in the library **and** on queries whose compound is
not (leave-compound-out), so a good-looking score of a substance that the
library lacks is not read as an identification.

The verdict looks at the best :data:`JUDGEMENT_DEPTH` library spectra whatever
the number of hits shown, so it does not depend on ``--top``.

* ``identified``: no other compound fits within :data:`AMBIGUITY_MARGIN`, the
  confidence reaches :data:`IDENTIFY_AT_BY_MODEL` (0.85; 0.80 for the NPS model)
  and (EI) the heaviest peaks of query and reference agree (:func:`may_identify`).
* ``ambiguous``: the library likely holds the substance (the confidence that
  it is one of the close candidates reaches :data:`IN_LIBRARY_AT`) but the
  spectrum cannot tell them apart, or does not single the top one out.
* ``not_in_library``: no library compound fits.

The coefficients and thresholds are fitted by ``benchmarks/calibrate_verdict.py``
(numbers in its docstring and in the constants' comments).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from nps_id.library.catalogue import normalise_name
from nps_id.unknowns.masses import nominal_mass_of_record
from nps_id.unknowns.results import AMBIGUOUS, IDENTIFIED, NOT_IN_LIBRARY, MolecularIon, Verdict

#: Library spectra the verdict looks at (the hit list shown may be shorter).
JUDGEMENT_DEPTH = 50
#: Different compounds scoring within this many points (0-999) of the top one
#: cannot be told apart by the spectrum (EI; IR in :data:`IR_AMBIGUITY_MARGIN`).
AMBIGUITY_MARGIN = 40.0
IR_AMBIGUITY_MARGIN = 40.0
#: A molecular ion at least this confident demotes candidates whose nominal
#: mass contradicts it, by :data:`MASS_CONFLICT_PENALTY` points of rank.
MOLECULAR_ION_TRUSTED = 0.8
MASS_CONFLICT_PENALTY = 100.0
#: Confidence (calibrated probability that the top compound is right) needed for ``identified``.
#: Chosen on the cross-validated probabilities of ``benchmarks/calibrate_verdict.py``:
#: at 0.85, 66 of 636 public in-library queries identified, 2 of them wrongly, and 14 of
#: 1,216 out-of-library queries (1.2 %; 0.5 % before the NPS model and the refit); at 0.9:
#: ~25 (1 wrong) and 3; at 0.8: ~104 (3 wrong) and 12 (figures of the first fit).
#: The EI evidence rarely supports more: a score >= 900 with a gap >= 100 to the
#: next compound is right 89 % of the time at even odds on these sets.
IDENTIFY_AT = 0.85
#: The same for each confidence model (:func:`confidence_model`).  ``ms_nps``: the lowest
#: threshold (steps of 0.01) at which its 5-fold grouped cross-validated probabilities
#: (``calibrate_verdict.threshold_sweep``, fit labs only) give no silent error and identify at
#: most 5 % of the left-out queries of *each* set: 0.80 (refit with the plain-cosine terms: in
#: library 593 of 1,220 right and identified, 0 wrong; left out: same-lab NPS 19 of 474, 4.0 %,
#: simulated other-lab 8 of 917, 0.9 %.  Without those terms the rule gave 0.82 and 527 right
#: and identified, 19 and 11 left out identified).  At 0.79 the same-lab set reaches 6.1 %: there
#: the isomer or homologue left in the library was measured on the query's own instrument (EMB-
#: for MMB-FUBINACA, N,N-dimethyl- for N-ethylpentylone), the case where an NPS is most easily
#: named as its neighbour.
IDENTIFY_AT_BY_MODEL = {"ms": IDENTIFY_AT, "ms_nps": 0.80, "ir": IDENTIFY_AT}
#: An EI query with fewer peaks (after the noise cut) is never ``identified``: two ions fit
#: too many substances (SWGDRUG asks for several diagnostic ions), and no calibration query had
#: so few (the public bench's fewest: 4, the NPS replicates': 13).  Its confidence is capped at
#: :data:`IN_LIBRARY_AT`: a one-compound library gave a two-peak query 98 % without the cap.
#: The same cap and no identification when the hit list holds a single compound (:func:`judge`).
MIN_QUERY_PEAKS = 3
#: Confidence that one of the close candidates is right needed for ``ambiguous``
#: (below it: ``not_in_library``).
IN_LIBRARY_AT = 0.5
#: The same, when several compounds fit within the margin and the spectrum cannot tell
#: them apart: naming them is then the honest answer even if the substance may be none of
#: them.  On simulated other-lab NPS references (``benchmarks/unknowns.py``) it turns 11 of
#: 39 wrong top hits from ``not_in_library`` into ``ambiguous`` naming the right compound
#: among the candidates, at the cost of 83 more ``ambiguous`` among 580 NPS left out.
RIVALS_IN_LIBRARY_AT = 0.2

#: Logistic models ``p = 1 / (1 + exp(-(b0 + sum b_i t_i)))`` over the terms of
#: :func:`confidence_basis`; ``top``: the top compound is right, ``group``: the right
#: compound is the top one or one of its close rivals.  EI: fitted by
#: ``benchmarks/calibrate_verdict.py`` (scikit-learn, C = 10) on 636 public bench
#: queries in the library, the same 636 left out of it and the 580 NPS spectra of
#: ``nps_classes`` left out compound by compound, weighted to even odds that the library
#: holds the substance; 5-fold cross-validation grouped by compound: predicted 0.79 ->
#: observed 0.80 (n = 199), 0.93 -> 0.96 (n = 40), 0.60 -> 0.54, 0.18 -> 0.18 (refit after the
#: low-m/z cap of ``CompositeParams``).
#: ``ms_nps`` (:func:`confidence_model`: top compound a synthetic cathinone, cannabinoid or
#: phenethylamine): fitted the same way on the 2,611 rows of those sets and of three
#: SIMULATED other-lab NPS libraries (``calibrate_verdict.FIT_LABS``) whose top compound
#: is of such a class, even odds within; grouped 5-fold CV (57 compounds): predicted 0.81 ->
#: observed 0.82 (n = 644), 0.93 -> 1.00 (n = 234), 0.98 -> 1.00 (n = 43), 0.61 -> 0.57,
#: 0.40 -> 0.33.  The reverse score (median 0.97 for the right compound from another lab,
#: 0.88 for the best compound when the substance is absent) and the score above 0.92 carry
#: most of it; the plain-cosine gap (:func:`plain_cosine`) adds the main peaks' say.  The
#: general model has 0 for the plain-cosine terms: fitted without them
#: (``calibrate_verdict.FAMILY_TERMS``; they did not help it).
#: IR: set by hand, not fitted (34 independent IR references are too few): the logit is
#: 60 (r - 0.93) + 40 min(gap, 0.12) on Pearson r; r 0.93 with a gap of 0.01 gives 0.6,
#: r 0.97 with a gap of 0.03 gives 0.97, r 0.35 gives 0.  Checked on the 121 real IR
#: spectra of ``../shared/data/ir`` (leave-own-source-out): of 34 in-library queries
#: (28 right at top 1) 11 identified, none wrongly; of 121 with the compound left out, none.
COEFFICIENTS = {
    "ms": {
        "top": (-3.429, 2.136, 6.587, 1.929, 2.281, 1.099, -1.536, -0.242, 0.783, -0.425, 0.055, 1.120, 2.020, 0.0, 0.0),
        "group": (-3.784, 3.402, 7.568, 3.143, 1.180, 0.602, 0.535, -0.632, 0.915, -0.309, 0.107, 1.126, 0.339, 0.0, 0.0),
    },
    "ms_nps": {
        "top": (-15.229, 0.155, 13.108, 0.433, -1.046, -2.520, -1.073, 18.522, -1.239, -0.043, -3.912, 7.724, 5.285,
                -5.347, 3.899),
        "group": (-15.016, 0.185, 12.671, 0.434, -3.894, 0.586, 1.827, 17.047, -1.071, 0.016, -3.747, 8.286, 2.245,
                  -4.336, 3.789),
    },
    "ir": {
        "top": (-55.8, 60.0, 0.0, 0.0, 40.0, 0.0, -40.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
        "group": (-54.0, 60.0, 0.0, 0.0, 20.0, 0.0, -20.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
    },
}
#: EI top compounds of these classes are judged by the ``ms_nps`` model of
#: :data:`COEFFICIENTS`: modern GC-MS spectra of synthetic cathinones, cannabinoids and
#: phenethylamines match another lab's reference more closely than the legacy MassBank
#: spectra the ``ms`` model is fitted on, and their wrong look-alikes are positional
#: isomers and homologues, so the same score means something else there (numbers in
#: ``benchmarks/calibrate_verdict.py``).  Classes without NPS training data (fentanyls,
#: benzodiazepines, ...) keep the general model.
NPS_MODEL_CLASSES = frozenset({"synthetic cathinone", "synthetic cannabinoid", "phenethylamine"})
FEATURE_NAMES = ("top_score", "gap_to_next_compound", "top_reverse", "mass_agreement", "log_close_compounds",
                 "high_mass_agreement", "top_plain_cosine", "plain_cosine_gap")
#: Compounds (their best spectrum each, best first) whose plain cosine with the query is
#: compared with the top compound's (:func:`plain_cosine`, the last two features).
PLAIN_COSINE_COMPOUNDS = 10
#: Isomers (same formula, nominal mass or name apart from position locants) within this
#: many points of the top compound are rivals; a wider margin than for other compounds,
#: because positional isomers' EI spectra differ less between them than between labs.
ISOMER_MARGIN = 120.0
#: Significant peaks (per mille of base) and presence level of :func:`high_mass_agreement`.
_HIGH_MASS_SIGNIFICANT = 50.0
_HIGH_MASS_PRESENT = 10.0
_LOCANTS = re.compile(r"(?<![a-z0-9])(?:\d+(?:,\d+)*-|ortho-|meta-|para-|[omp]-|n,n-|n-|alpha-|beta-)")


@dataclass
class CompoundScore:
    """The best hit of one compound in a hit list."""

    key: str
    name: str
    score: float
    reverse: float
    formula: str | None
    nominal_mass: int | None
    hits: list = field(default_factory=list)

    @property
    def name_family(self) -> str:
        """The name without position locants ("4-Chloromethcathinone" -> "chloromethcathinone")."""
        return normalise_name(_LOCANTS.sub("", self.name.lower()))


def best_per_compound(hits: Sequence) -> list[CompoundScore]:
    """One entry per compound (its best hit), in the order of the hits (best first)."""
    compounds: dict[str, CompoundScore] = {}
    for hit in hits:
        key = hit.compound_key()
        entry = compounds.get(key)
        if entry is None:
            compounds[key] = entry = CompoundScore(
                key, hit.name, float(hit.score), float(hit.reverse_score),
                (hit.formula or "").replace(" ", "") or None, nominal_mass_of_record(hit.mw, hit.formula))
        entry.hits.append(hit)
        if entry.formula is None and hit.formula:
            entry.formula = hit.formula.replace(" ", "")
        if entry.nominal_mass is None:
            entry.nominal_mass = nominal_mass_of_record(hit.mw, hit.formula)
    return list(compounds.values())


def mass_agreement(compound: CompoundScore, molecular_ion: MolecularIon | None) -> float:
    """+1 the compound's nominal mass is the clear molecular ion, -1 it contradicts it, 0 unknown."""
    if molecular_ion is None or molecular_ion.nominal_mass is None or compound.nominal_mass is None:
        return 0.0
    if molecular_ion.confidence < MOLECULAR_ION_TRUSTED:
        return 0.0
    return 1.0 if compound.nominal_mass == molecular_ion.nominal_mass else -1.0


def demote_mass_conflicts(hits: list, molecular_ion: MolecularIon | None) -> list:
    """Re-rank: a candidate whose nominal mass contradicts a clear molecular ion loses
    :data:`MASS_CONFLICT_PENALTY` points of rank (its score is shown unchanged, flagged).

    β-Methyl acetylfentanyl (336) must not beat acetylfentanyl (322) on a
    spectrum whose molecular ion is clearly 322.
    """
    if molecular_ion is None or molecular_ion.nominal_mass is None or molecular_ion.confidence < MOLECULAR_ION_TRUSTED:
        return list(hits)
    for hit in hits:
        mass = nominal_mass_of_record(hit.mw, hit.formula)
        hit.mass_conflict = mass is not None and mass != molecular_ion.nominal_mass
    ranked = sorted(hits, key=lambda h: -(h.score - (MASS_CONFLICT_PENALTY if h.mass_conflict else 0.0)))
    for rank, hit in enumerate(ranked, start=1):
        hit.rank = rank
    return ranked


def rivals_of_top(compounds: Sequence[CompoundScore], molecular_ion: MolecularIon | None,
                  margin: float, isomer_margin: float = ISOMER_MARGIN) -> list[CompoundScore]:
    """Different compounds the spectrum cannot tell from the top one.

    Isomers (same formula, same nominal mass, or the same name apart from
    position locants: "3-" and "4-chloromethcathinone") within
    ``isomer_margin`` of the top score, and other compounds within ``margin``
    when nothing tells them apart: their formula and mass are unknown, or the
    unknown shows no clear molecular ion (a spectrum of little more than one
    iminium ion fits MPHP and alpha-PHP alike; only the molecular ion would
    tell their masses apart) -- unless a clear molecular ion contradicts them
    while it fits the top one.
    """
    if not compounds:
        return []
    top = compounds[0]
    top_fits = mass_agreement(top, molecular_ion) > 0
    no_clear_ion = (molecular_ion is None or molecular_ion.nominal_mass is None
                    or molecular_ion.confidence < MOLECULAR_ION_TRUSTED)
    rivals = []
    for other in compounds[1:]:
        if top.score - other.score > max(margin, isomer_margin):
            continue
        if top_fits and mass_agreement(other, molecular_ion) < 0:
            continue
        isomer = ((top.formula is not None and top.formula == other.formula)
                  or (top.nominal_mass is not None and top.nominal_mass == other.nominal_mass)
                  or (len(top.name_family) >= 4 and top.name_family == other.name_family))
        unknown = no_clear_ion or (top.formula is None and top.nominal_mass is None) or (
            other.formula is None and other.nominal_mass is None)
        gap = top.score - other.score
        if (isomer and gap <= isomer_margin) or (unknown and gap <= margin):
            rivals.append(other)
    return rivals


def high_mass_agreement(query_mz, query_intensity, reference_mz, reference_intensity) -> float:
    """Do the three highest-m/z significant peaks of each spectrum appear in the other? (0-1)

    Analogues share low-mass fragments and differ at high m/z (molecular ion,
    large fragments that carry the modification); the composite score weighs
    those few peaks little.  The share of each spectrum's three highest peaks
    of at least 5 % of base found (at >= 1 % of base) in the other, the smaller
    of the two shares.
    """
    def dense(mz, intensity):
        mz = np.rint(np.asarray(mz, float)).astype(np.int64)
        intensity = np.asarray(intensity, float)
        keep = (mz > 0) & (intensity > 0)
        if not keep.any():
            return np.zeros(1)
        vec = np.zeros(int(mz[keep].max()) + 1)
        np.add.at(vec, mz[keep], intensity[keep])
        return vec * (999.0 / vec.max())

    q, r = dense(query_mz, query_intensity), dense(reference_mz, reference_intensity)
    shares = []
    for a, b in ((q, r), (r, q)):
        peaks = np.nonzero(a >= _HIGH_MASS_SIGNIFICANT)[0][::-1][:3]
        if peaks.size == 0:
            return 0.0
        shares.append(float(np.mean([p < b.size and b[p] >= _HIGH_MASS_PRESENT for p in peaks])))
    return min(shares)


def plain_cosine(query_mz, query_intensity, reference_mz, reference_intensity) -> float:
    """Cosine of two EI spectra on unweighted abundances at nominal m/z (0-1).

    The composite score weighs abundances by their square root and by m/z, so
    that the many small and heavy peaks count; the plain cosine is dominated by
    the few main peaks, whose ratios move less between labs than the small
    peaks and tell positional isomers and homologues apart.  As a second
    opinion on the ranked compounds (:func:`judgement_features`) it sharpens
    the NPS confidence model: 5-fold grouped cross-validation in
    ``benchmarks/calibrate_verdict.py`` (numbers at :data:`IDENTIFY_AT_BY_MODEL`).
    """
    def dense(mz, intensity):
        mz = np.rint(np.asarray(mz, float)).astype(np.int64)
        intensity = np.asarray(intensity, float)
        keep = (mz > 0) & (intensity > 0)
        vec = np.zeros(int(mz[keep].max()) + 1 if keep.any() else 1)
        np.add.at(vec, mz[keep], intensity[keep])
        return vec

    q, r = dense(query_mz, query_intensity), dense(reference_mz, reference_intensity)
    width = min(q.size, r.size)
    norm = math.sqrt(float(q @ q) * float(r @ r))
    return float(q[:width] @ r[:width]) / norm if norm > 0 else 0.0


def judgement_features(compounds: Sequence[CompoundScore], molecular_ion: MolecularIon | None,
                       top_high_mass: float | None = None,
                       plain_cosines: Sequence[float] | None = None) -> list[float]:
    """The numbers the confidence is computed from (see :data:`FEATURE_NAMES`), scores on a 0-1 scale.

    ``top_high_mass``: :func:`high_mass_agreement` of the query and the top
    hit's spectrum (IR: None, counted as agreeing).  ``plain_cosines``:
    :func:`plain_cosine` of the query and the best spectrum of each of the first
    :data:`PLAIN_COSINE_COMPOUNDS` compounds, in their order (IR: None; the IR
    model does not use them).
    """
    top = compounds[0]
    second = compounds[1].score if len(compounds) > 1 else 0.0
    close = sum(1 for c in compounds[1:] if top.score - c.score <= 100.0)
    if plain_cosines:
        top_cosine = float(plain_cosines[0])
        cosine_gap = top_cosine - max([float(c) for c in plain_cosines[1:]], default=0.0)
    else:
        top_cosine, cosine_gap = 1.0, 0.0
    return [top.score / 999.0, (top.score - second) / 999.0, top.reverse / 999.0,
            mass_agreement(top, molecular_ion), math.log1p(close),
            1.0 if top_high_mass is None else float(top_high_mass), top_cosine, cosine_gap]


def judgement_inputs(hits: Sequence, technique: str, molecular_ion: MolecularIon | None,
                     top_high_mass: float | None = None, plain_cosines: Sequence[float] | None = None
                     ) -> tuple[list[CompoundScore], list[float], list[CompoundScore]]:
    """Compounds of a (non-empty) hit list, the confidence features and the top compound's rivals."""
    compounds = best_per_compound(hits)
    margin = IR_AMBIGUITY_MARGIN if technique == "ir" else AMBIGUITY_MARGIN
    features = judgement_features(compounds, molecular_ion, top_high_mass, plain_cosines)
    return compounds, features, rivals_of_top(compounds, molecular_ion, margin)


def compound_class_of(compound: CompoundScore) -> str | None:
    """The class of a compound's best library record (its Class field, the catalogue, RDKit rules, the name)."""
    from nps_id.unknowns.class_rules import coarse_class, record_class

    hit = compound.hits[0] if compound.hits else None
    if hit is None:
        return None
    return coarse_class(record_class({
        "compound_class": getattr(hit, "compound_class", None), "name": getattr(hit, "name", None),
        "smiles": getattr(hit, "smiles", None), "inchikey": getattr(hit, "inchikey", None),
        "cas": getattr(hit, "cas", None), "synonyms": getattr(hit, "synonyms", None)}))


def confidence_model(technique: str, top: CompoundScore) -> str:
    """The key of :data:`COEFFICIENTS` that judges a hit list: by technique, and for EI by the top compound's class."""
    if technique == "ir":
        return "ir"
    return "ms_nps" if compound_class_of(top) in NPS_MODEL_CLASSES else "ms"


def confidence_basis(features: Sequence[float]) -> list[float]:
    """The terms of the logistic models: the features plus hinges where the odds bend.

    A plain linear logistic cannot say "a score above 0.92 *and* a wide gap";
    hinges at scores 0.85/0.92 and gaps 0.05/0.12 (0-1 scale) and products with the
    high-mass agreement let it, and stay monotone and readable.
    """
    s, g, r, m, c, h, cosine, cosine_gap = features
    return [s, max(s - 0.85, 0.0), max(s - 0.92, 0.0), g, max(g - 0.05, 0.0), max(g - 0.12, 0.0),
            r, m, c, h, s * h, g * h, cosine, cosine_gap]


def may_identify(p_top: float, model: str, rivals: Sequence, features: Sequence[float],
                 threshold: float | None = None) -> bool:
    """Whether a hit list may be ``identified``: no close rival, the model's confidence reached
    (``threshold``, default :data:`IDENTIFY_AT_BY_MODEL`; the calibration sweeps it), and (EI)
    the three heaviest significant peaks of each spectrum present in the other.

    The last condition is the forensic rule that the molecular ion and the heavy
    fragments must match, not only the common low-mass ions.  On the fit sets of
    ``benchmarks/calibrate_verdict.py`` (cross-validated) and the report sets of
    ``unknowns.py`` every list reaching the confidence threshold already met it; on
    the stress lab (twice the simulated cross-lab difference) it turns 7 of 42 right
    identifications into ``ambiguous``.  It stops the model from extrapolating where it
    saw no data: a same-lab homologue whose molecular ion differs (MPHP for alpha-PHP,
    same iminium base peak) scored 0.87 without it.
    """
    threshold = IDENTIFY_AT_BY_MODEL[model] if threshold is None else threshold
    return not rivals and p_top >= threshold and features[5] >= 1.0


def _logistic(coefficients: Sequence[float], features: Sequence[float]) -> float:
    terms = confidence_basis(features)
    z = coefficients[0] + sum(b * f for b, f in zip(coefficients[1:], terms))
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


def judge(hits: Sequence, technique: str = "ms", molecular_ion: MolecularIon | None = None,
          library_size: int | None = None, top_high_mass: float | None = None,
          plain_cosines: Sequence[float] | None = None, query_peaks: int | None = None) -> Verdict:
    """The verdict on a hit list ranked best first (the best :data:`JUDGEMENT_DEPTH` spectra).

    ``top_high_mass``: :func:`high_mass_agreement` of the query with the top hit's spectrum;
    ``plain_cosines``: :func:`plain_cosine` of the query with the first compounds' best spectra;
    ``query_peaks``: peaks of the prepared EI query (fewer than :data:`MIN_QUERY_PEAKS`: no
    identification, confidence capped).
    """
    if not hits:
        if library_size == 0:
            return Verdict(NOT_IN_LIBRARY, 0.0, f"the library holds no {technique.upper()} spectra")
        return Verdict(NOT_IN_LIBRARY, 0.0, "no library spectrum shares a peak with the query")
    compounds, features, rivals = judgement_inputs(hits, technique, molecular_ion, top_high_mass,
                                                    plain_cosines)
    model = confidence_model(technique, compounds[0])
    coefficients = COEFFICIENTS[model]
    p_top = _logistic(coefficients["top"], features)
    p_group = max(_logistic(coefficients["group"], features), p_top)
    too_few = technique == "ms" and query_peaks is not None and query_peaks < MIN_QUERY_PEAKS
    # one compound in the list (a one-compound library): its lead over "the next compound" is its
    # whole score, a case the calibration never saw, and nothing shows what else could fit
    alone = len(compounds) < 2
    if too_few or alone:
        p_top, p_group = min(p_top, IN_LIBRARY_AT), min(p_group, IN_LIBRARY_AT)
    top = compounds[0]
    p_top = min(p_top, rival_share(top, rivals, technique) * p_group)
    confidence = round(p_top, 3)
    in_library = round(p_group, 3)
    if not (too_few or alone) and may_identify(p_top, model, rivals, features):
        return Verdict(IDENTIFIED, confidence,
                       f"{top.name} scores {top.score:.0f}, {features[1] * 999:.0f} above any other compound"
                       + _mass_note(top, molecular_ion),
                       compound=top.name, candidates=[top.name], in_library=in_library)
    if p_group >= IN_LIBRARY_AT or (rivals and p_group >= RIVALS_IN_LIBRARY_AT):
        names = [top.name] + [r.name for r in rivals]
        if rivals:
            kind = "isomers" if all(_isomers(top, r) for r in rivals) else "compounds"
            reason = (f"{len(names)} {kind} score within {top.score - rivals[-1].score:.0f} points "
                      f"({top.score:.0f}-{rivals[-1].score:.0f}); the spectrum cannot tell them apart")
            if p_group < IN_LIBRARY_AT:
                reason += f"; the substance may be none of them (probability it is one: {100 * p_group:.0f} %)"
        else:
            reason = (f"{top.name} fits best ({top.score:.0f}) but not conclusively "
                      f"(confidence {100 * p_top:.0f} %)")
            if features[5] < 1.0:
                reason += "; its heaviest peaks and the query's do not all match"
        if too_few:
            reason += (f"; the query has only {query_peaks} peak{'s' if query_peaks != 1 else ''}: "
                       f"too few for an identification")
        if alone:
            reason += "; no other library compound to compare it with: its confidence cannot be judged"
        return Verdict(AMBIGUOUS, confidence, reason, compound=top.name, candidates=names, in_library=in_library,
                       deciders=_deciders(technique, bool(rivals)))
    return Verdict(NOT_IN_LIBRARY, confidence,
                   f"no library compound fits: the best, {top.name}, scores {top.score:.0f} "
                   f"(probability it is right {100 * p_top:.0f} %)",
                   compound=None, candidates=[], in_library=in_library)


def rival_share(top: CompoundScore, rivals: Sequence[CompoundScore], technique: str) -> float:
    """The most of the candidates' joint probability the top compound may have: its share by
    ``exp(score / T)`` among the top and its rivals (T of :func:`nps_id.search.hits.assign_probabilities`).

    A different compound scoring as high as the top one is as likely to be the substance, so
    the top one cannot be more than even with it, whatever the model says from the top score
    alone: the hand-set IR model gave 98 % to one of two compounds tied at 999 (one spectrum
    imported under two names).  Without rivals: 1.
    """
    from nps_id.search.hits import PROBABILITY_TEMPERATURE

    temperature = PROBABILITY_TEMPERATURE.get(technique, 20.0)
    return 1.0 / (1.0 + sum(math.exp((r.score - top.score) / temperature) for r in rivals))


def _isomers(a: CompoundScore, b: CompoundScore) -> bool:
    """Isomers as far as the records tell: same formula, same nominal mass, or (records with a
    name only) the same name apart from position locants, as :func:`rivals_of_top` counts them."""
    return (a.formula is not None and a.formula == b.formula) or (
        a.nominal_mass is not None and a.nominal_mass == b.nominal_mass) or (
        len(a.name_family) >= 4 and a.name_family == b.name_family)


def _mass_note(top: CompoundScore, molecular_ion: MolecularIon | None) -> str:
    if mass_agreement(top, molecular_ion) > 0:
        return f"; molecular ion {molecular_ion.nominal_mass} agrees"
    # a doubtful estimate shown beside the verdict must not read as a contradiction left unsaid
    if (molecular_ion is not None and molecular_ion.nominal_mass is not None and top.nominal_mass is not None
            and molecular_ion.nominal_mass < top.nominal_mass and molecular_ion.confidence < MOLECULAR_ION_TRUSTED):
        return (f"; the molecular-ion estimate {molecular_ion.nominal_mass} is uncertain and below "
                f"{top.nominal_mass}: probably a fragment (M-{top.nominal_mass - molecular_ion.nominal_mass})")
    return ""


def _deciders(technique: str, several: bool) -> list[str]:
    if technique == "ir":
        return ["GC-MS (EI) of the sample", "a reference standard measured on the same instrument"]
    out = ["retention index (measure n-alkanes on the same column)"] if several else []
    return out + ["IR spectrum of the sample", "a reference standard measured on the same instrument"]
