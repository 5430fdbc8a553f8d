"""Early-warning register: does "same unknown" (score >= JOIN_AT) group reports as it should?

For every NPS of ``../shared/data/ms/nps_classes`` (58 compounds x 10 NIST replicates) and
every fentanyl of the CM1 set (28 x 10), one replicate is "lab A's report" and the
others are later reports: the register's own index (:class:`nps_id.alerts.clustering.
RegisterIndex`, the library's exact EI engine) scores each later report against every
compound's first report.  Printed per set, at the joining score actually used
(``JOIN_AT["ms"]``) and at a few others:

* the same compound's score and the best *other* compound's score, and how often each
  reaches the threshold;
* the register's actual rule (best match >= ``JOIN_AT``, sure molecular ions must agree)
  with every compound's cluster present: right / wrong / new cluster;
* the first report of a compound whose cluster does not exist yet: how often it joins
  another compound's cluster, split into same-formula isomers (which EI cannot tell
  apart: grouping them is what the register should do) and other compounds.

Same-lab replicates are near-identical, so "joins own" is an upper bound for real
cross-lab reports; the same is repeated with the later reports passed through
``scoring_across_labs.other_lab`` (SIMULATED other-lab differences: intensity skew,
noise, thresholds, scan start; "mixed" lab, seed 2).  Nothing was tuned on these
numbers: 800 is NIST's "good match" convention.  IR: the few real IR spectra of one compound
from several sources (``../shared/data/ir``; not NPS, sample states mixed) at a few r thresholds.  Run: ``python benchmarks/alert_clustering.py``.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from nps_id.alerts.clustering import JOIN_AT, RegisterIndex  # noqa: E402
from nps_id.io import read_spectra  # noqa: E402
from nps_id.spectrum import Spectrum  # noqa: E402

DATA = Path(__import__("os").environ.get("NPS_ID_SHARED_DATA", ROOT.parent / "shared" / "data")) / "ms"
THRESHOLDS = (700.0, 750.0, 800.0, 850.0, 900.0)


def _groups(path: Path) -> dict[str, list[Spectrum]]:
    groups: dict[str, list[Spectrum]] = defaultdict(list)
    for spectrum in read_spectra(path):
        groups[spectrum.name].append(spectrum)
    return groups


def _simulated(spectrum: Spectrum, rng) -> Spectrum:
    from scoring_across_labs import other_lab

    mz, y = other_lab(np.rint(spectrum.x).astype(np.int64), spectrum.y.astype(float), rng, "mixed")
    return Spectrum(mz.astype(float), y, "ms")


def _ion(spectrum: Spectrum) -> int | None:
    """The molecular ion as the register uses it: only when sure (ION_SURE)."""
    from nps_id.alerts.clustering import ION_SURE
    from nps_id.unknowns.molecular_ion import estimate_molecular_ion

    mi = estimate_molecular_ion(spectrum)
    return mi.nominal_mass if mi.nominal_mass and mi.confidence >= ION_SURE else None


def evaluate(name: str, groups: dict[str, list[Spectrum]], simulate: bool) -> None:
    rng = np.random.default_rng(2)
    names = sorted(groups)
    firsts = [groups[n][0] for n in names]
    formula = [f.get("formula") for f in firsts]
    ion_of = {k: ion for k, ion in enumerate(_ion(f) for f in firsts) if ion is not None}
    index = RegisterIndex("ms", list(range(len(names))), list(range(len(names))), firsts)
    own, other, right, wrong = [], [], 0, 0
    new_joins = {"isomer": 0, "other": 0}
    pairs: dict = defaultdict(int)
    for k, compound in enumerate(names):
        rest = RegisterIndex("ms", [i for i in range(len(names)) if i != k], [i for i in range(len(names)) if i != k],
                             [f for i, f in enumerate(firsts) if i != k])
        for report in groups[compound][1:]:
            query = _simulated(report, rng) if simulate else report
            scores = {m.cluster_id: m.score for m in index.matches(query, top=len(names))}
            own.append(scores.get(k, 0.0))
            other.append(max((s for c, s in scores.items() if c != k), default=0.0))
            ion = _ion(query)
            chosen = index.best_cluster(query, ion, ion_of)  # the register's rule, own cluster present
            right += chosen is not None and chosen.cluster_id == k
            wrong += chosen is not None and chosen.cluster_id != k
            first = rest.best_cluster(query, ion, ion_of)  # the first report of a new substance
            if first is not None:
                same = formula[k] and formula[k] == formula[first.cluster_id]
                new_joins["isomer" if same else "other"] += 1
                pairs[(compound, names[first.cluster_id], "isomer" if same else "not an isomer")] += 1
    own, other = np.array(own), np.array(other)
    n = own.size
    label = f"{name}{' (later reports SIMULATED as another lab)' if simulate else ' (same-lab replicates)'}"
    print(f"\n{label}: {len(names)} compounds, {n} later reports")
    print(f"  same-compound score: median {np.median(own):.0f}, 5th percentile {np.percentile(own, 5):.0f}, "
          f"min {own.min():.0f}")
    print(f"  best other-compound score: median {np.median(other):.0f}, 95th percentile "
          f"{np.percentile(other, 95):.0f}, max {other.max():.0f}")
    for t in THRESHOLDS:
        mark = "  <- used" if t == JOIN_AT["ms"] else ""
        print(f"  threshold {t:.0f}: same compound >= it {100 * np.mean(own >= t):5.1f} %, "
              f"best other compound >= it {100 * np.mean(other >= t):5.1f} %{mark}")
    print(f"  register rule at {JOIN_AT['ms']:.0f} (+ sure molecular ions must agree), compound's cluster present: "
          f"right cluster {100 * right / n:.1f} %, wrong cluster {100 * wrong / n:.1f} %, "
          f"new cluster {100 * (n - right - wrong) / n:.1f} %")
    print(f"  first report of a compound whose cluster is absent joins another compound's cluster: "
          f"{100 * (new_joins['isomer'] + new_joins['other']) / n:.1f} % ({100 * new_joins['isomer'] / n:.1f} % "
          f"a same-formula isomer, {100 * new_joins['other'] / n:.1f} % another formula)")
    for (a, b, kind), count in sorted(pairs.items(), key=lambda kv: -kv[1])[:8]:
        print(f"    {a} -> cluster of {b} ({kind}): {count}")


def evaluate_ir() -> None:
    """IR: every spectrum of a compound with >= 2 spectra (ir/index.csv, by CAS) against all the others."""
    import csv

    folder = DATA.parent / "ir"
    rows = [r for r in csv.DictReader(open(folder / "index.csv", encoding="utf-8")) if r["cas_norm"]]
    counts = defaultdict(int)
    for r in rows:
        counts[r["cas_norm"]] += 1
    items = []
    for r in rows:
        if counts[r["cas_norm"]] >= 2:
            try:
                items.append((r["cas_norm"], r["independent_group"], read_spectra(folder / r["file"])[0]))
            except Exception:  # noqa: BLE001 - a file the readers refuse is left out, and counted
                print(f"  (left out: {r['file']})")
    index = RegisterIndex("ir", list(range(len(items))), list(range(len(items))), [s for _, _, s in items])
    own, other = [], []
    for i, (cas, _, spectrum) in enumerate(items):
        scores = {m.cluster_id: m.score for m in index.matches(spectrum, top=len(items)) if m.cluster_id != i}
        own.append(max((s for j, s in scores.items() if items[j][0] == cas), default=0.0))
        other.append(max((s for j, s in scores.items() if items[j][0] != cas), default=0.0))
    own, other = np.array(own), np.array(other)
    print(f"\nIR (ir/index.csv, compounds with >= 2 spectra, mostly solvents/polymers, gas/liquid/ATR mixed): "
          f"{len(items)} spectra of {len({c for c, _, _ in items})} compounds")
    for t in (700.0, 800.0, 850.0, 900.0, 950.0):
        mark = "  <- used" if t == JOIN_AT["ir"] else ""
        print(f"  threshold {t:.0f}: best same-compound spectrum >= it {100 * np.mean(own >= t):5.1f} %, "
              f"best other compound >= it {100 * np.mean(other >= t):5.1f} %{mark}")


def main() -> None:
    evaluate_ir()
    sets = {"NPS (nps_classes)": _groups(DATA / "nps_classes" / "nist_mds2-2418_cm2_cm3_half.msp"),
            "fentanyls (CM1)": _groups(DATA / "sources" / "nist_mds2-2418_cm1_fentanyls_replicates.msp")}
    for name, groups in sets.items():
        for simulate in (False, True):
            evaluate(name, groups, simulate)


if __name__ == "__main__":
    main()
