"""Molecular-ion estimate: fit its confidence on the bench library, check it on two other sets.

    python benchmarks/molecular_ion_calibration.py [--fit]

Truth = nominal mass from the formula (most abundant isotope of each element).
* fit set: ``bench/library.msp`` native spectra (derivatised / labelled keys left out: MassBank
  derivatives carry their parent's formula);
* check sets: ``bench/queries.msp`` (true mass from the library records of the same compound key,
  via truth.tsv + library_keys.tsv) and ``nps_classes`` (Formula on every record).
Prints, per set, the share of spectra answered, the precision of the answered ones per
confidence bin, and (``--fit``) the logistic coefficients to paste into
``nps_id/unknowns/molecular_ion.py``.  Data is read in place from ../shared/data.
"""
from __future__ import annotations

import csv
import os
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from nps_id.io.msp import read_msp  # noqa: E402
from nps_id.unknowns import molecular_ion as mi  # noqa: E402

DATA = Path(os.environ.get("NPS_ID_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
_MASS = {"C": 12, "H": 1, "N": 14, "O": 16, "S": 32, "Cl": 35, "Br": 79, "F": 19, "P": 31, "I": 127,
         "Si": 28, "B": 11, "Se": 80, "D": 2, "Sn": 120, "As": 75, "Hg": 202, "Ge": 74}


def nominal(formula: str | None) -> int | None:
    if not formula:
        return None
    total = 0
    for el, n in re.findall(r"([A-Z][a-z]?)(\d*)", formula):
        if el not in _MASS:
            return None
        total += _MASS[el] * (int(n) if n else 1)
    return total or None


def load_sets() -> dict[str, list[tuple[object, int]]]:
    bench = DATA / "ms" / "bench"
    lib, _ = read_msp(bench / "library.msp")
    queries, _ = read_msp(bench / "queries.msp")
    nps, _ = read_msp(DATA / "ms" / "nps_classes" / "nist_mds2-2418_cm2_cm3_half.msp")
    with open(bench / "library_keys.tsv") as handle:
        keys = {r["db"]: r["compound_key"] for r in csv.DictReader(handle, delimiter="\t")}
    with open(bench / "truth.tsv") as handle:
        truth = {r["query_db"]: r["compound_key"] for r in csv.DictReader(handle, delimiter="\t")}
    key_mass: dict[str, int] = {}
    fit = []
    for s in lib:
        key = keys.get(s.get("source_id"), "")
        mass = nominal(s.get("formula"))
        if mass and key and not key.endswith(("|DERIV", "|ISO")):
            key_mass.setdefault(key, mass)
            fit.append((s, mass))
    check_q = [(s, key_mass[truth[s.name]]) for s in queries if truth.get(s.name) in key_mass]
    check_n = [(s, nominal(s.get("formula"))) for s in nps if nominal(s.get("formula"))]
    return {"bench library (fit)": fit, "bench queries (check)": check_q, "nps_classes (check)": check_n}


def report(name: str, items) -> None:
    probs, correct, answered_none, m_present = [], [], 0, 0
    t0 = time.perf_counter()
    results = [mi.estimate_molecular_ion(s) for s, _ in items]
    elapsed = (time.perf_counter() - t0) / max(len(items), 1) * 1e6
    for (s, mass), r in zip(items, results):
        rel = s.y[np.rint(s.x) == mass]
        m_present += bool(rel.size and rel.max() >= 0.005 * s.y.max())
        if r.nominal_mass is None:
            answered_none += 1
            continue
        probs.append(r.confidence)
        correct.append(r.nominal_mass == mass)
    probs, correct = np.array(probs), np.array(correct, bool)
    print(f"\n{name}: n={len(items)}, true M+ present (>=0.5 % of base) in {m_present}; "
          f"answered {len(probs)}, correct {int(correct.sum())} "
          f"({100 * correct.mean() if len(probs) else 0:.1f} % of answered), 'no M' {answered_none}; "
          f"{elapsed:.0f} us/spectrum")
    print("  confidence bin   n   precision  mean conf")
    for lo, hi in ((0.3, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01)):
        sel = (probs >= lo) & (probs < hi)
        if sel.any():
            print(f"  [{lo:.2f},{min(hi, 1):.2f})  {sel.sum():5d}   {correct[sel].mean():.3f}     "
                  f"{probs[sel].mean():.3f}")


def fit(items) -> None:
    from sklearn.linear_model import LogisticRegression

    X, y = [], []
    for s, mass in items:
        m, feats, _ = mi.evidence(s)
        if m is None:
            continue
        X.append(feats[1:])
        y.append(m == mass)
    model = LogisticRegression(C=1.0, max_iter=2000).fit(np.array(X), np.array(y))
    coef = (float(model.intercept_[0]),) + tuple(float(c) for c in model.coef_[0])
    print("_COEF = (" + ", ".join(f"{c:.3f}" for c in coef) + ")")
    print("features:", mi._FEATURES)


if __name__ == "__main__":
    sets = load_sets()
    if "--fit" in sys.argv:
        fit(sets["bench library (fit)"])
    for name, items in sets.items():
        report(name, items)
