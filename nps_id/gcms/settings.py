"""Deconvolution settings as AMDIS offers them: sensitivity, resolution and shape requirements.

AMDIS (Stein 1999; AMDIS manual, "Deconvolution" settings) exposes three
choices instead of a dozen numbers: *sensitivity* (how weak a peak may be and
still become a component), *resolution* (how close two compounds may elute
and still be separated) and *shape requirements* (how well an ion's profile
must follow the model peak to belong to it).  NPS-ID maps each level to the
parameters of :func:`nps_id.gcms.deconvolution.deconvolve`:

=================  ======================  =========================================
setting            level                   parameters
=================  ======================  =========================================
sensitivity        low / medium / high     ``min_model_snr`` 20 / 10 / 5,
                                           ``min_snr`` 5 / 3 / 2
resolution         low / medium / high     ``same_peak_scans`` 6 / 4 / 2,
                                           ``shape_tolerance_scans`` 0.5 / 0.35 / 0.25,
                                           ``artefact_level`` 0.05 / 0.1 / 0.3
shape requirement  low / medium / high     ``min_shape_correlation`` 0.5 / 0.7 / 0.85,
                                           ``artefact_cosine`` 0.5 / 0.6 / 0.75
=================  ======================  =========================================

The defaults (medium / medium / medium) suit forensic screening of seized
material: they give one component for a large, tailing or overloaded drug
peak (etizolam at 25-250 ug/mL in the LRCFS runs) and still separate two
compounds whose apexes lie 0.006 min apart when their spectra differ (benzene
and cyclohexane in gcmstools datasample1).  Those two checks were used to
choose the medium values, so they are in-sample figures for these defaults.
*High* resolution separates more (shoulders of big peaks become components of
their own); *high* sensitivity finds trace components and more noise.
"""
from __future__ import annotations

from typing import Any

from nps_id.errors import NpsIdError
from nps_id.i18n import _

LEVELS = ("low", "medium", "high")

PRESETS: dict[str, dict[str, dict[str, Any]]] = {
    "sensitivity": {
        "low": {"min_model_snr": 20.0, "min_snr": 5.0},
        "medium": {"min_model_snr": 10.0, "min_snr": 3.0},
        "high": {"min_model_snr": 5.0, "min_snr": 2.0},
    },
    "resolution": {
        "low": {"same_peak_scans": 6.0, "shape_tolerance_scans": 0.5, "artefact_level": 0.05},
        "medium": {"same_peak_scans": 4.0, "shape_tolerance_scans": 0.35, "artefact_level": 0.1},
        "high": {"same_peak_scans": 2.0, "shape_tolerance_scans": 0.25, "artefact_level": 0.3},
    },
    "shape": {
        "low": {"min_shape_correlation": 0.5, "artefact_cosine": 0.5},
        "medium": {"min_shape_correlation": 0.7, "artefact_cosine": 0.6},
        "high": {"min_shape_correlation": 0.85, "artefact_cosine": 0.75},
    },
}


def deconvolution_params(sensitivity: str = "medium", resolution: str = "medium", shape: str = "medium",
                         **overrides: Any) -> dict[str, Any]:
    """Parameters of :func:`~nps_id.gcms.deconvolution.deconvolve` for the three AMDIS-like settings.

    ``overrides`` (any deconvolution parameter) win over the presets.
    """
    chosen = {"sensitivity": sensitivity, "resolution": resolution, "shape": shape}
    params: dict[str, Any] = {}
    for setting, level in chosen.items():
        level = str(level).lower()
        if level not in LEVELS:
            raise NpsIdError(_("{0} must be one of {1}, not {2}").format(setting, ', '.join(LEVELS), repr(level)))
        params.update(PRESETS[setting][level])
    params.update(overrides)
    return params


def settings_of(params: dict[str, Any]) -> dict[str, str]:
    """The preset level each setting matches in ``params`` ("custom" when none does)."""
    out = {}
    for setting, levels in PRESETS.items():
        out[setting] = next((level for level, values in levels.items()
                             if all(params.get(k) == v for k, v in values.items())), "custom")
    return out
