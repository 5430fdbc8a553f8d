"""Start the NPS-ID window: ``nps-id-gui [--library LIB] [--open FILE] [--search] [--screenshot PNG]``.

With ``--screenshot`` the window opens the file, runs the search (a GC-MS run
is analysed and its largest component selected), waits until every task has
finished and the event loop has settled, saves the window as a PNG and exits:
a scriptable start for reports, tests and documentation.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import Sequence

_T0 = time.perf_counter()

SCREENSHOT_SIZE = (1440, 900)
MIN_SCREENSHOT = (1280, 800)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nps-id-gui", description="NPS-ID graphical interface")
    p.add_argument("--library", metavar="LIB", help="library file or postgresql:// URL (default: the last used)")
    p.add_argument("--open", metavar="FILE", action="append", default=[],
                   help="open a spectrum file or GC-MS run (repeatable)")
    p.add_argument("--search", action="store_true", help="search the opened spectrum / analyse the opened run")
    p.add_argument("--screenshot", metavar="PNG", help="save the window to PNG when done, then exit")
    p.add_argument("--baseline", metavar="METHOD", help="IR: apply this baseline method (e.g. arpls) on opening")
    p.add_argument("--xic", metavar="MZ,MZ", help="GC-MS: overlay extracted-ion chromatograms of these m/z")
    p.add_argument("--size", metavar="WxH", default=None, help="window size for --screenshot (default 1440x900)")
    p.add_argument("--language", metavar="CODE", help="interface language for this start (en, ru...)")
    p.add_argument("--startup-time", action="store_true", help="print the time to a usable window and exit")
    return p


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


XCB_PACKAGES = ("libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 "
                "libxcb-xkb1 libxkbcommon-x11-0")


def _xcb_problem() -> str:
    """Why Qt's X11 plugin would fail to load (Qt then aborts the process), or "" when it loads.

    The plugin is dlopen-ed first: a missing system library (libxcb-cursor since
    Qt 6.5, libxcb-icccm, ...) is then named in a message instead of a Qt abort.
    """
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or (platform and not platform.startswith("xcb")):
        return ""
    if not os.environ.get("DISPLAY") or (os.environ.get("WAYLAND_DISPLAY") and not platform):
        return ""
    import ctypes
    import importlib.util

    spec = importlib.util.find_spec("PyQt6")
    if spec is None or not spec.submodule_search_locations:
        return ""
    plugin = Path(list(spec.submodule_search_locations)[0]) / "Qt6" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.is_file():
        return ""
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        import re

        libs = [n for n in re.findall(r"(lib[\w.+-]+?\.so[.\d]*)", str(exc)) if n != "libqxcb.so"]
        missing = f"{libs[0]} is missing" if libs else str(exc)
        return (f"Qt's X11 support cannot load ({missing}); install the X11 libraries Qt needs, "
                f"e.g. on Debian/Ubuntu: apt-get install {XCB_PACKAGES}")
    if importlib.util.find_spec("ctypes.util") is not None:
        import ctypes.util

        if ctypes.util.find_library("xcb-cursor") is None:  # loaded lazily by Qt, not a link dependency
            return ("Qt's X11 support needs libxcb-cursor; install it, e.g. on Debian/Ubuntu: "
                    "apt-get install libxcb-cursor0")
    return ""


def _size(text: str | None) -> tuple[int, int]:
    if not text:
        return SCREENSHOT_SIZE
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"nps-id-gui: --size must look like 1440x900, not {text!r}") from None
    return max(w, MIN_SCREENSHOT[0]), max(h, MIN_SCREENSHOT[1])


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not _has_display():
        if args.screenshot or args.startup_time:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        else:
            print("nps-id-gui: no display found (DISPLAY/WAYLAND_DISPLAY not set). Run it in a desktop "
                  "session, or use `nps-id` (command line), or add --screenshot FILE.png to render offscreen.",
                  file=sys.stderr)
            return 2
    problem = _xcb_problem()
    if problem:
        if args.screenshot or args.startup_time:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        else:
            print(f"nps-id-gui: cannot open a window: {problem}.", file=sys.stderr)
            return 2
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    from PyQt6.QtCore import QSettings
    from PyQt6.QtWidgets import QApplication

    from nps_id_gui.dialogs import errors
    from nps_id_gui.main_window import APPLICATION, ORGANISATION, MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setStyle("Fusion")
    from nps_id_gui.icon import app_icon

    app.setWindowIcon(app_icon())
    errors.install_excepthook()
    scripted = bool(args.screenshot or args.startup_time)
    if scripted:
        errors.NON_INTERACTIVE = True
        # a scripted run neither reads nor changes the user's window layout
        settings_dir = Path(os.environ.get("TMPDIR", "/tmp")) / f"nps-id-gui-{os.getpid()}"
        settings = QSettings(str(settings_dir / "settings.ini"), QSettings.Format.IniFormat)
    else:
        settings = QSettings(ORGANISATION, APPLICATION)
    from nps_id_gui import i18n

    i18n.install_translators(app, args.language or i18n.chosen_language(settings))
    window = MainWindow(settings=settings)
    if scripted:
        window.resize(*_size(args.size))
    window.start(args.library)
    window.show()
    if args.startup_time:
        app.processEvents()
        print(f"usable window after {time.perf_counter() - _T0:.2f} s (from interpreter start of nps_id_gui.app)")
        return 0
    if args.open:
        window.open_paths(args.open, background=True)  # read in workers: the window answers at once
    if args.screenshot:
        window._script = _Script(app, window, args)  # kept alive while the loop runs
        window._script.begin()
    return app.exec()


class _Script:
    """Drives --open/--search/--screenshot once the event loop runs."""

    def __init__(self, app, window, args):
        self.app, self.window, self.args = app, window, args
        self.started = time.monotonic()

    def begin(self) -> None:
        from PyQt6.QtCore import QTimer

        QTimer.singleShot(50, self.after_library)

    def after_library(self) -> None:
        from PyQt6.QtCore import QTimer

        if self.window.model.busy:  # a large file is still being read
            QTimer.singleShot(100, self.after_library)
            return
        current = self.window.model.current
        if self.args.baseline and current is not None and current.kind == "spectrum":
            panel = self.window.processing
            index = panel.method.findData(self.args.baseline)
            if index < 0:
                print(f"nps-id-gui: unknown baseline method {self.args.baseline!r}", file=sys.stderr)
            else:
                panel.method.setCurrentIndex(index)
                panel.flush()
        if self.args.search and self.window.model.current is not None:
            self.window.search()
        QTimer.singleShot(100, self.wait)

    def wait(self) -> None:
        from PyQt6.QtCore import QTimer

        if self.window.model.busy and time.monotonic() - self.started < 600:
            QTimer.singleShot(100, self.wait)
            return
        if self.args.xic and self.window.model.current is not None and self.window.model.current.kind == "run":
            try:
                mzs = [float(v) for v in self.args.xic.replace(";", ",").split(",") if v.strip()]
            except ValueError:
                print(f"nps-id-gui: --xic needs m/z values like 342,344, not {self.args.xic!r}", file=sys.stderr)
            else:
                self.window._xic_requested(mzs)
        QTimer.singleShot(400, self.save)  # let the views settle (layouts, structure drawing)

    def save(self) -> None:
        from nps_id_gui.dialogs import errors

        self.app.processEvents()
        path = Path(self.args.screenshot)
        path.parent.mkdir(parents=True, exist_ok=True)
        ok = self.window.grab().save(str(path))
        for title, message in errors.shown:
            print(f"nps-id-gui: {title}: {message}", file=sys.stderr)
        print(f"nps-id-gui: {'saved' if ok else 'could not save'} {path}", file=sys.stderr)
        self.app.exit(0 if ok else 1)


if __name__ == "__main__":
    sys.exit(main())
