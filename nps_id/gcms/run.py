"""The plain GC-MS run object: every scan of a chromatogram, as read from the file.

A :class:`GCMSRun` stores the scans CSR-like (one ``offsets`` array into the
concatenated ``mz`` and ``intensity`` arrays), so a run of any size costs three
flat numpy arrays.  Processing that needs a scans x m/z matrix asks for
:meth:`GCMSRun.nominal_matrix`, which bins every peak to nominal (integer) m/z.

Nominal binning
---------------
Quadrupole EI data are unit-resolution, but exported m/z values are not always
integers: ProteoWizard ``.ms1`` exports give 43.9 or 100.1 for 44 and 100, and
the PyMassSpec JCAMP runs are miscalibrated by up to +0.65 (268.65 for 268).
Organic ions carry a small positive mass defect (about +0.1 at m/z 300).  A
peak at ``mz`` therefore goes to the nominal mass ``floor(mz + 0.3)``, i.e.
the bin ``[n - 0.3, n + 0.7)``; plain rounding would move 268.65 to 269.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

import numpy as np

from nps_id.i18n import _
from nps_id.spectrum import ProcessingStep

#: Offset added before truncating an m/z to its nominal mass (see module doc).
NOMINAL_SHIFT = 0.3

#: Cells of the dense scans x nominal m/z matrix (float64): 2**27 is 1 GiB, far above a real
#: run (10,000 scans x 600 m/z is 6 million); only damaged m/z values get near it.
MAX_MATRIX_CELLS = 1 << 27

#: Acquisition modes.
MODES = ("scan", "sim")


def nominal_mz(mz: np.ndarray) -> np.ndarray:
    """Nominal (integer) m/z of each value: ``floor(mz + 0.3)``."""
    return np.floor(np.asarray(mz, dtype=float) + NOMINAL_SHIFT).astype(np.int64)


@dataclass(frozen=True, eq=False)
class GCMSRun:
    """A GC-MS run: scan times and one mass spectrum per scan.

    Parameters
    ----------
    times
        Scan (retention) times in minutes, one per scan, increasing.
    offsets
        ``n_scans + 1`` indices: scan ``i`` is ``mz[offsets[i]:offsets[i+1]]``.
    mz, intensity
        Concatenated m/z and intensity values of all scans.
    metadata
        ``sample``, ``instrument``, ``method``, ``date``, ``operator``,
        ``source_file``, ``format`` and anything else the file carries.
    mode
        ``"scan"`` (full spectra) or ``"sim"`` (selected-ion monitoring: a few
        ions only, so no library search is possible).
    recipe
        Processing steps applied since reading (like :class:`~nps_id.spectrum.Spectrum`).
    """

    times: np.ndarray
    offsets: np.ndarray
    mz: np.ndarray
    intensity: np.ndarray
    metadata: Mapping[str, Any] = field(default_factory=dict)
    mode: str = "scan"
    recipe: tuple[ProcessingStep, ...] = ()
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        times = np.asarray(self.times, dtype=float).ravel()
        offsets = np.asarray(self.offsets, dtype=np.int64).ravel()
        mz = np.asarray(self.mz, dtype=float).ravel()
        intensity = np.asarray(self.intensity, dtype=float).ravel()
        if offsets.size != times.size + 1:
            raise ValueError(_("offsets must have one more element than times"))
        if mz.shape != intensity.shape or (offsets.size and offsets[-1] != mz.size):
            raise ValueError(_("mz/intensity/offsets disagree in length"))
        if self.mode not in MODES:
            raise ValueError(_("unknown acquisition mode {0}").format(repr(self.mode)))
        object.__setattr__(self, "times", times)
        object.__setattr__(self, "offsets", offsets)
        object.__setattr__(self, "mz", mz)
        object.__setattr__(self, "intensity", intensity)
        object.__setattr__(self, "metadata", dict(self.metadata))
        object.__setattr__(self, "recipe", tuple(self.recipe))

    # -- access -----------------------------------------------------------
    @property
    def n_scans(self) -> int:
        return int(self.times.size)

    @property
    def source_file(self) -> str:
        return str(self.metadata.get("source_file", ""))

    @property
    def sample_name(self) -> str:
        return str(self.metadata.get("sample", "") or "")

    def scan(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        """(m/z, intensity) of scan ``index``."""
        lo, hi = self.offsets[index], self.offsets[index + 1]
        return self.mz[lo:hi], self.intensity[lo:hi]

    def scan_index_of(self, time_min: float) -> int:
        """Index of the scan nearest to ``time_min``."""
        return int(np.argmin(np.abs(self.times - time_min)))

    @property
    def points_per_scan(self) -> np.ndarray:
        return np.diff(self.offsets)

    def nominal_matrix(self) -> tuple[np.ndarray, np.ndarray]:
        """(nominal m/z of the columns, scans x m/z intensity matrix), cached.

        Only m/z columns that carry signal somewhere in the run are kept.
        Peaks falling in the same nominal bin of one scan are summed.
        """
        if "nominal" not in self._cache:
            nominal = nominal_mz(self.mz)
            if nominal.size == 0:
                self._cache["nominal"] = (np.zeros(0, np.int64), np.zeros((self.n_scans, 0)))
            else:
                columns, col_index = np.unique(nominal, return_inverse=True)
                if self.n_scans * columns.size > MAX_MATRIX_CELLS:
                    from nps_id.errors import InputError
                    raise InputError(self.source_file or None,
                                     _("{0} scans x {1} distinct nominal m/z: too large "
                                       "for a GC-MS run (damaged m/z values?)").format(self.n_scans, columns.size))
                rows = np.repeat(np.arange(self.n_scans), np.diff(self.offsets))
                matrix = np.zeros((self.n_scans, columns.size))
                np.add.at(matrix, (rows, col_index), self.intensity)
                keep = matrix.any(axis=0)
                self._cache["nominal"] = (columns[keep], matrix[:, keep])
        return self._cache["nominal"]

    @property
    def mz_range(self) -> tuple[float, float]:
        if self.mz.size == 0:
            return (float("nan"), float("nan"))
        return (float(self.mz.min()), float(self.mz.max()))

    @property
    def scan_interval_min(self) -> float:
        """Median time between scans, minutes."""
        return float(np.median(np.diff(self.times))) if self.n_scans > 1 else float("nan")

    def with_metadata(self, **updates: Any) -> "GCMSRun":
        meta = dict(self.metadata)
        meta.update(updates)
        return replace(self, metadata=meta, _cache={})

    def processed(self, step: str, params: Mapping[str, Any], **changes: Any) -> "GCMSRun":
        """A new run with arrays changed and ``step`` appended to the recipe."""
        return replace(self, recipe=self.recipe + (ProcessingStep(step, dict(params)),),
                       _cache={}, **changes)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return (f"GCMSRun({self.n_scans} scans, {self.mode}, "
                f"{self.times[0] if self.n_scans else 0:.2f}-"
                f"{self.times[-1] if self.n_scans else 0:.2f} min, "
                f"sample={self.sample_name!r})")


def run_from_dense(times: np.ndarray, mz_axis: np.ndarray, matrix: np.ndarray,
                   metadata: Mapping[str, Any], mode: str = "scan") -> GCMSRun:
    """A run from a scans x m/z matrix (zeros dropped)."""
    matrix = np.asarray(matrix)
    rows, cols = np.nonzero(matrix)
    counts = np.bincount(rows, minlength=matrix.shape[0])
    offsets = np.concatenate([[0], np.cumsum(counts)])
    return GCMSRun(times, offsets, np.asarray(mz_axis, float)[cols],
                   matrix[rows, cols].astype(float), metadata, mode)


def looks_like_sim(run_mz: np.ndarray, max_ions: int = 30) -> bool:
    """True when the whole run holds only a few distinct nominal ions (SIM).

    A full-scan EI run over any useful mass range records hundreds of distinct
    nominal m/z values; a SIM method monitors a handful (often 2-20).
    """
    if run_mz.size == 0:
        return False
    return np.unique(nominal_mz(run_mz)).size <= max_ions
