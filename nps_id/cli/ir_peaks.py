"""``nps-id ir-peaks``: pick the bands of an IR spectrum and print or save the peak table."""
from __future__ import annotations

import argparse
from typing import Any

from nps_id.errors import InputError


def add_commands(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "ir-peaks", help="list the bands of an IR spectrum (position, height, FWHM, prominence)",
        description="Read an IR spectrum, convert it to absorbance, subtract a baseline and pick the "
                    "bands whose prominence exceeds K times the noise.")
    parser.add_argument("file", metavar="FILE", help="IR spectrum file (any format nps-id reads)")
    parser.add_argument("--index", type=int, default=0, metavar="N",
                        help="spectrum number in a multi-spectrum file (default 0)")
    parser.add_argument("--baseline", default="arpls",
                        choices=("none", "asls", "arpls", "airpls", "modpoly", "imodpoly", "snip", "rubberband"),
                        help="baseline method (default arpls)")
    parser.add_argument("--k", type=float, default=5.0, help="minimum prominence in noise units (default 5)")
    parser.add_argument("--min-relative", type=float, default=0.01, metavar="FRACTION",
                        help="minimum prominence as a fraction of the strongest band (default 0.01)")
    parser.add_argument("--csv", metavar="OUT.csv", help="write the peak table to OUT.csv")
    parser.set_defaults(func=run_peaks)


def run_peaks(args: argparse.Namespace) -> int:
    from nps_id.io import read_spectra
    from nps_id.ir.baselines import baseline
    from nps_id.ir.peaks import noise_level, pick_peaks, write_peak_table
    from nps_id.ir.preprocess import to_absorbance, to_wavenumber

    spectra = read_spectra(args.file)
    if not 0 <= args.index < len(spectra):
        raise InputError(args.file, f"has {len(spectra)} spectra; --index {args.index} does not exist")
    spectrum = spectra[args.index]
    if spectrum.technique != "ir":
        raise InputError(args.file, f"holds a {spectrum.technique} spectrum, not IR")
    try:
        prepared = to_absorbance(to_wavenumber(spectrum))
        if args.baseline != "none":
            prepared = baseline(prepared, args.baseline)[0]
    except ValueError as exc:
        raise InputError(args.file, str(exc)) from None
    peaks = pick_peaks(prepared, k=args.k, min_relative_prominence=args.min_relative)
    if args.csv:
        write_peak_table(peaks, args.csv)
    print(f"{args.file}: {len(peaks)} bands (noise {noise_level(prepared):.3g}, baseline {args.baseline})")
    print(f"{'cm-1':>8} {'height':>9} {'FWHM':>6} {'prominence':>10}")
    for p in sorted(peaks, key=lambda pk: -pk.position):
        print(f"{p.position:8.1f} {p.height:9.4f} {p.fwhm:6.1f} {p.prominence:10.4f}")
    return 0
