"""The combined conclusion of an exhibit: what each technique supports, where they agree, what SWGDRUG asks.

The rule implemented (SWGDRUG Recommendations, version 8.0, 2019, Part III B
"Methods of Analysis / Drug Identification", IIIB.3 "Minimum requirements for an
analytical scheme"; technique categories from its Table 1):

* Categories: IR and MS are **category A**; GC, judged by retention (retention
  index against the reference's, or retention time against an in-house
  reference measured by the same GC method), is **category B**.  A hyphenated
  GC-MS run counts as two techniques only when the results of each are used
  (Part III B on hyphenated techniques): here, when the retention criterion
  below is met.
* A technique *supports* a compound when its result is the verdict
  ``identified`` naming that compound.  ``ambiguous`` names candidates the
  technique cannot tell apart: it supports none of them (it is listed as
  "consistent with").  ``not_in_library`` supports nothing.
* GC retention supports the compound the MS of the same component supports
  when ``|ΔRI| <= RI_TOLERANCE`` (both retention indices known) or, for a
  reference that records ``retention_time`` and ``gc_method`` equal to the run's
  method, ``|ΔRT| <= RT_TOLERANCE_MIN``.
* Techniques agree on a compound when the first block of the InChIKeys (the
  skeleton) of their hits is equal; when either hit lacks an InChIKey, the CAS
  numbers, then the normalised names, decide (:func:`same_compound`), and the
  basis is stated.
* Statement per compound (IIIB.3.1: "When a Category A technique is
  incorporated into an analytical scheme, at least one other technique ... from
  either Category A, B or C shall be used to support the identification"):
  at least one category A technique **and** at least one other technique
  support it -> "identification supported"; one category A technique alone ->
  "tentative"; no category A technique -> "not identified" (IIIB.3.2 would need
  three techniques, two of them uncorrelated category B, which NPS-ID does not
  record).

The software's suggestion is only that; the analyst's final call and comment are
recorded beside it, never merged into it (:mod:`nps_id.casework.store`).
"""
from __future__ import annotations

from typing import Any, Iterable

from nps_id.search.hits import normalise_name

CATEGORY = {"IR": "A", "MS": "A", "GC": "B"}
#: Retention-index window for a GC retention match (units of RI on a non-polar column; the
#: usual +/- 20 of library RI searching, e.g. NIST's default RI window for semi-standard non-polar).
RI_TOLERANCE = 20.0
#: Retention-time window (min) against an in-house reference run by the same method.
RT_TOLERANCE_MIN = 0.1
#: A GC-MS component of at least this share of the total area that no library compound explains is named.
UNEXPLAINED_AREA_PCT = 5.0
SWGDRUG_CITATION = ("SWGDRUG Recommendations, version 8.0 (2019), Part III B (Methods of Analysis), IIIB.3.1; "
                    "technique categories of Part III B (IR, MS: category A; GC: category B); GC-MS counts as two "
                    "techniques only when the GC retention result is used")


def same_compound(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """The basis on which two hits are the same compound, or None.

    InChIKey first blocks when both have an InChIKey (then nothing else counts),
    else CAS numbers when both have one, else the normalised names.
    """
    ik_a, ik_b = (a.get("inchikey") or "").strip(), (b.get("inchikey") or "").strip()
    if len(ik_a) >= 14 and len(ik_b) >= 14:
        return "InChIKey first block" if ik_a[:14].upper() == ik_b[:14].upper() else None
    cas_a, cas_b = (a.get("cas") or "").strip(), (b.get("cas") or "").strip()
    if cas_a and cas_b:
        return "CAS number" if cas_a == cas_b else None
    name_a, name_b = normalise_name(a.get("compound") or ""), normalise_name(b.get("compound") or "")
    return "name" if name_a and name_a == name_b else None


def evidence_of(analysis: dict[str, Any]) -> list[dict[str, Any]]:
    """One line of evidence per searched query (spectra) or component (GC-MS) of a result record."""
    record = analysis["record"]
    label = analysis.get("label") or record["inputs"][0]["name"]
    result = record["result"]
    lines = []
    if record["kind"] == "gcms":
        method = (result.get("run") or {}).get("method") or ""
        references = (record.get("plots") or {}).get("references") or {}
        for index, comp in enumerate(result["components"]):
            if comp.get("verdict") is None:
                continue
            line = _line("MS", label, f"component {index + 1} at {comp['rt_min']:.3f} min", comp, comp["hits"])
            line["rt_min"], line["ri"], line["area_pct"] = comp["rt_min"], comp.get("ri"), comp.get("area_pct")
            line["gc"] = _retention_match(comp, references.get(str(index)), method)
            lines.append(line)
    else:
        for query in result["queries"]:
            q = query["query"]
            technique = "IR" if q["technique"] == "ir" else "MS" if q["technique"] == "ms" else None
            if technique is None or q.get("verdict") is None:
                continue
            lines.append(_line(technique, label, f"spectrum {q['id']}", q, query["hits"]))
    return lines


def _line(technique: str, label: str, where: str, judged: dict[str, Any], hits: list[dict]) -> dict[str, Any]:
    top = hits[0] if hits else {}
    detail = judged.get("verdict_detail") or {}
    return {
        "technique": technique, "analysis": label, "where": where, "verdict": judged.get("verdict"),
        "confidence": judged.get("confidence"), "compound": top.get("name"),
        "inchikey": top.get("inchikey"), "cas": top.get("cas"), "smiles": top.get("smiles"),
        "score": top.get("score"), "reverse_score": top.get("reverse_score"),
        "compound_class": top.get("compound_class"), "control_status": top.get("control_status"),
        "candidates": list(detail.get("candidates") or []), "reference_ri": top.get("retention_index"),
        "predicted_class": (judged.get("class_prediction") or {}).get("label"),
        "class_probability": (judged.get("class_prediction") or {}).get("probability"),
    }


def _retention_match(comp: dict[str, Any], reference: dict[str, Any] | None, method: str) -> dict[str, Any] | None:
    """GC retention evidence of a component against its top reference, or None when it cannot be judged."""
    hit = comp["hits"][0] if comp.get("hits") else {}
    ri, ref_ri = comp.get("ri"), hit.get("retention_index")
    if ri is not None and ref_ri is not None:
        delta = float(ri) - float(ref_ri)
        return {"basis": "RI", "delta": round(delta, 1), "tolerance": RI_TOLERANCE, "met": abs(delta) <= RI_TOLERANCE}
    if reference and reference.get("retention_time") is not None and reference.get("gc_method"):
        if method and str(reference["gc_method"]).strip() == method.strip():
            delta = float(comp["rt_min"]) - float(reference["retention_time"])
            return {"basis": "RT (same method)", "delta": round(delta, 3), "tolerance": RT_TOLERANCE_MIN,
                    "met": abs(delta) <= RT_TOLERANCE_MIN}
    return None


def combine(analyses: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The software's suggested conclusion for an exhibit from its analyses.

    Parameters
    ----------
    analyses
        Dicts with ``record`` (a result record of :func:`nps_id.casework.analysis.analyse_file`)
        and optionally ``label``.

    Returns
    -------
    dict
        ``compounds``: per compound the techniques supporting it (with verdict,
        score, confidence, RI), its SWGDRUG statement and whether it is met;
        ``consistent``: ambiguous results; ``evidence``: every line;
        ``statement``: one-paragraph summary; ``rule``: the citation.
    """
    evidence = [line for analysis in analyses for line in evidence_of(analysis)]
    groups: list[dict[str, Any]] = []
    for line in evidence:
        if line["verdict"] != "identified":
            continue
        entry = None
        for group in groups:
            basis = same_compound(group["first"], line)
            if basis:
                entry = group
                if len(set(s["technique"] for s in group["support"]) | {line["technique"]}) > 1:
                    group["agreement"].add(basis)
                break
        if entry is None:
            entry = {"first": line, "compound": line["compound"], "inchikey": line["inchikey"], "cas": line["cas"],
                     "smiles": line["smiles"], "support": [], "agreement": set(),
                     "compound_class": line["compound_class"], "control_status": line["control_status"]}
            groups.append(entry)
        entry["support"].append({k: line[k] for k in ("technique", "analysis", "where", "verdict", "confidence",
                                                        "score", "reverse_score", "compound")})
        gc = line.get("gc")
        if line["technique"] == "MS" and gc and gc["met"]:
            entry["support"].append({"technique": "GC", "analysis": line["analysis"], "where": line["where"],
                                     "verdict": f"retention match ({gc['basis']} Δ {gc['delta']:+g}, "
                                                f"tolerance ±{gc['tolerance']:g})",
                                     "confidence": None, "score": None, "reverse_score": None,
                                     "compound": line["compound"]})
    consistent = [line for line in evidence if line["verdict"] == "ambiguous"]
    compounds = []
    for entry in groups:
        first = entry.pop("first")
        entry["agreement"] = sorted(entry["agreement"])
        entry.update(_statement(entry["compound"], [s["technique"] for s in entry["support"]]))
        # an ambiguous result whose best candidate is this compound: consistent, never counted as support
        entry["consistent"] = [f"{line['technique']} ({line['analysis']}, {line['where']})" for line in consistent
                               if same_compound(first, line)]
        if entry["consistent"]:
            entry["statement"] += (f" Consistent with it but not counted (ambiguous): {'; '.join(entry['consistent'])}.")
        compounds.append(entry)
    lines = [c["statement"] + (f" Techniques agree by {', '.join(c['agreement'])}." if c["agreement"] else "")
             for c in compounds]
    for line in consistent:
        if len(line["candidates"]) > 1:
            what = f"ambiguous between {' / '.join(line['candidates'])}"
        else:  # one candidate that fits best, not conclusively: there is no "between"
            what = f"best fit {(line['candidates'] or [line['compound']])[0]}, not conclusive"
        lines.append(f"{line['technique']} ({line['analysis']}, {line['where']}): {what}; not an identification.")
    for line in evidence:  # what no library compound explains is said, never left out
        big = line.get("area_pct") is None or line["area_pct"] >= UNEXPLAINED_AREA_PCT
        if line["verdict"] == "not_in_library" and big:
            area = f", {line['area_pct']:.1f} % of the area" if line.get("area_pct") is not None else ""
            kind = (f"; predicted class {line['predicted_class']} ({100 * line['class_probability']:.0f} %)"
                    if line.get("predicted_class") and line.get("class_probability") is not None else "")
            lines.append(f"{line['technique']} ({line['analysis']}, {line['where']}{area}): not in the library{kind}.")
    if not evidence:
        lines.append("No searched result: nothing supports an identification.")
    elif not compounds and not consistent:
        lines.append("No technique identifies a library compound (not in library).")
    return {"compounds": compounds, "consistent": consistent, "evidence": evidence,
            "statement": " ".join(lines), "statement_lines": lines, "rule": SWGDRUG_CITATION}


def _statement(compound: str, techniques: list[str]) -> dict[str, Any]:
    kinds = sorted(set(techniques), key=lambda t: (CATEGORY[t], t))
    labels = " + ".join(f"{'GC retention' if t == 'GC' else t} ({CATEGORY[t]})" for t in kinds)
    category_a = [t for t in kinds if CATEGORY[t] == "A"]
    if category_a and len(kinds) >= 2:
        return {"techniques": kinds, "met": True, "level": "supported",
                "statement": f"{labels}: identification of {compound} supported (SWGDRUG IIIB.3.1 met)."}
    if category_a:
        return {"techniques": kinds, "met": False, "level": "tentative",
                "statement": f"{labels} only: {compound} tentative; SWGDRUG IIIB.3.1 asks for a second technique "
                             "(IR, GC retention against a reference, or another)."}
    return {"techniques": kinds, "met": False, "level": "not identified",
            "statement": f"{labels}: no category A technique; {compound} not identified."}
