"""How an IR spectrum was sampled: ATR, transmission (KBr, mull, film, cell, solution) or gas.

The sampling technique changes relative band intensities (ATR: penetration
depth grows with wavelength) and, for gas against condensed phase, band
shapes.  A library record keeps it in its metadata under :data:`SAMPLING_KEY`
(``"ir_sampling"``: ``"atr"``, ``"transmission"`` or ``"gas"``), stored by the
library like any other metadata a file carried (the ``metadata`` JSON of a
record), so no schema change is needed.  When that key is absent the
technique is read from what the file said: JCAMP-DX ``##SAMPLING PROCEDURE``
and ``##STATE``, the ``technique`` / ``sample_state`` / ``instrument`` /
``comment`` texts of the text readers.  Unknown stays unknown (None): nothing
is corrected on a guess.
"""
from __future__ import annotations

import re

from nps_id.i18n import _
from nps_id.spectrum import Spectrum

#: Metadata key of the sampling technique of an IR record.
SAMPLING_KEY = "ir_sampling"
SAMPLINGS = ("atr", "transmission", "gas")
#: Metadata keys read, most specific first.
_KEYS = (SAMPLING_KEY, "sampling_procedure", "sampling", "technique", "sample_state", "state",
         "accessory", "instrument", "comment", "title")

_ATR = re.compile(r"\batr\b|attenuated total reflect|\bdiamond\b.*\breflect|single[- ]bounce|"
                  r"multi[- ]?bounce|\bgolden ?gate\b|\bdura ?sampl", re.I)
_GUESS = re.compile(r"\b(probably|likely|possibly|perhaps|presumably)\b[^;,)]{0,40}\batr\b", re.I)
_GAS = re.compile(r"\bgas\b|\bvapou?r\b|gas[- ]phase|gc[- ]?ir", re.I)
_TRANSMISSION = re.compile(r"\bkbr\b|pellet|\bmull\b|nujol|fluorolube|\bfilm\b|\bcell\b|capillary|"
                           r"\bsolution\b|transmission|\bneat\b.*\bplates?\b|\bnacl\b|\bkcl\b|\bcsi\b", re.I)


def sampling_of(spectrum: Spectrum) -> str | None:
    """``"atr"``, ``"transmission"``, ``"gas"`` or None (not stated) for an IR spectrum."""
    for key in _KEYS:
        value = spectrum.get(key)
        if not value:
            continue
        text = str(value)
        if key == SAMPLING_KEY:
            word = text.strip().lower()
            if word in SAMPLINGS:
                return word
        if _GUESS.search(text):
            continue  # "probably single-bounce ATR": a curator's guess is not a statement
        for label, pattern in (("atr", _ATR), ("gas", _GAS), ("transmission", _TRANSMISSION)):
            if pattern.search(text):
                return label
    return None


def with_sampling(spectrum: Spectrum, sampling: str) -> Spectrum:
    """The spectrum with its sampling technique stated (metadata :data:`SAMPLING_KEY`)."""
    if sampling not in SAMPLINGS:
        raise ValueError(_("unknown IR sampling {0} (use one of {1})").format(repr(sampling), SAMPLINGS))
    from dataclasses import replace

    return replace(spectrum, metadata={**spectrum.metadata, SAMPLING_KEY: sampling})
