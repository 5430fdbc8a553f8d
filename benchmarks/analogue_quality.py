"""Analogue quality: is the top analogue in the query's class?  nps_classes, leave-compound-out.

    python benchmarks/analogue_quality.py [--step 1]

The bench library (``../shared/data/ms/bench/library.msp``) and the 580 nps_classes spectra
(58 NPS, ``Class:`` on every record) are imported into a temporary library (read in place);
each nps_classes spectrum is a query with *all* spectra of its compound (InChIKey first block,
else name) left out.  A query counts when the top analogue's class (record ``Class:``, else
the compound catalogue) equals the query's.  Printed for the unknown's mass as
:func:`find_analogues` chooses it (molecular ion, else mass hypotheses), for the true mass
from the formula (upper reference), and for direct scores only (no shift).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from nps_id.io.msp import read_msp  # noqa: E402
from nps_id.library.store import open_library  # noqa: E402
from nps_id.unknowns.analogues import find_analogues, formula_nominal_mass  # noqa: E402
from nps_id.unknowns.results import MolecularIon  # noqa: E402

DATA = Path(os.environ.get("NPS_ID_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


def _key(record) -> str:
    inchikey = (record.get("inchikey") or "").upper()
    return inchikey[:14] if len(inchikey) >= 14 else (record.get("name") or "").lower()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--step", type=int, default=1, help="use every n-th query")
    args = parser.parse_args()
    nps_file = DATA / "ms" / "nps_classes" / "nist_mds2-2418_cm2_cm3_half.msp"
    queries, _ = read_msp(nps_file)
    queries = queries[:: args.step]
    with tempfile.TemporaryDirectory() as tmp:
        library = open_library(Path(tmp) / "lib.sqlite", create=True)
        library.import_files([DATA / "ms" / "bench" / "library.msp", nps_file])
        ids_by_key = defaultdict(list)
        for record in library.find(limit=1_000_000):
            ids_by_key[_key(record)].append(int(record["id"]))
        modes = {
            "molecular ion, else mass hypotheses (default)": None,
            "true nominal mass (formula)": "true",
            "direct scores only (no shift)": "direct",
        }
        for label, mode in modes.items():
            right = n = explained = 0
            start = time.perf_counter()
            for q in queries:
                ion = None
                if mode == "true":
                    ion = MolecularIon(formula_nominal_mass(q.get("formula")), 1.0, "formula")
                    if ion.nominal_mass is None:
                        continue  # no formula: no true mass
                found = find_analogues(library, q, ion, top=1, exclude_ids=ids_by_key[_key(q.metadata)],
                                       hybrid=mode != "direct")
                n += 1
                right += bool(found) and found[0].compound_class == q.get("compound_class")
                explained += bool(found) and found[0].shift_explanation is not None
            ms = (time.perf_counter() - start) / max(n, 1) * 1000
            print(f"{label}: top analogue in the query's class {right}/{n} = {100 * right / max(n, 1):.1f} %, "
                  f"shift explained {100 * explained / max(n, 1):.1f} %, {ms:.0f} ms/query")
        library.close()


if __name__ == "__main__":
    main()
