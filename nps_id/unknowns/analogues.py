"""Analogue search: NIST's hybrid similarity search over a whole EI library.

Moorthy, Wallace, Kearsley, Tchekhovskoi & Stein (2017), "Combining fragment-ion and
neutral-loss matching during mass spectral library searching: a new general purpose
algorithm applicable to illicit drug identification", *Anal. Chem.* 89:13261-13268
(doi:10.1021/acs.analchem.7b03320).  A compound that differs from a library compound by
one "inert" structural change keeps the library compound's fragment ions that do not
carry the change (same m/z) and shifts those that do by the mass difference.  With
Δ = M_unknown − M_library:

* each library peak at m/z c may match the unknown's peak at c (*direct*, fragment ion)
  or at c + Δ (*shifted*, i.e. the same neutral loss from the molecular ion);
* every peak of either spectrum is used at most once: candidate pairs are accepted in
  descending order of their product W_u·W_l (ties: library m/z order, direct first);
* the score is the weighted dot product of the accepted pairs, with the weights of the
  main search's composite (``W = m^a · I^b``, a = 1, b = 0.5 by default; each side's own
  m/z, so a shifted peak keeps its weight), over all peaks of both spectra:
  ``hybrid = 999 · (Σ_pairs W_u W_l)² / (Σ_u W_u² · Σ_l W_l²)``.
  This is the dot-product part of the composite match factor (Stein & Scott 1994) in
  hybrid form; the peak-pair ratio term has no meaning across a shift and is not used.
  ``direct_score`` is the same dot product with Δ = 0 (fragment ions only).

Spectra are prepared as in the main search (nominal m/z, base 999, peaks under 1 % of
base dropped); the library side is the EI index rows (:func:`nps_id.search.index_cache.ms_index`).
The search is exact: every library spectrum with a known nominal mass is scored by one
compiled pass (:mod:`nps_id.unknowns.analogue_kernels`), no prefilter.  The library
compounds' nominal masses come from the record's MW, else its formula, else its SMILES
(RDKit), else the compound catalogue (InChIKey/CAS/name), else the library spectrum's
own molecular-ion estimate when its confidence is at least :data:`SELF_MASS_CONFIDENCE`;
they are computed once per library revision and saved beside the library.

Unknown molecular mass: many NPS (cathinones, amines, carboxamide cannabinoids) show no
or only a doubtful M+• at 70 eV, and a wrong Δ ruins the shifted matches.  When the
molecular ion is not trusted (confidence < :data:`TRUSTED_MASS_CONFIDENCE`) the search tries a
few mass hypotheses (:func:`mass_hypotheses`: the highest non-isotope peaks plus the
commonest α-cleavage losses) in the same compiled pass and reports the list under the
hypothesis whose best analogue scores highest, marked ``mass_assumed=True`` with
``assumed_mass`` — a hypothesis, said so, never presented as a seen molecular ion — unless
that hypothesis gains no more than :data:`DIRECT_PREFERRED_WITHIN` over the best direct match:
then the list is ranked by direct scores with no shift (the substance itself or an isomer is
in the library; leave-compound-out class of the top analogue unchanged, 463 of 580).  A
spectrum with no usable peak gives direct-score neighbours with ``mass_shift=None``.
Library spectra of unknown mass (e.g. SWGDRUG-style records with a name only, not in the
catalogue, whose own molecular ion is not clear) are scored directly (hybrid = direct score)
and listed with ``mass_shift=None``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nps_id.unknowns.compounds import compound_keys
from nps_id.unknowns.masses import nominal_mass_of_formula
from nps_id.unknowns.results import Analogue, MolecularIon

#: A library spectrum's own molecular-ion estimate is used as its mass from this confidence.
SELF_MASS_CONFIDENCE = 0.8
_MASS_CACHE_VERSION = 1

#: Common substitutions by nominal mass shift (unknown minus library compound); the sign is
#: applied in :func:`explain_shift` ("+14: CH2 …" or "−14: CH2 less …").  Sources: Moorthy
#: et al. 2017 (Table 1 and examples: CH2, O, F/H, Cl/H, OCH2 …), UNODC/EMCDDA NPS
#: structure families (ring substituents, N-alkyl chains, aza analogues, fentanyl acyl groups),
#: INCB designer-precursor relations (glycidates, esters of BMK/PMK; NPP/4-ANPP/norfentanyl).
SHIFTS: dict[int, str] = {
    0: "same nominal mass (isomer, e.g. positional isomer, or the same compound)",
    1: "N for CH (aza analogue, e.g. indole -> indazole)",
    2: "2 H (saturated vs. double bond or ring)",
    12: "C (e.g. cyclopropyl- vs. propionyl, ring closure)",
    14: "CH2 (homologue: methyl for H, longer alkyl chain)",
    15: "NH (amino for H)",
    16: "O (hydroxy for H, N-oxide, ketone vs. CH2 … +O)",
    18: "F for H",
    26: "C2H2 (pyrrolidine ring for N,N-dimethyl or N-ethyl; vinyl)",
    28: "C2H4 (two CH2: ethyl for H) or CO",
    30: "OCH2 (methoxy for H)",
    32: "S, or O2",
    34: "Cl for H",
    36: "2 F for 2 H",
    40: "C3H4 (pyrrolidinyl vs. amino, propargyl …)",
    42: "C2H2O (acetyl for H) or C3H6 (propyl for H)",
    44: "CH2O2 for 2 H (methylenedioxy ring, e.g. P2P -> PMK, methamphetamine -> MDMA) or CO2",
    56: "C3H4O (propionyl for H, e.g. 4-ANPP -> fentanyl) or C4H8",
    58: "C2H2O2 (methoxycarbonyl for H: methyl ester, e.g. P2P -> methyl alpha-phenylacetoacetate)",
    68: "2 Cl for 2 H",
    72: "C3H4O2 (ethoxycarbonyl for H: ethyl ester; methyl glycidate, e.g. P2P -> BMK methyl glycidate)",
    76: "C6H4 (phenyl for H)",
    77: "C6H7N for O (reductive amination with aniline, e.g. NPP -> 4-ANPP)",
    78: "Br for H (79Br)",
    80: "Br for H (81Br)",
    86: "C4H6O2 (ethyl glycidate, e.g. P2P -> BMK ethyl glycidate)",
    90: "C7H6 (benzyl for H)",
    104: "C8H8 (phenethyl for H, e.g. norfentanyl -> fentanyl)",
    126: "I for H",
}


def explain_shift(shift: int | None) -> str | None:
    """A common substitution of this nominal mass shift, or None."""
    if shift is None:
        return None
    text = SHIFTS.get(abs(int(shift)))
    if text is None:
        return None
    if shift == 0:
        return f"0: {text}"
    return f"{int(shift):+d}: {text}" if shift > 0 else f"{int(shift):+d}: {text} less in the unknown"


#: Nominal mass of a molecular formula (one implementation for the whole package).
formula_nominal_mass = nominal_mass_of_formula


def _smiles_mass(smiles: str | None) -> int | None:
    if not smiles:
        return None
    try:
        from rdkit import Chem, RDLogger
        from rdkit.Chem.rdMolDescriptors import CalcMolFormula

        RDLogger.DisableLog("rdApp.*")
        mol = Chem.MolFromSmiles(str(smiles))
        if mol is None:
            return None
        return formula_nominal_mass(re.sub(r"[+-]\d*$", "", CalcMolFormula(mol)))
    except Exception:
        return None


def _record_mass(record: dict | None) -> tuple[int | None, int]:
    """(nominal mass, source) of a library record: 1 MW, 2 formula, 3 SMILES, 4 catalogue."""
    if not record:
        return None, 0
    mw = record.get("mw")
    try:
        if mw not in (None, "") and float(mw) > 1:
            return int(round(float(mw))), 1
    except (TypeError, ValueError):
        pass
    mass = formula_nominal_mass(record.get("formula"))
    if mass:
        return mass, 2
    mass = _smiles_mass(record.get("smiles"))
    if mass:
        return mass, 3
    from nps_id.library.catalogue import lookup

    entry = lookup(inchikey=record.get("inchikey"), name=record.get("name"), cas=record.get("cas"))
    if entry is not None:
        mass = formula_nominal_mass(entry.formula) or _smiles_mass(entry.smiles)
        if mass:
            return mass, 4
    return None, 0


@dataclass
class LibraryMasses:
    """Nominal mass of every row of the EI index (-1: unknown) and where it came from.

    ``source``: 0 unknown, 1 record MW, 2 formula, 3 SMILES, 4 catalogue, 5 own spectrum.
    """

    library_ids: np.ndarray
    mass: np.ndarray
    source: np.ndarray


_memory: dict[str, tuple[int, LibraryMasses]] = {}


def library_masses(library, index=None) -> LibraryMasses:
    """Nominal masses of the library's EI spectra, in EI index row order (cached)."""
    from nps_id.search.index_cache import _atomic_save, _cache_dir, ms_index

    index = ms_index(library) if index is None else index
    revision = int(library.revision())
    key = str(library.location)
    cached = _memory.get(key)
    if cached and cached[0] == revision and np.array_equal(cached[1].library_ids, index.library_ids):
        return cached[1]
    path = Path(_cache_dir(library)) / "analogue_masses.npz"
    masses = _load_masses(path, revision, index.library_ids)
    if masses is None:
        masses = _compute_masses(library, index)
        try:
            _atomic_save(path, library_ids=masses.library_ids, mass=masses.mass, source=masses.source,
                         revision=np.array([revision]), version=np.array([_MASS_CACHE_VERSION]))
        except OSError:
            pass  # a read-only location: keep it in memory only
    _memory[key] = (revision, masses)
    return masses


def _load_masses(path: Path, revision: int, ids: np.ndarray) -> LibraryMasses | None:
    try:
        with np.load(path) as data:
            if int(data["version"][0]) != _MASS_CACHE_VERSION or int(data["revision"][0]) != revision:
                return None
            loaded = LibraryMasses(data["library_ids"], data["mass"], data["source"])
    except (OSError, KeyError, ValueError, IndexError):
        return None
    return loaded if np.array_equal(loaded.library_ids, ids) else None


def _compute_masses(library, index) -> LibraryMasses:
    from nps_id.spectrum import Spectrum
    from nps_id.unknowns.molecular_ion import estimate_molecular_ion

    ids = np.asarray(index.library_ids, dtype=np.int64)
    mass = np.full(ids.size, -1, dtype=np.int32)
    source = np.zeros(ids.size, dtype=np.int8)
    records = library.records([int(i) for i in ids]) if ids.size else []
    matrix = index.matrix
    for row, record in enumerate(records):
        value, where = _record_mass(record)
        if value is None:
            start, stop = matrix.indptr[row], matrix.indptr[row + 1]
            estimate = estimate_molecular_ion(Spectrum(matrix.indices[start:stop].astype(float),
                                                       np.asarray(matrix.data[start:stop], float)))
            if estimate.nominal_mass is not None and estimate.confidence >= SELF_MASS_CONFIDENCE:
                value, where = estimate.nominal_mass, 5
        if value is not None:
            mass[row], source[row] = value, where
    return LibraryMasses(ids, mass, source)


# -- the search -------------------------------------------------------------------------
@dataclass
class _Prepared:
    indptr: np.ndarray
    indices: np.ndarray
    weight: np.ndarray
    total: np.ndarray


_prepared: dict[int, tuple[object, _Prepared]] = {}


def _prepare_index(index) -> _Prepared:
    """Row weights W = m^a I^b of the index (float32), computed once per index object."""
    cached = _prepared.get(id(index))
    if cached is not None and cached[0] is index:
        return cached[1]
    p = index.params
    m = index.matrix
    m.sort_indices()
    indptr = m.indptr.astype(np.int64)
    indices = m.indices.astype(np.int32)
    # float32 storage (as the main search's index) halves the memory of a large library; the
    # kernel and the reference both multiply these float32 values in float64
    weight = (indices.astype(np.float64) ** p.mz_power
              * m.data.astype(np.float64) ** p.intensity_power).astype(np.float32)
    rows = np.repeat(np.arange(m.shape[0]), np.diff(indptr))
    total = np.bincount(rows, weights=weight.astype(np.float64) ** 2, minlength=m.shape[0])
    prepared = _Prepared(indptr, indices, weight, total)
    _prepared.clear()
    _prepared[id(index)] = (index, prepared)
    return prepared


def query_weights(spectrum, params) -> tuple[np.ndarray, float]:
    """Dense weights W = m^a I^b of the prepared unknown over nominal m/z, and Σ W²."""
    from nps_id.ms.filters import prepare_ei_spectrum

    x = np.asarray(spectrum.x, float)
    y = np.asarray(spectrum.y, float)
    ok = np.isfinite(x) & np.isfinite(y) & (y > 0) & (x >= 0.5)
    if not ok.any():
        return np.zeros(1), 0.0
    spectrum = type(spectrum)(x[ok], y[ok], spectrum.technique, spectrum.x_unit, spectrum.y_unit)
    prepared = prepare_ei_spectrum(spectrum, params.noise_threshold)
    mz = np.rint(prepared.x).astype(np.int64)
    keep = (prepared.y > 0) & (mz > 0)
    mz, inten = mz[keep], prepared.y[keep]
    if mz.size == 0:
        return np.zeros(1), 0.0
    dense = np.zeros(int(mz.max()) + 1)
    np.add.at(dense, mz, mz.astype(float) ** params.mz_power * inten ** params.intensity_power)
    return dense, float(np.sum(dense ** 2))


def score_hypotheses(index, masses: LibraryMasses, spectrum, unknown_masses,
                     rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Scores of the given index rows (default all) under each hypothesis of the unknown's mass.

    ``unknown_masses``: a sequence of nominal masses, or None (direct scores only).
    Returns ``(rows, hybrid[h, k] 0-999, direct[k] 0-999, shifted_peaks[h, k])``; empty rows
    get -1; a row of unknown mass gets its direct score under every hypothesis.
    """
    from nps_id.unknowns.analogue_kernels import hybrid_scores

    prep = _prepare_index(index)
    q_weight, q_total = query_weights(spectrum, index.params)
    rows = np.arange(index.size, dtype=np.int64) if rows is None else np.asarray(rows, np.int64)
    use_shift = unknown_masses is not None and len(unknown_masses) > 0
    hyps = np.asarray(list(unknown_masses) if use_shift else [0], dtype=np.int64)
    hybrid = np.empty((hyps.size, rows.size))
    direct = np.empty(rows.size)
    shifted = np.empty((hyps.size, rows.size), np.int64)
    hybrid_scores(prep.indptr, prep.indices, prep.weight, prep.total, masses.mass.astype(np.int64), rows,
                  q_weight, q_total, hyps, use_shift, hybrid, direct, shifted)
    hybrid = np.where(hybrid >= 0, hybrid * 999.0, -1.0)
    return rows, hybrid, np.where(direct >= 0, direct * 999.0, -1.0), shifted


def score_rows(index, masses: LibraryMasses, spectrum, unknown_mass: int | None,
               rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(rows, hybrid 0-999, direct 0-999, shifted peak count) under one unknown mass (None: direct)."""
    rows, hybrid, direct, shifted = score_hypotheses(
        index, masses, spectrum, None if unknown_mass is None else [int(unknown_mass)], rows)
    return rows, hybrid[0], direct, shifted[0]


def reference_score(q_mz, q_int, l_mz, l_int, delta: int | None, mz_power: float = 1.0,
                    intensity_power: float = 0.5) -> tuple[float, float, int]:
    """Plain Python/numpy hybrid score of one pair of prepared spectra (the kernel's reference).

    Returns (hybrid 0-999, direct 0-999, shifted peaks); same pairing rule and the same
    float32-stored library weights as the kernel.
    """
    q = {}
    for m, i in zip(np.asarray(q_mz, np.int64), np.asarray(q_int, float)):
        if i > 0 and m > 0:
            q[int(m)] = q.get(int(m), 0.0) + float(m) ** mz_power * float(i) ** intensity_power
    lib = [(int(m), float(np.float32(float(m) ** mz_power * float(i) ** intensity_power)))
           for m, i in sorted(zip(np.asarray(l_mz, np.int64), np.asarray(l_int, float))) if i > 0]
    q_total = sum(w * w for w in q.values())
    l_total = sum(w * w for _, w in lib)
    if not q_total or not l_total:
        return -1.0, -1.0, 0
    pairs = []
    direct_cross = 0.0
    d = int(delta or 0)
    for e, (c, wl) in enumerate(lib):
        if c in q:
            pairs.append((wl * q[c], len(pairs), e, c, 0))
            direct_cross += wl * q[c]
        if d and (c + d) in q:
            pairs.append((wl * q[c + d], len(pairs), e, c + d, 1))
    direct = direct_cross ** 2 / (q_total * l_total) * 999.0
    if not d:
        return direct, direct, 0
    used_l, used_q, cross, n_shift = set(), set(), 0.0, 0
    for p, _, e, c, s in sorted(pairs, key=lambda t: (-t[0], t[1])):
        if e in used_l or c in used_q:
            continue
        used_l.add(e)
        used_q.add(c)
        cross += p
        n_shift += s
    return cross ** 2 / (q_total * l_total) * 999.0, direct, n_shift


#: Molecular-ion confidence from which the unknown's mass is taken as known (one Δ).
TRUSTED_MASS_CONFIDENCE = 0.8
#: Neutral losses added to the top peaks to form mass hypotheses when M is absent or uncertain:
#: CH3, C2H5/CHO, C3H7/CH3CO, the commonest α-cleavage losses of the molecular ions of amines,
#: ketones and esters (McLafferty & Tureček, ch. 8-9), which are the NPS whose M+• is weak.
HYPOTHESIS_LOSSES = (0, 15, 29, 43)
#: With an assumed mass, the list is ranked by direct scores (no shift) unless the best
#: hypothesis' best analogue scores more than this above the best direct match: shifted
#: pairs only add to a score, so a hypothesis always gains a little by chance, and a
#: compound that matches directly (the substance itself, or an isomer) must not be listed
#: at a shift from a mass the unknown was never seen to have (4-chloroethcathinone at
#: "-65" from an assumed 146).  The ambiguity margin of the verdict: scores closer than
#: this are not told apart.
DIRECT_PREFERRED_WITHIN = 40.0
#: How many of the highest non-isotope peaks form mass hypotheses.
HYPOTHESIS_PEAKS = 3


def mass_hypotheses(spectrum, molecular_ion: MolecularIon | None) -> tuple[list[int], bool]:
    """The unknown masses to search with, and whether they are assumed (not a seen M+•).

    A molecular ion with confidence >= :data:`TRUSTED_MASS_CONFIDENCE` is the only
    hypothesis.  Otherwise the hypotheses are the reported molecular ion (if any) and each of
    the :data:`HYPOTHESIS_PEAKS` highest non-isotope peaks plus each of
    :data:`HYPOTHESIS_LOSSES`; the search keeps the one whose best analogue scores highest.
    Leave-compound-out on nps_classes (``benchmarks/analogue_quality.py``: 580 queries of 58 NPS,
    library = bench library + nps_classes, the query's compound taken out): top analogue in the
    query's class 79.8 % with this rule (61 ms/query), 70.7 % with the molecular ion alone
    (direct neighbours when none), 66.7 % with direct scores only, 85.2 % with the true mass
    (540 queries with a formula).
    """
    from nps_id.unknowns.molecular_ion import mass_candidates

    mass = molecular_ion.nominal_mass if molecular_ion is not None else None
    if mass is not None and molecular_ion.confidence >= TRUSTED_MASS_CONFIDENCE:
        return [int(mass)], False
    found = {int(m) + d for m in mass_candidates(spectrum, HYPOTHESIS_PEAKS) for d in HYPOTHESIS_LOSSES}
    if mass is not None:
        found.add(int(mass))
    return sorted(found), True


def find_analogues(library, spectrum, molecular_ion: MolecularIon | None = None, top: int = 10,
                   exclude_ids=None, hybrid: bool = True) -> list[Analogue]:
    """The ``top`` library compounds nearest the unknown by hybrid similarity, best first.

    One entry per compound (InChIKey first block, else CAS, else normalised name), from its
    best-scoring spectrum.  ``molecular_ion`` defaults to
    :func:`~nps_id.unknowns.molecular_ion.estimate_molecular_ion` of ``spectrum``; when it
    is absent or uncertain, several mass hypotheses are tried (:func:`mass_hypotheses`) and the
    list is given under the best one, with ``mass_assumed=True``; a spectrum too poor for any
    hypothesis gives direct-score neighbours with ``mass_shift=None``.
    ``exclude_ids``: library ids left out (leave-compound-out evaluation).
    ``hybrid=False``: direct scores only (no shifted matches, ``mass_shift=None``) — the
    comparison baseline.
    """
    from nps_id.library.catalogue import lookup
    from nps_id.search.index_cache import ms_index
    from nps_id.unknowns.molecular_ion import estimate_molecular_ion

    if top <= 0:
        return []
    index = ms_index(library)
    if index.size == 0:
        return []
    if molecular_ion is None:
        molecular_ion = estimate_molecular_ion(spectrum)
    hypotheses, assumed = mass_hypotheses(spectrum, molecular_ion) if hybrid else ([], False)
    masses = library_masses(library, index)
    keys = compound_keys(library)
    rows, hybrids, direct, shifted_all = score_hypotheses(index, masses, spectrum, hypotheses or None)
    if exclude_ids is not None:
        hybrids[:, np.isin(index.library_ids, np.asarray(list(exclude_ids), np.int64))] = -1.0
        direct = np.where(hybrids[0] < 0, -1.0, direct)
    # one hypothesis for the whole list: the one whose best analogue scores highest (first on ties)
    best = int(np.argmax(hybrids.max(axis=1))) if hybrids.shape[1] else 0
    hybrid, shifted = hybrids[best], shifted_all[best]
    unknown_mass = int(hypotheses[best]) if hypotheses else None
    if assumed and hybrid.size and hybrid.max() - direct.max() <= DIRECT_PREFERRED_WITHIN:
        hybrid, shifted, unknown_mass = direct, np.zeros_like(shifted), None
    valid = np.flatnonzero(hybrid > 0)
    if valid.size == 0:
        return []
    # best first, ties by library order; read records in growing batches until `top` compounds
    order = valid[np.lexsort((valid, -hybrid[valid]))]
    found: list[Analogue] = []
    seen: set[str] = set()
    start, batch = 0, max(4 * top, 40)
    while start < order.size and len(found) < top:
        chunk = order[start:start + batch]
        start += batch
        batch *= 2
        for row, record in zip(chunk, library.records([int(index.library_ids[r]) for r in chunk])):
            if record is None:
                continue
            key = keys.key(record.get("inchikey"), record.get("cas"), record.get("name") or "",
                           record.get("synonyms") or ())
            if key in seen:
                continue
            seen.add(key)
            lib_mass = int(masses.mass[row]) if masses.mass[row] >= 0 else None
            shift = unknown_mass - lib_mass if (unknown_mass is not None and lib_mass is not None) else None
            entry = lookup(inchikey=record.get("inchikey"), name=record.get("name"), cas=record.get("cas"))
            found.append(Analogue(
                rank=len(found) + 1, library_id=int(index.library_ids[row]), name=record.get("name") or "",
                score=round(float(hybrid[row]), 1), direct_score=round(float(direct[row]), 1),
                # a shift explains something only if peaks were matched across it (0: an isomer)
                mass_shift=shift,
                shift_explanation=explain_shift(shift) if shift == 0 or shifted[row] > 0 else None,
                compound_class=record.get("compound_class") or (entry.compound_class if entry else None),
                control_status=entry.control_status if entry else None,
                inchikey=record.get("inchikey"), formula=record.get("formula"),
                mw=float(lib_mass) if lib_mass is not None else None, source_id=record.get("source_id"),
                shifted_peaks=int(shifted[row]), assumed_mass=unknown_mass,
                mass_assumed=bool(assumed and unknown_mass is not None)))
            if len(found) >= top:
                break
    return found
