"""The report's fixed words in the language in use (:mod:`nps_id.i18n`), and the SWGDRUG statement rebuilt in it.

The case file stores the software's suggestion with its statement in English
(:func:`nps_id.casework.conclusion.combine`); an English report prints those
stored lines as they are.  A report in another language rebuilds each line
from the suggestion's structure (compounds, techniques, level, evidence) with
translated sentences, so the statement says the same thing in the reader's
language; :func:`statement_lines` with ``rebuild=True`` in English gives back
the stored lines word for word (checked by the tests).  Data (compound names,
analysis labels, file names, hashes) is never translated.
"""
from __future__ import annotations

import re
from typing import Any

from nps_id.i18n import N_, _, language, SOURCE_LANGUAGE
from nps_id.sentences import class_name

VERDICT_WORDS = {"identified": N_("IDENTIFIED"), "ambiguous": N_("AMBIGUOUS"), "not_in_library": N_("NOT IN LIBRARY")}
_STATES = {"open": N_("open"), "concluded": N_("concluded"), "reviewed": N_("reviewed"), "returned": N_("returned"),
           "amended": N_("amended")}
_DECISIONS = {"approved": N_("approved"), "returned": N_("returned")}
_AUDIT_ACTIONS = {"case created": N_("case created"), "exhibit added": N_("exhibit added"),
                  "analysis added": N_("analysis added"), "amended: analysis added": N_("amended: analysis added"),
                  "conclusion": N_("conclusion"), "amended: conclusion": N_("amended: conclusion"),
                  "reviewed": N_("reviewed"), "report issued": N_("report issued"), "replayed": N_("replayed")}
_STEPS = {"hash inputs": N_("hash inputs"), "library identity": N_("library identity"),
          "deconvolution": N_("deconvolution"), "targets": N_("targets"), "search": N_("search"),
          "chromatogram and reference spectra": N_("chromatogram and reference spectra")}
#: The techniques as the statement names them (MS, IR: category A; GC retention: category B).
_TECHNIQUES = {"MS": N_("MS"), "IR": N_("IR"), "GC": N_("GC")}
_BASES = {"InChIKey first block": N_("InChIKey first block"), "CAS number": N_("CAS number"), "name": N_("name"),
          "RI": N_("RI"), "RT (same method)": N_("RT (same method)")}
#: :data:`nps_id.casework.conclusion.SWGDRUG_CITATION`, word for word (a test keeps the two equal).
_CITATION = N_("SWGDRUG Recommendations, version 8.0 (2019), Part III B (Methods of Analysis), IIIB.3.1; technique "
               "categories of Part III B (IR, MS: category A; GC: category B); GC-MS counts as two techniques only "
               "when the GC retention result is used")


def _lookup(table: dict[str, str], key: Any) -> str:
    return _(table[key]) if key in table else ("-" if key in (None, "") else str(key))


def verdict_word(verdict: str | None) -> str:
    return _lookup(VERDICT_WORDS, verdict)


def exhibit_state(state: str) -> str:
    return _lookup(_STATES, state)


def decision_word(decision: str) -> str:
    return _lookup(_DECISIONS, decision)


def audit_action(action: str) -> str:
    return _lookup(_AUDIT_ACTIONS, action)


def basis_word(basis: str) -> str:
    return _lookup(_BASES, basis)


def step_name(step: str) -> str:
    """A step of an analysis record ("read run (812 scans)", "search" ...) in the language in use."""
    match = re.fullmatch(r"read run \((\d+) scans\)", step)
    if match:
        return _("read run ({0} scans)").format(match.group(1))
    match = re.fullmatch(r"read (\d+) spectrum/spectra", step)
    if match:
        return _("read {0} spectrum/spectra").format(match.group(1))
    return _lookup(_STEPS, step)


def where_text(text: str) -> str:
    """"component 3 at 7.391 min" and "spectrum 2" (the core's place of a result) in the language in use."""
    text = re.sub(r"\bcomponent (\d+) at ([\d.]+) min\b",
                  lambda m: _("component {0} at {1} min").format(m.group(1), m.group(2)), text)
    return re.sub(r"\bspectrum (\S+?)(?=[),;]|$)", lambda m: _("spectrum {0}").format(m.group(1)), text)


def technique_word(technique: str) -> str:
    return _lookup(_TECHNIQUES, technique)


def technique_label(technique: str) -> str:
    from nps_id.casework.conclusion import CATEGORY

    return f"{_('GC retention') if technique == 'GC' else technique_word(technique)} ({CATEGORY.get(technique, '?')})"


def result_text(verdict: str) -> str:
    """The "Result" of a supporting technique: a verdict, or the GC retention match as the core writes it."""
    match = re.fullmatch(r"retention match \((.+) Δ (\S+), tolerance ±(\S+)\)", verdict or "")
    if match:
        return _("retention match ({0} Δ {1}, tolerance ±{2})").format(basis_word(match.group(1)), match.group(2),
                                                                        match.group(3))
    return {"identified": _("identified"), "ambiguous": _("ambiguous")}.get(verdict, verdict)


def rule_text(rule: str) -> str:
    from nps_id.casework.conclusion import SWGDRUG_CITATION

    return _(_CITATION) if rule == SWGDRUG_CITATION else rule


def _technique_first(text: str) -> str:
    """"MS (label, where)" with its technique in the language in use."""
    head, _space, rest = text.partition(" ")
    return f"{technique_word(head)} {rest}" if head in _TECHNIQUES else text


def _compound_line(c: dict[str, Any]) -> str:
    labels = " + ".join(technique_label(t) for t in c["techniques"])
    if c["level"] == "supported":
        line = _("{0}: identification of {1} supported (SWGDRUG IIIB.3.1 met).").format(labels, c["compound"])
    elif c["level"] == "tentative":
        line = _("{0} only: {1} tentative; SWGDRUG IIIB.3.1 asks for a second technique (IR, GC retention against a "
                 "reference, or another).").format(labels, c["compound"])
    else:
        line = _("{0}: no category A technique; {1} not identified.").format(labels, c["compound"])
    if c.get("consistent"):
        line += _(" Consistent with it but not counted (ambiguous): {0}.").format(
            "; ".join(where_text(_technique_first(x)) for x in c["consistent"]))
    if c.get("agreement"):
        line += _(" Techniques agree by {0}.").format(", ".join(basis_word(b) for b in c["agreement"]))
    return line


def _rebuilt(suggestion: dict[str, Any]) -> list[str]:
    from nps_id.casework.conclusion import UNEXPLAINED_AREA_PCT

    lines = [_compound_line(c) for c in suggestion["compounds"]]
    for line in suggestion["consistent"]:
        where = technique_word(line["technique"]), line["analysis"], where_text(line["where"])
        if len(line["candidates"]) > 1:
            lines.append(_("{0} ({1}, {2}): ambiguous between {3}; not an identification.").format(
                *where, " / ".join(line["candidates"])))
        else:
            lines.append(_("{0} ({1}, {2}): best fit {3}, not conclusive; not an identification.").format(
                *where, (line["candidates"] or [line["compound"]])[0]))
    for line in suggestion["evidence"]:
        big = line.get("area_pct") is None or line["area_pct"] >= UNEXPLAINED_AREA_PCT
        if line["verdict"] == "not_in_library" and big:
            area = (_(", {0:.1f} % of the area").format(line["area_pct"]) if line.get("area_pct") is not None
                    else "")
            kind = (_("; predicted class {0} ({1:.0f} %)").format(class_name(line["predicted_class"]),
                                                                 100 * line["class_probability"])
                    if line.get("predicted_class") and line.get("class_probability") is not None else "")
            lines.append(_("{0} ({1}, {2}{3}): not in the library{4}.").format(
                technique_word(line["technique"]), line["analysis"], where_text(line["where"]), area, kind))
    if not suggestion["evidence"]:
        lines.append(_("No searched result: nothing supports an identification."))
    elif not suggestion["compounds"] and not suggestion["consistent"]:
        lines.append(_("No technique identifies a library compound (not in library)."))
    return lines


def statement_lines(suggestion: dict[str, Any], rebuild: bool | None = None) -> list[str]:
    """The SWGDRUG statement of a suggestion, one line per compound or finding, in the language in use.

    ``rebuild`` None: the stored lines in English, rebuilt in any other language
    (a suggestion stored by an older version without the structure: the stored lines).
    """
    stored = suggestion.get("statement_lines") or [suggestion["statement"]]
    if rebuild is None:
        rebuild = language() != SOURCE_LANGUAGE
    if not rebuild:
        return stored
    try:
        return _rebuilt(suggestion)
    except (KeyError, TypeError):
        return stored
