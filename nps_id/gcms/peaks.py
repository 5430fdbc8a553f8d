"""Peak (apex) detection in ion chromatograms, vectorised over all ions of a run.

Each ion chromatogram is searched for its own maxima (the per-ion "apex"
perception of AMDIS; Stein, J. Am. Soc. Mass Spectrom. 1999, 10, 770-781), so a
small peak beside a big one is found as long as some of its ions are not
shared with the big one.  Apex positions are refined below one scan with a
parabola through the three points around the maximum.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.ndimage import maximum_filter1d, minimum_filter1d


@dataclass(frozen=True)
class IonApexes:
    """Apexes found in a scans x ions matrix (parallel arrays, one entry per apex)."""

    scan: np.ndarray       # integer scan index of the maximum
    ion: np.ndarray        # column index of the ion
    position: np.ndarray   # sub-scan apex position (float scan index)
    height: np.ndarray     # interpolated apex height
    snr: np.ndarray        # height / noise of that ion

    def __len__(self) -> int:
        return int(self.scan.size)


def parabolic_apex(y_left: np.ndarray, y_mid: np.ndarray, y_right: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Offset (in scans, within +-0.5) and height of the parabola through three points."""
    y_left, y_mid, y_right = (np.asarray(a, float) for a in (y_left, y_mid, y_right))
    denom = y_left - 2.0 * y_mid + y_right
    with np.errstate(divide="ignore", invalid="ignore"):
        offset = np.where(denom < 0, 0.5 * (y_left - y_right) / denom, 0.0)
    offset = np.clip(offset, -0.5, 0.5)
    height = y_mid - 0.25 * (y_left - y_right) * offset
    return offset, height


def find_ion_apexes(signal: np.ndarray, noise: np.ndarray | float, min_snr: float = 3.0,
                    half_window: int = 2, prominence_window: int = 10,
                    min_relative_prominence: float = 0.1) -> IonApexes:
    """Local maxima of every column of ``signal`` (scans x ions).

    Parameters
    ----------
    signal
        Baseline-corrected, lightly smoothed ion chromatograms.
    noise
        Noise of each ion (or one value), from :func:`~nps_id.gcms.chromatogram.noise_level`.
    min_snr
        Minimum apex height over noise.
    half_window
        A maximum must be the largest value within +-``half_window`` scans.
    prominence_window
        Scans searched on each side for the valley that defines prominence.
    min_relative_prominence
        The apex must rise above the higher of its two valleys by this fraction
        of its height and by ``min_snr`` x noise (rejects wiggles on peak tails).
    """
    y = np.asarray(signal, dtype=float)
    if y.ndim == 1:
        y = y[:, None]
    noise = np.broadcast_to(np.asarray(noise, float), (y.shape[1],))
    n = y.shape[0]
    if n < 3:
        empty = np.zeros(0)
        return IonApexes(empty.astype(int), empty.astype(int), empty, empty, empty)
    local_max = y == maximum_filter1d(y, 2 * half_window + 1, axis=0, mode="nearest")
    # Strictly greater than the previous scan: one apex per plateau (saturated tops).
    local_max[1:] &= y[1:] > y[:-1]
    local_max[0] = False
    local_max[-1] = False
    local_max &= y > min_snr * noise
    w = int(prominence_window)
    left_min = minimum_filter1d(y, w + 1, axis=0, origin=w // 2, mode="nearest")
    right_min = minimum_filter1d(y, w + 1, axis=0, origin=-(w // 2), mode="nearest")
    # origin shifts make left_min the minimum of y[i-w:i+1] and right_min of y[i:i+w+1].
    valley = np.maximum(left_min, right_min)
    prominence = y - valley
    local_max &= prominence > np.maximum(min_relative_prominence * y, min_snr * noise)
    scan, ion = np.nonzero(local_max)
    offset, height = parabolic_apex(y[scan - 1, ion], y[scan, ion], y[scan + 1, ion])
    return IonApexes(scan, ion, scan + offset, height, height / noise[ion])


def find_peaks(chromatogram: np.ndarray, noise: float | None = None, min_snr: float = 5.0,
               half_window: int = 2) -> IonApexes:
    """Apexes of one chromatogram (TIC or XIC); ``noise`` defaults to the MAD estimate."""
    from nps_id.gcms.chromatogram import noise_level
    y = np.asarray(chromatogram, float)
    if noise is None:
        noise = float(noise_level(y))
    return find_ion_apexes(y[:, None], noise, min_snr=min_snr, half_window=half_window)
