"""Method files: the targets a laboratory screens for, with their windows, qualifier ions and internal standard.

A method is what ChemStation or MassHunter keep in a quantitation method: for
every target compound an expected retention time (or retention index) with a
window, a quantifier ion, qualifier ions with their expected abundance
relative to the quantifier, and which compound is the internal standard.
NPS-ID reads it from TOML or CSV (the file may sit beside the runs).

TOML::

    [method]
    name = "Benzodiazepines 10split"
    rt_window_min = 0.10          # default window (+- minutes)
    qualifier_tolerance = "eu2002"  # or a relative tolerance in percent, e.g. 20
    ri_calibration = "alkanes.csv"  # optional: table or ladder run, relative to this file

    [internal_standard]
    name = "IS 140"
    rt_min = 6.51
    quant_ion = 140
    qualifiers = [141, 84]
    qualifier_ratios = [11, 8]    # percent of the quantifier (optional)

    [[target]]
    name = "etizolam"
    rt_min = 10.26                # or ri = 2650 with ri_window = 20
    rt_window_min = 0.15
    quant_ion = 342
    qualifiers = [344, 313, 266]
    qualifier_ratios = [37, 35, 30]

CSV (one row per compound; ``role`` is ``target`` or ``istd``; lists are
separated by ``;``)::

    name,role,rt_min,rt_window_min,ri,ri_window,quant_ion,qualifiers,qualifier_ratios
    IS 140,istd,6.51,0.1,,,140,141;84,11;8
    etizolam,target,10.26,0.15,,,342,344;313;266,37;35;30

Qualifier tolerance ``eu2002`` is the table of Commission Decision
2002/657/EC for GC-EI-MS (relative intensity > 50 %: +-10 %, 20-50 %: +-15 %,
10-20 %: +-20 %, <= 10 %: +-50 %, all relative), the criterion forensic and
residue laboratories apply to qualifier ratios.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nps_id.errors import InputError
from nps_id.i18n import _

#: Default half-width of a retention-time window, minutes.
DEFAULT_RT_WINDOW = 0.1
#: Default half-width of a retention-index window.
DEFAULT_RI_WINDOW = 20.0


@dataclass(frozen=True)
class Target:
    """One compound of a method."""

    name: str
    quant_ion: int
    qualifiers: tuple[int, ...] = ()
    qualifier_ratios: tuple[float, ...] | None = None   # percent of the quantifier, same order
    rt_min: float | None = None
    rt_window_min: float = DEFAULT_RT_WINDOW
    ri: float | None = None
    ri_window: float = DEFAULT_RI_WINDOW
    istd: bool = False
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": "istd" if self.istd else "target", "quant_ion": self.quant_ion,
                "qualifiers": list(self.qualifiers),
                "qualifier_ratios": list(self.qualifier_ratios) if self.qualifier_ratios else None,
                "rt_min": self.rt_min, "rt_window_min": self.rt_window_min, "ri": self.ri,
                "ri_window": self.ri_window}


@dataclass
class Method:
    """Targets (the internal standard among them), tolerances and the RI calibration of a method."""

    name: str
    targets: list[Target]
    qualifier_tolerance: str | float = "eu2002"
    ri_calibration: Path | None = None
    rt_by_istd: bool = True
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def istd(self) -> Target | None:
        return next((t for t in self.targets if t.istd), None)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "source": self.source, "qualifier_tolerance": self.qualifier_tolerance,
                "ri_calibration": str(self.ri_calibration) if self.ri_calibration else None,
                "rt_by_istd": self.rt_by_istd, "targets": [t.to_dict() for t in self.targets]}


def qualifier_window(expected_pct: float, tolerance: str | float = "eu2002") -> tuple[float, float]:
    """Accepted range (percent of the quantifier) of a qualifier expected at ``expected_pct``."""
    if tolerance == "eu2002":
        rel = 0.10 if expected_pct > 50 else 0.15 if expected_pct > 20 else 0.20 if expected_pct > 10 else 0.50
    else:
        rel = float(tolerance) / 100.0
    return expected_pct * (1 - rel), expected_pct * (1 + rel)


# -- reading -----------------------------------------------------------------------------
def read_method(path: str | Path) -> Method:
    """A method from a ``.toml`` or ``.csv`` file; an InputError names the file and the bad line."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, _("no such method file"))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, _("cannot read the method file ({0})").format(exc)) from None
    if path.suffix.lower() == ".toml" or (path.suffix.lower() != ".csv" and re.search(r"^\s*\[", text, re.M)):
        method = _from_toml(path, text)
    else:
        method = _from_csv(path, text)
    if not method.targets:
        raise InputError(path, _("the method lists no target"))
    if sum(t.istd for t in method.targets) > 1:
        raise InputError(path, _("the method names more than one internal standard"))
    return method


def _toml_line(text: str, name: str, index: int | None = None) -> int | None:
    """Line of the ``index``-th ``[[target]]`` (or of ``[name]``) in the TOML text."""
    pattern = re.compile(r"^[ \t]*\[\[\s*target\s*\]\]" if index is not None else rf"^[ \t]*\[\s*{name}\s*\]", re.M)
    found = list(pattern.finditer(text))
    pick = found[index] if index is not None and index < len(found) else (found[0] if found else None)
    return text.count("\n", 0, pick.start()) + 1 if pick else None


def _key_lines(text: str, table_line: int | None) -> dict[str, int]:
    """Line of each ``key =`` of the table starting at ``table_line`` (up to the next table)."""
    out: dict[str, int] = {}
    if table_line is None:
        return out
    lines = text.splitlines()
    for number in range(table_line + 1, len(lines) + 1):
        line = lines[number - 1].strip()
        if line.startswith("["):
            break
        key = line.partition("=")[0].strip()
        if key and "=" in line and key not in out:
            out[key] = number
    return out


def _from_toml(path: Path, text: str) -> Method:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            raise InputError(path, _("TOML methods need Python 3.11 or the 'tomli' package; "
                                     "or write the method as CSV")) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise InputError(path, _("not valid TOML: {0}").format(exc), int(found.group(1)) if found else None) from None
    head = data.get("method", {})
    if not isinstance(head, dict):
        raise InputError(path, _("[method] must be a table"), _toml_line(text, "method"))
    default_rt = _number(head.get("rt_window_min", DEFAULT_RT_WINDOW), path, "rt_window_min",
                         _toml_line(text, "method"))
    targets = []
    istd = data.get("internal_standard")
    if istd is not None:
        line = _toml_line(text, "internal_standard")
        if not isinstance(istd, dict):
            raise InputError(path, _("[internal_standard] must be a table"), line)
        targets.append(_target(path, istd, True, default_rt, line, _key_lines(text, line)))
    entries = data.get("target", [])
    if not isinstance(entries, list):
        raise InputError(path, _("targets must be written as [[target]] tables"))
    for i, entry in enumerate(entries):
        line = _toml_line(text, "target", i)
        if not isinstance(entry, dict):
            raise InputError(path, _("a [[target]] must be a table"), line)
        targets.append(_target(path, entry, bool(entry.get("istd", False)), default_rt, line, _key_lines(text, line)))
    unknown = set(data) - {"method", "internal_standard", "target"}
    if unknown:
        raise InputError(path, _("unknown section(s) {0} "
                                 "(expected [method], [internal_standard], [[target]])").format(', '.join(sorted(unknown))))
    return _method(path, head, targets)


def _method(path: Path, head: dict[str, Any], targets: list[Target]) -> Method:
    tolerance = head.get("qualifier_tolerance", "eu2002")
    if tolerance != "eu2002":
        tolerance = _number(tolerance, path, "qualifier_tolerance", None)
    calibration = head.get("ri_calibration")
    return Method(str(head.get("name", path.stem)), targets, tolerance,
                  (path.parent / str(calibration)) if calibration else None,
                  bool(head.get("rt_by_istd", True)), str(path))


def _number(value: Any, path: Path, key: str, line: int | None) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(path, _("{0} must be a number, not {1}").format(key, repr(value)), line) from None
    if number != number or number < 0:
        raise InputError(path, _("{0} must be a non-negative number, not {1}").format(key, repr(value)), line)
    return number


def _ions(value: Any, path: Path, key: str, line: int | None) -> tuple[float, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        value = [v for v in re.split(r"[;/\s]+", value.strip()) if v]
    if not isinstance(value, (list, tuple)):
        value = [value]
    return tuple(_number(v, path, key, line) for v in value)


_KEYS = {"name", "role", "istd", "rt_min", "rt", "rt_window_min", "rt_window", "ri", "ri_window", "quant_ion",
         "quantifier", "qualifiers", "qualifier_ratios", "ratios", "note", "cas"}


def _target(path: Path, entry: dict[str, Any], istd: bool, default_rt: float, table_line: int | None,
            key_lines: dict[str, int] | None = None) -> Target:
    key_lines = key_lines or {}
    unknown = set(entry) - _KEYS
    if unknown:
        raise InputError(path, _("unknown key(s) {0}").format(', '.join(sorted(unknown))),
                         min((key_lines.get(k, table_line or 0) for k in unknown), default=table_line) or table_line)

    def at(key: str) -> int | None:  # the line of a key (TOML), else of the table or CSV row
        return key_lines.get(key, table_line)
    line = table_line
    name = str(entry.get("name", "")).strip()
    if not name:
        raise InputError(path, _("a target needs a name"), line)
    quant = entry.get("quant_ion", entry.get("quantifier"))
    if quant in (None, ""):
        raise InputError(path, _("target {0} needs a quant_ion").format(repr(name)), line)
    quant_ion = int(round(_number(quant, path, "quant_ion", at("quant_ion"))))
    qualifiers = tuple(int(round(v)) for v in _ions(entry.get("qualifiers"), path, "qualifiers", at("qualifiers")))
    ratios = _ions(entry.get("qualifier_ratios", entry.get("ratios")), path, "qualifier_ratios", at("qualifier_ratios")) or None
    if ratios is not None and len(ratios) != len(qualifiers):
        raise InputError(path, _("target {0}: {1} qualifiers but {2} ratios").format(repr(name), len(qualifiers), len(ratios)),
                         at("qualifier_ratios"))
    rt = entry.get("rt_min", entry.get("rt"))
    ri = entry.get("ri")
    rt = None if rt in (None, "") else _number(rt, path, "rt_min", at("rt_min"))
    ri = None if ri in (None, "") else _number(ri, path, "ri", at("ri"))
    if rt is None and ri is None:
        raise InputError(path, _("target {0} needs rt_min or ri").format(repr(name)), line)
    window = entry.get("rt_window_min", entry.get("rt_window"))
    ri_window = entry.get("ri_window")
    return Target(name, quant_ion, qualifiers, ratios, rt,
                  default_rt if window in (None, "") else _number(window, path, "rt_window_min", at("rt_window_min")),
                  ri, DEFAULT_RI_WINDOW if ri_window in (None, "") else _number(ri_window, path, "ri_window", at("ri_window")),
                  istd or str(entry.get("role", "")).strip().lower() in ("istd", "is", "internal_standard"), line)


def _from_csv(path: Path, text: str) -> Method:
    lines = text.splitlines()
    body = [(n, ln) for n, ln in enumerate(lines, 1) if ln.strip() and not ln.lstrip().startswith("#")]
    if not body:
        raise InputError(path, _("the method file is empty"))
    delimiter = "\t" if "\t" in body[0][1] else ";" if body[0][1].count(";") > body[0][1].count(",") else ","
    header_line, header = body[0]
    names = [h.strip().lower() for h in next(csv.reader([header], delimiter=delimiter))]
    if "name" not in names or not ({"quant_ion", "quantifier"} & set(names)):
        raise InputError(path, _("the header must name at least 'name', 'quant_ion' and 'rt_min' or 'ri'"), header_line)
    targets = []
    for number, raw in body[1:]:
        row = next(csv.reader(io.StringIO(raw), delimiter=delimiter))
        if len(row) > len(names):
            raise InputError(path, _("{0} fields but the header has {1}").format(len(row), len(names)), number)
        entry = {k: v.strip() for k, v in zip(names, row) if v.strip() != ""}
        targets.append(_target(path, entry, False, DEFAULT_RT_WINDOW, number))
    return _method(path, {}, targets)
