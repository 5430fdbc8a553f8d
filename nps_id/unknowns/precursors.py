"""Designer-precursor and controlled-analogue alerts from an analogue (hybrid) search.

Emerging ("designer") precursors are made to sit one small, explainable structural change
away from a scheduled precursor: glycidates and esters of BMK/PMK (BMK methyl glycidate =
P2P +72, methyl α-phenylacetoacetate = P2P +58), protected or acylated fentanyl
intermediates (1-boc-4-AP, 4-ANPP +14 …), and new drugs one substituent away from a
controlled one (INCB, *Precursors and chemicals frequently used in the illicit manufacture
of narcotic drugs and psychotropic substances*, annual reports 2019-2024, chapters on
designer precursors; UNODC Early Warning Advisory).  When the analogue search relates the
unknown to a catalogued controlled compound by an explained mass shift (table
:data:`nps_id.unknowns.analogues.SHIFTS`) with a hybrid score of at least
:data:`ALERT_MIN_SCORE`, an :class:`Alert` names that compound, its control status (from
``spectra_library/catalogue.csv`` with its source) and the relation.

An unexplained shift is not a plausible single substitution and raises no alert, nor does a
shift of 1 or 2 (:data:`MIN_ALERT_SHIFT`); a shift of 0 (isomer of, or the controlled compound
itself) does.  Without a
molecular mass (no molecular ion seen) only a direct-spectrum resemblance of at least
:data:`DIRECT_ALERT_MIN_SCORE` raises one, saying that the mass relation is unknown.
"""
from __future__ import annotations

from nps_id.unknowns.analogues import explain_shift
from nps_id.unknowns.results import Alert, Analogue, MolecularIon

#: Hybrid score (0-999) an analogue needs before it can raise an alert.
ALERT_MIN_SCORE = 700.0
#: Direct score needed when the unknown's molecular mass is not known.
DIRECT_ALERT_MIN_SCORE = 800.0
#: Non-zero shifts smaller than this raise no alert: ±1 (N for CH) and ±2 (2 H) relate far too
#: many unrelated compounds (P2P 134 vs phenylacetic acid 136 is CH3 for OH, not "2 H").
MIN_ALERT_SHIFT = 12
#: Below this molecular-ion confidence the relation is marked as uncertain.
_SURE_MASS = 0.5


def _catalogue_entry(analogue: Analogue):
    from nps_id.library.catalogue import lookup

    return lookup(inchikey=analogue.inchikey, name=analogue.name)


def _controlled_kind(status: str | None, compound_class: str | None) -> str | None:
    """'controlled precursor' / 'controlled drug' / 'watched precursor', or None."""
    text = (status or "").lower()
    cls = (compound_class or "").lower()
    is_precursor = "precursor" in text or cls.startswith(("precursor", "reagent"))
    if "not confirmed" in text:
        return "watched precursor (control not confirmed)" if is_precursor else None
    if "controlled" not in text:
        return None
    if cls.startswith(("reagent", "solvent")):
        return None  # acetone, toluene, acids: an analogue of a solvent is no designer precursor
    return "controlled precursor" if is_precursor else "controlled drug"


def precursor_alerts(analogues: list[Analogue], molecular_ion: MolecularIon | None = None) -> list[Alert]:
    """Alerts for analogues that are controlled (or watched) compounds related by a plausible shift.

    One alert per controlled compound, in the analogues' order (best first).
    """
    alerts: list[Alert] = []
    named: set[str] = set()
    mass = molecular_ion.nominal_mass if molecular_ion is not None else None
    uncertain = molecular_ion is not None and mass is not None and molecular_ion.confidence < _SURE_MASS
    for analogue in analogues or []:
        entry = _catalogue_entry(analogue)
        status = analogue.control_status or (entry.control_status if entry else None)
        compound_class = (entry.compound_class if entry else None) or analogue.compound_class
        kind = _controlled_kind(status, compound_class)
        if kind is None:
            continue
        name = entry.name if entry else analogue.name
        if name.lower() in named:
            continue
        source = f"; {entry.status_source}" if entry and entry.status_source else ""
        target = ""
        if compound_class and compound_class.lower().startswith("precursor") and "(" in compound_class:
            target = f"; precursor of {compound_class.split('(', 1)[1].rstrip(')')}"
        shift = analogue.mass_shift
        # Without a seen molecular ion, a spectrum that matches the controlled compound directly is
        # that compound (or a close isomer): a shift from an assumed mass would misname the relation
        # ("-76 from furanylfentanyl" when the top hit is furanylfentanyl itself).  A list ranked by
        # direct scores because no mass hypothesis explained more has no assumed mass at all.
        direct_only = ((analogue.mass_assumed or analogue.assumed_mass is None)
                       and analogue.direct_score >= DIRECT_ALERT_MIN_SCORE)
        if shift is None or direct_only:
            if (mass is not None and not direct_only) or analogue.direct_score < DIRECT_ALERT_MIN_SCORE:
                continue
            relation = (f"spectrum resembles {name} ({kind}{target}), direct score "
                        f"{analogue.direct_score:.0f}; no clear molecular ion, so the mass relation is unknown")
        else:
            if analogue.score < ALERT_MIN_SCORE:
                continue
            explanation = explain_shift(shift)
            if explanation is None or 0 < abs(shift) < MIN_ALERT_SHIFT:
                continue
            if shift == 0:
                relation = (f"same nominal mass as {name} ({kind}{target}): {name} itself or an isomer, "
                            f"hybrid score {analogue.score:.0f}")
            else:
                what = explanation.split(": ", 1)[1]
                relation = (f"{shift:+d} from {name} ({kind}{target}): {what}; possible "
                            f"{'designer precursor' if 'precursor' in kind else 'controlled-drug analogue'}, "
                            f"hybrid score {analogue.score:.0f}, {analogue.shifted_peaks} peaks matched across the shift")
            if analogue.mass_assumed:
                relation += (f" (no clear molecular ion: the unknown's mass {analogue.assumed_mass} "
                             f"assumed from its best-matching hypothesis)")
            elif uncertain:
                relation += f" (molecular ion m/z {mass} uncertain, confidence {molecular_ion.confidence:.2f})"
        named.add(name.lower())
        alerts.append(Alert(controlled_compound=name, control_status=(status or "") + source,
                            relation=relation, library_id=analogue.library_id))
    return alerts
