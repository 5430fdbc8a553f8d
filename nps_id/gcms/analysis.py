"""Whole-run analysis: deconvolute every component, give it an RI, identify it.

:func:`analyse_run` is the one call the CLI and the GUI make.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Sequence

from nps_id.gcms.deconvolution import Component, deconvolve
from nps_id.gcms.identify import hitlist_to_dicts, resolve_library, search_components
from nps_id.gcms.readers import read_run
from nps_id.gcms.retention_index import RICalibration, apply_calibration, load_calibration
from nps_id.gcms.method import Method, read_method
from nps_id.gcms.run import GCMSRun
from nps_id.gcms.targets import screen_run
from nps_id.i18n import N_, _

SIM_MESSAGE = N_("SIM run: only {0} ion(s) were monitored ({1}); a library search needs full-scan "
                 "spectra, so components are listed by ion without identification")


@dataclass
class RunResult:
    """What :func:`analyse_run` found in a run.

    Attributes
    ----------
    run
        The run analysed.
    components
        Components in retention-time order (``ri`` set when calibrated).
    hits
        One hit list per component (``None`` entries when no search was made).
    ri_calibration
        The calibration applied, if any.
    searched
        True when the components were searched against a library.
    library
        Name/path of the library searched.
    warnings
        Messages for the user (SIM run, limited m/z range, ...).
    timings
        Seconds spent in "deconvolution" and "search".
    """

    run: GCMSRun
    components: list[Component]
    hits: list[Any] = field(default_factory=list)
    ri_calibration: RICalibration | None = None
    searched: bool = False
    library: str = ""
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    #: Input SHA-256, library identity, software, parameters and times (:mod:`nps_id.casework.provenance`).
    provenance: dict[str, Any] = field(default_factory=dict)
    #: Method targets screened (:mod:`nps_id.gcms.targets`), internal standard first; the method itself.
    targets: list[Any] = field(default_factory=list)
    method: Any = None

    def top_hit(self, index: int) -> Any:
        hitlist = self.hits[index] if index < len(self.hits) else None
        hits = getattr(hitlist, "hits", None) or []
        return hits[0] if hits else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: ``{"run": {...}, "components": [...], "warnings": [...]}``.

        Each searched component carries its verdict, confidence, molecular ion,
        class prediction, analogues and alerts, as a search of one spectrum does.
        """
        run = self.run
        comps = []
        for i, comp in enumerate(self.components):
            comps.append({
                "rt_min": round(comp.rt_min, 4),
                "ri": comp.ri,
                "area": float(comp.area),
                "area_pct": round(comp.area_pct, 3),
                "height": float(comp.height),
                "model_mz": comp.model_mz,
                "purity": round(comp.purity, 3),
                "model_quality": round(comp.model_quality, 3),
                "spectrum": {"mz": [float(v) for v in comp.spectrum.x],
                             "intensity": [float(v) for v in comp.spectrum.y]},
                "hits": hitlist_to_dicts(self.hits[i]) if i < len(self.hits) else [],
                **_judgement(self.hits[i] if i < len(self.hits) else None),
            })
        return {
            "run": {"source_file": run.source_file, "sample": run.sample_name,
                    "instrument": run.metadata.get("instrument", ""),
                    "method": run.metadata.get("method", ""), "date": run.metadata.get("date", ""),
                    "format": run.metadata.get("format", ""), "mode": run.mode, "scans": run.n_scans,
                    "rt_range_min": [float(run.times[0]), float(run.times[-1])],
                    "mz_range": list(run.mz_range), "library": self.library, "searched": self.searched,
                    "ri_calibration": self.ri_calibration.to_rows() if self.ri_calibration else None},
            "components": comps,
            "warnings": list(self.warnings),
            **({"provenance": self.provenance} if self.provenance else {}),
            **({"method": self.method.to_dict(), "targets": [t.to_dict() for t in self.targets]}
               if self.method is not None else {}),
        }


def analyse_run(run: GCMSRun | str | Path, library: Any = None, ri_calibration: Any = None, top: int = 5,
                search: bool = True, method: Any = None, per_compound: bool = False, **params: Any) -> RunResult:
    """Deconvolute, calibrate and identify every component of a run.

    Parameters
    ----------
    run
        A :class:`GCMSRun` or a path read with :func:`read_run`.
    library
        An opened library, a library path/URL, or None for the default library.
    ri_calibration
        A :class:`RICalibration`, a ladder table / ladder run path, or None.
    top
        Hits kept per component.
    search
        False: deconvolute only.
    method
        A :class:`~nps_id.gcms.method.Method` or method file: its targets are
        screened (found / not found, RT shift, qualifier ratios, area ratio to
        the internal standard); its RI calibration is used when none is given.
    per_compound
        Keep only the best spectrum of each compound in a component's hits (replicates of one
        compound then leave room for the other candidates).
    **params
        Deconvolution parameters (see :func:`nps_id.gcms.deconvolution.deconvolve`).
    """
    from nps_id.casework.provenance import input_record, library_identity, now_utc, software_identity

    started_at = now_utc()
    source = run.source_file if isinstance(run, GCMSRun) else run
    if not isinstance(run, GCMSRun):
        run = read_run(run)
    if Path(source).name.lower() == "data.ms" and Path(source).parent.suffix.lower() == ".d":
        source = Path(source).parent  # a .D folder is hashed whole
    provenance = {"inputs": [input_record(source)] if Path(source).exists() else [],
                  "parameters": {"top": top, "search": search, **params,
                                 **({"ri_calibration": str(ri_calibration)}
                                    if isinstance(ri_calibration, (str, Path)) else {}),
                                 **({"method": str(method)} if isinstance(method, (str, Path)) else {})},
                  "software": software_identity(), "started_at": started_at}
    check_analysable(run)
    warnings: list[str] = []
    start = time.perf_counter()
    components = deconvolve(run, **params)
    timings = {"deconvolution": time.perf_counter() - start}
    calibration = None
    if method is not None and not isinstance(method, Method):
        method = read_method(method)
    if ri_calibration is None and method is not None and method.ri_calibration is not None:
        ri_calibration = method.ri_calibration
    if ri_calibration is not None:
        calibration = ri_calibration if isinstance(ri_calibration, RICalibration) else \
            load_calibration(ri_calibration)
        components = apply_calibration(components, calibration)
    lo, hi = run.mz_range
    components = [replace(c, spectrum=c.spectrum.with_metadata(acquired_mz_range=(lo, hi)))
                  for c in components]
    result = RunResult(run, components, [None] * len(components), calibration, False, "", warnings, timings,
                       provenance)
    if method is not None:
        start = time.perf_counter()
        result.method, result.targets = method, screen_run(run, method, calibration, components)
        timings["targets"] = time.perf_counter() - start
    if run.mode == "sim":
        columns, _matrix = run.nominal_matrix()
        warnings.append(_(SIM_MESSAGE).format(len(columns), ", ".join(str(int(c)) for c in columns)))
        return result
    if lo > 60:
        warnings.append(_("the run was acquired from m/z {0:g} only: library ions below it are ignored "
                          "in matching and scores are less specific").format(lo))
    if search and components:
        start = time.perf_counter()
        opened = resolve_library(library)
        ris = [c.ri for c in components] if calibration is not None else None
        result.hits = search_components(opened, [c.spectrum for c in components], top, ris, per_compound)
        result.searched = True
        result.library = str(getattr(opened, "name", "") or getattr(opened, "location", "") or library or "")
        timings["search"] = time.perf_counter() - start
        if hasattr(opened, "iter_spectra"):  # a library (not the fallback search of a spectrum file)
            provenance["library"] = cached_library_identity(opened)
    provenance["finished_at"] = now_utc()
    return result


_IDENTITIES: dict[tuple[str, int], dict[str, Any]] = {}


def cached_library_identity(library: Any) -> dict[str, Any]:
    """The library's provenance identity, computed once per location and revision in this process.

    Its content hash reads every spectrum (0.5 s for 12,000); the runs of a
    sequence share one library, so they share one identity.
    """
    from nps_id.casework.provenance import library_identity

    key = (str(getattr(library, "location", id(library))), int(library.revision()))
    if key not in _IDENTITIES:
        _IDENTITIES[key] = library_identity(library)
    return dict(_IDENTITIES[key])


#: Fewest scans in which peaks can be found (an apex needs neighbours, the smoothing 5 scans).
MIN_SCANS = 5


def check_analysable(run: GCMSRun) -> None:
    """An InputError naming the run's file when it has too few scans or no signal at all."""
    from nps_id.errors import InputError

    where = run.source_file or "<run>"
    if run.n_scans < MIN_SCANS:
        raise InputError(where, _("the run has {0} scan(s); finding peaks needs at least {1}").format(
            run.n_scans, MIN_SCANS))
    if not run.intensity.size or not (run.intensity > 0).any():
        raise InputError(where, _("all {0} scans are empty or zero: the run holds no signal").format(run.n_scans))


def _judgement(hitlist: Any) -> dict[str, Any]:
    """The verdict fields of a component's hit list (empty when it was not searched by the product search)."""
    verdict = getattr(hitlist, "verdict", None)
    if verdict is None:
        return {}
    mi, cp = hitlist.molecular_ion, hitlist.class_prediction
    return {
        "verdict": verdict.verdict, "confidence": verdict.confidence, "verdict_reason": verdict.reason,
        "verdict_detail": verdict.to_dict(),
        "molecular_ion": mi.to_dict() if mi else None,
        "class_prediction": cp.to_dict() if cp else None,
        "analogues": [a.to_dict() for a in hitlist.analogues],
        "alerts": [a.to_dict() for a in hitlist.alerts],
        "recipe": hitlist.query.recipe_as_dicts(),
    }
