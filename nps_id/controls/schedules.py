"""National schedules: one CSV per jurisdiction, shipped or imported into a library.

A curator adds a jurisdiction's schedule with ``nps-id library schedule import FILE
--jurisdiction KZ``: the file is checked (every row, with the line of any problem) and stored
in the library (table ``meta``, key ``schedule:KZ``), so every lab that searches that library
— a shared PostgreSQL server or a release — sees the same schedule; the change log records who
imported which file (SHA-256) when.  Schedules can also ship with NPS-ID as
``spectra_library/schedules/<CODE>.csv``; a library's own copy takes precedence.

CSV columns (UTF-8, header row; see ``spectra_library/schedules/README.md``):
``name`` (required), ``synonyms`` (``|``-separated), ``inchikey``, ``smiles``, ``cas``,
``status`` (required: the schedule/list as the law names it), ``source`` (required: the act and
its article or annex), ``date`` (ISO date the listing took effect, optional), ``note``.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from nps_id.controls.matching import IdentityIndex, clean_cas, clean_inchikey
from nps_id.errors import InputError, LibraryError, NpsIdError
from nps_id.i18n import _

SHIPPED = Path(__file__).resolve().parents[2] / "spectra_library" / "schedules"
COLUMNS = ("name", "synonyms", "inchikey", "smiles", "cas", "status", "source", "date", "note")
REQUIRED = ("name", "status", "source")
#: ISO 3166-1 alpha-2/alpha-3, optionally a subdivision ("US-CA").
_CODE = re.compile(r"^[A-Z]{2,3}(?:-[A-Z0-9]{1,3})?$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
_META_PREFIX = "schedule:"


@dataclass(frozen=True)
class ScheduleEntry:
    name: str
    synonyms: tuple[str, ...]
    inchikey: str
    smiles: str
    cas: str
    status: str
    source: str
    date: str = ""
    note: str = ""


@dataclass
class NationalSchedule:
    jurisdiction: str
    entries: list[ScheduleEntry]
    origin: str  # "library" or the shipped file
    source_file: str = ""
    sha256: str = ""
    imported_at: str = ""
    imported_by: str = ""

    def __post_init__(self):
        self.index = IdentityIndex(self.entries)


def check_code(code: str) -> str:
    text = (code or "").strip().upper()
    if not _CODE.match(text):
        raise NpsIdError(_("{0!r}: a jurisdiction is an ISO 3166 code such as KZ, DEU or US-CA").format(code))
    return text


def read_schedule_csv(path: str | Path) -> tuple[list[ScheduleEntry], str]:
    """The rows of a schedule CSV and its SHA-256; InputError naming the file and line otherwise."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, _("cannot read: {0}").format(exc.strerror or exc)) from None
    if size > MAX_BYTES:
        raise InputError(path, _("{0} bytes: a schedule CSV may be at most {1} bytes").format(size, MAX_BYTES))
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, _("not UTF-8 text (byte {0}): save the schedule as UTF-8 CSV").format(exc.start)) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(path, _("no column {0} in the header (columns: {1})").format(', '.join(missing), ', '.join(COLUMNS)))
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise InputError(path, _("unknown column(s) {0} (columns: {1})").format(', '.join(unknown), ', '.join(COLUMNS)))
    reader.fieldnames = header
    rows: list[ScheduleEntry] = []
    try:
        for row in reader:
            line = reader.line_num
            if len(rows) >= MAX_ROWS:
                raise InputError(path, _("more than {0} rows").format(MAX_ROWS))
            if None in row:
                raise InputError(path, _("more fields than columns"), line=line)
            rows.append(_entry(path, line, {k: (v or "").strip() for k, v in row.items()}))
    except csv.Error as exc:
        raise InputError(path, str(exc), line=reader.line_num) from None
    if not rows:
        raise InputError(path, _("no schedule rows under the header"))
    return rows, hashlib.sha256(data).hexdigest()


def _entry(path: Path, line: int, row: dict[str, str]) -> ScheduleEntry:
    for column in REQUIRED:
        if not row.get(column):
            raise InputError(path, _("empty {0}").format(column), line=line)
    inchikey = row.get("inchikey", "")
    if inchikey and not clean_inchikey(inchikey):
        raise InputError(path, _("{0!r} is not an InChIKey").format(inchikey), line=line)
    cas = row.get("cas", "")
    if cas and not clean_cas(cas):
        raise InputError(path, _("{0!r} is not a valid CAS number (format or check digit)").format(cas), line=line)
    smiles = row.get("smiles", "")
    if smiles:
        from rdkit import Chem, RDLogger

        RDLogger.DisableLog("rdApp.*")
        mol = Chem.MolFromSmiles(smiles)
        if mol is None or mol.GetNumAtoms() == 0:
            raise InputError(path, _("SMILES does not parse: {0}").format(smiles), line=line)
        computed = Chem.MolToInchiKey(mol)
        if inchikey and computed[:14] != inchikey.upper()[:14]:
            raise InputError(path, _("InChIKey {0} does not belong to the SMILES (which gives {1})").format(inchikey, computed), line=line)
        inchikey = inchikey or computed
    date = row.get("date", "")
    if date and not _DATE.match(date):
        raise InputError(path, _("date {0!r} is not ISO (YYYY, YYYY-MM or YYYY-MM-DD)").format(date), line=line)
    return ScheduleEntry(row["name"], tuple(s.strip() for s in row.get("synonyms", "").split("|") if s.strip()),
                         inchikey.upper(), smiles, cas, row["status"], row["source"], date, row.get("note", ""))


# -- in a library -----------------------------------------------------------
def import_schedule(library, path: str | Path, jurisdiction: str, who: str | None = None) -> dict[str, Any]:
    """Check ``path`` and store it as ``jurisdiction``'s schedule in ``library`` (replacing any);
    one transaction, logged.  Returns a summary."""
    code = check_code(jurisdiction)
    rows, digest = read_schedule_csv(path)
    from nps_id.library.store import now_utc

    who = library.who(who)
    value = json.dumps({"jurisdiction": code, "source_file": Path(path).name, "sha256": digest,
                        "imported_at": now_utc(), "imported_by": who,
                        "rows": [asdict(r) for r in rows]}, ensure_ascii=False)
    key = _META_PREFIX + code
    with library.backend.transaction():
        replaced = bool(library.backend.query("SELECT 1 FROM meta WHERE key = ?", (key,)))
        library.backend.execute("DELETE FROM meta WHERE key = ?", (key,))
        library.backend.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))
        library._log("schedule-import", who, f"national schedule {code}: {len(rows)} entries from "
                                             f"{Path(path).name}", details={"sha256": digest,
                                                                            "replaced": replaced})
    return {"jurisdiction": code, "entries": len(rows), "sha256": digest, "replaced": replaced,
            "file": str(path)}


def remove_schedule(library, jurisdiction: str, why: str, who: str | None = None) -> bool:
    code = check_code(jurisdiction)
    key = _META_PREFIX + code
    with library.backend.transaction():
        if not library.backend.query("SELECT 1 FROM meta WHERE key = ?", (key,)):
            return False
        library.backend.execute("DELETE FROM meta WHERE key = ?", (key,))
        library._log("schedule-remove", library.who(who), f"removed national schedule {code}", why)
    return True


def _library_schedule(library, code: str) -> NationalSchedule | None:
    rows = library.backend.query("SELECT value FROM meta WHERE key = ?", (_META_PREFIX + code,))
    if not rows:
        return None
    return _parse_stored(str(rows[0][0]))


@lru_cache(maxsize=32)
def _parse_stored(value: str) -> NationalSchedule:
    data = json.loads(value)
    entries = [ScheduleEntry(**{**r, "synonyms": tuple(r.get("synonyms") or ())}) for r in data["rows"]]
    return NationalSchedule(data["jurisdiction"], entries, "library", data.get("source_file", ""),
                            data.get("sha256", ""), data.get("imported_at", ""), data.get("imported_by", ""))


@lru_cache(maxsize=32)
def _shipped(code: str, mtime: float) -> NationalSchedule:
    path = SHIPPED / f"{code}.csv"
    rows, digest = read_schedule_csv(path)
    return NationalSchedule(code, rows, "shipped", path.name, digest)


def national_schedule(jurisdiction: str, library=None) -> NationalSchedule | None:
    """The schedule of ``jurisdiction``: the library's imported copy, else the shipped CSV, else None."""
    code = check_code(jurisdiction)
    if library is not None and getattr(library, "backend", None) is not None:
        try:
            found = _library_schedule(library, code)
        except (LibraryError, json.JSONDecodeError, KeyError, TypeError) as exc:
            raise LibraryError(f"{getattr(library, 'location', 'library')}: " + _("the stored schedule of {0} cannot be read ({1}); import it again").format(code, exc)) from None
        if found is not None:
            return found
    path = SHIPPED / f"{code}.csv"
    if path.is_file():
        return _shipped(code, path.stat().st_mtime)
    return None


def list_schedules(library=None) -> list[dict[str, Any]]:
    """Every schedule available: the library's imported ones and the shipped files."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(SHIPPED.glob("*.csv")) if SHIPPED.is_dir() else []:
        code = path.stem.upper()
        if _CODE.match(code):
            out[code] = {"jurisdiction": code, "origin": "shipped", "file": path.name}
    if library is not None:
        for key, value in library.backend.query("SELECT key, value FROM meta WHERE key LIKE ?",
                                                (_META_PREFIX + "%",)):
            schedule = _parse_stored(str(value))
            out[schedule.jurisdiction] = {
                "jurisdiction": schedule.jurisdiction, "origin": "library", "file": schedule.source_file,
                "entries": len(schedule.entries), "sha256": schedule.sha256,
                "imported_at": schedule.imported_at, "imported_by": schedule.imported_by}
    return [out[k] for k in sorted(out)]
