"""Retention indices from an n-alkane or FAME ladder (temperature-programmed GC).

The index of a peak eluting at ``t`` between markers ``a`` and ``b`` is the
linear interpolation of van den Dool & Kratz (J. Chromatogr. 1963, 11, 463-471):

    RI = RI_a + (RI_b - RI_a) * (t - t_a) / (t_b - t_a)

with RI = 100 x carbon number for n-alkanes (Kovats scale) and, for fatty acid
methyl esters, 100 x carbon number of the acid (the FAME scale of FAMES_REF.MSL
and the PNNL metabolomics library; methyl octanoate = 800).

A ladder comes from a table (CSV/TSV with a retention-time column and an RI or
carbon-number column) or is found in a run: alkanes by their 57/71/85 series
and M+ = 14n + 2, FAMEs by their 74/87 McLafferty ions and M+ = 14n + 46
(with M-31 and M-43 as support).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from nps_id.errors import InputError
from nps_id.i18n import _

SERIES = ("alkane", "fame")


@dataclass(frozen=True, eq=False)
class RICalibration:
    """Marker retention times (minutes, increasing) and their retention indices."""

    rt_min: np.ndarray
    ri: np.ndarray
    series: str = "table"
    source: str = ""

    def __post_init__(self) -> None:
        rt = np.asarray(self.rt_min, float)
        ri = np.asarray(self.ri, float)
        order = np.argsort(rt)
        rt, ri = rt[order], ri[order]
        if rt.size < 2:
            raise ValueError(_("a retention-index calibration needs at least two markers"))
        if np.any(np.diff(rt) <= 0) or np.any(np.diff(ri) <= 0):
            raise ValueError(_("marker times and indices must both increase"))
        object.__setattr__(self, "rt_min", rt)
        object.__setattr__(self, "ri", ri)

    def ri_of(self, rt_min: float | np.ndarray, extrapolate: bool = False) -> Any:
        """Van den Dool-Kratz index of ``rt_min``; NaN outside the ladder unless ``extrapolate``."""
        t = np.asarray(rt_min, float)
        k = np.clip(np.searchsorted(self.rt_min, t) - 1, 0, self.rt_min.size - 2)
        t0, t1 = self.rt_min[k], self.rt_min[k + 1]
        value = self.ri[k] + (self.ri[k + 1] - self.ri[k]) * (t - t0) / (t1 - t0)
        if not extrapolate:
            value = np.where((t < self.rt_min[0]) | (t > self.rt_min[-1]), np.nan, value)
        return float(value) if value.ndim == 0 else value

    def to_rows(self) -> list[dict[str, float]]:
        return [{"rt_min": float(t), "ri": float(i)} for t, i in zip(self.rt_min, self.ri)]


# -- from a table ------------------------------------------------------------------
_RT_NAMES = ("rt_min", "rt", "retention_time", "time", "rt (min)", "retention time")
_RI_NAMES = ("ri", "retention_index", "index", "retention index", "kovats")
_C_NAMES = ("carbon_number", "carbon", "c", "n", "cn", "carbons")


def calibration_from_table(path: str | Path) -> RICalibration:
    """Read a ladder table: CSV/TSV with an RT column (minutes) and RI or carbon number.

    Recognised headers (case-insensitive): RT ``rt_min, rt, retention_time, time``;
    RI ``ri, retention_index, index``; carbon number ``carbon_number, carbon, c, n``
    (RI = 100 x carbon number).  Without a header the first column is the carbon
    number (or RI when > 100) and the second the RT.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, _("cannot read retention-index table ({0})").format(exc)) from None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise InputError(path, _("retention-index table is empty"))
    dialect = "\t" if "\t" in lines[0] else ("," if "," in lines[0] else ";" if ";" in lines[0] else None)
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=dialect)) if dialect else \
        [ln.split() for ln in lines]
    header = [h.strip().lower() for h in rows[0]]

    def col(names: Sequence[str]) -> int | None:
        for i, h in enumerate(header):
            if h in names:
                return i
        return None

    rt_col, ri_col, c_col = col(_RT_NAMES), col(_RI_NAMES), col(_C_NAMES)
    body = rows[1:] if rt_col is not None else rows
    if rt_col is None:
        rt_col, c_col, ri_col = 1, 0, None
    rts, ris = [], []
    for number, row in enumerate(body, 2 if body is not rows else 1):
        try:
            rt = float(row[rt_col])
            if ri_col is not None:
                ri = float(row[ri_col])
            else:
                value = float(row[c_col if c_col is not None else 0])
                ri = value if value > 100 else 100.0 * value
        except (ValueError, IndexError):
            raise InputError(path, _("expected numbers for RT and RI/carbon number"), number) from None
        rts.append(rt)
        ris.append(ri)
    try:
        return RICalibration(np.array(rts), np.array(ris), "table", str(path))
    except ValueError as exc:
        raise InputError(path, str(exc)) from None


# -- from a run ----------------------------------------------------------------------
def _relative(spectrum) -> dict[int, float]:
    y = spectrum.y / spectrum.y.max() if spectrum.y.size and spectrum.y.max() > 0 else spectrum.y
    return {int(round(m)): float(v) for m, v in zip(spectrum.x, y)}


def ladder_member(spectrum, series: str) -> int | None:
    """Carbon number of an alkane/FAME spectrum, or None when it is not one.

    FAME: 74 >= 60 % and 87 >= 25 % of the base peak; carbon number n from
    M+ = 14n + 46 (>= 0.2 %) present together with M-31 (>= 0.2 %) or M-43
    (>= 0.5 %), the heaviest such n.  Alkane: 57 or 43 base, 71 >= 25 %,
    85 >= 10 %, decreasing 57 > 71 > 85; n from the heaviest M+ = 14n + 2 at
    >= 0.3 % of base.
    """
    rel = _relative(spectrum)
    get = lambda m: rel.get(m, 0.0)  # noqa: E731
    if series == "fame":
        if get(74) < 0.6 or get(87) < 0.25:
            return None
        # The heaviest n whose M+ is seen with M-31 (loss of OCH3) or M-43.
        for n in range(40, 3, -1):
            m = 14 * n + 46
            if get(m) >= 0.002 and (get(m - 31) >= 0.002 or get(m - 43) >= 0.005):
                return n
        return None
    if series == "alkane":
        base = max(rel, key=rel.get) if rel else None
        if base not in (43, 57) or not (get(57) > get(71) > get(85)) or get(71) < 0.25 or get(85) < 0.1:
            return None
        candidates = [n for n in range(6, 45) if get(14 * n + 2) >= 0.003]
        return max(candidates) if candidates else None
    raise ValueError(_("unknown ladder series {0}").format(repr(series)))


def calibration_from_components(components: Sequence[Any], series: str = "auto",
                                carbon_numbers: Sequence[int] | None = None, source: str = ""
                                ) -> RICalibration:
    """Find the ladder among deconvoluted components and calibrate on it.

    With ``carbon_numbers`` (in elution order) the ladder peaks found are
    assigned these numbers instead of the ones read from M+.  ``series`` is
    "alkane", "fame" or "auto" (the series with more markers).
    """
    tried = SERIES if series == "auto" else (series,)
    best: tuple[list[tuple[float, int, float]], str] = ([], "")
    for kind in tried:
        found = []
        for comp in components:
            if carbon_numbers is not None:
                n = ladder_member(comp.spectrum, kind) if kind != "fame" else (
                    0 if _relative(comp.spectrum).get(74, 0) >= 0.6 and _relative(comp.spectrum).get(87, 0) >= 0.25
                    else None)
                if n is None and kind == "alkane":
                    rel = _relative(comp.spectrum)
                    n = 0 if rel.get(57, 0) > rel.get(71, 0) > rel.get(85, 0) and rel.get(71, 0) >= 0.25 else None
            else:
                n = ladder_member(comp.spectrum, kind)
            if n is not None:
                found.append((comp.rt_min, n, comp.area))
        if carbon_numbers is not None:
            found.sort()
            # the strongest len(carbon_numbers) members, kept in elution order
            found = sorted(sorted(found, key=lambda f: -f[2])[:len(carbon_numbers)])
            if len(found) != len(carbon_numbers):
                continue
            found = [(t, int(c), a) for (t, _, a), c in zip(found, carbon_numbers)]
        else:
            by_n: dict[int, tuple[float, int, float]] = {}
            for item in found:
                if item[1] not in by_n or item[2] > by_n[item[1]][2]:
                    by_n[item[1]] = item
            found = _increasing(sorted(by_n.values()))
        if len(found) > len(best[0]):
            best = (found, kind)
    markers, kind = best
    if len(markers) < 2:
        raise ValueError(_("fewer than two alkane/FAME ladder peaks found in the run"))
    return RICalibration(np.array([m[0] for m in markers]), 100.0 * np.array([m[1] for m in markers]),
                         kind, source)


def _increasing(items: list[tuple[float, int, float]]) -> list[tuple[float, int, float]]:
    """Longest subsequence (by RT) whose carbon numbers increase (drops misassigned peaks)."""
    if not items:
        return []
    n = len(items)
    length = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if items[j][1] < items[i][1] and length[j] + 1 > length[i]:
                length[i], prev[i] = length[j] + 1, j
    i = int(np.argmax(length))
    out = []
    while i >= 0:
        out.append(items[i])
        i = prev[i]
    return out[::-1]


def calibration_from_run(run: Any, series: str = "auto", carbon_numbers: Sequence[int] | None = None,
                         **deconvolution_params: Any) -> RICalibration:
    """Calibration from a ladder run (alkanes or FAMEs), via deconvolution."""
    from nps_id.gcms.deconvolution import deconvolve
    return calibration_from_components(deconvolve(run, **deconvolution_params), series, carbon_numbers,
                                       run.source_file)


def load_calibration(path: str | Path, series: str = "auto") -> RICalibration:
    """A calibration from a table (CSV/TSV text) or from a ladder run (any run format)."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, _("no such file or folder"))
    if path.is_file():
        head = path.read_bytes()[:2048]
        is_text = b"\x00" not in head and not head.startswith((b"CDF", b"##", b"\x89HDF"))
        if is_text and b"<" not in head[:100] and not head.startswith((b"H\t", b"S\t")):
            return calibration_from_table(path)
    from nps_id.gcms.readers import read_run
    try:
        return calibration_from_run(read_run(path), series)
    except ValueError as exc:
        raise InputError(path, str(exc)) from None


def apply_calibration(components: Iterable[Any], calibration: RICalibration | None) -> list[Any]:
    """Components with ``ri`` set (None outside the ladder) and the RI in spectrum metadata."""
    out = []
    for comp in components:
        if calibration is None:
            out.append(comp)
            continue
        value = calibration.ri_of(comp.rt_min)
        ri = None if not np.isfinite(value) else round(float(value), 1)
        spectrum = comp.spectrum.with_metadata(retention_index=ri)
        out.append(replace(comp, ri=ri, spectrum=spectrum))
    return out


def ri_penalty(query_ri: float | None, library_ri: float | None, tolerance: float = 20.0,
               penalty_per_tolerance: float = 100.0, max_penalty: float = 300.0) -> float:
    """Score penalty (0-999 match-factor scale) for a retention-index mismatch.

    No penalty when either index is unknown or ``|query - library| <= tolerance``.
    Beyond the tolerance the penalty grows linearly by ``penalty_per_tolerance``
    points for every further ``tolerance`` of difference, up to ``max_penalty``:
    e.g. with the defaults a hit 40 RI units off loses 100 points, 80 off loses
    300.  This is the window-plus-linear shape of the AMDIS RI penalty (Stein
    1999) and of NIST MS Search; 20 units suits semi-standard non-polar columns
    and library RIs from another laboratory.  Subtract it from the match factor.
    """
    if query_ri is None or library_ri is None:
        return 0.0
    try:
        delta = abs(float(query_ri) - float(library_ri))
    except (TypeError, ValueError):
        return 0.0
    if not np.isfinite(delta) or delta <= tolerance:
        return 0.0
    return float(min(max_penalty, penalty_per_tolerance * (delta - tolerance) / tolerance))


def ri_flag(query_ri: float | None, library_ri: float | None, tolerance: float = 20.0) -> str:
    """"ok", "mismatch" or "" (unknown) for a query/library RI pair."""
    if query_ri is None or library_ri is None:
        return ""
    try:
        delta = abs(float(query_ri) - float(library_ri))
    except (TypeError, ValueError):
        return ""
    if not np.isfinite(delta):
        return ""
    return "ok" if delta <= tolerance else "mismatch"
