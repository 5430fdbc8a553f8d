"""The report's fonts: a Unicode TrueType font when the system has one (Cyrillic, Greek, Δ), else Vera."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

#: Searched in order; DejaVu covers Latin, Greek and Cyrillic (a report in Russian).
CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ("/Library/Fonts/DejaVuSans.ttf", "/Library/Fonts/DejaVuSans-Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
)


def _matplotlib_fonts() -> tuple[tuple[str, str], ...]:
    """matplotlib's own DejaVu Sans, when matplotlib is installed (found without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return ()
    folder = Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "ttf"
    return ((str(folder / "DejaVuSans.ttf"), str(folder / "DejaVuSans-Bold.ttf")),)


@lru_cache(maxsize=1)
def report_fonts() -> tuple[str, str, bool]:
    """``(regular, bold, unicode)`` font names registered with reportlab.

    ``unicode`` is False for the fallback (reportlab's own Vera, Latin-1 only):
    text is then passed through :func:`latin` so nothing prints as a black box.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for regular, bold in CANDIDATES + _matplotlib_fonts():
        if Path(regular).is_file() and Path(bold).is_file():
            pdfmetrics.registerFont(TTFont("NpsSans", regular))
            pdfmetrics.registerFont(TTFont("NpsSans-Bold", bold))
            return "NpsSans", "NpsSans-Bold", True
    import reportlab
    folder = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont("NpsSans", str(folder / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("NpsSans-Bold", str(folder / "VeraBd.ttf")))
    return "NpsSans", "NpsSans-Bold", False


def latin(text: str) -> str:
    """Text safe for the Latin-1 fallback font (Δ -> 'd', other non-Latin-1 characters -> '?')."""
    if report_fonts()[2]:
        return text
    return text.replace("Δ", "d").replace("±", "+/-").encode("latin-1", "replace").decode("latin-1")
