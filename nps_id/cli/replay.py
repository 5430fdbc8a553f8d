"""``nps-id replay RESULT.json | CASE EXHIBIT``: re-run a recorded result and say what differs."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from nps_id.errors import InputError, NpsIdError
from nps_id.i18n import _


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "replay", help=_("re-run a recorded result (search/GC-MS JSON, or a case exhibit) and compare"),
        description=_("Re-read the recorded input files (checking their SHA-256), re-apply the recorded recipe "
                    "against the library and report 'identical' or exactly what differs: a changed input file, "
                    "a different library revision or content, a different software version, changed hits."))
    parser.add_argument("target", nargs="+", metavar="RESULT.json | CASE EXHIBIT")
    parser.add_argument("--library", metavar="LIB", default=None,
                        help=_("library to replay against (default: the one recorded in the result)"))
    parser.add_argument("--case-file", metavar="FILE", default=None, help=_("case file (for CASE EXHIBIT)"))
    parser.add_argument("--json", action="store_true", help=_("print the comparison as JSON"))
    parser.set_defaults(func=_cmd_replay)


def _records(args: argparse.Namespace) -> list[tuple[str, dict[str, Any]]]:
    if len(args.target) == 1:
        path = Path(args.target[0])
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(path, _("not found (give RESULT.json, or CASE EXHIBIT with --case-file)")) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(path, _("cannot be read ({0})").format(exc)) from None
        try:  # one JSON document (GC-MS, a record) or JSON lines (search)
            documents = [json.loads(text)]
        except json.JSONDecodeError:
            try:
                documents = [json.loads(line) for line in text.splitlines() if line.strip()]
            except json.JSONDecodeError as exc:
                raise InputError(path, _("not JSON ({0}, line {1})").format(exc.msg, exc.lineno)) from None
        return [(f"{path.name}#{i + 1}" if len(documents) > 1 else path.name, d) for i, d in enumerate(documents)]
    if len(args.target) != 2:
        raise NpsIdError(_("give RESULT.json, or CASE EXHIBIT"))
    from nps_id.casework.store import open_case_file
    with open_case_file(args.case_file) as cases:
        exhibit = cases.exhibit(*args.target)
    if not exhibit["analyses"]:
        raise NpsIdError(_("case {0}, exhibit {1}: no analyses to replay").format(args.target[0], args.target[1]))
    return [(_("analysis {0} ({1})").format(a["id"], a["label"]), {**a["record"], "_analysis_id": a["id"]})
            for a in exhibit["analyses"]]


def _cmd_replay(args: argparse.Namespace) -> int:
    from nps_id.casework.replay import as_record, replay
    from nps_id.cli.search import open_search_library

    outcome = []
    records = _records(args)
    for label, data in records:
        try:
            record = as_record(data)
        except NpsIdError as exc:  # name the file (or the case analysis) the record came from
            raise NpsIdError(f"{label}: {exc}") from None
        location = args.library or (record.get("library") or {}).get("location")
        if not location:
            raise NpsIdError(_("{0}: no library recorded; give --library").format(label))
        library = open_search_library(location)
        try:
            report = replay(record, library)
        finally:
            library.close()
        outcome.append((label, report))
    if len(args.target) == 2:  # a case exhibit: the replay is a case action, recorded in its audit trail
        from nps_id.casework.store import current_user_name, open_case_file
        with open_case_file(args.case_file) as cases:
            cases.record_replay(args.target[0], args.target[1], current_user_name(), [
                {"analysis_id": data["_analysis_id"], **report.to_dict()}
                for (_label, data), (_same, report) in zip(records, outcome)])
    if args.json:
        print(json.dumps([{"result": label, **r.to_dict()} for label, r in outcome], ensure_ascii=False, indent=1))
    else:
        for label, report in outcome:
            lines = report.lines()
            print(f"{label}: {lines[0]}")
            for line in lines[1:]:
                print(line)
    return 0 if all(r.identical for _label, r in outcome) else 1
