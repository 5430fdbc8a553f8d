"""``nps-id ir-peaks``: pick the bands of an IR spectrum and print or save the peak table."""
from __future__ import annotations

import argparse
from typing import Any

from nps_id.errors import InputError
from nps_id.i18n import _


def add_commands(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "ir-peaks", help=_("list the bands of an IR spectrum (position, height, FWHM, prominence)"),
        description=_("Read an IR spectrum, convert it to absorbance, optionally ATR-correct it, suppress "
                    "atmospheric water vapour and CO2, subtract a baseline and pick the bands whose prominence "
                    "exceeds K times the spectrum's own noise.  The steps run are printed as the recipe."))
    parser.add_argument("file", metavar="FILE", help=_("IR spectrum file (any format nps-id reads)"))
    parser.add_argument("--index", type=int, default=0, metavar="N",
                        help=_("spectrum number in a multi-spectrum file (default 0)"))
    parser.add_argument("--baseline", default="arpls",
                        choices=("none", "asls", "arpls", "airpls", "modpoly", "imodpoly", "snip", "rubberband"),
                        help=_("baseline method (default arpls)"))
    parser.add_argument("--atmosphere", default="lines", choices=("lines", "mask", "none"),
                        help=_("water-vapour suppression: remove narrow gas lines (default), mask the regions, "
                             "or none; CO2 2280-2400 cm-1 is bridged unless 'none'"))
    parser.add_argument("--water-reference", metavar="FILE",
                        help=_("subtract this measured water-vapour spectrum (absorbance) instead"))
    parser.add_argument("--atr", choices=("auto", "on", "off"), default="off",
                        help=_("ATR correction (penetration depth, Harrick): on, off (default), or auto "
                             "(when the file says ATR)"))
    parser.add_argument("--crystal", default="diamond", choices=("diamond", "znse", "ge", "si", "krs-5"),
                        help=_("ATR crystal (refractive index; default diamond 2.40)"))
    parser.add_argument("--angle", type=float, default=45.0, help=_("ATR angle of incidence in degrees (default 45)"))
    parser.add_argument("--k", type=float, default=5.0, help=_("minimum prominence in noise units (default 5)"))
    parser.add_argument("--min-relative", type=float, default=0.02, metavar="FRACTION",
                        help=_("minimum prominence as a fraction of the strongest band (default 0.02)"))
    parser.add_argument("--min-fwhm", type=float, default=4.0, metavar="CM-1",
                        help=_("narrowest band reported, cm-1 FWHM (default 4; gas lines and spikes are narrower)"))
    parser.add_argument("--csv", metavar="OUT.csv", help=_("write the peak table to OUT.csv"))
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
        raise InputError(args.file, _("has {0} spectra; --index {1} does not exist").format(len(spectra), args.index))
    spectrum = spectra[args.index]
    if spectrum.technique != "ir":
        raise InputError(args.file, _("holds a {0} spectrum, not IR").format(spectrum.technique))
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
    print(_("{0}: {1} bands (noise {2:.3g}, threshold {3:g} x noise or {4:g} % of the strongest band, "
            "FWHM >= {5:g} cm-1)").format(args.file, len(peaks), noise_level(prepared), args.k,
                                          100 * args.min_relative, args.min_fwhm))
    print(_("recipe: {0}").format(" -> ".join(step.name for step in prepared.recipe)))
    print(f"{_('cm-1'):>8} {_('height'):>9} {'FWHM':>6} {_('prominence'):>10}")
    for p in sorted(peaks, key=lambda pk: -pk.position):
        print(f"{p.position:8.1f} {p.height:9.4f} {p.fwhm:6.1f} {p.prominence:10.4f}")
    return 0
