"""``nps-id case new|add|show|conclude|review|report|verify``: casework from the command line."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

_CASE_FILE_HELP = "case file (SQLite) or postgresql:// URL (default: $NPS_ID_CASE_FILE or the per-user case file)"


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    case = subparsers.add_parser(
        "case", help="casework: exhibits, analyses, conclusion, review, report, audit trail",
        description="Cases with exhibits, their GC-MS/EI/IR analyses, the combined conclusion, the review, "
                    "a PDF report and a hash-chained audit trail.")
    sub = case.add_subparsers(dest="case_command", metavar="ACTION")

    def parser(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--case-file", metavar="FILE", default=None, help=_CASE_FILE_HELP)
        return p

    new = parser("new", "open a new case")
    new.add_argument("number", metavar="CASE")
    new.add_argument("--analyst", required=True)
    new.add_argument("--lab", default="")
    new.add_argument("--title", default="")
    new.add_argument("--reviewer", default=None, help="the reviewer assigned (must differ from the analyst)")
    new.set_defaults(func=_cmd_new)

    add = parser("add", "add an exhibit (if new) and analyse FILEs for it (GC-MS runs, EI or IR spectra)")
    add.description += (". Give the FILEs right after EXHIBIT, before any option: "
                        "nps-id case add CASE EXHIBIT run.D ir.spa --library LIB")
    add.add_argument("number", metavar="CASE")
    add.add_argument("exhibit", metavar="EXHIBIT")
    add.add_argument("files", nargs="*", metavar="FILE")
    add.add_argument("--library", metavar="LIB", default=None, help="library file or URL (as for `nps-id search`)")
    add.add_argument("--description", default="", help="exhibit description (when the exhibit is new)")
    add.add_argument("--weight", default="", help="exhibit weight, e.g. '0.41 g' (when the exhibit is new)")
    add.add_argument("--photo", action="append", default=[], metavar="IMAGE", help="photo of the exhibit (hashed)")
    add.add_argument("--top", type=int, default=5, metavar="N", help="hits per query/component (default 5)")
    add.add_argument("--ri-calibration", metavar="RUN_OR_TABLE", help="GC-MS: alkane ladder run or RT/RI table")
    add.add_argument("--component", type=float, metavar="RT", help="GC-MS: retention time (min) of the component "
                                                                   "to report (default: the best supported)")
    add.add_argument("--kind", choices=("gcms", "spectra"), help="force how FILE is read (default: from its form)")
    add.add_argument("--analyst", default=None, help="who adds (default: the case's analyst)")
    add.add_argument("--amend", default="", metavar="REASON", help="amend a reviewed exhibit, giving the reason")
    add.set_defaults(func=_cmd_add)

    show = parser("show", "show a case (or list the cases)")
    show.add_argument("number", metavar="CASE", nargs="?")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=_cmd_show)

    conclude = parser("conclude", "record the analyst's conclusion beside the software's suggestion")
    conclude.add_argument("number", metavar="CASE")
    conclude.add_argument("exhibit", metavar="EXHIBIT")
    conclude.add_argument("--call", required=True, help="the analyst's conclusion, e.g. 'Etizolam identified'")
    conclude.add_argument("--comment", default="")
    conclude.add_argument("--analyst", default=None, help="who concludes (default: the case's analyst)")
    conclude.add_argument("--amend", default="", metavar="REASON", help="amend a reviewed conclusion")
    conclude.set_defaults(func=_cmd_conclude)

    review = parser("review", "technical review of an exhibit's conclusion (reviewer must differ from the analyst)")
    review.add_argument("number", metavar="CASE")
    review.add_argument("exhibit", metavar="EXHIBIT")
    review.add_argument("--reviewer", required=True)
    review.add_argument("--decision", choices=("approved", "returned"), default="approved")
    review.add_argument("--comment", default="")
    review.set_defaults(func=_cmd_review)

    report = parser("report", "write the PDF report of a case or one exhibit")
    report.add_argument("number", metavar="CASE")
    report.add_argument("exhibit", metavar="EXHIBIT", nargs="?")
    report.add_argument("--out", required=True, metavar="REPORT.pdf")
    report.add_argument("--lab", default=None, help="laboratory name printed in the header (default: the case's)")
    report.add_argument("--who", default=None, help="who issues the report (default: the case's analyst)")
    report.add_argument("--html", action="store_true", help="write one self-contained HTML file instead of PDF")
    report.set_defaults(func=_cmd_report)

    verify = parser("verify", "check the audit trail: every edited, deleted or reordered entry is named")
    verify.set_defaults(func=_cmd_verify)
    case.set_defaults(func=lambda args: case.print_help() or 1)


def _open(args: argparse.Namespace, create: bool = False):
    from nps_id.casework.store import open_case_file
    return open_case_file(args.case_file, create=create)


def _cmd_new(args: argparse.Namespace) -> int:
    with _open(args, create=True) as cases:
        case = cases.new_case(args.number, args.analyst, lab=args.lab, title=args.title, reviewer=args.reviewer)
        print(f"case {case['number']} opened in {cases.location} (analyst {case['analyst']})")
    return 0


def _cmd_add(args: argparse.Namespace) -> int:
    from nps_id.casework.analysis import analyse_file
    from nps_id.casework.provenance import input_record
    from nps_id.casework.store import CaseError

    if args.top < 1:
        raise CaseError("--top must be at least 1")
    with _open(args) as cases:
        case = cases.case(args.number)
        who = args.analyst or case["analyst"]
        exhibit = next((e for e in case["exhibits"] if e["label"] == args.exhibit), None)
        if exhibit is not None and (args.description or args.weight or args.photo):
            raise CaseError(f"case {args.number}: exhibit {args.exhibit} exists; its description, weight and photos "
                            "are kept as first recorded")
        if exhibit is not None and exhibit["state"] == "reviewed" and not args.amend.strip():
            raise CaseError(f"case {args.number}, exhibit {args.exhibit}: concluded and reviewed, so it cannot be "
                            "changed; record an amendment with its reason (--amend REASON)")
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
            print(f"exhibit {args.exhibit} added to case {args.number}")
        for path, record in zip(args.files, records):
            analysis_id = cases.add_analysis(args.number, args.exhibit, record, who, amendment=args.amend)
            print(f"analysis {analysis_id}: {Path(path).name} ({record['kind']}, SHA-256 "
                  f"{record['inputs'][0]['sha256'][:16]}...) - {_summary(record)}")
    return 0


def _summary(record: dict[str, Any]) -> str:
    from nps_id.casework.conclusion import evidence_of
    lines = evidence_of({"record": record})
    found = [f"{l['technique']} {l['verdict']}: {l['compound']}" for l in lines if l["verdict"] in
             ("identified", "ambiguous")]
    found.sort(key=lambda text: " identified:" not in text)  # identifications first
    return "; ".join(found) or "no library compound identified"


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
    print(f"Case {case['number']}  {case['title']}  lab: {case['lab'] or '-'}  analyst: {case['analyst']}  "
          f"reviewer: {case['reviewer'] or '-'}  opened {case['created_at']}")
    for e in case["exhibits"]:
        print(f"  Exhibit {e['label']} [{e['state']}] {e['description']} {e['weight']}")
        for a in e["analyses"]:
            print(f"    analysis {a['id']}: {a['label']} (SHA-256 {a['input_sha256'][:16]}..., added {a['added_at']} "
                  f"by {a['added_by']}) - {_summary(a['record'])}")
        if e["conclusions"]:
            c = e["conclusions"][-1]
            print(f"    software suggestion: {c['suggestion']['statement']}")
            print(f"    analyst's conclusion ({c['analyst']}, {c['at']}): {c['analyst_call']}"
                  + (f" - {c['comment']}" if c["comment"] else ""))
        for r in e["reviews"]:
            print(f"    review: {r['decision']} by {r['reviewer']} at {r['at']}" + (f" - {r['comment']}"
                                                                                    if r["comment"] else ""))
    for r in case["reports"]:
        print(f"  report {r['file']} ({r['exhibit'] or 'whole case'}) SHA-256 {r['sha256'][:16]}... at {r['at']}")
    print(f"  audit trail: {len(case['audit'])} entries, head {case['audit_head'][:30]}...")
    return 0


def _cmd_conclude(args: argparse.Namespace) -> int:
    with _open(args) as cases:
        who = args.analyst or cases.case(args.number)["analyst"]
        conclusion = cases.conclude(args.number, args.exhibit, args.call, args.comment, who, amendment=args.amend)
    print(f"software suggestion: {conclusion['suggestion']['statement']}")
    print(f"analyst's conclusion ({who}): {conclusion['analyst_call']}")
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    with _open(args) as cases:
        cases.review(args.number, args.exhibit, args.reviewer, args.decision, args.comment)
    print(f"case {args.number}, exhibit {args.exhibit}: {args.decision} by {args.reviewer}")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from nps_id.report import issue_report

    with _open(args) as cases:
        path, digest = issue_report(cases, args.number, args.out, exhibit=args.exhibit, lab=args.lab, who=args.who,
                                    html=args.html)
    print(f"report written: {path} (SHA-256 {digest})")
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    with _open(args) as cases:
        problems = cases.verify()
        count = len(cases.audit_entries())
    if problems:
        print(f"{args.case_file or 'case file'}: audit trail NOT intact ({len(problems)} problem(s)):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"audit trail intact: {count} entries, every hash and link checked, every stored analysis, conclusion "
          "and review matches its entry")
    return 0


__all__ = ["add_commands"]
