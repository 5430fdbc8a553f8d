"""Vector pictures for reports, drawn with reportlab's graphics shapes (no raster images).

Chromatogram with the reported component marked, stick spectra, head-to-tail
(mirror) plots and 2-D structures (RDKit coordinates, bonds as lines, atoms as
text) -- all stay vector in the PDF, and their labels are selectable text.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
from reportlab.graphics.shapes import Drawing, Line, PolyLine, Polygon, String
from reportlab.lib import colors

from nps_id.i18n import _

QUERY_COLOUR = colors.HexColor("#1f4e99")
REFERENCE_COLOUR = colors.HexColor("#b03030")
AXIS_COLOUR = colors.HexColor("#333333")


def _font(bold: bool = False) -> str:
    from nps_id.report.fonts import report_fonts
    return report_fonts()[1 if bold else 0]


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    if not np.isfinite(low) or not np.isfinite(high) or high <= low:
        return [low]
    raw = (high - low) / count
    step = 10 ** np.floor(np.log10(raw))
    for mult in (1, 2, 5, 10):
        if raw <= mult * step:
            step *= mult
            break
    first = np.ceil(low / step) * step
    return [float(v) for v in np.arange(first, high + step * 1e-6, step)]


class _Frame:
    """Data-to-drawing coordinates of one plot area, with its axes."""

    def __init__(self, drawing: Drawing, x0: float, y0: float, w: float, h: float,
                 xr: tuple[float, float], yr: tuple[float, float]):
        self.d, self.x0, self.y0, self.w, self.h, self.xr, self.yr = drawing, x0, y0, w, h, xr, yr

    def px(self, x: float) -> float:
        return self.x0 + (x - self.xr[0]) / (self.xr[1] - self.xr[0] or 1.0) * self.w

    def py(self, y: float) -> float:
        return self.y0 + (y - self.yr[0]) / (self.yr[1] - self.yr[0] or 1.0) * self.h

    def axes(self, xlabel: str, ylabel: str, reverse_x: bool = False, y_ticks: bool = True) -> None:
        d = self.d
        d.add(Line(self.x0, self.y0, self.x0 + self.w, self.y0, strokeColor=AXIS_COLOUR, strokeWidth=0.6))
        d.add(Line(self.x0, self.y0, self.x0, self.y0 + self.h, strokeColor=AXIS_COLOUR, strokeWidth=0.6))
        for t in _nice_ticks(*sorted(self.xr)):
            x = self.px(t)
            d.add(Line(x, self.y0, x, self.y0 - 3, strokeColor=AXIS_COLOUR, strokeWidth=0.5))
            d.add(String(x, self.y0 - 11, f"{t:g}", fontName=_font(), fontSize=6.5, textAnchor="middle"))
        if y_ticks:
            for t in _nice_ticks(*self.yr, count=4):
                y = self.py(t)
                d.add(Line(self.x0 - 3, y, self.x0, y, strokeColor=AXIS_COLOUR, strokeWidth=0.5))
                d.add(String(self.x0 - 5, y - 2, f"{abs(t):g}", fontName=_font(), fontSize=6.5, textAnchor="end"))
        d.add(String(self.x0 + self.w / 2, self.y0 - 22, xlabel, fontName=_font(), fontSize=7.5, textAnchor="middle"))
        label = String(0, 0, ylabel, fontName=_font(), fontSize=7.5, textAnchor="middle")
        from reportlab.graphics.shapes import Group
        group = Group(label)
        group.translate(self.x0 - 30, self.y0 + self.h / 2)
        group.rotate(90)
        d.add(group)


def chromatogram(rt: Sequence[float], tic: Sequence[float], marked_rt: float | None, label: str = "",
                 width: float = 480, height: float = 170) -> Drawing:
    """TIC against retention time, the reported component marked with a triangle and its label."""
    d = Drawing(width, height)
    rt, tic = np.asarray(rt, float), np.asarray(tic, float)
    top = float(tic.max()) if tic.size else 1.0
    f = _Frame(d, 50, 32, width - 60, height - 45, (float(rt.min()), float(rt.max())), (0.0, top * 1.08 or 1.0))
    f.axes(_("retention time (min)"), _("TIC (counts)"))
    step = max(1, rt.size // 2500)
    points = []
    for x, y in zip(rt[::step], tic[::step]):
        points += [f.px(x), f.py(y)]
    d.add(PolyLine(points, strokeColor=QUERY_COLOUR, strokeWidth=0.5))
    if marked_rt is not None and rt.size:
        i = int(np.argmin(np.abs(rt - marked_rt)))
        x, y = f.px(rt[i]), f.py(tic[max(0, i - 3):i + 4].max())
        d.add(Polygon([x, y + 3, x - 4, y + 11, x + 4, y + 11], fillColor=REFERENCE_COLOUR,
                      strokeColor=REFERENCE_COLOUR))
        d.add(String(x + 6, min(y + 8, f.y0 + f.h - 4), label or _("{0:.3f} min").format(marked_rt), fontName=_font(),
                     fontSize=7, fillColor=REFERENCE_COLOUR))
    return d


def _sticks(f: _Frame, x: np.ndarray, y: np.ndarray, colour, sign: float = 1.0) -> None:
    for xi, yi in zip(x, y):
        if yi > 0:
            f.d.add(Line(f.px(xi), f.py(0), f.px(xi), f.py(sign * yi), strokeColor=colour, strokeWidth=0.7))


def _label_peaks(f: _Frame, x: np.ndarray, y: np.ndarray, sign: float, colour, n: int = 6,
                 min_gap: float = 14.0) -> None:
    """m/z of the ``n`` largest peaks above 5 %, skipping one that would overlap a label already placed."""
    placed: list[float] = []
    for i in np.argsort(-y):
        if len(placed) >= n or y[i] <= 5:
            break
        px = f.px(x[i])
        if any(abs(px - other) < min_gap for other in placed):
            continue
        placed.append(px)
        f.d.add(String(px, f.py(sign * y[i]) + (2 if sign > 0 else -8), f"{x[i]:.0f}",
                       fontName=_font(), fontSize=6, textAnchor="middle", fillColor=colour))


def ms_mirror(query: tuple[Sequence[float], Sequence[float]],
              reference: tuple[Sequence[float], Sequence[float]] | None,
              query_label: str, reference_label: str, width: float = 480, height: float = 200) -> Drawing:
    """EI head-to-tail plot: unknown up, reference down, each scaled to base peak 100 on nominal m/z."""
    from nps_id.ms.mirror import mirror_arrays
    from nps_id.spectrum import Spectrum

    q = Spectrum(np.asarray(query[0], float), np.asarray(query[1], float), "ms")
    if reference is not None:
        r = Spectrum(np.asarray(reference[0], float), np.asarray(reference[1], float), "ms")
        mz, a, b = mirror_arrays(q, r)
    else:
        mz, a, _same = mirror_arrays(q, q)
        b = np.zeros_like(a)
    d = Drawing(width, height)
    used = mz[(a > 0.5) | (b > 0.5)]
    lo, hi = (float(used.min()) - 5, float(used.max()) + 10) if used.size else (0.0, 100.0)
    low = -110.0 if reference is not None else 0.0
    f = _Frame(d, 50, 32, width - 60, height - 45, (lo, hi), (low, 110.0))
    f.axes("m/z", _("relative abundance (%)"))
    d.add(Line(f.x0, f.py(0), f.x0 + f.w, f.py(0), strokeColor=AXIS_COLOUR, strokeWidth=0.4))
    _sticks(f, mz, a, QUERY_COLOUR)
    _label_peaks(f, mz, a, 1.0, QUERY_COLOUR)
    d.add(String(f.x0 + 4, f.y0 + f.h - 8, query_label, fontName=_font(), fontSize=7, textAnchor="start",
                 fillColor=QUERY_COLOUR))
    if reference is not None:
        _sticks(f, mz, b, REFERENCE_COLOUR, -1.0)
        _label_peaks(f, mz, b, -1.0, REFERENCE_COLOUR)
        d.add(String(f.x0 + 4, f.y0 + 4, reference_label, fontName=_font(), fontSize=7, textAnchor="start",
                     fillColor=REFERENCE_COLOUR))
    return d


def ir_mirror(query: tuple[Sequence[float], Sequence[float]],
              reference: tuple[Sequence[float], Sequence[float]] | None,
              query_label: str, reference_label: str, width: float = 480, height: float = 200) -> Drawing:
    """IR head-to-tail plot (wavenumber decreasing to the right, as chemists read IR)."""
    d = Drawing(width, height)
    qx, qy = np.asarray(query[0], float), np.asarray(query[1], float)
    lo, hi = float(np.nanmin(qx)), float(np.nanmax(qx))
    low = -1.1 if reference is not None else 0.0
    f = _Frame(d, 50, 32, width - 60, height - 45, (hi, lo), (low, 1.1))
    f.axes(_("wavenumber (1/cm)"), _("absorbance (scaled)"))
    d.add(Line(f.x0, f.py(0), f.x0 + f.w, f.py(0), strokeColor=AXIS_COLOUR, strokeWidth=0.4))

    def trace(x, y, sign, colour):
        y = np.asarray(y, float)
        top = np.nanmax(np.abs(y)) or 1.0
        points = []
        for xi, yi in zip(x, y):
            if np.isfinite(yi):
                points += [f.px(xi), f.py(sign * max(yi, 0.0) / top)]
        if points:
            d.add(PolyLine(points, strokeColor=colour, strokeWidth=0.5))

    trace(qx, qy, 1.0, QUERY_COLOUR)
    d.add(String(f.x0 + 4, f.y0 + f.h - 8, query_label, fontName=_font(), fontSize=7, textAnchor="start",
                 fillColor=QUERY_COLOUR))
    if reference is not None:
        trace(np.asarray(reference[0], float), reference[1], -1.0, REFERENCE_COLOUR)
        d.add(String(f.x0 + 4, f.y0 + 4, reference_label, fontName=_font(), fontSize=7, textAnchor="start",
                     fillColor=REFERENCE_COLOUR))
    return d


_ATOM_COLOURS = {"N": colors.HexColor("#2040c0"), "O": colors.HexColor("#c02020"), "S": colors.HexColor("#a08000"),
                 "Cl": colors.HexColor("#208020"), "F": colors.HexColor("#208080"), "Br": colors.HexColor("#803020")}


def structure(smiles: str | None, width: float = 170, height: float = 130) -> Drawing | None:
    """The 2-D structure of a SMILES (RDKit depiction coordinates), or None when it cannot be parsed."""
    if not smiles:
        return None
    from rdkit import Chem
    from rdkit.Chem import rdDepictor

    mol = Chem.MolFromSmiles(smiles)
    if mol is None:
        return None
    Chem.Kekulize(mol, clearAromaticFlags=True)
    rdDepictor.Compute2DCoords(mol)
    conf = mol.GetConformer()
    xy = np.array([[conf.GetAtomPosition(i).x, conf.GetAtomPosition(i).y] for i in range(mol.GetNumAtoms())])
    span = np.ptp(xy, axis=0)
    scale = min((width - 20) / (span[0] or 1), (height - 20) / (span[1] or 1), 22.0)
    centre = xy.min(axis=0) + span / 2
    pos = (xy - centre) * scale + np.array([width / 2, height / 2])
    d = Drawing(width, height)
    labelled = {a.GetIdx() for a in mol.GetAtoms() if a.GetSymbol() != "C"}
    for bond in mol.GetBonds():
        i, j = bond.GetBeginAtomIdx(), bond.GetEndAtomIdx()
        p, q = pos[i].copy(), pos[j].copy()
        vec = q - p
        length = float(np.hypot(*vec)) or 1.0
        # stop short of a labelled atom so the letter stays readable
        if i in labelled:
            p = p + vec / length * 5
        if j in labelled:
            q = q - vec / length * 5
        order = bond.GetBondTypeAsDouble()
        normal = np.array([-vec[1], vec[0]]) / length * 2.2
        offsets = [0.0] if order == 1 else [-0.5, 0.5] if order == 2 else [-1.0, 0.0, 1.0]
        for k in offsets:
            a, b = p + normal * k * 1.2, q + normal * k * 1.2
            d.add(Line(a[0], a[1], b[0], b[1], strokeColor=colors.black, strokeWidth=0.8))
    for atom in mol.GetAtoms():
        if atom.GetIdx() not in labelled:
            continue
        symbol = atom.GetSymbol()
        hs = atom.GetTotalNumHs()
        text = symbol + ("H" if hs == 1 else f"H{hs}" if hs > 1 else "")
        charge = atom.GetFormalCharge()
        if charge:
            text += "+" if charge > 0 else "-"
        x, y = pos[atom.GetIdx()]
        d.add(String(x, y - 3, text, fontName=_font(True), fontSize=8, textAnchor="middle",
                     fillColor=_ATOM_COLOURS.get(symbol, colors.black)))
    return d
