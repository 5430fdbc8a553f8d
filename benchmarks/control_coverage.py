"""How many library records get a control status, before and after matching by structure and name variants.

    python benchmarks/control_coverage.py [--before-commit 7e6ba0d] [--list]

Data: the SWGDRUG-style EI library we have (``../shared/data/ms``; see its README):
``bench/library.msp`` (MassBank + RECETOX + the NIST CM1 fentanyl set, 12,425 records) and
``nps_classes/nist_mds2-2418_cm2_cm3_half.msp`` (580 records: 27 cathinones, 28 synthetic
cannabinoids, 3 phenethylamines, 10 replicates each).

*Before*: the catalogue as it was at ``--before-commit`` with the lookup of that time (first
InChIKey block, CAS, exact normalised name).  *After*: :func:`nps_id.controls.control_status`
(full InChIKey, skeleton — also one borrowed from another record of the same compound —, CAS,
name, synonyms, name variants) on today's catalogue.

Target records (what the issue's check is about): fentanyl analogues (every CM1 record and any
record whose structure or name says so), synthetic cathinones and synthetic cannabinoids, by the
record's ``Class:`` field, else RDKit structure rules, else name stems
(:mod:`nps_id.unknowns.class_rules` — never the catalogue, so the classes do not depend on what
is measured).  A catalogue entry is *in the data* when a record has its InChIKey skeleton or its
exact normalised name/synonym; it *does not match* when such a record gets no status or another
entry's.  The catalogue was written knowing these names (synonyms such as "2-furanyl fentanyl",
"FIBF", "4-ANPP" come from the issue, which quoted this data): the "after" figures are not from
held-out names.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nps_id.controls import control_status  # noqa: E402
from nps_id.io import read_spectra  # noqa: E402
from nps_id.library.catalogue import entries, normalise_name  # noqa: E402
from nps_id.unknowns.class_rules import class_from_name, class_from_smiles, normalise_class  # noqa: E402
from nps_id.unknowns.compounds import CompoundKeys  # noqa: E402

TARGETS = ("fentanyl analogue", "synthetic cathinone", "synthetic cannabinoid")


def shared_data() -> Path:
    return Path(os.environ.get("NPS_ID_SHARED_DATA", ROOT.parent / "shared" / "data"))


def load_records() -> list[dict]:
    ms = shared_data() / "ms"
    files = [ms / "bench" / "library.msp", ms / "nps_classes" / "nist_mds2-2418_cm2_cm3_half.msp"]
    records = []
    for path in files:
        for spectrum in read_spectra(path):
            records.append({
                "file": path.name, "name": spectrum.get("name") or "", "synonyms": list(spectrum.get("synonyms") or []),
                "inchikey": spectrum.get("inchikey") or None, "cas": spectrum.get("cas") or None,
                "smiles": spectrum.get("smiles") or None, "class_field": spectrum.get("compound_class") or None,
                "source_id": spectrum.get("source_id") or ""})
    return records


def target_class(record: dict) -> str | None:
    if "CM1" in record["source_id"]:
        return "fentanyl analogue"  # NIST mds2-2418 CM1: fentanyl analogues and their precursors/opioids
    for label in (normalise_class(record["class_field"]), class_from_smiles(record["smiles"]),
                  class_from_name(record["name"])):
        if label is not None:
            return label if label in TARGETS else None
    return None


class OldCatalogue:
    """The catalogue and lookup as they were at a commit (first block, CAS, exact normalised name)."""

    def __init__(self, commit: str):
        text = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:spectra_library/catalogue.csv"],
                              check=True, capture_output=True, text=True).stdout
        self.by_block, self.by_name, self.by_cas = {}, {}, {}
        for row in csv.DictReader(io.StringIO(text)):
            self.by_block.setdefault(row["inchikey"][:14], row)
            for name in [row["name"], *(s for s in row["synonyms"].split("|") if s)]:
                self.by_name.setdefault(normalise_name(name), row)
            if row["cas"]:
                self.by_cas[row["cas"]] = row
        self.size = len({r["name"] for r in self.by_name.values()})

    def lookup(self, record: dict):
        if record["inchikey"]:
            found = self.by_block.get(record["inchikey"].strip().upper()[:14])
            if found:
                return found
        if record["cas"] and record["cas"].strip() in self.by_cas:
            return self.by_cas[record["cas"].strip()]
        return self.by_name.get(normalise_name(record["name"])) if record["name"] else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before-commit", default="7e6ba0d",
                        help="commit whose catalogue and lookup are 'before' (default 7e6ba0d)")
    parser.add_argument("--list", action="store_true", help="list every target compound with its status")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    records = load_records()
    keys = CompoundKeys((r["name"], r["synonyms"], r["inchikey"], r["cas"]) for r in records)
    old = OldCatalogue(args.before_commit)
    after_status, before_status = [], []
    for r in records:
        key = keys.key(r["inchikey"], r["cas"], r["name"], r["synonyms"])
        skeleton = key[3:] if key.startswith("IK:") else None
        after_status.append(control_status(r["inchikey"], r["cas"], r["name"], r["synonyms"], r["smiles"], skeleton))
        before_status.append(old.lookup(r))
    seconds = time.perf_counter() - start

    classes = [target_class(r) for r in records]
    print(f"records: {len(records)} ({', '.join(f'{n} {f}' for f, n in Counter(r['file'] for r in records).items())}); "
          f"catalogue before {old.size} entries, after {len(entries())}; {seconds:.1f} s")
    print(f"\n{'records':<34} {'n':>6} {'status before':>14} {'status after':>13} {'controlled after':>17}")
    groups = [("all", lambda i: True)] + [(t, (lambda t: lambda i: classes[i] == t)(t)) for t in TARGETS]
    groups.append(("target classes together", lambda i: classes[i] in TARGETS))
    for label, keep in groups:
        idx = [i for i in range(len(records)) if keep(i)]
        before = sum(before_status[i] is not None for i in idx)
        after = sum(after_status[i].in_catalogue for i in idx)
        controlled = sum(after_status[i].kind == "controlled" for i in idx)
        print(f"{label:<34} {len(idx):>6} {before:>14} {after:>13} {controlled:>17}")

    print("\nhow the 'after' statuses were found (records):")
    for basis, n in Counter(s.matched_by for s in after_status if s.in_catalogue).most_common():
        print(f"  {basis:<20} {n:>6}")
    notes = [(records[i]["name"], s.match_note) for i, s in enumerate(after_status) if s.match_note]
    if notes:
        print(f"matches with a note: {len(notes)} records, e.g. " + "; ".join(f"{n}: {t}" for n, t in notes[:3]))

    # catalogue entries in the data that do not match
    by_block, by_name = defaultdict(list), defaultdict(list)
    for i, r in enumerate(records):
        if r["inchikey"]:
            by_block[r["inchikey"][:14].upper()].append(i)
        for text in [r["name"], *r["synonyms"]]:
            by_name[normalise_name(text)].append(i)
    present, missed = [], []
    for entry in entries():
        idx = set(by_block.get(entry.inchikey[:14], []))
        for text in (entry.name, *entry.synonyms):  # a record of this name, unless its structure says otherwise
            idx.update(i for i in by_name.get(normalise_name(text), [])
                       if not records[i]["inchikey"] or records[i]["name"].lower() == entry.name.lower()
                       or normalise_name(records[i]["name"]) == normalise_name(text))
        if not idx:
            continue
        present.append(entry.name)
        wrong = sorted({records[i]["name"] for i in idx if after_status[i].catalogue_name != entry.name})
        if wrong:
            missed.append((entry.name, wrong))
    print(f"\ncatalogue entries present in the data: {len(present)}; not matched on every record: {len(missed)}")
    for name, wrong in missed:
        print(f"  {name}: {', '.join(wrong[:6])}")

    target_compounds = defaultdict(lambda: [0, None, None])
    for i, r in enumerate(records):
        if classes[i] in TARGETS:
            row = target_compounds[(classes[i], r["name"])]
            row[0] += 1
            row[1], row[2] = after_status[i], before_status[i]
    unlisted = sorted(k for k, v in target_compounds.items() if not v[1].in_catalogue)
    print(f"\ntarget compounds (by name): {len(target_compounds)}; in catalogue before "
          f"{sum(v[2] is not None for v in target_compounds.values())}, after "
          f"{sum(v[1].in_catalogue for v in target_compounds.values())}; not in catalogue: {len(unlisted)}")
    print("  " + "; ".join(name for _, name in unlisted))
    if args.list:
        for (cls, name), (n, status, before) in sorted(target_compounds.items()):
            print(f"  {cls:<22} {name:<38} {n:>3}  before: {'yes' if before else 'no ':<4} "
                  f"after: {status.summary()} [{status.matched_by or '-'}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
