"""IR spectrum processing: preprocessing, baselines, peaks, similarity, search vectors.

Every processing step is ``f(spectrum, **params) -> Spectrum`` and appends
itself to the spectrum's recipe; :func:`baseline` returns ``(spectrum, info)``
like pybaselines.

For library search (used by nps_id.search)::

    from nps_id.ir import IR_GRID, ir_search_vector, ir_search_matrix, ir_similarity_scores
    matrix, masks = ir_search_matrix(library_spectra)      # (m, 1676) float, bool
    q, q_mask = ir_search_vector(query_spectrum)             # (1676,), (1676,)
    scores = ir_similarity_scores(q, matrix, "pearson_overlap", q_mask, masks)   # r in [-1, 1]

``IR_GRID`` is 650-4000 cm-1 every 2 cm-1; the pipeline is
:data:`DEFAULT_IR_PIPELINE` (stored with a library so vectors can be rebuilt
when it changes); ``method="dot"`` (``matrix @ q``) gives the same r when
query and library cover the same range.
"""
import importlib
from typing import Any

# Imported on first use (PEP 562): the baselines pull in pybaselines and scipy.signal,
# which would otherwise slow every `nps-id` command's start by seconds.
_HOMES = {
    "baseline": "nps_id.ir.baselines",
    "suppress_atmosphere": "nps_id.ir.atmosphere",
    **dict.fromkeys(["SAMPLING_KEY", "sampling_of", "with_sampling"], "nps_id.ir.sampling"),
    **dict.fromkeys(["analyse_mixture", "MixtureResult"], "nps_id.ir.mixture_analysis"),
    "overlay_arrays": "nps_id.ir.overlay",
    **dict.fromkeys(["Peak", "noise_level", "peak_array", "pick_peaks", "write_peak_table"], "nps_id.ir.peaks"),
    **dict.fromkeys(["ABSORBANCE_PIPELINE", "DEFAULT_IR_PIPELINE", "DEFAULT_IR_SIMILARITY", "IR_GRID",
                     "SIMILARITY_METHODS", "apply_pipeline", "ir_search_matrix", "pipeline_id",
                     "ir_search_vector", "ir_similarity_scores"], "nps_id.ir.pipeline"),
    **dict.fromkeys(["CO2_REGION", "WATER_VAPOUR_REGIONS", "atr_correction", "common_grid", "mask_regions",
                     "normalise", "resample", "savgol", "select_range", "to_absorbance", "to_transmittance",
                     "to_wavenumber", "compress_intensity"], "nps_id.ir.preprocess"),
}


def __getattr__(name: str) -> Any:
    try:
        home = _HOMES[name]
    except KeyError:
        raise AttributeError(f"module 'nps_id.ir' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))


__all__ = [
    "ABSORBANCE_PIPELINE", "CO2_REGION", "DEFAULT_IR_PIPELINE", "DEFAULT_IR_SIMILARITY", "IR_GRID", "Peak", "SIMILARITY_METHODS",
    "WATER_VAPOUR_REGIONS", "apply_pipeline", "atr_correction", "baseline", "common_grid", "compress_intensity",
    "ir_search_matrix", "ir_search_vector", "ir_similarity_scores", "mask_regions", "noise_level", "normalise", "peak_array",
    "pick_peaks", "pipeline_id", "suppress_atmosphere", "SAMPLING_KEY", "sampling_of", "with_sampling",
    "analyse_mixture", "MixtureResult", "overlay_arrays", "resample", "savgol", "select_range", "to_absorbance", "to_transmittance",
    "to_wavenumber", "write_peak_table",
]
