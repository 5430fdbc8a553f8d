"""Library checks: required fields, peak/axis sanity, structure consistency (RDKit),
catalogue name conflicts and near-duplicates of different compounds.

Near-duplicates use the cosine of square-root intensities on nominal m/z
(Stein & Scott, J. Am. Soc. Mass Spectrom. 1994, 5, 859), a simple stand-in
for the search engine's scorer.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from nps_id.library.catalogue import lookup, normalise_name
from nps_id.i18n import N_, _

#: Cosine above which two spectra of different compounds are flagged.
NEAR_DUPLICATE_COSINE = 0.98
_MAX_MZ = 2000


def _structure_issues(record: dict[str, Any]) -> list[str]:
    smiles, inchikey, formula, mw = (record.get(k) for k in ("smiles", "inchikey", "formula", "mw"))
    if not smiles:
        return []
    from rdkit import Chem, RDLogger
    from rdkit.Chem.rdMolDescriptors import CalcMolFormula
    RDLogger.DisableLog("rdApp.*")
    mol = Chem.MolFromSmiles(smiles)
    if mol is None:
        return [_("SMILES does not parse")]
    issues = []
    if inchikey and Chem.MolToInchiKey(mol)[:14] != inchikey[:14]:
        issues.append(_("InChIKey does not match the SMILES"))
    if formula and CalcMolFormula(mol).replace("+", "").replace("-", "") != formula.replace(" ", ""):
        issues.append(_("formula {0} does not match the SMILES ({1})").format(formula, CalcMolFormula(mol)))
    if mw:
        nominal = sum(round(a.GetMass()) for a in Chem.AddHs(mol).GetAtoms())
        if abs(float(mw) - nominal) > 1.0:
            issues.append(_("MW {0:g} does not match the SMILES (nominal {1})").format(mw, nominal))
    return issues


def _vectors(ids, offsets, x, y) -> np.ndarray:
    vectors = np.zeros((len(ids), _MAX_MZ + 1), dtype=np.float32)
    for k in range(len(ids)):
        mz = np.rint(x[offsets[k]:offsets[k + 1]]).astype(int)
        keep = (mz >= 0) & (mz <= _MAX_MZ)
        np.add.at(vectors[k], mz[keep], np.sqrt(np.clip(y[offsets[k]:offsets[k + 1]][keep], 0, None)))
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def validate_library(library, duplicates: bool = True) -> dict[str, Any]:
    """Check every accepted spectrum; returns ``{"checked", "errors", "warnings", "issues": [...]}``."""
    issues: list[dict[str, Any]] = []

    def add(severity: str, record: dict, problem: str) -> None:
        issues.append({"severity": severity, "id": record["id"], "name": record.get("name") or "",
                       "problem": problem})

    ids_all = []
    for technique in ("ms", "ir", "raman", "nir", "uv", "nmr", "other"):
        ids, offsets, x, y = library.peak_arrays(technique)
        if not len(ids):
            continue
        ids_all += list(ids)
        records = library.records(ids)
        for k, record in enumerate(records):
            xs, ys = x[offsets[k]:offsets[k + 1]], y[offsets[k]:offsets[k + 1]]
            if not record["name"]:
                add("error", record, _("no compound name"))
            for field, problem in (("licence", N_("no licence")), ("contributor", N_("no contributor"))):
                if not record.get(field):
                    add("warning", record, _(problem))
            if xs.size == 0 or not np.all(np.isfinite(xs)) or not np.all(np.isfinite(ys)):
                add("error", record, _("empty or non-finite data"))
            elif technique == "ms" and (np.any(xs <= 0) or np.any(ys < 0) or np.any(np.diff(xs) <= 0)):
                add("error", record, _("m/z not positive and increasing, or negative intensity"))
            elif technique != "ms" and np.any(np.diff(xs) == 0):
                add("error", record, "repeated x values")
            for problem in _structure_issues(record):
                add("error", record, problem)
            entry = lookup(name=record["name"]) if record["name"] else None
            if entry and record.get("inchikey") and entry.inchikey[:14] != record["inchikey"][:14]:
                add("error", record, _("name is catalogued as {0} with InChIKey {1}, record has {2}").format(entry.name, entry.inchikey, record['inchikey']))
        if duplicates and technique == "ms" and len(ids) > 1:
            vectors = _vectors(ids, offsets, x, y)
            keys = [(r.get("inchikey") or "")[:14] or normalise_name(r["name"] or "") for r in records]
            for start in range(0, len(ids), 1000):
                sims = vectors[start:start + 1000] @ vectors.T
                for i, j in zip(*np.nonzero(sims >= NEAR_DUPLICATE_COSINE)):
                    a, b = start + i, j
                    if a < b and keys[a] and keys[b] and keys[a] != keys[b]:
                        add("warning", records[b], _("near-duplicate (cosine {0:.3f}) of id {1} {2!r}, a different compound").format(sims[i, j], ids[a], records[a]['name']))
    return {"checked": len(ids_all), "errors": sum(i["severity"] == "error" for i in issues),
            "warnings": sum(i["severity"] == "warning" for i in issues), "issues": issues}
