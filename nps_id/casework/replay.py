"""Replay: re-read a result's inputs, re-apply its recipe against the library, say what differs.

:func:`replay` takes a result record (:func:`nps_id.casework.analysis.analyse_file`,
a case analysis, or a line of ``nps-id search --json`` / the output of
``nps-id gcms --json``, which carry the same ``provenance``) and returns a
:class:`ReplayReport`: ``identical`` or the exact differences -- a changed input
(which file of a ``.D`` folder), a different library revision or content, a
different software version, and the hits or verdicts that changed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nps_id.casework.analysis import analyse_file
from nps_id.casework.provenance import input_record, library_identity, software_identity
from nps_id.errors import InputError, NpsIdError
from nps_id.i18n import _

#: Score and confidence differences below these are rounding, not a change.
SCORE_EPS = 0.05
CONFIDENCE_EPS = 5e-4


@dataclass
class ReplayReport:
    """What a replay found; ``identical`` only when nothing differs."""

    inputs: list[str] = field(default_factory=list)
    library: list[str] = field(default_factory=list)
    software: list[str] = field(default_factory=list)
    results: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not (self.inputs or self.library or self.software or self.results)

    def lines(self) -> list[str]:
        if self.identical:
            return [_("identical: same input files (SHA-256), same library content, same software version, "
                      "same result")]
        out = [_("DIFFERENT:")]
        for title, items in (("input", self.inputs), ("library", self.library), ("software", self.software),
                             ("result", self.results)):
            out += [f"  {title}: {item}" for item in items]
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"identical": self.identical, "inputs": self.inputs, "library": self.library,
                "software": self.software, "results": self.results}


def as_record(data: dict[str, Any]) -> dict[str, Any]:
    """A result record from a case analysis, a record, or search/GC-MS JSON with ``provenance``."""
    if data.get("format") == "nps-id-result":
        from nps_id.casework.analysis import RESULT_FORMAT_VERSION
        if int(data.get("format_version", 1)) > RESULT_FORMAT_VERSION:
            raise NpsIdError(_("result written by a newer NPS-ID (format {0}); update NPS-ID to replay it").format(data['format_version']))
        return data
    provenance = data.get("provenance")
    if provenance is None and not any(key in data for key in ("hits", "queries", "components", "verdict", "query")):
        raise NpsIdError(_("this JSON is not an NPS-ID result (no hits, queries, components or provenance): "
                           "replay takes the JSON of nps-id search or nps-id gcms, or a case analysis"))
    if not isinstance(provenance, dict) or "inputs" not in provenance:
        raise NpsIdError(_("this JSON carries no provenance (input SHA-256, library identity, software version): it "
                           "was written by an older NPS-ID and cannot be replayed"))
    parameters = dict(provenance.get("parameters") or {})
    if "components" in data:
        kind, result = "gcms", data
        named = {"top", "search", "ri_calibration", "method", "min_area_pct", "component_rt"}
        deconvolution = {k: v for k, v in parameters.items() if k not in named}
        parameters = {k: v for k, v in parameters.items() if k in named}
        if deconvolution:
            parameters["deconvolution"] = deconvolution
    else:
        kind, result = "spectra", {"queries": [data]}
    return {"format": "nps-id-result", "kind": kind, "inputs": provenance["inputs"],
            "parameters": parameters, "library": provenance.get("library", {}),
            "software": provenance.get("software", {}), "result": result,
            "query_position": provenance.get("position")}


def replay(record: dict[str, Any], library) -> ReplayReport:
    """Re-run a recorded analysis against ``library`` (opened) and compare.

    Raises
    ------
    InputError
        An input file is missing (named), so nothing can be replayed.
    """
    record = as_record(record)
    report = ReplayReport()
    for recorded in record["inputs"]:
        path = Path(recorded["file"])
        if not path.exists():
            raise InputError(path, _("input file of the recorded result not found: it cannot be replayed (recorded SHA-256 "
                                     "{0}...)").format(recorded['sha256'][:16]))
        now = input_record(path)
        if now["sha256"] != recorded["sha256"]:
            report.inputs.append(_changed_input(recorded, now))
    if record.get("library"):  # a run deconvoluted without a search used no library
        report.library += _library_differences(record["library"], library_identity(library), library)
    report.software += [f"{name} {was} -> {now}" for name, was, now in _changed(record.get("software") or {},
                                                                               software_identity())]
    params = record.get("parameters") or {}
    options = {k: bool(params[k]) for k in ("exhaustive", "per_compound", "analogues") if params.get(k)}
    try:
        again = analyse_file(record["inputs"][0]["file"], library, kind=record["kind"], top=params.get("top", 5),
                             ri_calibration=params.get("ri_calibration"), component_rt=params.get("component_rt"),
                             deconvolution=params.get("deconvolution"), method=params.get("method"), **options)
    except NpsIdError as exc:
        report.results.append(f"cannot be analysed again: {exc}")
        return report
    position = record.get("query_position")
    result = again["result"]
    if params.get("search") is False:  # `nps-id gcms --no-search`: components only, compared as such
        result = {**result, "components": [{**c, "hits": [], "verdict": None, "confidence": None}
                                           for c in result["components"]]}
    if params.get("min_area_pct"):  # `nps-id gcms --min-area-pct` listed only the larger components
        result = {**result, "components": [c for c in result["components"]
                                           if c["area_pct"] >= float(params["min_area_pct"])]}
    if position is not None and record["kind"] == "spectra":
        result = {"queries": result["queries"][position:position + 1]}
    report.results += compare_results(record["kind"], record["result"], result)
    return report


def _changed_input(recorded: dict[str, Any], now: dict[str, Any]) -> str:
    text = f"{recorded['name']} changed (SHA-256 {recorded['sha256'][:16]}... -> {now['sha256'][:16]}...)"
    before, after = recorded.get("files") or {}, now.get("files") or {}
    if before or after:
        parts = [f"{name} changed" for name in sorted(set(before) & set(after)) if before[name] != after[name]]
        parts += [f"{name} added" for name in sorted(set(after) - set(before))]
        parts += [f"{name} removed" for name in sorted(set(before) - set(after))]
        text += ": " + ", ".join(parts)
    elif "bytes" in recorded and recorded.get("bytes") != now.get("bytes"):
        text += f": {recorded['bytes']} -> {now['bytes']} bytes"
    return text


def _changed(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    return [(k, before.get(k), after.get(k)) for k in sorted(set(before) | set(after))
            if k != "platform" and before.get(k) != after.get(k)]


def _library_differences(before: dict[str, Any], after: dict[str, Any], library=None) -> list[str]:
    out = []
    new = _new_records(library, before.get("max_id"), after.get("max_id"))
    if before.get("uuid") and after.get("uuid") and before["uuid"] != after["uuid"]:
        out.append(f"a different library (UUID {before['uuid']} -> {after['uuid']})")
    if before.get("revision") != after.get("revision"):
        out.append(f"revision {before.get('revision')} -> {after.get('revision')}")
    if before.get("release") != after.get("release"):
        out.append(f"release {before.get('release') or '-'} -> {after.get('release') or '-'}")
    n0, n1 = before.get("spectra"), after.get("spectra")
    if n0 is not None and n1 is not None and n0 != n1:
        change = n1 - n0
        out.append(f"{abs(change)} spectr{'um' if abs(change) == 1 else 'a'} {'added' if change > 0 else 'removed'} "
                   f"({n0} -> {n1}; by technique {before.get('by_technique')} -> {after.get('by_technique')})"
                   + (f"; new: {new}" if new else ""))
    if before.get("content_sha256") != after.get("content_sha256"):
        out.append(f"content SHA-256 {str(before.get('content_sha256'))[:16]}... -> "
                   f"{str(after.get('content_sha256'))[:16]}...")
    return out


def _new_records(library, before_max: int | None, after_max: int | None, show: int = 5) -> str:
    """The spectra added since the result was recorded (ids above its highest id), named."""
    if library is None or before_max is None or after_max is None or after_max <= before_max:
        return ""
    names = []
    for library_id, spectrum in library.iter_spectra(min_id=int(before_max) + 1):
        names.append(f"id {library_id} {spectrum.name} ({spectrum.technique.upper()})")
        if len(names) > show:
            break
    return "; ".join(names[:show]) + (" ..." if len(names) > show else "")


def _fingerprints(kind: str, result: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """What is compared per query / component: position, verdict, confidence, hits (name, id, score)."""
    out = []
    if kind == "gcms":
        for i, comp in enumerate(result.get("components", [])):
            out.append((f"component {i + 1} ({comp['rt_min']:.3f} min)", {
                "rt_min": round(comp["rt_min"], 3), "area_pct": round(comp["area_pct"], 2),
                "verdict": comp.get("verdict"), "confidence": comp.get("confidence"), "recipe": comp.get("recipe"),
                "hits": [(h.get("name"), h.get("library_id"), h.get("score")) for h in comp.get("hits", [])]}))
    else:
        for query in result.get("queries", []):
            q = query["query"]
            out.append((f"spectrum {q['id']}", {
                "verdict": q.get("verdict"), "confidence": q.get("confidence"),
                "recipe": q.get("recipe"),
                "hits": [(h.get("name"), h.get("library_id"), h.get("score")) for h in query.get("hits", [])]}))
    return out


def compare_results(kind: str, before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The differences between a recorded result and its replay, in words."""
    a, b = _fingerprints(kind, before), _fingerprints(kind, after)
    out = []
    if len(a) != len(b):
        out.append(f"{len(a)} {'components' if kind == 'gcms' else 'queries'} recorded, {len(b)} now")
    for (name, x), (_, y) in zip(a, b):
        if x.get("rt_min") is not None and (x["rt_min"] != y["rt_min"] or x["area_pct"] != y["area_pct"]):
            out.append(f"{name}: now at {y['rt_min']:.3f} min, {y['area_pct']:.2f} % area")
        if x.get("recipe") is not None and x["recipe"] != y.get("recipe"):
            out.append(f"{name}: processing recipe differs")
        if x["verdict"] != y["verdict"]:
            out.append(f"{name}: verdict {x['verdict']} -> {y['verdict']}")
        elif x["confidence"] is not None and y["confidence"] is not None and \
                abs(x["confidence"] - y["confidence"]) > CONFIDENCE_EPS:
            out.append(f"{name}: confidence {x['confidence']:.3f} -> {y['confidence']:.3f}")
        out += _hit_differences(name, x["hits"], y["hits"])
    return out


def _hit_differences(name: str, before: list[tuple], after: list[tuple]) -> list[str]:
    out = []
    for rank, (x, y) in enumerate(zip(before, after), start=1):
        if (x[0], x[1]) != (y[0], y[1]):
            out.append(f"{name}: hit {rank} {x[0]} (id {x[1]}) -> {y[0]} (id {y[1]})")
        elif x[2] is not None and y[2] is not None and abs(float(x[2]) - float(y[2])) > SCORE_EPS:
            out.append(f"{name}: hit {rank} {x[0]} score {float(x[2]):.1f} -> {float(y[2]):.1f}")
    if len(before) != len(after):
        out.append(f"{name}: {len(before)} hits recorded, {len(after)} now")
    return out
