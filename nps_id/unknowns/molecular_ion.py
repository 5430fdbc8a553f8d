"""Molecular ion (nominal molecular mass) of an EI mass spectrum, with a calibrated confidence.

The rules are the classical ones for locating M+• in a 70 eV EI spectrum (McLafferty &
Tureček, *Interpretation of Mass Spectra*, 4th ed., ch. 3 and 6; NIST/EPA/NIH
Mass Spectral Library documentation, "Molecular ion"):

1. the molecular ion is the highest-m/z ion of the compound, so candidates are taken from
   the top of the spectrum down;
2. a peak that is only the isotope peak of a lower ion is not M: the ¹³C peak at X+1 is at
   most ~1.1 % per carbon of X (at most m/13 carbons), and X+2 peaks of Cl/Br (Cl 32 %,
   Br 97 %, Cl₂ 64 %, Br₂ 195 % …) are at most ~2× X with a valley at X+1;
3. "illogical" losses: no common neutral has a mass of 3–14 or 21–25 u, so an ion at
   M−3…M−14 or M−21…M−25 with real intensity (after removing the isotope peaks of the
   logical losses M−15, M−26/27 that fall there) means the candidate is not M;
4. the candidate's intensity must stand above the noise relative to the base peak.

A weak lone peak above the spectrum that fails rule 3 is treated as a contaminant (column
bleed, background) and the next candidate is examined; a substantial one means M is not
in the spectrum (common for amines, cathinones, esters and alcohols at 70 eV).

The evidence of the chosen candidate (relative intensity, logical losses below it, the
¹³C pattern above it, illogical residue, m/z parity, share of the ion current, how many
peaks were set aside above it) is mapped to a probability by a logistic model.  Its
coefficients (:data:`_COEF`) were fitted on the **bench library** (10,373 native spectra of
``../shared/data/ms/bench/library.msp`` whose formula gives the true nominal mass) and
checked on the **bench queries** (636, true mass from the library records of the same
compound key) and on **nps_classes** (580 NIST replicate spectra of 58 NPS, formula on
every record); ``benchmarks/molecular_ion_calibration.py`` refits and prints the precision
per confidence bin on each set.  ``nominal_mass`` is reported only when the probability is
at least :data:`REPORT_THRESHOLD`; otherwise the answer is "no molecular ion seen" with the
best candidate named in the reason (and kept in ``candidate``).  ``confidence`` is the
probability that ``nominal_mass`` is the molecular mass (0 when none is reported).

Measured (precision of the reported mass per confidence bin, n in brackets):

=============  ==================  ===================  ====================
confidence     bench library, fit  bench queries, check nps_classes, check
=============  ==================  ===================  ====================
0.3-0.5        0.39 (791)          0.46 (56)            0.23 (107)
0.5-0.7        0.62 (1464)         0.63 (82)            0.31 (80)
0.7-0.8        0.79 (1045)         0.88 (49)            0.66 (53)
0.8-0.9        0.86 (1670)         0.85 (96)            0.96 (52)
0.9-0.95       0.94 (1951)         0.96 (136)           —
0.95-1         0.93 (942)          0.97 (71)            —
=============  ==================  ===================  ====================

Calibrated on the general-chemistry bench sets; on the NPS set (cathinones and carboxamide
cannabinoids whose M+• is ≤ 0.3 % of base or absent in these background-subtracted mixture
spectra) answers below 0.7 are right only a quarter to a third of the time: use 0.8 as the
level at which a molecular ion is "clear".  The 280 NIST CM1 fentanyl replicates of the bench
library, whose M+• is essentially absent, get 23 answers at >= 0.8, 13 of them wrong (a
fragment such as acetylfentanyl's m/z 231 taken for M).  About 50 µs per spectrum.
"""
from __future__ import annotations

import math

import numpy as np

from nps_id.unknowns.results import MolecularIon

#: Peaks below this share of the base peak (%) are noise for candidate search.
CANDIDATE_MIN_PERCENT = 0.5
#: An illogical-loss peak counts when its isotope-corrected intensity is above this
#: share of the base peak (%) and above ``ILLOGICAL_REL`` × the candidate.
ILLOGICAL_MIN_PERCENT = 0.5
ILLOGICAL_REL = 0.25
#: A candidate failing the illogical-loss rule that is weaker than this (% of base) is
#: set aside as a contaminant and the next one is examined.
CONTAMINANT_PERCENT = 3.0
#: Below this probability no molecular ion is reported.
REPORT_THRESHOLD = 0.3
#: Largest m/z considered (anything above is not an EI molecular ion of a small molecule).
MAX_MZ = 2000
#: Logical losses (McLafferty & Tureček table of common neutral losses).
_LOGICAL_LOSSES = (1, 2, 15, 16, 17, 18, 19, 20, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36,
                   41, 42, 43, 44, 45, 46, 57, 59, 60, 77, 79, 91)
_ILLOGICAL = tuple(range(3, 15)) + tuple(range(21, 26))

_FEATURES = ("intercept", "log10_rel", "logical", "c13_ok", "illogical_resid", "odd_mass",
             "log_tic_share", "set_aside", "top_gap", "parity_same", "odd_x_parity_same",
             "rel_ge_10pct", "rel_lt_2pct", "log1p_weak_above")
#: Logistic coefficients, order of :data:`_FEATURES`; fitted by
#: benchmarks/molecular_ion_calibration.py on the bench library (see module docstring).
_COEF = (1.448, 0.045, -0.458, 0.787, -3.375, -0.027, 0.936, -0.940, 0.546, -1.376, -2.625, 0.128, 0.188, -1.162)


def _none(reason: str, candidate: int | None = None) -> MolecularIon:
    return MolecularIon(None, 0.0, reason, candidate=candidate)


def _c13_max(m: float) -> float:
    """Largest plausible ¹³C (X+1)/X ratio for an ion at m/z ``m`` (all carbon, m/13 C)."""
    return 0.0111 * (m / 13.0) * 1.25 + 0.02


def _binned(spectrum) -> np.ndarray | None:
    x = np.asarray(getattr(spectrum, "x", ()), dtype=float).ravel()
    y = np.asarray(getattr(spectrum, "y", ()), dtype=float).ravel()
    if x.size != y.size or x.size == 0:
        return None
    keep = np.isfinite(x) & np.isfinite(y) & (y > 0) & (x >= 0.5) & (x < MAX_MZ + 0.5)
    if not keep.any():
        return None
    mz = np.rint(x[keep]).astype(np.int64)
    return np.bincount(mz, weights=y[keep])


def _features(rel: np.ndarray, m: int, set_aside: int, top_gap: int, total: float
              ) -> tuple[list[float], float]:
    """Evidence for candidate ``m`` (rel in % of base, padded) and its illogical residue."""
    r = rel[m]
    logical = 0.0
    for d in _LOGICAL_LOSSES:
        if m - d > 0 and rel[m - d] >= 1.0:
            logical += 1.0
    logical = min(logical, 6.0) / 6.0
    nxt = rel[m + 1] if m + 1 < rel.size else 0.0
    c13_ok = 1.0 if 0.3 * 0.0111 * (m / 20.0) * r <= nxt <= _c13_max(m) * r + 0.3 else 0.0
    resid = _illogical_residue(rel, m)
    # parity: a molecule without N has an even M and mostly odd-mass fragments; amines
    # (odd M) give even-mass iminium ions.  Share of the 10 largest other peaks' intensity
    # at the candidate's own parity:
    below = rel[:m]
    big = np.argsort(below)[-10:]
    big_total = float(below[big].sum())
    same = float(below[big][(big % 2) == (m % 2)].sum()) / big_total if big_total > 0 else 0.5
    weak_above = float(np.count_nonzero(rel[m + 3:] > 0))
    odd = float(m % 2)
    feats = [1.0, math.log10(max(r, 1e-3)), logical, c13_ok,
             min(resid / max(r, 1e-3), 4.0), odd,
             math.log10(max(r * (1.0 + _c13_max(m)) / max(total, 1e-9), 1e-6)) + 2.0,
             float(min(set_aside, 3)), min(top_gap, 100) / 100.0,
             same, odd * same, float(r >= 10.0), float(r < 2.0), math.log1p(weak_above)]
    return feats, resid


def _illogical_residue(rel: np.ndarray, m: int) -> float:
    """Largest intensity (% of base) at an illogical loss below ``m``, isotopes removed."""
    worst = 0.0
    for d in _ILLOGICAL:
        k = m - d
        if k < 2:
            break
        p = rel[k]
        if p <= 0:
            continue
        # isotope peaks of lower ions (13C of k-1, 37Cl/81Br/34S of k-2) do not count
        expected = _c13_max(k) * rel[k - 1] + 1.0 * rel[k - 2]
        worst = max(worst, p - expected)
    return worst


def _is_isotope(rel: np.ndarray, m: int) -> bool:
    a, b = rel[m - 1], rel[m - 2]
    r = rel[m]
    if a > 0 and r <= _c13_max(m - 1) * a + 0.06 * b:
        return True
    # X+2 of Cl/Br (up to Br2 ≈ 1.95 X) with a valley at X+1
    if b > 0 and r <= 2.1 * b and a <= 0.5 * r + _c13_max(m - 2) * b:
        return True
    return False


def estimate_molecular_ion(spectrum) -> MolecularIon:
    """The nominal molecular mass an EI spectrum shows, or None with the reason.

    ``spectrum`` is any EI :class:`~nps_id.spectrum.Spectrum` (or object with ``x``/``y``):
    m/z are rounded to nominal mass, intensities summed per bin.  Never raises on bad
    input: fewer than 3 peaks, no positive intensity or an empty spectrum give
    ``nominal_mass=None``, ``confidence=0`` and a reason.
    """
    try:
        return _estimate(spectrum)
    except Exception as error:  # never let a bad spectrum stop a search
        return _none(f"molecular ion not estimated: {type(error).__name__}: {error}")


def evidence(spectrum) -> tuple[int | None, list[float] | None, str]:
    """The chosen candidate and its feature vector (for calibration), or (None, None, why)."""
    vec = _binned(spectrum)
    if vec is None:
        return None, None, "empty spectrum or no positive intensity"
    if np.count_nonzero(vec > 0) < 3:
        return None, None, "fewer than 3 peaks: no molecular ion can be judged"
    base = float(vec.max())
    if not base > 0:
        return None, None, "no positive intensity"
    rel = np.zeros(vec.size + 2)
    rel[: vec.size] = vec / base * 100.0
    total = float(rel.sum())
    peaks = np.flatnonzero(rel >= CANDIDATE_MIN_PERCENT)
    set_aside = 0
    why = ""
    highest = int(peaks[-1])
    for m in peaks[::-1]:
        m = int(m)
        if m < 3:
            break
        if _is_isotope(rel, m):
            continue
        feats, resid = _features(rel, m, set_aside, highest - m, total)
        if resid >= ILLOGICAL_MIN_PERCENT and resid >= ILLOGICAL_REL * rel[m]:
            if rel[m] < CONTAMINANT_PERCENT and set_aside < 3:
                set_aside += 1
                why = f"m/z {m} set aside (weak, illogical loss below it); "
                continue
            return None, None, (why + f"m/z {m} ({rel[m]:.1f} % of base) cannot be M: an ion "
                                f"{_worst_loss(rel, m)} u below it is an illogical loss; "
                                f"no molecular ion seen")
        return m, feats, why
    return None, None, why + "no peak above the noise qualifies as a molecular ion"


def _worst_loss(rel: np.ndarray, m: int) -> int:
    best, loss = -1.0, 0
    for d in _ILLOGICAL:
        k = m - d
        if k < 2:
            break
        value = rel[k] - (_c13_max(k) * rel[k - 1] + rel[k - 2])
        if value > best:
            best, loss = value, d
    return loss


def probability(feats: list[float]) -> float:
    z = sum(c * f for c, f in zip(_COEF, feats))
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def _estimate(spectrum) -> MolecularIon:
    m, feats, why = evidence(spectrum)
    if m is None:
        return _none(why)
    p = probability(feats)
    rel_txt = f"{10 ** feats[1]:.1f} % of base"
    if p < REPORT_THRESHOLD:
        return _none(f"{why}no clear molecular ion: best candidate m/z {m} ({rel_txt}) has "
                     f"probability {p:.2f} < {REPORT_THRESHOLD}", candidate=m)
    return MolecularIon(m, round(p, 3), f"{why}M+• at m/z {m} ({rel_txt}); highest ion that is "
                        f"not an isotope peak and shows no illogical loss", candidate=m)


def mass_candidates(spectrum, count: int = 3) -> list[int]:
    """The ``count`` highest peaks (≥ 0.5 % of base) that are not isotope peaks, highest first.

    Mass hypotheses for a spectrum whose molecular ion is absent or uncertain; empty for bad input.
    """
    try:
        vec = _binned(spectrum)
        if vec is None or not vec.max() > 0:
            return []
        rel = np.zeros(vec.size + 2)
        rel[: vec.size] = vec / vec.max() * 100.0
        found: list[int] = []
        for m in np.flatnonzero(rel >= CANDIDATE_MIN_PERCENT)[::-1]:
            if m < 3 or len(found) >= count:
                break
            if not _is_isotope(rel, int(m)):
                found.append(int(m))
        return found
    except Exception:
        return []
