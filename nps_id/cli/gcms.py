"""``nps-id gcms``: deconvolute a GC-MS run and identify every component."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from nps_id.cli.search import _positive_int
from nps_id.gcms.identify import hitlist_to_dicts
from nps_id.i18n import N_, _


def add_commands(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "gcms", help=_("identify every component of a GC-MS run"),
        description=_("Read a GC-MS run (Agilent .D, ANDI .cdf, mzML, mzXML, JCAMP-DX run, .ms1), "
                    "deconvolute co-eluting components (AMDIS-style) and search each against a library."))
    parser.add_argument("run", metavar="RUN", nargs="?", help=_("run file or .D folder"))
    parser.add_argument("--sequence", metavar="FOLDER_OR_LIST",
                        help=_("analyse every run of a folder (or of a list file, one path a line) in parallel; "
                             "writes summary.csv, summary.json and runs/*.json to --out"))
    parser.add_argument("--out", metavar="FOLDER", default=None,
                        help=_("where --sequence writes its results (default: nps-id-sequence beside the runs)"))
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help=_("processes for --sequence (default: all cores)"))
    parser.add_argument("--blank", action="append", default=[], metavar="PATTERN",
                        help=_("sample or run names matching this regular expression are blanks "
                             "(besides names saying blank/BLK/solvent/MeOH); repeatable"))
    parser.add_argument("--method", metavar="METHOD",
                        help=_("method file (.toml or .csv): targets with RT/RI windows, qualifier ions and "
                             "the internal standard, screened in every run"))
    for setting, what in (("sensitivity", N_("deconvolution sensitivity (AMDIS-like: how weak a component may be; "
                                             "default medium)")),
                          ("resolution", N_("deconvolution resolution (AMDIS-like: how close two compounds may "
                                            "elute and still be separated; default medium)")),
                          ("shape", N_("deconvolution shape (AMDIS-like: how well an ion must follow the model "
                                       "peak; default medium)"))):
        parser.add_argument(f"--{setting}", choices=("low", "medium", "high"), default="medium", help=_(what))
    parser.add_argument("--library", metavar="LIB", default=None,
                        help=_("library file or URL (default: as for `nps-id search`)"))
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    parser.add_argument("--csv", metavar="OUT.csv", help=_("also write one row per component hit to OUT.csv"))
    parser.add_argument("--top", type=_positive_int, default=5, metavar="N", help=_("hits per component (default 5)"))
    parser.add_argument("--ri-calibration", metavar="RUN_OR_TABLE",
                        help=_("alkane/FAME ladder run, or CSV table of RT (min) and RI or carbon number"))
    parser.add_argument("--min-area-pct", type=float, default=0.0, metavar="PCT",
                        help=_("list only components with at least this area %% (default: all)"))
    parser.add_argument("--no-search", action="store_true", help=_("deconvolute only, no library search"))
    parser.set_defaults(func=run_command)


def _hit_summary(hit: dict[str, Any]) -> str:
    """Name (score), with ΔRI when both RIs are known and "RI CONTRADICTS" beyond 50 units."""
    ri = ""
    if hit.get("ri_delta") is not None:
        ri = f", ΔRI {hit['ri_delta']:+.0f}" + (" " + _("RI CONTRADICTS") if hit.get("ri_flag") == "contradicts"
                                                else "")
    # a hit ranked lower because its nominal mass contradicts the component's molecular ion says so,
    # or the order of the list looks wrong (a higher score after a lower one)
    conflict = ", " + _("mass contradicts the molecular ion") if hit.get("mass_conflict") else ""
    return f"{hit.get('name', '')} ({hit.get('score', '')}{ri}{conflict})"


def _component_answer(comp: dict[str, Any], top: int) -> str:
    """What a component is: its verdict first, then the hits (never a bare top hit as the answer)."""
    hits = "; ".join(_hit_summary(h) for h in comp["hits"][:top]) or "-"
    verdict = comp.get("verdict")
    if verdict is None:
        return hits
    detail = comp["verdict_detail"]
    if verdict == "identified":
        return _("IDENTIFIED {0} ({1:.0f} %) | {2}").format(detail["compound"], 100 * comp["confidence"], hits)
    if verdict == "ambiguous":
        return _("AMBIGUOUS {0} | {1}").format(" / ".join(detail["candidates"]), hits)
    cls = comp.get("class_prediction") or {}
    kind = _(", class {0} {1:.0f} %").format(cls["label"], 100 * cls["probability"]) if cls.get("label") else ""
    nearest = comp["analogues"][0]["name"] if comp.get("analogues") else None
    like = _(", nearest analogue {0}").format(nearest) if nearest else ""
    return _("NOT IN LIBRARY{0}{1} | nearest hits: {2}").format(kind, like, hits)


def run_command(args: argparse.Namespace) -> int:
    from nps_id.gcms.analysis import analyse_run
    from nps_id.gcms.readers import read_run

    from nps_id.gcms.settings import deconvolution_params

    params = deconvolution_params(args.sensitivity, args.resolution, args.shape)
    if args.sequence:
        return _run_sequence(args, params)
    if not args.run:
        raise SystemExit(_("nps-id gcms: give a RUN or --sequence FOLDER_OR_LIST"))
    run = read_run(args.run)
    result = analyse_run(run, library=args.library, ri_calibration=args.ri_calibration, top=args.top,
                         search=not args.no_search, method=args.method, **params)
    keep = [i for i, c in enumerate(result.components) if c.area_pct >= args.min_area_pct]
    data = result.to_dict()
    data["components"] = [data["components"][i] for i in keep]
    if args.min_area_pct and "provenance" in data:  # replay applies the same filter
        data["provenance"]["parameters"]["min_area_pct"] = args.min_area_pct
    if args.csv:
        _write_csv(args.csv, data)
    if args.json:
        json.dump(data, sys.stdout, indent=1, default=str)
        sys.stdout.write("\n")
        return 0
    info = data["run"]
    print(_("{0}  sample: {1}  {2} scans, {3:.2f}-{4:.2f} min, mode {5}").format(
        info["source_file"], info["sample"] or "-", info["scans"], info["rt_range_min"][0], info["rt_range_min"][1],
        info["mode"]))
    for warning in data["warnings"]:
        print(_("warning: {0}").format(warning))
    print(f"{'#':>3} {_('RT min'):>7} {_('RI'):>6} {_('area %'):>7} {_('purity'):>6}  {_('top ions'):<16} "
          + _("verdict | hits"))
    for n, comp in enumerate(data["components"], 1):
        order = sorted(range(len(comp["spectrum"]["mz"])), key=lambda k: -comp["spectrum"]["intensity"][k])[:3]
        ions = "/".join(str(int(round(comp["spectrum"]["mz"][k]))) for k in order)
        ri = f"{comp['ri']:.0f}" if comp["ri"] is not None else "-"
        hits = _component_answer(comp, args.top)
        print(f"{n:>3} {comp['rt_min']:>7.3f} {ri:>6} {comp['area_pct']:>7.2f} {comp['purity']:>6.2f}  "
              f"{ions:<16} {hits}")
    if data.get("targets"):
        print(_("method {0}:").format(data["method"]["name"]))
        for target in data["targets"]:
            print("  " + _target_line(target))
    return 0


def _target_line(target: dict[str, Any]) -> str:
    """One target of the method: found or not, RT shift, qualifier ratios, area ratio to the IS."""
    role = _(" (IS)") if target["role"] == "istd" else ""
    if not target["found"]:
        return _("{0}{1}: NOT FOUND ({2})").format(target["name"], role, target["reason"])
    quals = ", ".join(f"{q['ion']}: {q['ratio_pct']:.0f} %" + ("" if q["within"] is None else
                      " " + _("ok") if q["within"] else
                      " " + _("OUT ({0:.0f}-{1:.0f})").format(q["range_pct"][0], q["range_pct"][1]))
                      for q in target["qualifiers"])
    ratio = _(", area/IS {0:.4g}").format(target["area_ratio_to_istd"]) \
        if target.get("area_ratio_to_istd") is not None and target["role"] != "istd" else ""
    shift = _(" (shift {0:+.3f})").format(target["rt_shift_min"]) if target.get("rt_shift_min") is not None else ""
    status = _("FOUND") if target["status"] == "found" else _("FOUND, QUALIFIERS OUT OF TOLERANCE")
    return _("{0}{1}: {2} at {3:.3f} min{4}{5}; qualifiers {6}").format(
        target["name"], role, status, target["rt_min"], shift, ratio, quals or "-")


def _run_sequence(args: argparse.Namespace, params: dict[str, Any]) -> int:
    """``--sequence``: every run in parallel, progress on stderr, summary table on stdout and in --out."""
    from pathlib import Path

    from nps_id.gcms.sequence import analyse_sequence, find_runs

    runs = find_runs(args.sequence)
    source = Path(args.sequence)
    out = Path(args.out) if args.out else (source if source.is_dir() else source.parent) / "nps-id-sequence"

    def progress(done: int, total: int, name: str) -> None:
        print(f"\r[{done}/{total}] {name:<40}", end="" if done < total else "\n", file=sys.stderr, flush=True)

    result = analyse_sequence(runs, library=args.library, method=args.method, ri_calibration=args.ri_calibration,
                              top=args.top, search=not args.no_search, workers=args.workers, blanks=args.blank,
                              progress=progress, **params)
    written = result.write(out)
    if args.json:
        json.dump(result.to_dict(), sys.stdout, indent=1, default=str)
        sys.stdout.write("\n")
    else:
        targets = [k for k in result.rows[0] if k.startswith("target:")] if result.rows else []
        print(_("{0} runs in {1:.1f} s on {2} processes; summary: {3}").format(len(runs), result.seconds,
                                                                               result.workers, written[0]))
        for row in result.rows:
            kind = _("BLANK") if row.get("blank") else ""
            found = "; ".join(f"{k[7:]}: {row[k]}" for k in targets if k in row) or \
                ", ".join(row.get("identified_compounds") or []) or "-"
            flags = ("  !! " + "; ".join(row["flags"])) if row.get("flags") else ""
            error = "  " + _("ERROR {0}").format(row["error"]) if row.get("error") else ""
            print(f"{row['position']:>3} {row['run']:<16} {kind:<6}{row.get('sample', ''):<28} "
                  f"{row.get('components', '-'):>4} {_('comps')}  {found}{flags}{error}")
    return 1 if any(row.get("error") for row in result.rows) else 0


def _write_csv(path: str, data: dict[str, Any]) -> None:
    """Every hit of every component, with class, control status (and its source), verdict and isomers."""
    from nps_id.casework.export import component_rows, write_csv
    write_csv(path, component_rows(data))


__all__ = ["add_commands", "run_command", "hitlist_to_dicts"]
