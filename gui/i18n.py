"""Interface languages with Qt's own machinery: ``self.tr`` in the code, ``.ts`` sources, compiled ``.qm``.

Every visible string of the app is written as ``self.tr("...")`` (or
``QCoreApplication.translate(context, "...")`` outside a QObject); ``pylupdate6``
collects them into ``translations/nps_id_<code>.ts``, a translator fills the
``.ts`` with Qt Linguist, and ``lrelease`` compiles the ``.qm`` that ships in the
package.  Adding a language (Kazakh ``kk``, Uzbek ``uz``) is one new ``.ts`` file:
``python -m nps_id_gui.i18n update kk`` creates it, ``... release`` compiles all.
The language chosen in the app is kept in the settings; the first start follows
the system locale.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PyQt6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PyQt6.QtWidgets import QApplication

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
SOURCE_LANGUAGE = "en"
SETTING = "language"
#: Names shown in the language menu, each in its own language.
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша", "uz": "Oʻzbekcha", "ky": "Кыргызча",
                  "tg": "Тоҷикӣ", "tk": "Türkmençe"}

_installed: list[QTranslator] = []


def available_languages() -> list[str]:
    """English plus every language with a compiled ``.qm`` in the package."""
    found = sorted(p.stem.split("_", 2)[-1] for p in TRANSLATIONS.glob("nps_id_*.qm"))
    return [SOURCE_LANGUAGE] + [code for code in found if code != SOURCE_LANGUAGE]


def chosen_language(settings: QSettings | None) -> str:
    """The language saved in the settings, else the system's when translated, else English."""
    saved = str(settings.value(SETTING, "") or "") if settings is not None else ""
    if saved in available_languages():
        return saved
    system = QLocale.system().name().split("_")[0]
    return system if system in available_languages() else SOURCE_LANGUAGE


def save_language(settings: QSettings, code: str) -> None:
    settings.setValue(SETTING, code)
    settings.sync()


def install_translators(app: QApplication, code: str) -> str:
    """Load the app's and Qt's own translations of ``code`` (standard buttons, file dialogs); returns the code used."""
    from nps_id import i18n as core_i18n

    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if code == SOURCE_LANGUAGE or code not in available_languages():
        core_i18n.set_language(SOURCE_LANGUAGE)
        return SOURCE_LANGUAGE
    core_i18n.set_language(code)  # the core's sentences and error texts in the same language
    ours = QTranslator(app)
    if ours.load(str(TRANSLATIONS / f"nps_id_{code}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    if qtbase.load(f"qtbase_{code}", qt_dir):
        app.installTranslator(qtbase)
        _installed.append(qtbase)
    QLocale.setDefault(QLocale(code))
    return code


# -- for developers: python -m nps_id_gui.i18n update [CODE...] | release ---------------------
def _sources() -> list[str]:
    root = Path(__file__).resolve().parent
    return sorted(str(p) for p in root.rglob("*.py"))


def update(codes: list[str]) -> None:
    """Collect every ``tr()`` string into ``nps_id_<code>.ts`` (existing translations are kept)."""
    codes = codes or [p.stem.split("_", 2)[-1] for p in TRANSLATIONS.glob("nps_id_*.ts")]
    for code in codes:
        subprocess.run(["pylupdate6", "--no-obsolete", *_sources(), "-ts", str(TRANSLATIONS / f"nps_id_{code}.ts")],
                       check=True)


def fill(code: str, translations: dict[str, str]) -> int:
    """Write translations (source text → translated text) into ``nps_id_<code>.ts``; returns how many.

    For bulk work (a glossary reviewed by a forensic chemist, a JSON file from a
    translator); Qt Linguist edits the same file one message at a time.
    """
    from lxml import etree

    path = TRANSLATIONS / f"nps_id_{code}.ts"
    tree = etree.parse(str(path))
    done = 0
    for message in tree.iter("message"):
        source = message.findtext("source")
        if source in translations and translations[source]:
            translation = message.find("translation")
            if translation is None:
                translation = etree.SubElement(message, "translation")
            translation.text = translations[source]
            translation.attrib.pop("type", None)
            done += 1
    tree.write(str(path), encoding="utf-8", xml_declaration=True, doctype="<!DOCTYPE TS>")
    return done


def release() -> None:
    """Compile every ``.ts`` into the ``.qm`` the app loads (needs Qt's ``lrelease``)."""
    tool = shutil.which("lrelease") or shutil.which("lrelease-qt6") or "/usr/lib/qt6/bin/lrelease"
    for ts in sorted(TRANSLATIONS.glob("nps_id_*.ts")):
        subprocess.run([tool, str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


if __name__ == "__main__":  # pragma: no cover - developer tool
    if len(sys.argv) >= 2 and sys.argv[1] == "update":
        update(sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "fill":
        import json
        print(fill(sys.argv[2], json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))), "translations written")
    elif len(sys.argv) == 2 and sys.argv[1] == "release":
        release()
    else:
        print("usage: python -m nps_id_gui.i18n update [CODE...] | fill CODE FILE.json | release", file=sys.stderr)
        sys.exit(2)
