"""App sessions (``.npsid``) and CSV export of the shown table.

A session file is JSON: the library, the case file and case, and per opened
sample its file, its position in the file, its processing, whether it was
searched / analysed and the component selected; plus the current sample.
Restoring re-opens the files (a missing one is named, the rest still open),
re-applies the processing and repeats the searches and analyses, so what is
shown comes from the data again, never from a stored picture.
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from nps_id.errors import InputError

from PyQt6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # pylupdate6 collects translate("Context", "text") calls

SESSION_FORMAT = "nps-id-session"
SESSION_VERSION = 1


def session_dict(window: Any) -> dict[str, Any]:
    """What a window's session is (JSON-ready)."""
    from nps_id import __version__

    model = window.model
    samples = []
    for sample in model.samples:
        samples.append({
            "path": str(Path(sample.path).resolve()), "kind": sample.kind, "index_in_file": sample.index_in_file,
            "processing": dict(sample.processing or {}),
            "searched": sample.kind == "spectrum" and sample.hitlist is not None,
            "analysed": sample.kind == "run" and sample.run_result is not None,
            "component": sample.component,
        })
    current = model.samples.index(model.current) if model.current in model.samples else None
    panel = getattr(window, "case_panel", None)
    return {"format": SESSION_FORMAT, "version": SESSION_VERSION, "nps_id": __version__,
            "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "library": str(model.library_location) if model.library_location is not None else None,
            "case_file": str(panel.cases.location) if panel is not None and panel.cases is not None else None,
            "case": panel.number if panel is not None else None,
            "samples": samples, "current": current}


def save_session(window: Any, path: str | Path) -> Path:
    """Write the session to ``path`` (through a temporary file: never half-written)."""
    path = Path(path)
    if path.suffix.lower() != ".npsid":
        path = path.with_name(path.name + ".npsid")
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_text(json.dumps(session_dict(window), indent=1, default=str), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(path, translate("Session", "cannot write the session ({0})").format(exc.strerror or exc)) from None
    window.model.record("save_session", None, path=str(path))
    return path


def read_session(path: str | Path) -> dict[str, Any]:
    """The session in ``path``, checked: an NPS-ID session of a version this NPS-ID reads."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, translate("Session", "session file not found")) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"not an NPS-ID session ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != SESSION_FORMAT:
        raise InputError(path, "not an NPS-ID session (.npsid) file")
    if int(data.get("version", 0)) > SESSION_VERSION:
        raise InputError(path, translate("Session", "written by a newer NPS-ID (session version {0}); update "
                                                    "NPS-ID to open it").format(data["version"]))
    return data


def restore_session(window: Any, path: str | Path) -> list[str]:
    """Re-open a saved session in ``window``; returns the problems (missing files...), also shown to the user."""
    from nps_id_gui.dialogs.errors import show_error

    data = read_session(path)
    model = window.model
    problems: list[str] = []
    if data.get("library") and str(data["library"]) != str(model.library_location):
        model.open_library(data["library"], create=False)
        if model.library_error:
            problems.append(translate("Session", "library {0}: {1}").format(data["library"], model.library_error))
    if data.get("case_file"):
        panel = window.show_case_panel() if hasattr(window, "show_case_panel") else None
        if panel is not None and panel.open_case_file(data["case_file"], create=False) and data.get("case"):
            panel.select_case(data["case"])
    opened: dict[str, list] = {}
    restored = []
    for entry in data.get("samples", []):
        file = entry["path"]
        if file not in opened:
            if not Path(file).exists():
                problems.append(translate("Session", "{0}: file not found; left out of the session").format(file))
                opened[file] = []
            else:
                opened[file] = window.open_paths([file], background=False) or []
        sample = next((s for s in opened[file] if s.index_in_file == entry.get("index_in_file", 0)), None)
        if sample is None:
            continue
        if entry.get("processing"):
            model.set_processing(sample, entry["processing"])
        restored.append((sample, entry))
    to_search = [s for s, e in restored if e.get("searched")]
    if to_search:
        model.search(to_search)
    for sample, entry in restored:
        if entry.get("analysed"):
            component = entry.get("component")
            model.analyse_run(sample, then=lambda s, c=component: model.select_component(s, c) if c is not None
                              else None)
    current = data.get("current")
    if current is not None and 0 <= current < len(data.get("samples", [])):
        wanted = data["samples"][current]
        match = next((s for s, e in restored if e is wanted), None)
        if match is not None:
            model.set_current(match)
    model.record("open_session", None, path=str(path), samples=len(restored))
    if problems:
        show_error(window, translate("Session", "Session restored in part"), "\n".join(problems))
    return problems


def export_csv(window: Any, path: str | Path) -> Path:
    """The current sample's table as CSV: GC-MS components with their hits, or the hit table."""
    from nps_id.casework.export import component_rows, hit_rows, write_csv

    sample = window.model.current
    if sample is None:
        raise InputError(path, translate("Session", "no sample selected: nothing to export"))
    if sample.kind == "run" and sample.run_result is not None:
        rows = component_rows(sample.run_result.to_dict())
    elif sample.hitlist is not None and hasattr(sample.hitlist, "to_dict"):
        rows = hit_rows(sample.hitlist.to_dict())
    else:
        raise InputError(path, translate("Session", "{0} has no results yet: search or analyse it first").format(sample.label))
    written = write_csv(path, rows)
    window.model.record("export_csv", sample, path=str(written))
    return written
