"""Name variants of one compound, for matching a library record to a catalogue entry by name.

Library records and catalogues spell one compound many ways: "2-furanyl fentanyl" and
"Furanylfentanyl", "4-ANPP" and "ANPP", "p-Fluorofentanyl" and "para-fluorofentanyl",
"Cocaine hydrochloride" and "cocaine", "N,N-Dimethylpentylone" and "dimethylpentylone",
"5-Fluoro-AMB" and "5F-AMB".  :func:`name_keys` turns a name into its keys: first the plain
normalised form (:func:`nps_id.library.catalogue.normalise_name`: lower case, Greek letters
spelt out, a-z0-9 only), then forms with the *meaning-preserving* spellings removed:

* salt and hydrate words at the end ("hydrochloride", "HCl", "citrate", "monohydrate"…);
* stereo and racemate descriptors at the start ("(±)-", "DL-", "rac-", "(R)-", "cis-", "trans-"):
  the conventions' schedules cover a substance's stereoisomers unless they say otherwise;
* ring-position words written as letters ("para-"/"p-" = "4-", "meta-"/"m-" = "3-",
  "ortho-"/"o-" = "2-"; a capital "O-" is an oxygen locant and is kept);
* nitrogen locants ("N-", "N,N-", "N'-") before a substituent;
* "fluoro"/"chloro" after a position number abbreviated as in NPS names ("5-fluoro" = "5F").

Position *numbers* are never dropped, except by an explicit synonym in the catalogue
("2-furanyl fentanyl" is listed as a synonym of furanylfentanyl; "3-furanyl fentanyl" is
another compound).  A variant key that two catalogue entries share is not used for either.
"""
from __future__ import annotations

import re
from functools import lru_cache

from nps_id.library.catalogue import normalise_name

#: Counter-ion and hydrate words at the end of a name ("Cocaine HCl", "MDMA hydrochloride").
_SALT = re.compile(
    r"[\s,;/-]*(?:\(\s*)?\b(?:mono|di|tri|hemi|sesqui)?(?:hydrochlorides?|hydrobromides?|hydroiodides?|"
    r"hcl|hbr|hi|citrates?|tartrates?|bitartrates?|fumarates?|hemifumarates?|maleates?|oxalates?|"
    r"succinates?|mesylates?|methanesulfonates?|tosylates?|sulfates?|sulphates?|hydrogen\s+sulfates?|"
    r"phosphates?|salts?|freebase|free\s+base|base|hydrates?)\b(?:\s*\))?\s*$",
    re.IGNORECASE)
#: Stereo and racemate descriptors at the start ("(±)-", "DL-", "(1R,2S)-", "trans-").
_STEREO = re.compile(
    r"^\s*(?:\(\s*(?:[+\-±]|\+/-|rs|sr|r|s|r\*|s\*|\d+[rs](?:\s*,\s*\d+[rs])*)\s*\)|"
    r"[+\-±](?=-)|dl|d|l|rac|racemic|cis|trans|\(?[rs]\)?)\s*-\s*",
    re.IGNORECASE)
#: Letter ring positions: a lower-case o-/m-/p- or a spelt-out word, before a hyphen.
_RING_WORD = re.compile(r"(?<![A-Za-z0-9])(?:(?i:ortho|meta|para)|o|m|p|M|P)-(?=[A-Za-z0-9])")
_RING_NUMBER = {"ortho": "2", "o": "2", "meta": "3", "m": "3", "para": "4", "p": "4"}
#: Nitrogen locants before a substituent ("N-ethyl", "N,N-dimethyl", "N'-").
_N_LOCANT = re.compile(r"(?<![A-Za-z0-9])N(?:'|′)?(?:\s*,\s*N(?:'|′)?)*-(?=[A-Za-z])")
#: A halogen after a position number, abbreviated in NPS names ("5-fluoro-" -> "5F-").
_HALOGEN = re.compile(r"(\d)\s*'?\s*-?\s*(fluoro|chloro|bromo|iodo)(?:\s*-)?", re.IGNORECASE)
_HALOGEN_SHORT = {"fluoro": "F", "chloro": "Cl", "bromo": "Br", "iodo": "I"}


def _strip_salt(name: str) -> str:
    previous = None
    while previous != name:
        previous = name
        name = _SALT.sub("", name).strip()
    return name or previous


def _strip_stereo(name: str) -> str:
    previous = None
    while previous != name:
        previous = name
        name = _STEREO.sub("", name, count=1)
    return name or previous


def _ring_numbers(name: str) -> str:
    return _RING_WORD.sub(lambda m: _RING_NUMBER[m.group(0)[:-1].lower()] + "-", name)


def _without_n_locants(name: str) -> str:
    return _N_LOCANT.sub("", name)


def _halogens_short(name: str) -> str:
    return _HALOGEN.sub(lambda m: m.group(1) + _HALOGEN_SHORT[m.group(2).lower()] + "-", name)


def name_keys(name: str | None) -> list[str]:
    """The match keys of ``name`` (see :func:`_name_keys`); a new list each call."""
    return list(_name_keys(str(name) if name is not None else ""))


@lru_cache(maxsize=65536)
def _name_keys(name: str) -> tuple[str, ...]:
    """The match keys of ``name``: its normalised form first, then its variant forms (no repeats).

    >>> name_keys("Cocaine hydrochloride")[:2]
    ['cocainehydrochloride', 'cocaine']
    >>> "4fluorofentanyl" in name_keys("p-Fluorofentanyl")
    True
    """
    if not name.strip():
        return ()
    text = str(name).strip()
    keys = [normalise_name(text)]
    base = _strip_stereo(_strip_salt(text))
    ring = _ring_numbers(base)
    for form in (base, ring, _without_n_locants(ring), _halogens_short(ring),
                 _halogens_short(_without_n_locants(ring))):
        key = normalise_name(form)
        if key and key not in keys:
            keys.append(key)
    return tuple(k for k in keys if k)
