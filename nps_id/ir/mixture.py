"""IR mixture analysis: which library compounds, in what proportions, make up a cut sample.

Method: forward selection with non-negative least squares (NNLS) over the best
library candidates, on baseline-corrected absorbance on the common grid
(:data:`~nps_id.ir.pipeline.ABSORBANCE_PIPELINE`; Beer-Lambert makes a
mixture's absorbance the non-negatively weighted sum of its components').

1. Candidates: the best compounds of the ordinary IR search of the query.
2. Each step tries every candidate beside the components already chosen,
   fits all of them at once with NNLS (Lawson & Hanson, *Solving Least
   Squares Problems*, 1974, ch. 23; :func:`scipy.optimize.nnls`) and keeps
   the candidate that lowers the residual most -- the forward-selection form
   of NNLS spectral unmixing (e.g. Keshava & Mustard, IEEE Signal Process.
   Mag. 19, 44, 2002).  Refitting every component at each step is what
   separates this from plain subtract-and-search.
3. After each accepted component the *residual* is searched in the library
   and its best compounds join the candidates: the "search the residual"
   loop of OMNIC's multi-component search and KnowItAll's MixtureIt, so a
   minor component that is not among the query's own best hits is found.
4. Stop rule: a further component must match the residual it is meant to
   explain (Pearson r >= ``min_residual_r``), and a component is accepted only when it explains at least
   ``min_gain`` of the query's signal (share of the sum of squares) *and* at
   least ``min_fraction`` of the fitted absorbance, and the residual before it
   is clearly above noise (``noise_k`` times the noise of the query, estimated
   from the spectrum itself).  A pure spectrum therefore gives one component
   and noise or a baseline wobble is not "found"; at most ``max_components``.

Baseline: the query is not baseline-corrected first; a low-order polynomial
baseline is fitted together with the components (classical least squares with
baseline terms, Haaland & Easterling, Appl. Spectrosc. 34, 539, 1980), because a
baseline algorithm run on a noisy mixture removes broad bands the pure
references keep.

Fractions are shares of the fitted integrated absorbance (each component's
area on the query's points), not mass fractions: absorptivities differ
between compounds, so a quantitative statement needs calibration standards.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
from scipy.optimize import nnls

from nps_id.i18n import _

#: Defaults of the stop rule, chosen with ``benchmarks/ir_mixtures.py --tune`` (seed 1,
#: stand-in drug set A, 60 mixtures + 11 pure spectra; 36 settings): every component
#: reported 93.3 % (min_gain 0.003: 96.7 % but 5 phantom components; 0.01: 90.0 %;
#: 0.02: 78.3 %), 2 phantom components, no pure spectrum given a second component
#: at any setting tried.  Reported on seed 2, set B (held out) by the default run.
MIN_GAIN = 0.005
MIN_FRACTION = 0.05
NOISE_K = 1.5
#: Second round (after the first held-out run showed 16 phantom components): the residual
#: match r, others fixed, tuned on seed 1 set A only -- 0 to 0.4 all equal there (93.3 %),
#: 0.5: 88.3 %; the largest harmless value kept.  Held-out (seed 2, set B): first run
#: main first 86.7 %, every component 96.7 %, 16 phantoms, pure 10/11; with 0.4: 88.3 %,
#: 96.7 %, 13 phantoms, pure 10/11 (1 phantom).  The held-out set was looked at twice.
MIN_RESIDUAL_R = 0.4
#: Degree of the polynomial baseline fitted with the components (see :func:`unmix`).
#: Third round: the held-out misses were not the stop rule but the query's own arPLS
#: baseline eating broad bands (dextrose O-H) at SNR 200, so the main component's fraction
#: came out low and an O-H phantom (polyvinyl alcohol) took the rest.  Fitting a Legendre
#: baseline with the components instead (stop rule unchanged): with the true components
#: given, main first 57/60 -> 60/60 and the worst fraction error 0.051 -> 0.012 (seed 1 set A;
#: order 1-8 all 60/60, 5 kept).  Tuning seeds 1, 3, 4, 5 set A: main first 95.0/93.3/95.0/88.3
#: -> 100/100/100/100 %, every component 93.3/91.7/93.3/91.7 -> 100/100/98.3/100 %,
#: phantoms 2/5/6/6 -> 0/0/0/0.  Held out, seed 2 set B: main first 88.3 -> 100 %, every
#: component 96.7 -> 100 %, phantoms 13 -> 1, pure 10/11 -> 11/11; fresh seed 12 set B (never
#: looked at before): 96.7 %, 100 %, 3 phantoms, pure 11/11.
#: Fourth round (stress generator: raw components with their instrument baselines, exponential +
#: sigmoid baseline, +-2 cm-1 shift, SNR 100): degree 5 cannot follow those baselines, so broad
#: references (o-xylene, acetonitrile) soaked them up as phantoms in pure spectra; and a missing
#: broad minor component (dextrose at 20 %) left a residual below 2 x noise, so the noise stop hid
#: it.  Tuned on set A seeds 1, 3, 4, 5 (default + stress): degree 8 and NOISE_K 2 -> 1.5 (was 2):
#: stress main first 74.2 -> 73.0 %, every component 75.8 -> 83.8 %, phantoms 3 -> 6, pure 37 -> 41/44;
#: default 100 / 99.6 % / 0 / 44 -> 100 / 100 % / 0 / 44.  Tried and not kept: degree 8 alone (stress
#: every component 72.1 %), degree 12, NOISE_K 1.0 (13 phantoms), a +-2 cm-1 shift per component
#: chosen by residual match (stress every component 74.2 %, 7 phantoms).  Held out, seed 2 set B,
#: default: 100 / 100 % / 1 -> 0 phantoms / 11/11; stress: 56.7 -> 58.3 %, 85.0 -> 90.0 %, 12 -> 1
#: phantoms, pure 8 -> 10/11.  Fresh seed 21 set B: default 100 / 100 % / 1 -> 2 / 11/11; stress
#: 60.0 -> 61.7 %, 86.7 -> 88.3 %, 5 -> 0, pure 8 -> 10/11.  Stress main first is low mostly
#: by the generator's definition (``ir_mixtures.py --band-truth``: 96.7 % / 95.0 %).
BASELINE_ORDER = 8
MAX_COMPONENTS = 4
#: Candidate compounds taken from the query's search, and from each residual search.
POOL = 30
RESIDUAL_POOL = 15


@dataclass
class UnmixResult:
    """The chosen candidates (indices into the candidate matrix), their NNLS weights and the fit."""

    selected: list[int]
    weights: np.ndarray
    fitted: np.ndarray
    residual: np.ndarray
    explained: float
    noise: float
    stop_reason: str
    steps: list[dict[str, Any]] = field(default_factory=list)
    baseline: np.ndarray | None = None   # the fitted polynomial baseline (0 when none was fitted)


def prepare_columns(query: np.ndarray, candidates: np.ndarray, min_coverage: float = 0.5
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The query's finite points, the candidates on them (NaN -> 0) and which candidates cover enough.

    A candidate covering less than ``min_coverage`` of the query's points cannot
    explain the query and is never chosen.
    """
    q = np.asarray(query, float)
    points = np.isfinite(q)
    cand = np.atleast_2d(np.asarray(candidates, float))[:, points]
    coverage = np.isfinite(cand).mean(axis=1) if cand.shape[1] else np.zeros(cand.shape[0])
    cand = np.where(np.isfinite(cand), cand, 0.0)
    usable = (coverage >= min_coverage) & (np.abs(cand).sum(axis=1) > 0)
    return points, cand, usable


def baseline_basis(x: np.ndarray, order: int) -> np.ndarray:
    """Orthonormal columns spanning the polynomials of degree <= ``order`` in ``x`` (n, order + 1).

    Legendre polynomials on x scaled to [-1, 1], orthonormalised by QR; the
    baseline terms of a classical-least-squares fit (Haaland & Easterling,
    Appl. Spectrosc. 34, 539, 1980).
    """
    x = np.asarray(x, float)
    span = float(x.max() - x.min()) if x.size else 0.0
    t = 2.0 * (x - x.min()) / span - 1.0 if span > 0 else np.zeros_like(x)
    basis, _ = np.linalg.qr(np.polynomial.legendre.legvander(t, order))
    return basis


def _project_out(basis: np.ndarray | None, values: np.ndarray) -> np.ndarray:
    """``values`` (n,) or (m, n) with their least-squares part in the basis' span removed."""
    if basis is None:
        return values
    return values - (values @ basis) @ basis.T


def unmix(
    query: np.ndarray,
    candidates: np.ndarray,
    keys: Sequence[str] | None = None,
    noise: float = 0.0,
    max_components: int = MAX_COMPONENTS,
    min_gain: float = MIN_GAIN,
    min_fraction: float = MIN_FRACTION,
    noise_k: float = NOISE_K,
    allowed: np.ndarray | None = None,
    min_residual_r: float = 0.0,
    x: np.ndarray | None = None,
    baseline_order: int | None = None,
) -> UnmixResult:
    """Forward-selection NNLS of ``query`` (n points, NaN = no data) over candidate rows ``(m, n)``.

    ``keys``: compound of each candidate (two spectra of one compound are never
    both chosen).  ``noise``: the query's noise standard deviation on the grid.
    ``allowed``: bool (m,) -- candidates that may be chosen (default all).
    ``min_residual_r``: a further component must correlate at least this well
    (Pearson r) with the residual it is meant to explain -- the hit quality of
    the residual search: a real missing component *is* the residual's shape,
    while a phantom only soaks up part of a band-shape mismatch.
    ``x`` and ``baseline_order``: the query's x values (n,) and the degree of a
    polynomial baseline fitted together with the components (free sign; the
    components stay non-negative).  The query is then *not* baseline-corrected
    beforehand: a baseline algorithm run on a noisy mixture eats broad bands
    (arPLS took 95 % of dextrose's O-H band out of a dextrose cut at SNR 200),
    which the pure references still have.  Every gain and residual below is
    measured after the baseline's share is removed.
    """
    q_full = np.asarray(query, float)
    points, cand, usable = prepare_columns(q_full, candidates)
    if allowed is not None:
        usable &= np.asarray(allowed, bool)
    q_raw = q_full[points]
    basis = None
    if baseline_order is not None and baseline_order >= 0 and x is not None and q_raw.size > baseline_order + 1:
        basis = baseline_basis(np.asarray(x, float)[points], baseline_order)
    q = _project_out(basis, q_raw)
    cand_p = _project_out(basis, cand)
    m = cand.shape[0]
    keys = list(keys) if keys is not None else [str(i) for i in range(m)]
    total = float(q @ q)
    selected: list[int] = []
    weights = np.zeros(0)
    rss = total
    steps: list[dict[str, Any]] = []
    stop = _("no candidate explains the spectrum")
    noise_rss = (noise_k * noise) ** 2 * q.size if noise > 0 else 0.0
    areas = cand.sum(axis=1)
    if total <= 0 or q.size == 0:
        return _result(q_full, points, cand, selected, weights, rss, total, noise, _("the spectrum is empty"), steps,
                       basis, q_raw)
    for _step in range(max_components):
        if rss <= noise_rss:
            stop = _("the residual is at the noise level")
            break
        chosen_keys = {keys[i] for i in selected}
        best = None
        for c in np.flatnonzero(usable):
            if c in selected or keys[c] in chosen_keys:
                continue
            cols = selected + [int(c)]
            w, rnorm = nnls(cand_p[cols].T, q)
            if w[-1] <= 0:
                continue
            if best is None or rnorm < best[2]:
                best = (int(c), w, rnorm)
        if best is None:
            stop = _("no further candidate improves the fit")
            break
        c, w, rnorm = best
        current = q - cand_p[selected].T @ weights if selected else q
        r_res = float(np.corrcoef(cand_p[c], current)[0, 1]) if np.std(current) > 0 and np.std(cand_p[c]) > 0 else 0.0
        new_rss = rnorm ** 2
        gain = (rss - new_rss) / total
        contributions = w * areas[selected + [c]]
        fraction = float(contributions[-1] / contributions.sum()) if contributions.sum() > 0 else 0.0
        step = {"candidate": c, "key": keys[c], "gain": round(float(gain), 4), "fraction": round(fraction, 4),
                "residual_r": round(r_res, 3),
                "noise_ratio": round(float(np.sqrt(rss / q.size)) / noise, 2) if noise > 0 else None}
        if selected and r_res < min_residual_r:
            step["accepted"] = False
            steps.append(step)
            stop = _("the next candidate matches the residual with r = {0:.2f} only").format(r_res)
            break
        if gain < min_gain:
            step["accepted"] = False
            steps.append(step)
            stop = _("the next candidate would explain only {0:.1f} % more of the signal").format(100 * gain)
            break
        if fraction < min_fraction:
            step["accepted"] = False
            steps.append(step)
            stop = _("the next candidate would make only {0:.1f} % of the fitted absorbance").format(100 * fraction)
            break
        step["accepted"] = True
        steps.append(step)
        selected.append(c)
        weights = w
        rss = new_rss
    else:
        stop = _("the maximum of {0} components was reached").format(max_components)
    return _result(q_full, points, cand, selected, weights, rss, total, noise, stop, steps, basis, q_raw)


def _result(q_full, points, cand, selected, weights, rss, total, noise, stop, steps, basis=None, q_raw=None
            ) -> UnmixResult:
    components = cand[selected].T @ weights if selected else np.zeros(int(points.sum()))
    fitted = np.full(q_full.size, np.nan)
    fitted[points] = components
    base = np.full(q_full.size, np.nan)
    if basis is not None:
        base[points] = basis @ (basis.T @ (q_raw - components))
    else:
        base[points] = 0.0
    residual = q_full - base - fitted
    explained = 1.0 - rss / total if total > 0 else 0.0
    return UnmixResult(list(selected), np.asarray(weights, float), fitted, residual, float(explained),
                       float(noise), stop, steps, base)


def component_fractions(candidates: np.ndarray, points: np.ndarray, selected: Sequence[int],
                        weights: np.ndarray) -> np.ndarray:
    """Share of the fitted integrated absorbance of each selected component."""
    cand = np.where(np.isfinite(candidates[:, points]), candidates[:, points], 0.0)
    contributions = np.asarray(weights) * cand[list(selected)].sum(axis=1)
    total = contributions.sum()
    return contributions / total if total > 0 else np.zeros(len(selected))
