"""Load the shared real IR spectra (../shared/data/ir) for IR benchmarks and tests.

Uses ``nps_id.io.read_spectra`` once the text reader exists; until then a tiny
loader for the shared CSV convention (``# key: value`` lines, one header row,
two numeric columns).  Evaluation data only: never copied into the repo.
"""
from __future__ import annotations

import csv
import importlib.util
import os
from dataclasses import replace
from pathlib import Path

import numpy as np

from nps_id.spectrum import Spectrum

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_IR = Path(os.environ.get("NPS_ID_SHARED_DATA", PROJECT_ROOT.parent / "shared" / "data")) / "ir"


def y_unit_of(source_units: str) -> str:
    """Map the shared CSV ``y_units`` text onto NPS-ID y_unit strings."""
    text = source_units.strip().lower()
    if text.startswith("transmittance (%)"):
        return "%transmittance"
    if text.startswith("transmittance"):
        return "transmittance"  # scale differs by source; to_absorbance checks the range
    if text.startswith("absorbance"):
        return "absorbance"  # includes NIST SRD 79 absorption coefficients (linear in A)
    if text.startswith("reflectance/transmittance-like %"):
        return "%transmittance"
    if text.startswith("reflectance"):
        return "reflectance"
    return "arbitrary"


def _tiny_read(path: Path) -> Spectrum:
    meta: dict[str, str] = {}
    xs, ys = [], []
    with open(path, encoding="utf-8") as handle:
        header_seen = False
        for line in handle:
            if line.startswith("#"):
                key, _, value = line[1:].partition(":")
                meta[key.strip()] = value.strip()
                continue
            if not line.strip():
                continue
            if not header_seen:
                header_seen = True
                continue
            a, b = line.split(",")[:2]
            xs.append(float(a))
            ys.append(float(b))
    return Spectrum(
        np.array(xs), np.array(ys), "ir", "1/cm", y_unit_of(meta.get("y_units", "")),
        {"name": meta.get("compound", ""), "cas": meta.get("cas", ""), "source_file": str(path)},
    )


def read_shared_spectrum(path: str | Path) -> Spectrum:
    """One spectrum from a shared ``<source>/*.csv`` file, in native units."""
    path = Path(path)
    if importlib.util.find_spec("nps_id.io.text") is not None:
        from nps_id.io import read_spectra

        spectrum = read_spectra(path)[0]
        if spectrum.x_unit in ("1/cm", "cm-1") and spectrum.y_unit == "arbitrary":
            # the reader may not know the free-text unit strings of this collection
            spectrum = replace(spectrum, y_unit=_tiny_read(path).y_unit)
        return spectrum
    return _tiny_read(path)


def load_index(root: Path = SHARED_IR) -> list[dict[str, str]]:
    """Rows of ``index.csv`` (file, compound, cas_norm, independent_group, y_units, ...)."""
    with open(root / "index.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def compound_key(row: dict[str, str]) -> str:
    """Identity used for 'correct': the CAS, or the lower-case name where there is none."""
    return row.get("cas_norm") or row["compound"].strip().lower()
