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
from nps_id.ir.baseline import baseline
from nps_id.ir.peaks import Peak, noise_level, peak_array, pick_peaks, write_peak_table
from nps_id.ir.pipeline import (
    ABSORBANCE_PIPELINE, DEFAULT_IR_PIPELINE, DEFAULT_IR_SIMILARITY, IR_GRID, SIMILARITY_METHODS,
    apply_pipeline, ir_search_matrix, pipeline_id, ir_search_vector, ir_similarity_scores,
)
from nps_id.ir.preprocess import (
    CO2_REGION, WATER_VAPOUR_REGIONS, atr_correction, common_grid, mask_regions, normalise, resample,
    savgol, select_range, to_absorbance, to_transmittance, to_wavenumber, compress_intensity,
)

__all__ = [
    "ABSORBANCE_PIPELINE", "CO2_REGION", "DEFAULT_IR_PIPELINE", "DEFAULT_IR_SIMILARITY", "IR_GRID", "Peak", "SIMILARITY_METHODS",
    "WATER_VAPOUR_REGIONS", "apply_pipeline", "atr_correction", "baseline", "common_grid", "compress_intensity",
    "ir_search_matrix", "ir_search_vector", "ir_similarity_scores", "mask_regions", "noise_level", "normalise", "peak_array",
    "pick_peaks", "pipeline_id", "resample", "savgol", "select_range", "to_absorbance", "to_transmittance",
    "to_wavenumber", "write_peak_table",
]
