"""IR spectrum processing: preprocessing, baselines, peaks, similarity, search vectors."""
from nps_id.ir.baseline import baseline
from nps_id.ir.peaks import Peak, noise_level, peak_array, pick_peaks, write_peak_table
from nps_id.ir.pipeline import (
    ABSORBANCE_PIPELINE, DEFAULT_IR_PIPELINE, DEFAULT_IR_SIMILARITY, IR_GRID, SIMILARITY_METHODS,
    apply_pipeline, ir_search_matrix, ir_search_vector, ir_similarity_scores,
)
from nps_id.ir.preprocess import (
    CO2_REGION, WATER_VAPOUR_REGIONS, atr_correction, common_grid, mask_regions, normalise, resample,
    savgol, select_range, to_absorbance, to_transmittance, to_wavenumber, compress_intensity,
)

__all__ = [
    "ABSORBANCE_PIPELINE", "CO2_REGION", "DEFAULT_IR_PIPELINE", "DEFAULT_IR_SIMILARITY", "IR_GRID", "Peak", "SIMILARITY_METHODS",
    "WATER_VAPOUR_REGIONS", "apply_pipeline", "atr_correction", "baseline", "common_grid", "compress_intensity",
    "ir_search_matrix", "ir_search_vector", "ir_similarity_scores", "mask_regions", "noise_level", "normalise", "peak_array",
    "pick_peaks", "resample", "savgol", "select_range", "to_absorbance", "to_transmittance",
    "to_wavenumber", "write_peak_table",
]
