"""The command line's own messages in the user's language (GNU gettext catalogues).

The CLI writes its messages as ``_("...")`` (``nps_id.i18n._``); the catalogue
of a language is ``nps_id/locale/<code>/LC_MESSAGES/nps_id.po`` (edited by a
translator, e.g. with Poedit), compiled to the ``.mo`` next to it that ships in
the package (``msgfmt`` or ``pybabel compile``).  The language comes from
``--lang``, else ``NPS_ID_LANG``, else the usual ``LANGUAGE`` / ``LC_ALL`` /
``LC_MESSAGES`` / ``LANG``; English when none names a translated language.
Adding a language is one new ``.po`` file.

The core's own sentences (verdict reasons, error texts naming a file) stay in
English: reports, logs and tests quote them as they are.
"""
from __future__ import annotations

import gettext
import os
from pathlib import Path
from typing import Mapping

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "nps_id"
ENV = "NPS_ID_LANG"
SOURCE_LANGUAGE = "en"
#: Environment variables read, in gettext's order, when ``NPS_ID_LANG`` is not set.
SYSTEM_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def available_languages() -> list[str]:
    """English plus every language with a compiled catalogue."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return [SOURCE_LANGUAGE] + [code for code in found if code != SOURCE_LANGUAGE]


def _code(value: str) -> str:
    """"ru_RU.UTF-8" -> "ru"; "C" and "POSIX" -> ""."""
    value = value.split(".")[0].split("@")[0].strip()
    if value in ("", "C", "POSIX"):
        return ""
    return value.split("_")[0].split("-")[0].lower()


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``NPS_ID_LANG``, else the first translated language named by the system variables, else English."""
    environ = os.environ if environ is None else environ
    known = available_languages()
    if environ.get(ENV):
        code = _code(environ[ENV])
        return code if code in known else SOURCE_LANGUAGE
    for variable in SYSTEM_VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        for part in value.split(":"):  # LANGUAGE may list several, best first
            code = _code(part)
            if code in known:
                return code
        if variable != "LANGUAGE":  # the first locale variable set decides, as in gettext
            return SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def set_language(code: str | None = None) -> str:
    """Use the catalogue of ``code`` (None: from the environment); returns the language in use."""
    global _translation, _language
    code = _code(code) if code else language_from_environment()
    if code in ("", SOURCE_LANGUAGE) or code not in available_languages():
        _translation, _language = gettext.NullTranslations(), SOURCE_LANGUAGE
    else:
        _translation = gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[code], fallback=True)
        _language = code
    return _language


def language() -> str:
    return _language


def _(message: str) -> str:
    """``message`` in the language in use (the English source when it has no translation)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


set_language()
