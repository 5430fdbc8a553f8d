"""Features of EI spectra for class prediction, chosen to carry across labs and to new compounds.

Every spectrum is binned to nominal m/z, scaled to its base peak, and peaks
below 1 % of the base are dropped (as for searching).  Nothing below m/z 40 is
used: many libraries (NIST, SWGDRUG scans, the NIST NPS replicates) start
there, others at 10-30, and the class must not be read from the scan range.

Blocks of the feature vector (all in 0-1, for a linear model):

* ``ions``: sqrt relative intensity at every nominal m/z 40-499;
* ``losses``: neutral losses between the 12 highest peaks (differences 1-250
  of m/z, weighted by the geometric mean of the two sqrt intensities) - the
  bond cleavages a class shares whatever its substituents (CO from an
  acylium, the amine side chain of an iminium, the N-tail of an indazole);
* ``top``: where the highest significant ions lie (m/z of the highest peak of
  >= 5 % of base and of the base peak, in 25-Da bins), even/odd share of the
  intensity (nitrogen rule) and the share in the classic ion series
  (iminium CnH2n+2N+, aromatic 39/51/65/77/91, acylium 105/119/135/149,
  alkyl 43/57/71/85).
"""
from __future__ import annotations

import numpy as np

MZ_MIN = 40
MZ_MAX = 499
NOISE = 0.01
TOP_PEAKS = 12
MAX_LOSS = 250
MASS_BIN = 25
_N_IONS = MZ_MAX - MZ_MIN + 1
_N_LOSSES = MAX_LOSS
_N_MASS_BINS = (MZ_MAX + 1) // MASS_BIN + 1
_SERIES = {
    "iminium": (44, 58, 72, 86, 100, 114, 128, 142, 156),
    "aromatic": (39, 50, 51, 63, 65, 77, 91),
    "acylium": (105, 119, 121, 133, 135, 149, 155, 163),
    "alkyl": (43, 57, 71, 85, 99),
    "indole": (116, 130, 144, 145, 155, 214, 232),
}
#: Names of the feature blocks and their widths, in order.
BLOCKS = (("ions", _N_IONS), ("losses", _N_LOSSES), ("highest", _N_MASS_BINS), ("base", _N_MASS_BINS),
          ("parity", 2), ("series", len(_SERIES)), ("peaks", 4))
N_FEATURES = sum(width for _, width in BLOCKS)
#: Changes whenever the features change (a saved model of another version is retrained).
FEATURE_VERSION = 1


def ei_features(ids_offsets_x_y=None, spectra=None) -> np.ndarray:
    """Feature matrix (float32, one row per spectrum) from flat peak arrays or Spectrum objects.

    ``ids_offsets_x_y``: ``(ids, offsets, x, y)`` as :meth:`Library.peak_arrays`
    returns them; or ``spectra``: a list of EI spectra (raw: any m/z precision).
    """
    if spectra is not None:
        xs = [np.asarray(s.x, float) for s in spectra]
        ys = [np.asarray(s.y, float) for s in spectra]
        counts = np.array([len(x) for x in xs], np.int64)
        offsets = np.zeros(len(xs) + 1, np.int64)
        np.cumsum(counts, out=offsets[1:])
        x = np.concatenate(xs) if xs else np.zeros(0)
        y = np.concatenate(ys) if ys else np.zeros(0)
    else:
        _, offsets, x, y = ids_offsets_x_y
    n = len(offsets) - 1
    out = np.zeros((n, N_FEATURES), np.float32)
    if n == 0:
        return out
    # nominal m/z, summed per bin (accurate-mass data: the 0.00048/Da mass-defect correction)
    row = np.repeat(np.arange(n), np.diff(offsets))
    mz = np.rint(x - 0.00048 * x).astype(np.int64)
    good = (mz >= 1) & (mz <= 2000) & np.isfinite(y) & (y > 0)
    row, mz, y = row[good], mz[good], y[good].astype(np.float64)
    dense = np.zeros((n, 2001))
    np.add.at(dense, (row, mz), y)
    base = dense.max(axis=1)
    base[base <= 0] = 1.0
    rel = dense / base[:, None]
    rel[rel < NOISE] = 0.0
    rel[:, :MZ_MIN] = 0.0
    top = rel[:, MZ_MIN:].max(axis=1)  # base peak from m/z 40 on
    top[top <= 0] = 1.0
    rel /= top[:, None]
    rel[rel < NOISE] = 0.0
    root = np.sqrt(rel)
    col = 0
    out[:, col:col + _N_IONS] = root[:, MZ_MIN:MZ_MAX + 1]
    col += _N_IONS
    # neutral losses among the highest peaks
    order = np.argsort(-rel, axis=1, kind="stable")[:, :TOP_PEAKS]
    top_mz = order
    top_w = np.take_along_axis(root, order, axis=1)
    diff = top_mz[:, :, None] - top_mz[:, None, :]
    weight = np.sqrt(top_w[:, :, None] * top_w[:, None, :])
    ok = (diff >= 1) & (diff <= MAX_LOSS) & (weight > 0)
    r, i, j = np.nonzero(ok)
    losses = np.zeros((n, _N_LOSSES))
    np.maximum.at(losses, (r, diff[r, i, j] - 1), weight[r, i, j])
    out[:, col:col + _N_LOSSES] = losses
    col += _N_LOSSES
    # the highest ion of >= 5 % and the base peak, by mass bin
    significant = rel >= 0.05
    highest = np.where(significant.any(axis=1), 2000 - np.argmax(significant[:, ::-1], axis=1), 0)
    highest = np.minimum(highest, MZ_MAX + 1) // MASS_BIN
    out[np.arange(n), col + highest] = 1.0
    col += _N_MASS_BINS
    base_mz = np.minimum(np.argmax(rel, axis=1), MZ_MAX + 1) // MASS_BIN
    out[np.arange(n), col + base_mz] = 1.0
    col += _N_MASS_BINS
    total = rel.sum(axis=1)
    total[total <= 0] = 1.0
    out[:, col] = rel[:, 0::2].sum(axis=1) / total
    out[:, col + 1] = rel[:, 1::2].sum(axis=1) / total
    col += 2
    for k, ions in enumerate(_SERIES.values()):
        out[:, col + k] = np.sqrt(rel[:, list(ions)].sum(axis=1) / total)
    col += len(_SERIES)
    peaks = (rel > 0).sum(axis=1)
    out[:, col] = np.minimum(peaks / 100.0, 1.0)
    out[:, col + 1] = (rel >= 0.1).sum(axis=1) / np.maximum(peaks, 1)
    out[:, col + 2] = np.sqrt(np.minimum(highest * MASS_BIN, 500) / 500.0)
    mean_mz = (rel * np.arange(2001)).sum(axis=1) / total
    out[:, col + 3] = np.minimum(mean_mz / 400.0, 1.0)
    return out
