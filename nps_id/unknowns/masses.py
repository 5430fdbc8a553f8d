"""Nominal masses of library compounds from what their records say."""
from __future__ import annotations

import re

#: Integer mass of the most abundant isotope (nominal mass convention of EI libraries).
NOMINAL_ISOTOPE_MASS = {
    "H": 1, "D": 2, "B": 11, "C": 12, "N": 14, "O": 16, "F": 19, "Na": 23, "Si": 28, "P": 31, "S": 32,
    "Cl": 35, "K": 39, "Fe": 56, "Cu": 63, "Zn": 64, "Ge": 74, "As": 75, "Br": 79, "Se": 80, "Sn": 120,
    "I": 127, "Hg": 202, "Pb": 208,
}
_ELEMENT = re.compile(r"([A-Z][a-z]?)(\d*)")


def nominal_mass_of_formula(formula: str | None) -> int | None:
    """Nominal mass of a molecular formula ("C11H14ClNO" -> 211); None if it cannot be read."""
    text = re.sub(r"\s+", "", formula or "")
    if not text or not re.fullmatch(r"(?:[A-Z][a-z]?\d*)+", text):
        return None
    total = 0
    for element, count in _ELEMENT.findall(text):
        if element not in NOMINAL_ISOTOPE_MASS:
            return None
        total += NOMINAL_ISOTOPE_MASS[element] * (int(count) if count else 1)
    return total or None


def nominal_mass_of_record(mw: float | None, formula: str | None) -> int | None:
    """Nominal mass from the formula (exact), else from a stated molecular weight."""
    mass = nominal_mass_of_formula(formula)
    if mass is not None:
        return mass
    try:
        return int(round(float(mw))) if mw not in (None, "") and float(mw) > 0 else None
    except (TypeError, ValueError):
        return None
