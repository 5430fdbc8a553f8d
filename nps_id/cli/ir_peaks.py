"""``nps-id ir-peaks``: pick the bands of an IR spectrum and print or save the peak table."""
from __future__ import annotations

import argparse
from typing import Any

from nps_id.errors import InputError


def add_commands(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "ir-peaks", help="list the bands of an IR spectrum (position, height, FWHM, prominence)",
        description="Read an IR spectrum, convert it to absorbance, optionally ATR-correct it, suppress "
                    "atmospheric water vapour and CO2, subtract a baseline and pick the bands whose prominence "
                    "exceeds K times the spectrum's own noise.  The steps run are printed as the recipe.")
    parser.add_argument("file", metavar="FILE", help="IR spectrum file (any format nps-id reads)")
    parser.add_argument("--index", type=int, default=0, metavar="N",
                        help="spectrum number in a multi-spectrum file (default 0)")
    parser.add_argument("--baseline", default="arpls",
                        choices=("none", "asls", "arpls", "airpls", "modpoly", "imodpoly", "snip", "rubberband"),
                        help="baseline method (default arpls)")
    parser.add_argument("--atmosphere", default="lines", choices=("lines", "mask", "none"),
                        help="water-vapour suppression: remove narrow gas lines (default), mask the regions, "
                             "or none; CO2 2280-2400 cm-1 is bridged unless 'none'")
    parser.add_argument("--water-reference", metavar="FILE",
                        help="subtract this measured water-vapour spectrum (absorbance) instead")
    parser.add_argument("--atr", choices=("auto", "on", "off"), default="off",
                        help="ATR correction (penetration depth, Harrick): on, off (default), or auto "
                             "(when the file says ATR)")
    parser.add_argument("--crystal", default="diamond", choices=("diamond", "znse", "ge", "si", "krs-5"),
                        help="ATR crystal (refractive index; default diamond 2.40)")
    parser.add_argument("--angle", type=float, default=45.0, help="ATR angle of incidence in degrees (default 45)")
    parser.add_argument("--k", type=float, default=5.0, help="minimum prominence in noise units (default 5)")
    parser.add_argument("--min-relative", type=float, default=0.02, metavar="FRACTION",
                        help="minimum prominence as a fraction of the strongest band (default 0.02)")
    parser.add_argument("--min-fwhm", type=float, default=4.0, metavar="CM-1",
                        help="narrowest band reported, cm-1 FWHM (default 4; gas lines and spikes are narrower)")
    parser.add_argument("--csv", metavar="OUT.csv", help="write the peak table to OUT.csv")
    parser.set_defaults(func=run_peaks)


def prepare_for_peaks(spectrum, baseline_method: str = "arpls", atmosphere: str = "lines",
                      water_reference=None, atr: dict | None = None):
    """Absorbance -> ATR correction -> atmospheric suppression -> baseline (each step in the recipe)."""
    from nps_id.ir.atmosphere import suppress_atmosphere
    from nps_id.ir.baselines import baseline
    from nps_id.ir.preprocess import atr_correction, to_absorbance, to_wavenumber

    prepared = to_absorbance(to_wavenumber(spectrum))
    if atr is not None:
        prepared = atr_correction(prepared, **atr)
    if water_reference is not None:
        reference = to_absorbance(to_wavenumber(water_reference))
        prepared = suppress_atmosphere(prepared, water="reference", reference=reference)
    elif atmosphere != "none":
        prepared = suppress_atmosphere(prepared, water=atmosphere)
    if baseline_method != "none":
        prepared = baseline(prepared, baseline_method)[0]
    return prepared


def run_peaks(args: argparse.Namespace) -> int:
    from nps_id.io import read_spectra
    from nps_id.ir.peaks import noise_level, pick_peaks, write_peak_table
    from nps_id.ir.pipeline import auto_atr
    from nps_id.ir.preprocess import ATR_CRYSTALS, CO2_REGION

    spectra = read_spectra(args.file)
    if not 0 <= args.index < len(spectra):
        raise InputError(args.file, f"has {len(spectra)} spectra; --index {args.index} does not exist")
    spectrum = spectra[args.index]
    if spectrum.technique != "ir":
        raise InputError(args.file, f"holds a {spectrum.technique} spectrum, not IR")
    atr = None
    if args.atr == "on" or (args.atr == "auto" and auto_atr(spectrum) is not None):
        atr = {"method": "advanced", "n_crystal": ATR_CRYSTALS[args.crystal], "angle_deg": args.angle}
    reference = None
    if args.water_reference:
        reference = read_spectra(args.water_reference)[0]
    try:
        prepared = prepare_for_peaks(spectrum, args.baseline, args.atmosphere, reference, atr)
        peaks = pick_peaks(prepared, k=args.k, min_relative_prominence=args.min_relative,
                           min_fwhm_cm=args.min_fwhm, exclude_regions=(CO2_REGION,))
    except ValueError as exc:
        raise InputError(args.file, str(exc)) from None
    if args.csv:
        write_peak_table(peaks, args.csv)
    print(f"{args.file}: {len(peaks)} bands (noise {noise_level(prepared):.3g}, threshold {args.k:g} x noise "
          f"or {100 * args.min_relative:g} % of the strongest band, FWHM >= {args.min_fwhm:g} cm-1)")
    print("recipe: " + " -> ".join(step.name for step in prepared.recipe))
    print(f"{'cm-1':>8} {'height':>9} {'FWHM':>6} {'prominence':>10}")
    for p in sorted(peaks, key=lambda pk: -pk.position):
        print(f"{p.position:8.1f} {p.height:9.4f} {p.fwhm:6.1f} {p.prominence:10.4f}")
    return 0
