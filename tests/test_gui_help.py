"""Help inside the app: F1 opens the manual page for the part in focus, in the chosen language."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PyQt6.QtCore import QSettings, Qt  # noqa: E402

from nps_id_gui import i18n  # noqa: E402
from nps_id_gui.dialogs import errors  # noqa: E402
from nps_id_gui.help.window import HELP_DIR  # noqa: E402
from nps_id_gui.main_window import MainWindow  # noqa: E402


def _window(qtbot, settings: QSettings) -> MainWindow:
    errors.NON_INTERACTIVE = True
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.show()
    return win


def test_f1_opens_the_page_of_the_focused_part(qtbot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    i18n.save_language(settings, "en")
    win = _window(qtbot, settings)
    from nps_id_gui.views.results_view import ResultsView
    results = win.findChild(ResultsView)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    results.table.setFocus()
    qtbot.waitUntil(lambda: results.table.hasFocus(), timeout=5000)
    qtbot.keyClick(results.table, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(win, "help_window", None) is not None and win.help_window.isVisible())
    assert win.help_window.page == "identify.html"
    assert "Reverse match" in win.help_window.browser.toPlainText()
    win.show_help("shortcuts.html")
    text = win.help_window.browser.toPlainText()
    assert "Ctrl+F" in text and "Search library" in text


def test_every_page_exists_in_each_manual_language_and_links_resolve() -> None:
    pages = {p.name for p in (HELP_DIR / "en").glob("*.html")}
    for language in ("en", "ru"):
        folder = HELP_DIR / language
        assert {p.name for p in folder.glob("*.html")} == pages
        for page in folder.glob("*.html"):
            import re
            for link in re.findall(r'href="([^"#:]+)"', page.read_text(encoding="utf-8")):
                assert link == "shortcuts.html" or (folder / link).is_file(), (page, link)


def test_language_choice_persists_and_opens_the_russian_manual(qtbot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = _window(qtbot, settings)
    win.choose_language("ru")
    again = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert i18n.chosen_language(again) == "ru"
    second = _window(qtbot, again)
    checked = [a.data() for a in second.language_menu.actions() if a.isChecked()]
    assert checked == ["ru"]
    second.show_help("identify.html")
    assert "Обратное совпадение" in second.help_window.browser.toPlainText()
