"""One analysis of an exhibit: a GC-MS run or a file of EI/IR spectra, searched, with everything replay needs.

:func:`analyse_file` returns a plain JSON-ready *result record*::

    {"format": "nps-id-result", "format_version": 1, "kind": "gcms" | "spectra",
     "inputs": [{"file", "name", "sha256", ...}], "parameters": {...},
     "library": {library identity}, "software": {...},
     "started_at", "finished_at", "steps": [{"step", "at", "seconds"}...],
     "result": {...}, "plots": [...]}

``result`` is what ``nps-id gcms --json`` or ``nps-id search --json`` prints for
the same input (each query's recipe included); ``plots`` holds the arrays a report
draws (chromatogram, component and reference spectra), so a report can be printed
later without the library.  :func:`nps_id.casework.replay.replay` re-runs a record
with :func:`analyse_file` and the recorded parameters.
"""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np

from nps_id.casework.provenance import input_record, library_identity, now_utc, software_identity
from nps_id.errors import InputError
from nps_id.i18n import _

RESULT_FORMAT = "nps-id-result"
RESULT_FORMAT_VERSION = 1
#: File endings (and folders) read as whole GC-MS runs rather than single spectra.
RUN_SUFFIXES = (".d", ".cdf", ".mzml", ".mzxml", ".ms1", ".ms")
#: Points kept of a chromatogram for the report (a 2,400-scan run is kept whole).
MAX_CHROMATOGRAM_POINTS = 4000
#: Default hits kept per query / component.
DEFAULT_TOP = 5


def detect_kind(path: str | Path) -> str:
    """``"gcms"`` for a run (a ``.D`` folder, ANDI/mzML/mzXML/MS1/ChemStation file), else ``"spectra"``."""
    path = Path(path)
    if path.is_dir() or path.suffix.lower() in RUN_SUFFIXES:
        return "gcms"
    return "spectra"


def analyse_file(path: str | Path, library, kind: str | None = None, top: int = DEFAULT_TOP,
                 ri_calibration: str | Path | None = None, component_rt: float | None = None,
                 deconvolution: dict[str, Any] | None = None, method: str | Path | None = None,
                 **search_options: bool) -> dict[str, Any]:
    """Search one input against ``library`` (opened) and return its result record.

    Parameters
    ----------
    path
        A GC-MS run (file or ``.D`` folder) or a file of EI or IR spectra.
    library
        An opened :class:`nps_id.library.store.Library`.
    kind
        ``"gcms"`` or ``"spectra"``; default :func:`detect_kind`.
    top
        Hits kept per query / component.
    ri_calibration
        GC-MS only: alkane ladder run or RT/RI table, hashed with the inputs.
    component_rt
        GC-MS only: retention time (min) of the component the report shows;
        default the best-supported component (see :func:`select_component`).
    deconvolution, method
        GC-MS only: deconvolution settings (:func:`nps_id.gcms.deconvolution.deconvolve`) and a
        method file (:mod:`nps_id.gcms.method`); recorded, so replay uses them.
    **search_options
        Spectra only: ``exhaustive``, ``per_compound``, ``analogues`` of
        :func:`nps_id.search.search_spectra` (recorded, so replay uses them).

    Raises
    ------
    InputError
        The input is missing or unreadable (naming it).
    """
    path = Path(path)
    kind = kind or detect_kind(path)
    if kind not in ("gcms", "spectra"):
        raise InputError(path, _("unknown analysis kind {0!r} (use gcms or spectra)").format(kind))
    started = now_utc()
    steps: list[dict[str, Any]] = []
    inputs = [input_record(path)]
    steps.append({"step": "hash inputs", "at": now_utc()})
    params: dict[str, Any] = {"top": int(top)}
    if kind == "gcms":
        if ri_calibration is not None:
            inputs.append(input_record(ri_calibration))
            params["ri_calibration"] = str(Path(ri_calibration).resolve())
        if component_rt is not None:
            params["component_rt"] = float(component_rt)
        if deconvolution:
            params["deconvolution"] = dict(deconvolution)
        if method is not None:
            inputs.append(input_record(method))
            params["method"] = str(Path(method).resolve())
        result, plots = _analyse_run(path, library, params, steps)
    else:
        unknown = set(search_options) - {"exhaustive", "per_compound", "analogues"}
        if unknown:
            raise TypeError(f"unknown search options {sorted(unknown)}")
        params.update({k: bool(v) for k, v in search_options.items() if v})
        result, plots = _analyse_spectra(path, library, params, steps)
    # the GC-MS analysis records the library's identity itself; hashing a big library twice costs seconds
    identity = (result.get("provenance") or {}).get("library") or library_identity(library)
    steps.append({"step": "library identity", "at": now_utc()})
    return {
        "format": RESULT_FORMAT, "format_version": RESULT_FORMAT_VERSION, "kind": kind,
        "inputs": inputs, "parameters": params, "library": identity, "software": software_identity(),
        "started_at": started, "finished_at": now_utc(), "steps": steps, "result": result, "plots": plots,
    }


def _timed(steps: list[dict[str, Any]], name: str, start: float) -> None:
    steps.append({"step": name, "at": now_utc(), "seconds": round(time.perf_counter() - start, 3)})


def _analyse_run(path: Path, library, params: dict[str, Any], steps: list) -> tuple[dict, dict]:
    from nps_id.gcms.analysis import analyse_run
    from nps_id.gcms.chromatogram import tic
    from nps_id.gcms.readers import read_run

    start = time.perf_counter()
    run = read_run(path)
    _timed(steps, f"read run ({run.n_scans} scans)", start)
    start = time.perf_counter()
    extra = {"method": params["method"]} if params.get("method") else {}
    analysed = analyse_run(run, library=library, ri_calibration=params.get("ri_calibration"), top=params["top"],
                           **extra, **(params.get("deconvolution") or {}))
    # the run analysis times its steps one after another; each is recorded with the moment it
    # finished (as every other step), counted back from the end, not all with the same moment
    finished, later = datetime.now(timezone.utc), sum(analysed.timings.values())
    for name, seconds in analysed.timings.items():
        later -= seconds
        at = (finished - timedelta(seconds=later)).isoformat(timespec="milliseconds")
        steps.append({"step": name, "at": at, "seconds": round(seconds, 3)})
    start = time.perf_counter()
    result = analysed.to_dict()
    selected = select_component(result["components"], params.get("component_rt"))
    result["selected_component"] = selected
    times, intensity = run.times, tic(run)
    step = max(1, int(np.ceil(times.size / MAX_CHROMATOGRAM_POINTS)))
    plots: dict[str, Any] = {
        "chromatogram": {"rt_min": [float(v) for v in times[::step]],
                         "tic": [float(v) for v in intensity[::step]]},
        "references": {},
    }
    for index, comp in enumerate(result["components"]):
        if comp.get("hits") and (index == selected or comp.get("verdict") in ("identified", "ambiguous")):
            plots["references"][str(index)] = _reference_peaks(library, comp["hits"][0])
    _timed(steps, "chromatogram and reference spectra", start)
    return result, plots


def select_component(components: list[dict[str, Any]], rt: float | None = None) -> int | None:
    """The component a report shows: nearest to ``rt``; else the identified one of highest confidence;
    else the ambiguous one of highest confidence; else the largest."""
    if not components:
        return None
    if rt is not None:
        return int(min(range(len(components)), key=lambda i: abs(components[i]["rt_min"] - rt)))
    for verdict in ("identified", "ambiguous"):
        found = [i for i, c in enumerate(components) if c.get("verdict") == verdict]
        if found:
            return max(found, key=lambda i: (components[i].get("confidence") or 0.0, components[i]["area_pct"]))
    return int(max(range(len(components)), key=lambda i: components[i]["area_pct"]))


def _reference_peaks(library, hit: dict[str, Any]) -> dict[str, Any] | None:
    library_id = hit.get("library_id")
    if library_id is None:
        return None
    try:
        reference = library.get(int(library_id))
    except Exception:  # a fallback search's row number is not a library id
        return None
    return {"library_id": int(library_id), "name": reference.name, "x": [float(v) for v in reference.x],
            "y": [float(v) for v in reference.y], "retention_time": reference.get("retention_time"),
            "gc_method": reference.get("gc_method")}


def _analyse_spectra(path: Path, library, params: dict[str, Any], steps: list) -> tuple[dict, dict]:
    from nps_id.io import read_spectra
    from nps_id.search import search_spectra

    start = time.perf_counter()
    spectra = read_spectra(path)
    _timed(steps, f"read {len(spectra)} spectrum/spectra", start)
    start = time.perf_counter()
    hit_lists = search_spectra(library, spectra, top=params["top"], exhaustive=params.get("exhaustive", False),
                               per_compound=params.get("per_compound", False),
                               analogues=params.get("analogues", False))
    _timed(steps, "search", start)
    queries, plots = [], {"queries": []}
    for spectrum, hit_list in zip(spectra, hit_lists):
        queries.append(_plain(hit_list.to_dict()))
        plots["queries"].append(_query_plot(library, spectrum, hit_list))
    return {"queries": queries}, plots


def _query_plot(library, spectrum, hit_list) -> dict[str, Any]:
    """The unknown and its top reference as a report draws them (IR: both as absorbance on one grid)."""
    plot: dict[str, Any] = {"technique": hit_list.technique,
                            "query": {"x": [float(v) for v in spectrum.x], "y": [float(v) for v in spectrum.y],
                                      "x_unit": spectrum.x_unit, "y_unit": spectrum.y_unit},
                            "reference": None}
    if not hit_list.hits:
        return plot
    top = hit_list.hits[0]
    reference = library.get(top.library_id)
    if hit_list.technique == "ir":
        from nps_id.ir.pipeline import comparison_spectra
        query, ref = comparison_spectra(spectrum, reference)
        keep = np.isfinite(query.y) & np.isfinite(ref.y)
        plot["query"] = {"x": [float(v) for v in query.x[keep]], "y": [float(v) for v in query.y[keep]],
                         "x_unit": "1/cm", "y_unit": "absorbance (scaled)"}
        plot["reference"] = {"library_id": top.library_id, "name": reference.name,
                             "x": [float(v) for v in ref.x[keep]], "y": [float(v) for v in ref.y[keep]]}
    else:
        plot["reference"] = {"library_id": top.library_id, "name": reference.name,
                             "x": [float(v) for v in reference.x], "y": [float(v) for v in reference.y]}
    return plot


def _plain(value: Any) -> Any:
    """JSON-ready: numpy scalars to Python, non-finite floats to None."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value

