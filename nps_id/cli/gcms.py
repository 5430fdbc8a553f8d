"""``nps-id gcms``: deconvolute a GC-MS run and identify every component."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from nps_id.gcms.identify import hitlist_to_dicts


def add_commands(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "gcms", help="identify every component of a GC-MS run",
        description="Read a GC-MS run (Agilent .D, ANDI .cdf, mzML, mzXML, JCAMP-DX run, .ms1), "
                    "deconvolute co-eluting components (AMDIS-style) and search each against a library.")
    parser.add_argument("run", metavar="RUN", help="run file or .D folder")
    parser.add_argument("--library", metavar="LIB", default=None,
                        help="library file or URL (default: as for `nps-id search`)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--csv", metavar="OUT.csv", help="also write one row per component hit to OUT.csv")
    parser.add_argument("--top", type=int, default=5, metavar="N", help="hits per component (default 5)")
    parser.add_argument("--ri-calibration", metavar="RUN_OR_TABLE",
                        help="alkane/FAME ladder run, or CSV table of RT (min) and RI or carbon number")
    parser.add_argument("--min-area-pct", type=float, default=0.0, metavar="PCT",
                        help="list only components with at least this area %% (default: all)")
    parser.add_argument("--no-search", action="store_true", help="deconvolute only, no library search")
    parser.set_defaults(func=run_command)


def _hit_summary(hit: dict[str, Any]) -> str:
    """Name (score), with ΔRI when both RIs are known and "RI CONTRADICTS" beyond 50 units."""
    ri = ""
    if hit.get("ri_delta") is not None:
        ri = f", ΔRI {hit['ri_delta']:+.0f}" + (" RI CONTRADICTS" if hit.get("ri_flag") == "contradicts" else "")
    return f"{hit.get('name', '')} ({hit.get('score', '')}{ri})"


def _component_answer(comp: dict[str, Any], top: int) -> str:
    """What a component is: its verdict first, then the hits (never a bare top hit as the answer)."""
    hits = "; ".join(_hit_summary(h) for h in comp["hits"][:top]) or "-"
    verdict = comp.get("verdict")
    if verdict is None:
        return hits
    detail = comp["verdict_detail"]
    if verdict == "identified":
        return f"IDENTIFIED {detail['compound']} ({100 * comp['confidence']:.0f} %) | {hits}"
    if verdict == "ambiguous":
        return f"AMBIGUOUS {' / '.join(detail['candidates'])} | {hits}"
    cls = comp.get("class_prediction") or {}
    kind = f", class {cls['label']} {100 * cls['probability']:.0f} %" if cls.get("label") else ""
    nearest = comp["analogues"][0]["name"] if comp.get("analogues") else None
    like = f", nearest analogue {nearest}" if nearest else ""
    return f"NOT IN LIBRARY{kind}{like} | nearest hits: {hits}"


def run_command(args: argparse.Namespace) -> int:
    from nps_id.gcms.analysis import analyse_run
    from nps_id.gcms.readers import read_run

    if args.top < 1:
        raise SystemExit("nps-id gcms: --top must be at least 1")
    run = read_run(args.run)
    result = analyse_run(run, library=args.library, ri_calibration=args.ri_calibration, top=args.top,
                         search=not args.no_search)
    keep = [i for i, c in enumerate(result.components) if c.area_pct >= args.min_area_pct]
    data = result.to_dict()
    data["components"] = [data["components"][i] for i in keep]
    if args.csv:
        _write_csv(args.csv, data)
    if args.json:
        json.dump(data, sys.stdout, indent=1, default=str)
        sys.stdout.write("\n")
        return 0
    info = data["run"]
    print(f"{info['source_file']}  sample: {info['sample'] or '-'}  {info['scans']} scans, "
          f"{info['rt_range_min'][0]:.2f}-{info['rt_range_min'][1]:.2f} min, mode {info['mode']}")
    for warning in data["warnings"]:
        print(f"warning: {warning}")
    print(f"{'#':>3} {'RT min':>7} {'RI':>6} {'area %':>7} {'purity':>6}  {'top ions':<16} verdict | hits")
    for n, comp in enumerate(data["components"], 1):
        order = sorted(range(len(comp["spectrum"]["mz"])), key=lambda k: -comp["spectrum"]["intensity"][k])[:3]
        ions = "/".join(str(int(round(comp["spectrum"]["mz"][k]))) for k in order)
        ri = f"{comp['ri']:.0f}" if comp["ri"] is not None else "-"
        hits = _component_answer(comp, args.top)
        print(f"{n:>3} {comp['rt_min']:>7.3f} {ri:>6} {comp['area_pct']:>7.2f} {comp['purity']:>6.2f}  "
              f"{ions:<16} {hits}")
    return 0


def _write_csv(path: str, data: dict[str, Any]) -> None:
    """Every hit of every component, with class, control status (and its source), verdict and isomers."""
    from nps_id.casework.export import component_rows, write_csv
    write_csv(path, component_rows(data))


__all__ = ["add_commands", "run_command", "hitlist_to_dicts"]
