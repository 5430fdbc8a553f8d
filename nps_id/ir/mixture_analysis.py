"""Mixture analysis of an IR query against a library (the method is in :mod:`nps_id.ir.mixture`).

:func:`analyse_mixture` finds the candidates with the library's IR search
index, prepares them as absorbance (:mod:`nps_id.ir.references`), unmixes
the query by forward-selection NNLS, searches each residual for further
candidates and returns a :class:`MixtureResult`: the components (library id,
name, InChIKey, fitted fraction) and the quality of the residual, plus the
arrays the app draws (unknown, fitted sum, each scaled component, residual).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from nps_id.errors import InputError
from nps_id.i18n import _
from nps_id.ir import mixture as mx
from nps_id.ir.pipeline import ABSORBANCE_PIPELINE, IR_GRID, Step, apply_pipeline, auto_atr, ir_search_vector
from nps_id.ir.preprocess import CO2_REGION, GRID_START, GRID_STEP, GRID_STOP
from nps_id.spectrum import Spectrum


@dataclass
class MixtureComponent:
    """One component of a fitted mixture."""

    library_id: int
    name: str
    inchikey: str | None
    cas: str | None
    fraction: float          # share of the fitted integrated absorbance, 0-1
    weight: float            # NNLS weight of the reference (max-normalised absorbance)
    alone_r: float           # Pearson r of the scaled component alone with the unknown

    def to_dict(self) -> dict[str, Any]:
        return {"library_id": self.library_id, "name": self.name, "inchikey": self.inchikey, "cas": self.cas,
                "fraction": round(self.fraction, 4), "weight": round(self.weight, 6),
                "alone_r": round(self.alone_r, 4)}


@dataclass
class MixtureResult:
    """What :func:`analyse_mixture` found, with what the app draws."""

    components: list[MixtureComponent]
    explained: float                 # 1 - residual SS / query SS on the query's points
    residual_rms: float
    noise: float                     # the query's own noise (same units)
    stop_reason: str
    parameters: dict[str, Any]
    grid: np.ndarray = field(repr=False, default_factory=lambda: IR_GRID)
    query: np.ndarray = field(repr=False, default=None)          # processed absorbance of the unknown
    fitted: np.ndarray = field(repr=False, default=None)         # sum of the scaled components
    traces: list[np.ndarray] = field(repr=False, default_factory=list)  # each scaled component
    residual: np.ndarray = field(repr=False, default=None)
    steps: list[dict[str, Any]] = field(default_factory=list)

    @property
    def noise_ratio(self) -> float:
        """Residual RMS in units of the query's noise (about 1: nothing left but noise)."""
        return float(self.residual_rms / self.noise) if self.noise > 0 else float("inf")

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": "forward-selection NNLS on absorbance with residual search",
            "components": [c.to_dict() for c in self.components],
            "residual": {"explained": round(self.explained, 4), "rms": float(f"{self.residual_rms:.4g}"),
                         "noise": float(f"{self.noise:.4g}"), "noise_ratio": round(self.noise_ratio, 2)},
            "stop_reason": self.stop_reason,
            "parameters": dict(self.parameters),
            "steps": list(self.steps),
        }


#: The query's preparation: absorbance on the common grid, CO2 masked, *no* baseline
#: correction -- the baseline is fitted with the components (:func:`nps_id.ir.mixture.unmix`).
#: The references keep :data:`ABSORBANCE_PIPELINE` (arPLS on the clean pure spectrum).
MIXTURE_QUERY_PIPELINE: list[Step] = [
    ("to_wavenumber", {}),
    ("to_absorbance", {"floor": 1e-4}),
    ("resample", {"start": GRID_START, "stop": GRID_STOP, "step": GRID_STEP}),
    ("mask_regions", {"regions": [CO2_REGION]}),
]


def prepare_query(spectrum: Spectrum) -> np.ndarray:
    """The query's absorbance on :data:`IR_GRID` (NaN = no data; baseline left in), with a clear error for
    unusable input."""
    from nps_id.ir.similarity import MIN_OVERLAP

    where = spectrum.get("source_file") or spectrum.name or None
    if spectrum.technique != "ir":
        raise InputError(where, _("is a {0} spectrum; mixture analysis is for mid-IR spectra").format(spectrum.technique))
    finite = np.isfinite(spectrum.x) & np.isfinite(spectrum.y)
    if finite.sum() < 2:
        raise InputError(where, _("has {0} usable point(s) (of {1}); "
                                  "mixture analysis needs a spectrum").format(int(finite.sum()), spectrum.x.size))
    try:
        processed = apply_pipeline(spectrum, MIXTURE_QUERY_PIPELINE, auto_atr(spectrum))
    except ValueError as exc:
        raise InputError(where, _("cannot be prepared for mixture analysis: {0}").format(exc)) from None
    y = processed.y
    if np.isfinite(y).sum() < MIN_OVERLAP:
        lo, hi = float(np.nanmin(spectrum.x[finite])), float(np.nanmax(spectrum.x[finite]))
        raise InputError(where, _("covers {0:.6g}-{1:.6g} {2}: too little of "
                                  "{3:.0f}-{4:.0f} cm-1 for mixture analysis "
                                  "({5} grid points)").format(lo, hi, spectrum.x_unit, IR_GRID[0], IR_GRID[-1],
                                                              int(np.isfinite(y).sum())))
    return y


def compound_key(record: dict) -> str:
    """Identity of a record's compound (as :meth:`nps_id.search.hits.Hit.compound_key`)."""
    from nps_id.search.hits import normalise_name

    if record.get("inchikey"):
        return "IK:" + str(record["inchikey"])[:14].upper()
    if record.get("cas"):
        return "CAS:" + str(record["cas"]).strip()
    return "NM:" + normalise_name(record.get("name") or "")


def analyse_mixture(
    library: Any,
    spectrum: Spectrum,
    max_components: int = mx.MAX_COMPONENTS,
    min_gain: float = mx.MIN_GAIN,
    min_fraction: float = mx.MIN_FRACTION,
    noise_k: float = mx.NOISE_K,
    pool: int = mx.POOL,
    residual_pool: int = mx.RESIDUAL_POOL,
    min_residual_r: float = mx.MIN_RESIDUAL_R,
    baseline_order: int = mx.BASELINE_ORDER,
) -> MixtureResult:
    """Unmix an IR query into library compounds (see :mod:`nps_id.ir.mixture`).

    Raises
    ------
    InputError
        Naming the query's file: not IR, one point or all NaN, too little on the
        grid, or no library spectrum overlapping it.
    """
    from nps_id.ir.peaks import noise_level
    from nps_id.ir.references import reference_vectors

    where = spectrum.get("source_file") or spectrum.name or None
    q = prepare_query(spectrum)
    params = {"max_components": max_components, "min_gain": min_gain, "min_fraction": min_fraction,
              "noise_k": noise_k, "min_residual_r": min_residual_r, "pool": pool, "residual_pool": residual_pool,
              "baseline_order": baseline_order,
              "pipeline": [{"step": n, "params": dict(p)} for n, p in MIXTURE_QUERY_PIPELINE],
              "reference_pipeline": [{"step": n, "params": dict(p)} for n, p in ABSORBANCE_PIPELINE],
              "atr_correction": auto_atr(spectrum)}
    ids, records = _candidates(library, spectrum, pool, exclude=set())
    if not ids:
        raise InputError(where, _("no library IR spectrum overlaps this spectrum's range "
                                  "({0}); mixture analysis needs references covering it").format(_covered_text(q)))
    noise = noise_level(Spectrum(IR_GRID, q, "ir", "1/cm", "absorbance"))
    scale = float(np.nanmax(np.abs(q))) or 1.0
    qs = q / scale
    vectors, masks = reference_vectors(library, ids)
    allowed_keys: set[str] = set()
    result = None
    for _round in range(max_components + 1):
        cand = np.where(masks, vectors, np.nan)
        keys = [compound_key(r) for r in records]
        result = mx.unmix(qs, cand, keys, noise / scale, max_components, min_gain, min_fraction, noise_k,
                          min_residual_r=min_residual_r, x=IR_GRID, baseline_order=baseline_order)
        if len(result.selected) == 0 or len(result.selected) >= max_components:
            break
        # search the residual: compounds it resembles join the candidates, then refit
        residual = Spectrum(IR_GRID, result.residual * scale, "ir", "1/cm", "absorbance")
        known = {int(i) for i in ids}
        more_ids, more_records = _candidates(library, residual, residual_pool, exclude=known, atr=None)
        new_keys = {compound_key(r) for r in more_records} - set(keys) - allowed_keys
        more = [(i, r) for i, r in zip(more_ids, more_records) if compound_key(r) in new_keys]
        if not more:
            break
        allowed_keys |= new_keys
        ids = ids + [i for i, _ in more]
        records = records + [r for _, r in more]
        more_vectors, more_masks = reference_vectors(library, [i for i, _ in more])
        vectors = np.vstack([vectors, more_vectors])
        masks = np.vstack([masks, more_masks])
    return _build(result, ids, records, np.where(masks, vectors, np.nan), q, scale, noise, params)


def _covered_text(q: np.ndarray) -> str:
    inside = IR_GRID[np.isfinite(q)]
    return f"{inside.min():.0f}-{inside.max():.0f} cm-1" if inside.size else _("nothing")


def _candidates(library: Any, spectrum: Spectrum, count: int, exclude: set[int], atr: Any = "auto"
                ) -> tuple[list[int], list[dict]]:
    """The best spectrum of each of the ``count`` best compounds of an ordinary IR search."""
    from nps_id.search.index_cache import ir_index
    from nps_id.search.ir_engine import score_ir_batch

    index = ir_index(library)
    if index.size == 0:
        return [], []
    try:
        vector, mask = ir_search_vector(spectrum, atr=atr)
    except InputError:
        return [], []
    rows, scores = score_ir_batch(index, vector[None, :].astype(np.float32), mask[None, :], top=max(4 * count, 40))
    ids = [int(index.library_ids[r]) for r, s in zip(rows[0], scores[0]) if r >= 0 and np.isfinite(s)]
    ids = [i for i in ids if i not in exclude]
    records = library.records(ids)
    seen: set[str] = set()
    out_ids, out_records = [], []
    for library_id, record in zip(ids, records):
        if record is None:
            continue
        key = compound_key(record)
        if key in seen:
            continue
        seen.add(key)
        out_ids.append(library_id)
        out_records.append(record)
        if len(out_ids) >= count:
            break
    return out_ids, out_records


def _build(result: mx.UnmixResult, ids: Sequence[int], records: Sequence[dict], cand: np.ndarray, q: np.ndarray,
           scale: float, noise: float, params: dict) -> MixtureResult:
    points = np.isfinite(q)
    fractions = mx.component_fractions(cand, points, result.selected, result.weights)
    q = q - np.where(np.isfinite(result.baseline), result.baseline, 0.0) * scale  # shown and judged baseline-free
    traces = []
    components = []
    for c, w, f in zip(result.selected, result.weights, fractions):
        trace = np.where(points, np.nan_to_num(cand[c]) * w * scale, np.nan)
        traces.append(trace)
        record = records[c]
        r = np.corrcoef(trace[points], q[points])[0, 1] if points.sum() > 2 and np.std(trace[points]) > 0 else 0.0
        components.append(MixtureComponent(int(ids[c]), record.get("name") or "", record.get("inchikey") or None,
                                           record.get("cas") or None, float(f), float(w), float(r)))
    order = np.argsort([-c.fraction for c in components], kind="stable")
    components = [components[i] for i in order]
    traces = [traces[i] for i in order]
    fitted = result.fitted * scale
    residual = q - np.where(np.isfinite(fitted), fitted, 0.0)
    rms = float(np.sqrt(np.nanmean(residual[points] ** 2))) if points.any() else 0.0
    steps = [{**s, "library_id": int(ids[s["candidate"]]), "name": records[s["candidate"]].get("name")}
             for s in result.steps]
    for s in steps:
        s.pop("candidate", None)
    return MixtureResult(components, result.explained, rms, noise, result.stop_reason, params, IR_GRID, q,
                         fitted, traces, residual, steps)


def format_mixture(result: MixtureResult | None) -> list[str]:
    """Lines of the CLI table for a mixture analysis (empty when none was asked for)."""
    if result is None:
        return []
    lines = ["  " + _("Mixture analysis: {0} component(s), {1:.1f} % of the "
                      "signal explained, residual {2:.1f} x noise ({3})").format(
        len(result.components), 100 * result.explained, result.noise_ratio, result.stop_reason)]
    for i, c in enumerate(result.components, start=1):
        lines.append(f"  {i:>4} {100 * c.fraction:5.1f} %  {c.name[:38]:<38} {c.cas or '':<12} "
                     f"{c.inchikey or ''}  " + _("(id {0}, alone r={1:.2f})").format(c.library_id, c.alone_r))
    lines.append("       " + _("fractions are shares of the fitted absorbance, not mass fractions"))
    return lines


def mixture_warning(result: MixtureResult | None) -> str | None:
    """A line for the hit list when the unknown looks like a mixture (the verdict judges pure compounds)."""
    if result is None or len(result.components) < 2:
        return None
    parts = ", ".join(f"{c.name} ({100 * c.fraction:.0f} %)" for c in result.components)
    return _("the spectrum looks like a mixture of {0}; the verdict above compares it with pure "
             "references, read the mixture analysis").format(parts)
