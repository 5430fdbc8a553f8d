"""``nps-id case new|add|show|conclude|review|report|verify``: casework from the command line."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from nps_id.cli.search import _positive_int
from nps_id.i18n import N_, _
from nps_id.report.words import statement_lines

_CASE_FILE_HELP = N_("case file (SQLite) or postgresql:// URL (default: $NPS_ID_CASE_FILE or the per-user case file)")


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    case = subparsers.add_parser(
        "case", help=_("casework: exhibits, analyses, conclusion, review, report, audit trail"),
        description=_("Cases with exhibits, their GC-MS/EI/IR analyses, the combined conclusion, the review, "
                    "a PDF report and a hash-chained audit trail."))
    sub = case.add_subparsers(dest="case_command", metavar="ACTION")

    def parser(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--case-file", metavar="FILE", default=None, help=_(_CASE_FILE_HELP))
        return p

    new = parser("new", _("open a new case"))
    new.add_argument("number", metavar="CASE")
    new.add_argument("--analyst", required=True, help=_("the analyst in charge"))
    new.add_argument("--lab", default="", help=_("laboratory name"))
    new.add_argument("--title", default="", help=_("case title"))
    new.add_argument("--reviewer", default=None, help=_("the reviewer assigned (must differ from the analyst)"))
    new.set_defaults(func=_cmd_new)

    add = parser("add", _("add an exhibit (if new) and analyse FILEs for it (GC-MS runs, EI or IR spectra)"))
    add.description += _(". Give the FILEs right after EXHIBIT, before any option: "
                         "nps-id case add CASE EXHIBIT run.D ir.spa --library LIB")
    add.add_argument("number", metavar="CASE")
    add.add_argument("exhibit", metavar="EXHIBIT")
    add.add_argument("files", nargs="*", metavar="FILE")
    add.add_argument("--library", metavar="LIB", default=None, help=_("library file or URL (as for `nps-id search`)"))
    add.add_argument("--description", default="", help=_("exhibit description (when the exhibit is new)"))
    add.add_argument("--weight", default="", help=_("exhibit weight, e.g. '0.41 g' (when the exhibit is new)"))
    add.add_argument("--photo", action="append", default=[], metavar="IMAGE", help=_("photo of the exhibit (hashed)"))
    add.add_argument("--top", type=_positive_int, default=5, metavar="N", help=_("hits per query/component (default 5)"))
    add.add_argument("--ri-calibration", metavar="RUN_OR_TABLE", help=_("GC-MS: alkane ladder run or RT/RI table"))
    add.add_argument("--component", type=float, metavar="RT", help=_("GC-MS: retention time (min) of the component "
                                                                   "to report (default: the best supported)"))
    add.add_argument("--kind", choices=("gcms", "spectra"), help=_("force how FILE is read (default: from its form)"))
    add.add_argument("--analyst", default=None, help=_("who adds (default: the case's analyst)"))
    add.add_argument("--amend", default="", metavar="REASON", help=_("amend a reviewed exhibit, giving the reason"))
    add.set_defaults(func=_cmd_add)

    show = parser("show", _("show a case (or list the cases)"))
    show.add_argument("number", metavar="CASE", nargs="?")
    show.add_argument("--json", action="store_true", help=_("machine-readable output"))
    show.set_defaults(func=_cmd_show)

    conclude = parser("conclude", _("record the analyst's conclusion beside the software's suggestion"))
    conclude.add_argument("number", metavar="CASE")
    conclude.add_argument("exhibit", metavar="EXHIBIT")
    conclude.add_argument("--call", required=True, help=_("the analyst's conclusion, e.g. 'Etizolam identified'"))
    conclude.add_argument("--comment", default="", help=_("the analyst's comment"))
    conclude.add_argument("--analyst", default=None, help=_("who concludes (default: the case's analyst)"))
    conclude.add_argument("--amend", default="", metavar="REASON", help=_("amend a reviewed conclusion"))
    conclude.set_defaults(func=_cmd_conclude)

    review = parser("review", _("technical review of an exhibit's conclusion (reviewer must differ from the analyst)"))
    review.add_argument("number", metavar="CASE")
    review.add_argument("exhibit", metavar="EXHIBIT")
    review.add_argument("--reviewer", required=True, help=_("who reviews"))
    review.add_argument("--decision", choices=("approved", "returned"), default="approved",
                        help=_("approved (default) or returned to the analyst"))
    review.add_argument("--comment", default="", help=_("the reviewer's comment"))
    review.set_defaults(func=_cmd_review)

    report = parser("report", _("write the PDF report of a case or one exhibit"))
    report.add_argument("number", metavar="CASE")
    report.add_argument("exhibit", metavar="EXHIBIT", nargs="?")
    report.add_argument("--out", required=True, metavar="REPORT.pdf", help=_("the report file to write"))
    report.add_argument("--lab", default=None, help=_("laboratory name printed in the header (default: the case's)"))
    report.add_argument("--who", default=None, help=_("who issues the report (default: the case's analyst)"))
    report.add_argument("--html", action="store_true", help=_("write one self-contained HTML file instead of PDF"))
    report.set_defaults(func=_cmd_report)

    verify = parser("verify", _("check the audit trail: every edited, deleted or reordered entry is named"))
    verify.set_defaults(func=_cmd_verify)
    case.set_defaults(func=lambda args: case.print_help() or 1)


def _open(args: argparse.Namespace, create: bool = False):
    from nps_id.casework.store import open_case_file
    return open_case_file(args.case_file, create=create)


def _cmd_new(args: argparse.Namespace) -> int:
    with _open(args, create=True) as cases:
        case = cases.new_case(args.number, args.analyst, lab=args.lab, title=args.title, reviewer=args.reviewer)
        print(_("case {0} opened in {1} (analyst {2})").format(case["number"], cases.location, case["analyst"]))
    return 0


def _cmd_add(args: argparse.Namespace) -> int:
    from nps_id.casework.analysis import analyse_file
    from nps_id.casework.provenance import input_record
    from nps_id.casework.store import CaseError

    with _open(args) as cases:
        case = cases.case(args.number)
        who = args.analyst or case["analyst"]
        exhibit = next((e for e in case["exhibits"] if e["label"] == args.exhibit), None)
        if exhibit is not None and (args.description or args.weight or args.photo):
            raise CaseError(_("case {0}: exhibit {1} exists; its description, weight and photos are kept as first "
                              "recorded").format(args.number, args.exhibit))
        if exhibit is not None and exhibit["state"] == "reviewed" and not args.amend.strip():
            raise CaseError(_("case {0}, exhibit {1}: concluded and reviewed, so it cannot be changed; record an "
                              "amendment with its reason (--amend REASON)").format(args.number, args.exhibit))
        photos = [{k: v for k, v in input_record(p).items() if k in ("name", "sha256")} for p in args.photo]
        records = []
        if args.files:  # every file analysed first: a bad one stops the command before anything is written
            from nps_id.cli.search import open_search_library
            library = open_search_library(args.library)
            try:
                for path in args.files:
                    records.append(analyse_file(path, library, kind=args.kind, top=args.top,
                                                ri_calibration=args.ri_calibration, component_rt=args.component))
            finally:
                library.close()
        if exhibit is None:
            cases.add_exhibit(args.number, args.exhibit, who, args.description, args.weight, photos)
            print(_("exhibit {0} added to case {1}").format(args.exhibit, args.number))
        for path, record in zip(args.files, records):
            analysis_id = cases.add_analysis(args.number, args.exhibit, record, who, amendment=args.amend)
            print(_("analysis {0}: {1} ({2}, SHA-256 {3}...) - {4}").format(
                analysis_id, Path(path).name, record["kind"], record["inputs"][0]["sha256"][:16], _summary(record)))
    return 0


#: How the verdicts of a summary line read (lower case, as in a sentence).
_VERDICTS = {"identified": N_("identified"), "ambiguous": N_("ambiguous")}


def _summary(record: dict[str, Any]) -> str:
    from nps_id.casework.conclusion import evidence_of
    lines = evidence_of({"record": record})
    chosen = sorted((line for line in lines if line["verdict"] in ("identified", "ambiguous")),
                    key=lambda line: line["verdict"] != "identified")  # identifications first
    found = [f"{line['technique']} {_(_VERDICTS[line['verdict']])}: {line['compound']}" for line in chosen]
    return "; ".join(found) or _("no library compound identified")


def _cmd_show(args: argparse.Namespace) -> int:
    with _open(args) as cases:
        if args.number is None:
            for number in cases.cases():
                print(number)
            return 0
        case = cases.case(args.number)
    if args.json:
        for exhibit in case["exhibits"]:  # the full records are in the case file; show what was analysed
            for analysis in exhibit["analyses"]:
                analysis["record"] = {k: analysis["record"][k] for k in ("kind", "inputs", "library", "software",
                                                                         "started_at", "finished_at")}
        print(json.dumps(case, ensure_ascii=False, indent=1))
        return 0
    print(_("Case {0}  {1}  lab: {2}  analyst: {3}  reviewer: {4}  opened {5}").format(
        case["number"], case["title"], case["lab"] or "-", case["analyst"], case["reviewer"] or "-",
        case["created_at"]))
    for e in case["exhibits"]:
        print("  " + _("Exhibit {0} [{1}] {2} {3}").format(e["label"], _state(e["state"]), e["description"],
                                                          e["weight"]))
        for a in e["analyses"]:
            print("    " + _("analysis {0}: {1} (SHA-256 {2}..., added {3} by {4}) - {5}").format(
                a["id"], a["label"], a["input_sha256"][:16], a["added_at"], a["added_by"], _summary(a["record"])))
        if e["conclusions"]:
            c = e["conclusions"][-1]
            print("    " + _("software suggestion: {0}").format(" ".join(statement_lines(c["suggestion"]))))
            print("    " + _("analyst's conclusion ({0}, {1}): {2}").format(c["analyst"], c["at"], c["analyst_call"])
                  + (f" - {c['comment']}" if c["comment"] else ""))
        for r in e["reviews"]:
            print("    " + _("review: {0} by {1} at {2}").format(_decision(r["decision"]), r["reviewer"], r["at"])
                  + (f" - {r['comment']}" if r["comment"] else ""))
    for r in case["reports"]:
        print("  " + _("report {0} ({1}) SHA-256 {2}... at {3}").format(r["file"], r["exhibit"] or _("whole case"),
                                                                       r["sha256"][:16], r["at"]))
    print("  " + _("audit trail: {0} entries, head {1}...").format(len(case["audit"]), case["audit_head"][:30]))
    return 0


#: The states of an exhibit and the decisions of a review, as shown (the case file keeps the English keys).
_STATES = {"open": N_("open"), "concluded": N_("concluded"), "reviewed": N_("reviewed"), "returned": N_("returned"),
           "amended": N_("amended")}
_DECISIONS = {"approved": N_("approved"), "returned": N_("returned")}


def _state(state: str) -> str:
    return _(_STATES[state]) if state in _STATES else state


def _decision(decision: str) -> str:
    return _(_DECISIONS[decision]) if decision in _DECISIONS else decision


def _cmd_conclude(args: argparse.Namespace) -> int:
    with _open(args) as cases:
        who = args.analyst or cases.case(args.number)["analyst"]
        conclusion = cases.conclude(args.number, args.exhibit, args.call, args.comment, who, amendment=args.amend)
    print(_("software suggestion: {0}").format(" ".join(statement_lines(conclusion["suggestion"]))))
    print(_("analyst's conclusion ({0}): {1}").format(who, conclusion["analyst_call"]))
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    with _open(args) as cases:
        cases.review(args.number, args.exhibit, args.reviewer, args.decision, args.comment)
    print(_("case {0}, exhibit {1}: {2} by {3}").format(args.number, args.exhibit, _decision(args.decision),
                                                       args.reviewer))
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from nps_id.report import issue_report

    with _open(args) as cases:
        path, digest = issue_report(cases, args.number, args.out, exhibit=args.exhibit, lab=args.lab, who=args.who,
                                    html=args.html)
    print(_("report written: {0} (SHA-256 {1})").format(path, digest))
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    with _open(args) as cases:
        problems = cases.verify()
        count = len(cases.audit_entries())
    if problems:
        print(_("{0}: audit trail NOT intact ({1} problem(s)):").format(args.case_file or _("case file"),
                                                                        len(problems)), file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(_("audit trail intact: {0} entries, every hash and link checked, every stored analysis, conclusion "
            "and review matches its entry").format(count))
    return 0


__all__ = ["add_commands"]
