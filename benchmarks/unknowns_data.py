"""Queries in and out of the library, with the truth, for the unknown-substance benchmarks.

Shared by ``calibrate_verdict.py`` and ``unknowns.py``.  Libraries are built once
from ``../shared/data/ms`` (read in place) into ``$NPS_ID_BENCH_CACHE`` (default:
a folder in the system temp directory) and reused while the data is unchanged.
Leave-compound-out is exact without rebuilding anything: removing a compound's
spectra does not change any other spectrum's score, so the hit list without
the compound is the full hit list with its spectra dropped.
"""
from __future__ import annotations

import csv
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from nps_id.library.catalogue import normalise_name
from nps_id.library.store import open_library
from nps_id.io import read_spectra
from nps_id.search import rank_ms
from nps_id.search.index_cache import update_indexes
from nps_id.unknowns.assess import reference_agreement
from nps_id.unknowns.compounds import compound_keys
from nps_id.unknowns.molecular_ion import estimate_molecular_ion
from nps_id.unknowns.verdict import JUDGEMENT_DEPTH, confidence_model, demote_mass_conflicts, judgement_inputs

SHARED_MS = Path(os.environ.get("NPS_ID_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")) / "ms"
BENCH = SHARED_MS / "bench"
NPS = SHARED_MS / "nps_classes"
NPS_FILE = NPS / "nist_mds2-2418_cm2_cm3_half.msp"
#: Spectra ranked per query before a compound is left out (>= depth + the compound's spectra).
RANK_DEPTH = 150


@dataclass
class QueryRow:
    subset: str  # "bench in library", "bench not in library", "NPS not in library"
    query_id: str
    compound: str  # truth compound key
    in_library: bool
    hits: list = field(repr=False, default_factory=list)
    spectrum: object = field(repr=False, default=None)
    molecular_ion: object = None
    features: list = field(default_factory=list)
    top_right: bool = False
    group_right: bool = False
    rivals: list = field(default_factory=list)
    model: str = "ms"  # the key of verdict.COEFFICIENTS that judges this row (verdict.confidence_model)
    truth_of_hit: dict = field(repr=False, default_factory=dict)
    library: object = field(repr=False, default=None)
    prepared: object = field(repr=False, default=None)


def cache_dir() -> Path:
    path = Path(os.environ.get("NPS_ID_BENCH_CACHE", Path(tempfile.gettempdir()) / "nps-id-bench"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def library(with_nps: bool, names_only: bool = False):
    """The bench library (plus the NPS set), built once.

    ``names_only``: the NPS records keep only their name and class (no formula,
    InChIKey or SMILES), as in an SWGDRUG-style library.
    """
    name = "bench+nps-names.sqlite" if names_only else ("bench+nps.sqlite" if with_nps else "bench.sqlite")
    path = cache_dir() / name
    if not path.exists():
        spectra = read_spectra(NPS_FILE) if with_nps else []
        if names_only:
            spectra = [s.with_metadata(formula=None, inchikey=None, smiles=None) for s in spectra]
        _build_bench_plus(path, spectra)
    lib = open_library(path)
    update_indexes(lib)
    return lib


def _build_bench_plus(path: Path, extra: list) -> None:
    """Build a library file of the bench library plus ``extra`` spectra (renamed into place when complete)."""
    tmp = path.with_suffix(".building")
    if tmp.exists():
        tmp.unlink()
    lib = open_library(tmp, create=True)
    lib.import_files([BENCH / "library.msp"])
    if extra:
        lib.add_spectra(extra)
    lib.close()
    tmp.rename(path)


def bench_keys() -> dict[str, str]:
    with open(BENCH / "library_keys.tsv", newline="", encoding="utf-8") as handle:
        return {r["db"]: r["compound_key"] for r in csv.DictReader(handle, delimiter="\t")}


def nps_compounds() -> list[dict[str, str]]:
    with open(NPS / "compounds.tsv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def nps_key(inchikey: str | None, name: str) -> str:
    return "IK:" + inchikey[:14].upper() if inchikey else "NM:" + normalise_name(name)


def truth_key(hit, keys: dict[str, str]) -> str:
    """The benchmark's compound key of a library hit (NPS records: by their DB#, whatever they lost)."""
    if hit.source_id in keys:
        return keys[hit.source_id]
    source = str(hit.source_id or "")
    if source.startswith("NISTmds2418-"):
        compound = _nps_by_set_index().get(tuple(source.split("-")[1:3]))
        if compound is not None:
            return compound
    return nps_key(hit.inchikey, hit.name)


_NPS_KEYS: dict = {}


def _nps_by_set_index() -> dict[tuple[str, str], str]:
    if not _NPS_KEYS:
        for row in nps_compounds():
            _NPS_KEYS[(row["nist_set"], row["nist_index"])] = nps_key(row["inchikey"], row["compound"])
    return _NPS_KEYS


def _judge_row(row: QueryRow, hits: list, keys: dict[str, str]) -> QueryRow:
    hits = demote_mass_conflicts(hits[:JUDGEMENT_DEPTH], row.molecular_ion)
    row.hits = hits
    row.truth_of_hit = {h.library_id: truth_key(h, keys) for h in hits}
    if not hits:
        row.features = [0.0] * 8
        return row
    high_mass, plain_cosines = reference_agreement(row.library, row.prepared, hits)
    compounds, features, rivals = judgement_inputs(hits, "ms", row.molecular_ion, high_mass, plain_cosines)
    row.features = features
    row.model = confidence_model("ms", compounds[0])
    row.rivals = [c.name for c in rivals]
    top_truth = row.truth_of_hit[compounds[0].hits[0].library_id]
    row.top_right = top_truth == row.compound
    row.group_right = any(row.truth_of_hit[c.hits[0].library_id] == row.compound for c in [compounds[0], *rivals])
    return row


def _queries(lib, spectra, truths, subset_in, subset_out, keys):
    ckeys = compound_keys(lib)
    rows = []
    for spectrum, truth in zip(spectra, truths):
        query, hits, _, _ = rank_ms(lib, spectrum, RANK_DEPTH)
        for hit in hits:
            hit.compound_id = ckeys.key(hit.inchikey, hit.cas, hit.name, hit.synonyms)
        mi = estimate_molecular_ion(spectrum)
        qid = str(spectrum.get("source_id") or spectrum.get("name"))
        if subset_in:
            rows.append(_judge_row(QueryRow(subset_in, qid, truth, True, spectrum=spectrum, molecular_ion=mi,
                                            library=lib, prepared=query), [_copy(h) for h in hits], keys))
        if subset_out is None:
            continue
        out = [_copy(h) for h in hits if truth_key(h, keys) != truth]
        rows.append(_judge_row(QueryRow(subset_out, qid, truth, False, spectrum=spectrum, molecular_ion=mi,
                                        library=lib, prepared=query), out, keys))
    return rows


class _Source:
    def __init__(self, source_id):
        self.source_id, self.inchikey, self.name = source_id, None, ""


def _copy(hit):
    from dataclasses import replace

    return replace(hit)


def simulated_nps_library(lab: str = "mixed", seed: int = 2):
    """Bench library + one SIMULATED other-lab reference per NPS compound (name and class only).

    The reference is made from 3 of the compound's 10 real NIST replicates as another lab's
    library might hold it (``scoring_across_labs.other_lab``: averaging, mass-discrimination
    skew, abundance noise, scan start, small-peak cut); the other 7 replicates are the
    queries.  Returns ``(library, queries)``.  All the cross-lab difference is simulated.
    """
    from scoring_across_labs import _arrays, consensus, other_lab

    import numpy as np

    from nps_id.spectrum import Spectrum

    path = cache_dir() / f"bench+nps-sim-{lab}-{seed}.sqlite"
    nps = read_spectra(NPS_FILE)
    groups: dict[str, list] = {}
    for s in nps:
        groups.setdefault(s.get("source_id").rsplit("-", 1)[0], []).append(s)
    rng = np.random.default_rng(seed)
    references, queries = [], []
    for group, reps in groups.items():
        order = rng.permutation(len(reps))
        mz, y = other_lab(*consensus([_arrays(reps[i]) for i in order[:3]]), rng, lab)
        references.append(Spectrum(mz.astype(float), y, technique="ms", metadata={
            "name": reps[0].get("name"), "compound_class": reps[0].get("compound_class"),
            "source_id": f"{group}-SIM"}))
        queries += [reps[i] for i in order[3:]]
    if not path.exists():
        _build_bench_plus(path, references)
    lib = open_library(path)
    update_indexes(lib)
    return lib, queries


def collect_simulated(lab: str = "mixed", seed: int = 2, left_out: bool = False) -> list[QueryRow]:
    """Real NPS replicates against a simulated other-lab reference of their compound (in library).

    ``left_out``: also each query with its compound's reference left out, so that the
    library's NPS references (isomers, homologues) are other-lab spectra for the
    out-of-library queries too, as in a real search of one lab's spectrum against another
    lab's library (against the NIST replicates themselves, an isomer's spectrum is a
    same-lab, same-run spectrum and looks closer than it would from another lab).
    """
    lib, spectra = simulated_nps_library(lab, seed)
    keys = bench_keys()
    truths = [truth_key(_Source(s.get("source_id")), keys) for s in spectra]
    rows = _queries(lib, spectra, truths, f"NPS in library (simulated {lab} lab, seed {seed})",
                    f"NPS not in library (simulated {lab} lab, seed {seed})" if left_out else None, keys)
    return rows


def collect(bench: bool = True, nps: bool = True, names_only: bool = False) -> list[QueryRow]:
    """Every judged query: bench in/out of library, NPS out of library.

    ``names_only``: NPS left out of a library whose NPS records carry names and classes only.
    """
    keys = bench_keys()
    rows: list[QueryRow] = []
    if bench:
        with open(BENCH / "truth.tsv", newline="", encoding="utf-8") as handle:
            truth = {r["query_db"]: r["compound_key"] for r in csv.DictReader(handle, delimiter="\t")}
        spectra = read_spectra(BENCH / "queries.msp")
        truths = [truth[str(s.get("source_id") or s.get("name"))] for s in spectra]
        rows += _queries(library(False), spectra, truths, "bench in library", "bench not in library", keys)
    if nps:
        spectra = read_spectra(NPS_FILE)
        truths = [truth_key(_Source(s.get("source_id")), keys) for s in spectra]
        subset = "NPS not in library (names-only records)" if names_only else "NPS not in library"
        rows += _queries(library(True, names_only), spectra, truths, None, subset, keys)
    return rows
