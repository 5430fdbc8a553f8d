"""Unknown substances: verdicts, class prediction and analogue search on real EI spectra.

Sets (all of ``../shared/data/ms``, read in place):

* **bench, in library**: the 636 public queries against ``bench/library.msp``;
* **bench, not in library**: the same queries with their compound left out;
* **NPS, not in library**: the 580 NIST replicate spectra of ``nps_classes`` against
  the bench library plus ``nps_classes``, each compound left out in turn; again with
  the NPS records stripped to name and class (an SWGDRUG-style library);
* **NPS, in library (simulated)**: 7 real replicates per NPS compound against the bench
  library plus one reference per compound made from the 3 other replicates as another
  lab might hold it (``scoring_across_labs.other_lab``; name and class only), and the
  same queries with their compound's reference left out (**NPS, not in library
  (simulated)**: the isomers and homologues the query meets are then other-lab spectra,
  as in a real search), for the labs and seeds of :data:`REPORT_LABS`.  The cross-lab
  difference is simulated.  The ``ms_nps`` verdict model was fitted on other seeds
  (``calibrate_verdict.FIT_LABS``) of the same 58 compounds: these rows are new replicate
  splits and new simulated labs, not new compounds (``calibrate_verdict.py`` prints the
  figures cross-validated by compound).  :data:`STRESS_LABS` adds a lab twice as far from
  the NIST replicates: how the verdict fails when labs differ more than simulated.

Printed: identification rate (top-1), verdicts, silent errors (wrong top compound
with verdict ``identified``), the confidence calibration table, the share of
out-of-library queries wrongly ``identified``; NIST's rule of thumb ("score >= 800
is a good match") side by side; for the NPS set the class predicted with the
compound left out of the class model and whether the top analogue (hybrid search,
compound left out) is of the query's class.

The verdict's thresholds and coefficients were fitted on these same sets
(``calibrate_verdict.py``, which prints 5-fold cross-validated figures); the
numbers here are therefore in-sample for the verdict and out-of-sample only for
the class model and the analogues (compound left out).  Run:
``python benchmarks/unknowns.py`` (a few minutes on 2 cores).
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from calibrate_verdict import prior_weights  # noqa: E402
from unknowns_data import collect, collect_simulated, library  # noqa: E402

from nps_id.unknowns.verdict import (  # noqa: E402
    COEFFICIENTS, IN_LIBRARY_AT, RIVALS_IN_LIBRARY_AT, _logistic, may_identify,
)

NIST_GOOD_MATCH = 800.0
#: Simulated other-lab NPS libraries (lab, seed) reported on; none of them was used for fitting.
REPORT_LABS = (("mixed", 2), ("mixed", 4), ("mixed", 6), ("fullpeaks", 2), ("thresholded", 5))
#: A lab twice as far from the NIST replicates (``scoring_across_labs.STRESS_LABS``): how the
#: verdict behaves when the other lab's spectra differ more than the simulation assumes.
STRESS_LABS = (("harsh", 7),)


def verdict_of(row) -> tuple[str, float]:
    """The verdict the production rules give this row (same code path as :func:`judge`)."""
    if not row.hits:
        return "not_in_library", 0.0
    p_top = _logistic(COEFFICIENTS[row.model]["top"], row.features)
    p_group = max(_logistic(COEFFICIENTS[row.model]["group"], row.features), p_top)
    if may_identify(p_top, row.model, row.rivals, row.features):
        return "identified", p_top
    if p_group >= IN_LIBRARY_AT or (row.rivals and p_group >= RIVALS_IN_LIBRARY_AT):
        return "ambiguous", p_top
    return "not_in_library", p_top


def report_verdicts(rows) -> None:
    print("== verdicts ==")
    for subset in dict.fromkeys(r.subset for r in rows):
        part = [r for r in rows if r.subset == subset]
        n = len(part)
        verdicts = [verdict_of(r) for r in part]
        counts = Counter(v for v, _ in verdicts)
        top1 = sum(r.top_right for r in part)
        silent = sum(1 for r, (v, _) in zip(part, verdicts) if v == "identified" and not r.top_right)
        right_identified = sum(1 for r, (v, _) in zip(part, verdicts) if v == "identified" and r.top_right)
        nist = sum(1 for r in part if r.hits and r.hits[0].score >= NIST_GOOD_MATCH)
        nist_wrong = sum(1 for r in part if r.hits and r.hits[0].score >= NIST_GOOD_MATCH and not r.top_right)
        print(f"{subset} (n={n})")
        if part[0].in_library:
            print(f"  top-1 right: {top1} ({100 * top1 / n:.1f} %)")
            print(f"  right and identified: {right_identified} ({100 * right_identified / n:.1f} %); "
                  f"silent errors (wrong, identified): {silent}")
            print(f"  NIST rule (score >= 800): 'good match' {nist} ({100 * nist / n:.1f} %), "
                  f"of them wrong {nist_wrong}")
            misses = Counter(v for r, (v, _) in zip(part, verdicts) if not r.top_right)
            print("  wrong top compound, by verdict: " + ", ".join(f"{k} {v}" for k, v in sorted(misses.items())))
        else:
            print(f"  wrongly identified: {counts['identified']} ({100 * counts['identified'] / n:.1f} %); "
                  f"NIST rule (score >= 800): {nist} ({100 * nist / n:.1f} %)")
        print("  verdicts: " + ", ".join(f"{k} {counts[k]} ({100 * counts[k] / n:.1f} %)"
                                          for k in ("identified", "ambiguous", "not_in_library")))
    stress = tuple(f"simulated {lab} lab, seed {seed})" for lab, seed in STRESS_LABS)
    simulated = [r for r in rows if "simulated" in r.subset]
    summarise_simulated([r for r in simulated if not r.subset.endswith(stress)],
                        f"{len(REPORT_LABS)} simulated other-lab NPS libraries together")
    summarise_simulated([r for r in simulated if r.subset.endswith(stress)],
                        "stress lab (twice the simulated cross-lab difference)")
    # the real sets hold no NPS in the library, so the NPS model's rows are calibrated on the simulated ones
    calibration("confidence calibration, general model rows of the real sets (in-sample), even odds:",
                [r for r in rows if "simulated" not in r.subset and r.model == "ms"])
    calibration("confidence calibration, NPS model rows of the simulated report sets (not fitted on), even odds:",
                [r for r in rows if "simulated" in r.subset and r.model == "ms_nps"])


def summarise_simulated(rows, title: str) -> None:
    """Simulated report sets together: NPS in library and left out, by verdict."""
    if not rows:
        return
    inside = [r for r in rows if r.in_library]
    outside = [r for r in rows if not r.in_library]
    v_in = [verdict_of(r)[0] for r in inside]
    v_out = [verdict_of(r)[0] for r in outside]
    right_id = sum(1 for r, v in zip(inside, v_in) if v == "identified" and r.top_right)
    silent = sum(1 for r, v in zip(inside, v_in) if v == "identified" and not r.top_right)
    wrong_out = sum(1 for v in v_out if v == "identified")
    top1 = sum(r.top_right for r in inside)
    print(f"{title}: in library n={len(inside)}, "
          f"top-1 {100 * top1 / len(inside):.1f} %, right and identified {right_id} "
          f"({100 * right_id / len(inside):.1f} %), silent errors {silent}; left out n={len(outside)}, "
          f"wrongly identified {wrong_out} ({100 * wrong_out / len(outside):.1f} %)")


def calibration(title: str, rows) -> None:
    if not rows:
        return
    print(title)
    p = np.array([verdict_of(r)[1] for r in rows])
    y = np.array([r.top_right for r in rows], float)
    w = prior_weights(rows)
    for lo, hi in zip([0, .1, .3, .5, .7, .85, .95], [.1, .3, .5, .7, .85, .95, 1.01]):
        sel = (p >= lo) & (p < hi)
        if sel.any():
            observed = float(np.sum(w[sel] * y[sel]) / np.sum(w[sel]))
            print(f"  {lo:4.2f}-{min(hi, 1):4.2f}: predicted {p[sel].mean():.3f} -> observed {observed:.3f} (n={sel.sum()})")


def report_classes_and_analogues(rows) -> None:
    """NPS left out compound by compound: class model and analogue search without it."""
    from nps_id.unknowns.analogues import find_analogues
    from nps_id.unknowns.class_rules import coarse_class, record_class
    from nps_id.unknowns.classes import leave_compound_out_predictions

    from unknowns_data import bench_keys, truth_key

    lib = library(True)
    nps_rows = [r for r in rows if r.subset == "NPS not in library"]
    keys = bench_keys()
    all_ids = [i for i, _ in lib.class_rows("ms")]
    compound_of_id = {}
    for start in range(0, len(all_ids), 2000):
        chunk = all_ids[start:start + 2000]
        for library_id, record in zip(chunk, lib.records(chunk)):
            hit = type("R", (), {"source_id": record.get("source_id"), "inchikey": record.get("inchikey"),
                                 "name": record.get("name") or ""})
            compound_of_id[library_id] = truth_key(hit, keys)
    start = time.perf_counter()
    predictions = leave_compound_out_predictions(lib, [r.spectrum for r in nps_rows], [r.compound for r in nps_rows],
                                                 compound_of_id)
    class_time = time.perf_counter() - start
    truth = [coarse_class(record_class({"compound_class": r.spectrum.get("compound_class"),
                                        "name": r.spectrum.get("name"), "smiles": r.spectrum.get("smiles"),
                                        "inchikey": r.spectrum.get("inchikey")}))
             for r in nps_rows]
    print("== class prediction, NPS compound left out of the class model ==")
    right = Counter()
    total = Counter()
    for t, p in zip(truth, predictions):
        total[t] += 1
        right[t] += int(p.label == t)
    n = sum(total.values())
    print(f"  right: {sum(right.values())} of {n} ({100 * sum(right.values()) / n:.1f} %)  [{class_time:.0f} s]")
    for c in sorted(total):
        print(f"    {c}: {right[c]} / {total[c]}")
    top_hit_class = sum(1 for r, t in zip(nps_rows, truth) if r.hits and _hit_class(r.hits[0]) == t)
    print(f"  baseline, class of the top hit (compound left out): {top_hit_class} / {n} "
          f"({100 * top_hit_class / n:.1f} %)")
    print("== analogue search (hybrid), NPS compound left out ==")
    good = 0
    times = []
    for r, t in zip(nps_rows, truth):
        start = time.perf_counter()
        left_out = [i for i, c in compound_of_id.items() if c == r.compound]
        found = find_analogues(lib, r.spectrum, r.molecular_ion, top=1, exclude_ids=left_out)
        times.append(time.perf_counter() - start)
        if found and _analogue_class(found[0]) == t:
            good += 1
    print(f"  top analogue in the query's class: {good} / {n} ({100 * good / n:.1f} %); "
          f"median {1000 * np.median(times):.0f} ms per query")


def _hit_class(hit) -> str | None:
    from nps_id.unknowns.class_rules import coarse_class, record_class

    return coarse_class(record_class({"compound_class": hit.compound_class, "name": hit.name, "smiles": hit.smiles,
                                      "inchikey": hit.inchikey, "cas": hit.cas}))


def _analogue_class(analogue) -> str | None:
    from nps_id.unknowns.class_rules import coarse_class, record_class

    return coarse_class(record_class({"compound_class": analogue.compound_class, "name": analogue.name,
                                      "inchikey": analogue.inchikey}))


def main() -> None:
    start = time.perf_counter()
    rows = collect()
    names_only = collect(bench=False, names_only=True)
    simulated = [row for lab, seed in REPORT_LABS + STRESS_LABS
                 for row in collect_simulated(lab, seed, left_out=True)]
    print(f"{len(rows) + len(names_only) + len(simulated)} judged queries in {time.perf_counter() - start:.0f} s")
    report_verdicts(rows + names_only + simulated)
    report_classes_and_analogues(rows)


if __name__ == "__main__":
    main()
