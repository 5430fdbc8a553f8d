"""Fit the verdict's confidence models on in-library and out-of-library EI queries.

Queries (all real spectra of ``../shared/data/ms``):

* **bench, in library**: the 636 public queries against ``bench/library.msp``
  (the compound is there, from other labs);
* **bench, not in library**: the same queries with every spectrum of their
  compound left out (leave-compound-out);
* **NPS, not in library**: the 580 NIST replicate spectra of ``nps_classes``
  against the bench library plus ``nps_classes``, each compound left out in turn;
* **NPS, simulated other-lab library** (for the ``ms_nps`` model only): 7 real replicates
  per NPS compound against the bench library plus one reference per NPS compound made
  from its 3 other replicates as another lab might hold it
  (``unknowns_data.simulated_nps_library``), in the library and with the compound's
  reference left out, for the labs and seeds of :data:`FIT_LABS`.  The cross-lab
  difference of the in-library queries is SIMULATED; the out-of-library queries are real
  spectra, judged against real (same-lab, above) and simulated other-lab isomers.
  ``benchmarks/unknowns.py`` reports on other seeds and labs (:data:`unknowns.REPORT_LABS`).

Two model families (:func:`nps_id.unknowns.verdict.confidence_model`): ``ms`` judges
every EI query whose top compound is not of an NPS class (its training rows: the
first three sets, all of them), ``ms_nps`` those whose top compound is a synthetic
cathinone, cannabinoid or phenethylamine (its training rows: every row above whose
top compound is of such a class; the bench has almost none).

The features are those of :func:`nps_id.unknowns.verdict.judgement_features`,
computed by the production code on the best ``JUDGEMENT_DEPTH`` spectra.  Two
logistic models are fitted (scikit-learn): *top* (the top compound is right) and
*group* (the right compound is the top one or one of its close rivals).  The
script prints the coefficients to paste into ``COEFFICIENTS``, a calibration
table under 5-fold cross-validation grouped by compound (every query of a
compound in one fold), and the verdict counts at the chosen thresholds.

Run: ``python benchmarks/calibrate_verdict.py`` (about two minutes).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from unknowns_data import collect, collect_simulated  # noqa: E402

from nps_id.unknowns import verdict as V  # noqa: E402

#: Simulated other-lab NPS libraries (lab, seed) the ``ms_nps`` model is fitted on.
FIT_LABS = (("mixed", 1), ("mixed", 3), ("thresholded", 1))


def fit(features: np.ndarray, labels: np.ndarray, weights: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=10.0, max_iter=2000)
    model.fit(features, labels, sample_weight=weights)
    return model


def prior_weights(rows) -> np.ndarray:
    """Even odds that the library holds the substance: in- and out-of-library queries weigh alike."""
    inside = np.array([r.in_library for r in rows])
    return np.where(inside, 0.5 / max(inside.mean(), 1e-9), 0.5 / max(1 - inside.mean(), 1e-9))


def grouped_folds(groups: list[str], k: int = 5, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    unique = sorted(set(groups))
    rng.shuffle(unique)
    fold_of = {g: i % k for i, g in enumerate(unique)}
    return np.array([fold_of[g] for g in groups])


def calibration_table(p: np.ndarray, y: np.ndarray, title: str, w: np.ndarray | None = None) -> None:
    """Predicted against observed rate per bin; observed weighted to even in/out-of-library odds."""
    w = np.ones_like(p) if w is None else w
    print(f"  {title}: predicted -> observed, even odds (n)")
    edges = [0, 0.1, 0.3, 0.5, 0.7, 0.9, 0.97, 1.0001]
    for lo, hi in zip(edges[:-1], edges[1:]):
        sel = (p >= lo) & (p < hi)
        if sel.any():
            observed = float(np.sum(w[sel] * y[sel]) / np.sum(w[sel]))
            print(f"    {lo:4.2f}-{min(hi, 1):4.2f}: mean {p[sel].mean():5.3f} observed {observed:5.3f} (n={sel.sum()})")


def cross_validated(X: np.ndarray, y: np.ndarray, w: np.ndarray, groups: list[str]) -> np.ndarray:
    """Probabilities of a 5-fold cross-validation grouped by compound (every query of a compound in one fold)."""
    folds = grouped_folds(groups)
    out = np.zeros(len(y))
    for f in range(5):
        train, test = folds != f, folds == f
        out[test] = fit(X[train], y[train], w[train]).predict_proba(X[test])[:, 1]
    return out


#: Terms of ``confidence_basis`` each family is fitted on; the general model leaves out the
#: plain-cosine terms (5-fold grouped CV on the real sets: at 0.85, 74 right and 2 wrong
#: bench identifications and 6 of 636 left out identified with them, 75 / 2 / 7 without:
#: no gain, so the general model was kept as it was).
FAMILY_TERMS = {"ms": 12, "ms_nps": 14}


def fit_family(rows, title: str, terms: int) -> tuple[np.ndarray, np.ndarray]:
    """Fit and print the ``top`` and ``group`` models of one family on the first ``terms`` terms
    of the basis (the coefficients of the others printed as 0); cross-validated probabilities."""
    X = np.array([V.confidence_basis(r.features)[:terms] for r in rows])
    y_top = np.array([r.top_right for r in rows], float)
    y_group = np.array([r.group_right for r in rows], float)
    groups = [r.compound for r in rows]
    w = prior_weights(rows)
    cv_top = cross_validated(X, y_top, w, groups)
    cv_group = cross_validated(X, y_group, w, groups)
    print(f"== {title}: {len(rows)} rows ({sum(r.in_library for r in rows)} in library), "
          f"{len(set(groups))} compounds")
    print("features:", ", ".join(V.FEATURE_NAMES))
    for name, labels in (("top", y_top), ("group", y_group)):
        model = fit(X, labels, w)
        coef = [float(model.intercept_[0])] + [float(c) for c in model.coef_[0]]
        coef += [0.0] * (len(V.confidence_basis(rows[0].features)) + 1 - len(coef))
        print(f'  "{name}": ({", ".join(f"{c:.3f}" for c in coef)}),')
    calibration_table(cv_top, y_top, "top compound right, 5-fold grouped CV", w)
    calibration_table(cv_group, y_group, "right compound among the close candidates, 5-fold grouped CV", w)
    return cv_top, cv_group


def verdict_counts(rows, cv_top: np.ndarray, cv_group: np.ndarray) -> None:
    """Verdicts per set with the cross-validated probabilities at the chosen thresholds."""
    for subset in dict.fromkeys(r.subset for r in rows):
        sel = np.array([r.subset == subset for r in rows])
        counts = {"identified right": 0, "identified wrong": 0, "ambiguous": 0, "not_in_library": 0}
        for i in np.nonzero(sel)[0]:
            r = rows[i]
            if V.may_identify(cv_top[i], r.model, r.rivals, r.features):
                counts["identified right" if r.top_right else "identified wrong"] += 1
            elif max(cv_group[i], cv_top[i]) >= V.IN_LIBRARY_AT or (
                    r.rivals and max(cv_group[i], cv_top[i]) >= V.RIVALS_IN_LIBRARY_AT):
                counts["ambiguous"] += 1
            else:
                counts["not_in_library"] += 1
        n = int(sel.sum())
        print(f"  {subset:<48} n={n:4d}  " + "  ".join(f"{k} {v} ({100 * v / n:.1f} %)" for k, v in counts.items()))


def threshold_sweep(rows, cv_top: np.ndarray, title: str) -> None:
    """Identifications at candidate thresholds with the cross-validated probabilities, per set
    (how ``IDENTIFY_AT_BY_MODEL`` was chosen)."""
    print(f"identification thresholds, {title} (5-fold grouped CV probabilities):")
    for threshold in np.round(np.arange(0.90, 0.695, -0.01), 2):
        right = wrong = n_in = 0
        absent: dict[str, list[int]] = {}
        for r, p in zip(rows, cv_top):
            identified = V.may_identify(p, r.model, r.rivals, r.features, threshold)
            if r.in_library:
                n_in += 1
                right += identified and r.top_right
                wrong += identified and not r.top_right
            else:
                kind = "real" if "simulated" not in r.subset else "simulated"
                absent.setdefault(kind, [0, 0])
                absent[kind][0] += identified
                absent[kind][1] += 1
        print(f"  {threshold:.2f}: in library {n_in}: right and identified {right} ({100 * right / max(n_in, 1):.1f} %), "
              f"silent errors {wrong}; left out: " + ", ".join(
                  f"{kind} {a}/{n} ({100 * a / max(n, 1):.1f} %)" for kind, (a, n) in sorted(absent.items())))


def main() -> None:
    rows = collect()
    simulated = [row for lab, seed in FIT_LABS for row in collect_simulated(lab, seed, left_out=True)]
    general_cv = fit_family(rows, 'general EI model "ms" (every row of the real sets)', FAMILY_TERMS["ms"])
    nps_rows = [r for r in rows + simulated if r.model == "ms_nps" and r.hits]
    nps_cv = fit_family(nps_rows, 'NPS model "ms_nps" (rows whose top compound is of an NPS class)',
                        FAMILY_TERMS["ms_nps"])
    threshold_sweep(nps_rows, nps_cv[0], 'NPS model "ms_nps"')
    # each row judged by its own family, as judge() does; general-family rows of the simulated sets
    # take the general model (its cross-validation does not cover them: fitted on all real rows)
    p_top, p_group = {}, {}
    for family_rows, (cv_top, cv_group) in ((rows, general_cv), (nps_rows, nps_cv)):
        for r, a, b in zip(family_rows, cv_top, cv_group):
            if family_rows is nps_rows or r.model == "ms":
                p_top[id(r)], p_group[id(r)] = a, b
    for r in simulated:
        if id(r) not in p_top:
            p_top[id(r)] = V._logistic(V.COEFFICIENTS["ms"]["top"], r.features) if r.hits else 0.0
            p_group[id(r)] = V._logistic(V.COEFFICIENTS["ms"]["group"], r.features) if r.hits else 0.0
    everything = rows + simulated
    print("verdicts with the cross-validated probabilities, per set (each row judged by its family):")
    verdict_counts(everything, np.array([p_top[id(r)] for r in everything]),
                   np.array([p_group[id(r)] for r in everything]))


if __name__ == "__main__":
    main()
