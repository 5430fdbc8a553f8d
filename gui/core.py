"""Lazy access to the NPS-ID core, and what parts of it are installed.

The GUI holds no science: every result comes from a function of ``nps_id``.
The core is written in parts; a part that is not there yet (or fails to
import) makes the matching actions disabled with a tooltip that says why,
never a fake result.  Heavy modules (scipy, rdkit, the GC-MS code) are
imported here on first use only, so that the window opens fast.
"""
from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from typing import Any, Callable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Feature:
    """Whether a part of the core can be used, and if not, why (shown as a tooltip)."""

    available: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.available


#: (module, attributes that must exist, what the user is told when it is missing)
_FEATURES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "read": ("nps_id.io", ("read_spectra",), "Reading spectrum files"),
    "library": ("nps_id.library", ("open_library",), "The reference library"),
    "search": ("nps_id.search", ("search_spectra",), "Library search"),
    "ir": ("nps_id.ir", (), "IR processing"),
    "gcms": ("nps_id.gcms", ("read_run",), "GC-MS runs"),
    "gcms_analysis": ("nps_id.gcms.analysis", ("analyse_run",), "GC-MS deconvolution"),
    "mirror": ("nps_id.ms.mirror", (), "Aligned mirror plots"),
    "structure": ("rdkit.Chem", ("MolFromSmiles",), "Structure drawings"),
}

_cache: dict[str, Feature] = {}


def module(name: str) -> Any:
    """Import ``name`` (cached by Python); raises ImportError when it is absent."""
    return importlib.import_module(name)


def feature(name: str, refresh: bool = False) -> Feature:
    """Is the core part ``name`` (see :data:`_FEATURES`) installed?  Imports it on first call."""
    if name in _cache and not refresh:
        return _cache[name]
    mod_name, attrs, what = _FEATURES[name]
    try:
        mod = importlib.import_module(mod_name)
    except ModuleNotFoundError as exc:
        result = Feature(False, f"{what} is not available in this version of NPS-ID yet ({exc.name} missing).")
    except Exception as exc:  # a core module that fails to import must not stop the GUI
        log.exception("importing %s failed", mod_name)
        result = Feature(False, f"{what} failed to load: {exc}")
    else:
        missing = [a for a in attrs if not hasattr(mod, a)]
        if missing:
            result = Feature(False, f"{what} is not available in this version of NPS-ID yet "
                                    f"({mod_name}.{missing[0]} missing).")
        else:
            result = Feature(True)
    _cache[name] = result
    return result


def function(module_name: str, *names: str) -> Callable[..., Any] | None:
    """The first of ``names`` that ``module_name`` defines, or None (module absent too)."""
    try:
        mod = importlib.import_module(module_name)
    except ImportError:
        return None
    for name in names:
        fn = getattr(mod, name, None)
        if callable(fn):
            return fn
    return None


def refresh() -> None:
    """Forget what was found (after an update of the core, or in tests)."""
    _cache.clear()
