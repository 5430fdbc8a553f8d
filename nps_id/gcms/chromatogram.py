"""Chromatograms of a run: TIC, extracted-ion chromatograms, baseline and noise.

All functions are pure and vectorised; 2-D input is scans x ions (axis 0 is time),
so one call treats every ion chromatogram of a run at once.  m/z values are
binned to nominal mass with :func:`nps_id.gcms.run.nominal_mz`
(``floor(mz + 0.3)``, see :mod:`nps_id.gcms.run`).
"""
from __future__ import annotations

from typing import Iterable

import numpy as np
from scipy.ndimage import minimum_filter1d, uniform_filter1d

from nps_id.gcms.run import GCMSRun
from nps_id.i18n import _
from nps_id.spectrum import Spectrum


def tic(run: GCMSRun) -> np.ndarray:
    """Total ion chromatogram: the summed intensity of every scan (0 for an empty scan, first or last)."""
    # Differences of the running sum at the scan offsets: np.add.reduceat would
    # index past the end when the last scan is empty (gcmstools datasample1.CDF).
    running = np.concatenate([[0.0], np.cumsum(run.intensity, dtype=float)])
    return running[run.offsets[1:]] - running[run.offsets[:-1]]


def xic(run: GCMSRun, ions: float | Iterable[float]) -> np.ndarray:
    """Extracted-ion chromatogram: summed intensity of the nominal ``ions`` in each scan."""
    wanted = np.atleast_1d(np.asarray(list(ions) if not np.isscalar(ions) else [ions], float))
    wanted = np.floor(wanted + 0.3).astype(np.int64)
    columns, matrix = run.nominal_matrix()
    take = np.isin(columns, wanted)
    return matrix[:, take].sum(axis=1)


def moving_minimum_baseline(data: np.ndarray, half_window: int = 50, smooth_half_window: int | None = None,
                            ) -> tuple[np.ndarray, dict]:
    """Baseline as the moving minimum, smoothed by a moving average (rolling-ball like).

    Parameters
    ----------
    data
        1-D chromatogram or 2-D scans x ions matrix (treated column by column).
    half_window
        Half width, in scans, of the minimum window.  It must exceed the base
        width of the widest peak so that no peak is taken for baseline.
    smooth_half_window
        Half width of the moving average applied to the moving minimum
        (default: ``half_window``).

    Returns
    -------
    baseline, info
        ``baseline`` has the shape of ``data`` and never exceeds it;
        ``info`` holds the parameters used (pybaselines-like call shape).
    """
    data = np.asarray(data, dtype=float)
    size = 2 * int(half_window) + 1
    smooth = 2 * int(half_window if smooth_half_window is None else smooth_half_window) + 1
    low = minimum_filter1d(data, size, axis=0, mode="nearest")
    # Smoothing the minimum envelope removes its steps; the second minimum keeps it under the data.
    base = uniform_filter1d(low, smooth, axis=0, mode="nearest")
    base = np.minimum(base, data)
    return base, {"half_window": int(half_window), "smooth_half_window": (smooth - 1) // 2}


def noise_level(data: np.ndarray, floor: float | None = None) -> np.ndarray | float:
    """Robust noise (standard deviation) of each chromatogram from its first differences.

    sigma = 1.4826 * median(|diff|) / sqrt(2): the MAD of first differences
    ignores peaks and slow baseline drift.  Quadrupole data are often
    thresholded (zeros below an acquisition threshold), where this MAD is 0; the
    result is then raised to ``floor`` (default: the smallest positive intensity
    in ``data``, i.e. the acquisition threshold).
    """
    data = np.asarray(data, dtype=float)
    diffs = np.abs(np.diff(data, axis=0))
    sigma = 1.4826 * np.median(diffs, axis=0) / np.sqrt(2.0)
    if floor is None:
        positive = data[data > 0]
        floor = float(positive.min()) if positive.size else 1.0
    return np.maximum(sigma, floor)


def smooth(data: np.ndarray, window: int = 5, order: int = 2) -> np.ndarray:
    """Savitzky-Golay smoothing along time (keeps apex heights and positions)."""
    data = np.asarray(data, dtype=float)
    if data.shape[0] < window:
        return data.copy()
    # The smoothing coefficients of Savitzky & Golay (Anal. Chem. 1964, 36, 1627):
    # the least-squares polynomial fit evaluated at the window centre.  Written
    # out (same result as scipy.signal.savgol_filter, mode="nearest") because
    # importing scipy.signal costs ~1 s at every start of the command line.
    half = window // 2
    offsets = np.arange(-half, half + 1, dtype=float)
    coefficients = np.linalg.pinv(np.vander(offsets, order + 1, increasing=True))[0]
    padded = np.pad(data, [(half, half)] + [(0, 0)] * (data.ndim - 1), mode="edge")
    n = data.shape[0]
    out = np.zeros_like(data)
    for i, c in enumerate(coefficients):
        out += c * padded[i:i + n]
    return out


def scans_for_minutes(run_or_interval: GCMSRun | float, minutes: float) -> int:
    """Number of scans covering ``minutes`` at the run's median scan interval."""
    interval = run_or_interval.scan_interval_min if isinstance(run_or_interval, GCMSRun) else run_or_interval
    if not np.isfinite(interval) or interval <= 0:
        return 1
    return max(1, int(round(minutes / interval)))


def spectrum_at(run: GCMSRun, rt_min: float, background_offset_min: float = 0.1,
                background_scans: int = 5) -> Spectrum:
    """Background-subtracted spectrum of the scan nearest ``rt_min``.

    The background of each ion is the smaller of the mean intensities of
    ``background_scans`` scans starting ``background_offset_min`` before and
    after the scan (the smaller side, so that a neighbouring peak on one side is
    not subtracted), as in manual background subtraction in ChemStation/AMDIS.
    Negative differences are set to zero.
    """
    columns, matrix = run.nominal_matrix()
    index = run.scan_index_of(rt_min)
    offset = scans_for_minutes(run, background_offset_min)
    n = matrix.shape[0]

    def side_mean(start: int, stop: int) -> np.ndarray | None:
        start, stop = max(0, start), min(n, stop)
        return matrix[start:stop].mean(axis=0) if stop > start else None

    before = side_mean(index - offset - background_scans + 1, index - offset + 1)
    after = side_mean(index + offset, index + offset + background_scans)
    sides = [s for s in (before, after) if s is not None]
    background = np.minimum.reduce(sides) if sides else np.zeros(matrix.shape[1])
    signal = np.clip(matrix[index] - background, 0.0, None)
    keep = signal > 0
    spectrum = Spectrum(columns[keep].astype(float), signal[keep], "ms", "m/z", "counts",
                        {"name": f"{run.sample_name or 'scan'} at {run.times[index]:.3f} min",
                         "retention_time": float(run.times[index]), "source_file": run.source_file})
    return spectrum.processed("spectrum_at", {"rt_min": float(rt_min), "scan": index,
                                              "background_offset_min": background_offset_min,
                                              "background_scans": background_scans})


def average_spectrum(run: GCMSRun, start_min: float, end_min: float,
                     background: tuple[float, float] | None = None) -> Spectrum:
    """Mean spectrum of the scans from ``start_min`` to ``end_min``, minus the mean of a background range.

    The manual spectrum of AMDIS and ChemStation: the chemist selects the scans
    of a peak to average and, optionally, a range of scans beside it whose mean
    is subtracted (ion by ion, negative differences set to zero).  Both ranges
    are inclusive and snap to the scans nearest their ends.
    """
    from nps_id.errors import NpsIdError

    columns, matrix = run.nominal_matrix()
    if run.n_scans == 0:
        raise NpsIdError(_("the run has no scans"))

    def scans(lo: float, hi: float) -> tuple[int, int]:
        lo, hi = min(lo, hi), max(lo, hi)
        return run.scan_index_of(lo), run.scan_index_of(hi)

    a, b = scans(start_min, end_min)
    signal = matrix[a:b + 1].mean(axis=0)
    params: dict = {"start_min": round(float(run.times[a]), 4), "end_min": round(float(run.times[b]), 4),
                    "scans": b - a + 1}
    if background is not None:
        c, d = scans(*background)
        signal = np.clip(signal - matrix[c:d + 1].mean(axis=0), 0.0, None)
        params.update(background_start_min=round(float(run.times[c]), 4),
                      background_end_min=round(float(run.times[d]), 4), background_scans=d - c + 1)
    keep = signal > 0
    if not keep.any():
        raise NpsIdError((_("no signal left in {0:.3f}-{1:.3f} min after background subtraction")
                          if background is not None else _("no signal left in {0:.3f}-{1:.3f} min"))
                         .format(params['start_min'], params['end_min']))
    rt = 0.5 * (float(run.times[a]) + float(run.times[b]))
    name = f"{run.sample_name or 'scans'} {params['start_min']:.3f}-{params['end_min']:.3f} min" + \
        (" (background subtracted)" if background is not None else "")
    spectrum = Spectrum(columns[keep].astype(float), signal[keep], "ms", "m/z", "counts",
                        {"name": name, "retention_time": rt, "source_file": run.source_file,
                         "acquired_mz_range": run.mz_range})
    return spectrum.processed("average_scans", params)
