"""NPS-ID's words in the user's language (GNU gettext catalogues): the command line, the report, the
core's error texts and (through :mod:`nps_id.sentences`) its verdict sentences; the app uses the same
catalogue for those, and Qt's own ``.ts`` for its interface.

Every module writes its user-facing words as ``_("...")`` (``nps_id.i18n._``);
a text kept in a constant and translated where it is shown is marked
``N_("...")`` so that extraction finds it.  Placeholders are ``{0}``, ``{1}``
... (``str.format``), so a translation may put them in its own order.

The catalogue of a language is ``nps_id/locale/<code>/LC_MESSAGES/nps_id.po``
(edited by a translator, e.g. with Poedit), compiled to the ``.mo`` next to it
that ships in the package.  The language comes from ``--lang``, else
``NPS_ID_LANG``, else the usual ``LANGUAGE`` / ``LC_ALL`` / ``LC_MESSAGES`` /
``LANG``; English when none names a translated language.

Developer commands (pure Python: no ``xgettext`` or ``msgfmt`` needed)::

    python -m nps_id.i18n update          # sources -> locale/nps_id.pot, merged into every .po
    python -m nps_id.i18n update kk       # ... and start locale/kk/LC_MESSAGES/nps_id.po (a new language)
    python -m nps_id.i18n compile         # every .po -> its .mo (commit both)
    python -m nps_id.i18n check           # list the messages a .po leaves untranslated

Adding a language (Kazakh, Uzbek ...) is one new ``.po`` file: ``update kk``,
translate every ``msgstr``, ``compile``.

What is stored, hashed or signed (recipes, verdict reasons in JSON and case files, audit
entries) stays English; verdict reasons are translated where they are shown
(:func:`nps_id.sentences.translate_sentence`).
"""
from __future__ import annotations

import ast
import contextlib
import gettext
import os
import re
import struct
import sys
from pathlib import Path
from typing import Iterator, Mapping

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
POT = LOCALE_DIR / "nps_id.pot"
DOMAIN = "nps_id"
ENV = "NPS_ID_LANG"
SOURCE_LANGUAGE = "en"
#: Environment variables read, in gettext's order, when ``NPS_ID_LANG`` is not set.
SYSTEM_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
#: Source folders and files whose ``_()`` / ``N_()`` / ``ngettext()`` messages make the catalogue:
#: the whole package (the command line, the report, the core's sentences and error texts).
SOURCES = (".",)

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def N_(message: str) -> str:
    """Mark ``message`` for extraction only; it is translated later, where shown, with ``_()``."""
    return message


#: argparse's own words (usage, errors), as Python 3.11 writes them: translated through this
#: catalogue by :func:`translate_argparse` (a Python with other wording shows those in English).
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"), N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"), N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"), N_("one of the arguments %s is required"),
    N_("expected one argument"), N_("expected at most one argument"), N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
)


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


@contextlib.contextmanager
def using(code: str | None) -> Iterator[str]:
    """Within the block, the language ``code`` (None: leave the language as it is); restored afterwards."""
    if code is None:
        yield _language
        return
    before = _language
    try:
        yield set_language(code)
    finally:
        set_language(before)


def _(message: str) -> str:
    """``message`` in the language in use (the English source when it has no translation)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def _argparse_plural_messages() -> list[str]:
    """argparse's plural message, marked for extraction (argparse itself calls ``ngettext`` with it)."""
    return [ngettext("expected %s argument", "expected %s arguments", n) for n in (1, 2)]


def translate_argparse() -> None:
    """Let argparse's own words (usage, "the following arguments are required" ...) follow this catalogue."""
    import argparse

    argparse._ = lambda message: _(message)  # argparse looks its module-level ``_`` up at each call
    argparse.ngettext = lambda singular, plural, n: ngettext(singular, plural, n)


# -- the catalogue: extraction, merge, compilation (developer commands) -------------------------
def source_files(root: Path | None = None) -> list[Path]:
    root = Path(__file__).resolve().parent if root is None else root
    out: list[Path] = []
    for name in SOURCES:
        path = root / name
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


def extract(files: list[Path] | None = None) -> dict[tuple[str, str | None], list[str]]:
    """``(msgid, msgid_plural or None) -> ["file:line", ...]`` of every ``_("...")``, ``N_("...")`` and
    ``ngettext("...", "...", n)`` with literal arguments, in source order."""
    root = Path(__file__).resolve().parent.parent
    found: dict[tuple[str, str | None], list[str]] = {}
    for path in source_files() if files is None else files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
        for call in sorted(calls, key=lambda n: (n.lineno, n.col_offset)):
            args = call.args
            literal = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args]
            if call.func.id in ("_", "N_") and len(args) == 1 and literal[0]:
                key = (args[0].value, None)
            elif call.func.id == "ngettext" and len(args) == 3 and literal[0] and literal[1]:
                key = (args[0].value, args[1].value)
            else:
                continue
            where = f"{path.resolve().relative_to(root) if path.resolve().is_relative_to(root) else path}:{call.lineno}"
            found.setdefault(key, []).append(where)
    return found


def _quote(text: str) -> str:
    """A PO string (split after newlines, as msgmerge does)."""
    def one(part: str) -> str:
        return '"' + part.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n") + '"'
    parts = text.splitlines(keepends=True)
    if len(parts) <= 1:
        return one(text)
    return '""\n' + "\n".join(one(p) for p in parts)


def read_po(path: Path) -> dict[tuple[str, str | None], list[str]]:
    """``(msgid, msgid_plural) -> [msgstr, msgstr[1], ...]`` of a PO file (obsolete ``#~`` entries skipped;
    the header is the entry with msgid "")."""
    entries: dict[tuple[str, str | None], list[str]] = {}
    current: dict[str, str] = {}
    field = None

    def flush() -> None:
        if "msgid" in current:
            plural = current.get("msgid_plural")
            strings = [current[k] for k in sorted(current, key=lambda k: (len(k), k)) if k.startswith("msgstr")]
            entries[(current["msgid"], plural)] = strings
        current.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and current:
                flush()
                field = None
            continue
        match = re.match(r'^(msgid_plural|msgid|msgstr(?:\[\d+\])?|msgctxt)\s+(".*")$', line)
        if match:
            if match.group(1) == "msgid" and "msgid" in current:
                flush()
            field = match.group(1)
            current[field] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and field is not None:
            current[field] += ast.literal_eval(line)
        else:
            raise ValueError(f"{path}: cannot read line {raw!r}")
    flush()
    return entries


def po_header(entries: Mapping[tuple[str, str | None], list[str]]) -> dict[str, str]:
    text = (entries.get(("", None)) or [""])[0]
    return dict(line.split(":", 1) for line in text.splitlines() if ":" in line)


_POT_HEADER = ("Project-Id-Version: NPS-ID\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
               "Content-Transfer-Encoding: 8bit\n")
#: Plural rules of languages likely to be added (gettext's manual); others start as two forms.
PLURAL_FORMS = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "kk": "nplurals=2; plural=(n != 1);", "uz": "nplurals=2; plural=(n != 1);", "ky": "nplurals=2; plural=(n != 1);",
    "tg": "nplurals=2; plural=(n != 1);",
}


def write_po(path: Path, messages: Mapping[tuple[str, str | None], list[str]],
             translations: Mapping[tuple[str, str | None], list[str]], header: str) -> None:
    """Write a PO (or the POT, with empty translations) of ``messages`` in their order."""
    nplurals = int(re.search(r"nplurals=(\d+)", header).group(1)) if "nplurals=" in header else 2
    out = ['msgid ""', "msgstr " + _quote(header), ""]
    for (msgid, plural), where in messages.items():
        out += ["#: " + " ".join(where)]
        if re.search(r"%(\(\w+\))?[sdr]", msgid) and "{" not in msgid:
            out.append("#, python-format")
        elif "{" in msgid:
            out.append("#, python-brace-format")
        out.append("msgid " + _quote(msgid))
        strings = list(translations.get((msgid, plural)) or [])
        if plural is None:
            out.append("msgstr " + _quote(strings[0] if strings else ""))
        else:
            out.append("msgid_plural " + _quote(plural))
            strings += [""] * (nplurals - len(strings))
            out += [f"msgstr[{i}] " + _quote(s) for i, s in enumerate(strings[:nplurals])]
        out.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out), encoding="utf-8")


def mo_bytes(entries: Mapping[tuple[str, str | None], list[str]]) -> bytes:
    """The GNU ``.mo`` of PO entries (untranslated ones left out, as msgfmt does)."""
    pairs = []
    for (msgid, plural), strings in entries.items():
        if msgid and not all(strings):
            continue
        key = msgid if plural is None else msgid + "\0" + plural
        pairs.append((key.encode("utf-8"), "\0".join(strings).encode("utf-8")))
    pairs.sort()
    n = len(pairs)
    ids_start = 7 * 4
    strs_start = ids_start + n * 8
    data_start = strs_start + n * 8
    ids, strs, blob = [], [], b""
    for key, _value in pairs:
        ids.append((len(key), data_start + len(blob)))
        blob += key + b"\0"
    for _key, value in pairs:
        strs.append((len(value), data_start + len(blob)))
        blob += value + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, n, ids_start, strs_start, 0, 0)
    table = b"".join(struct.pack("<2I", *t) for t in ids) + b"".join(struct.pack("<2I", *t) for t in strs)
    return head + table + blob


def po_files() -> list[Path]:
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def update(new_languages: list[str]) -> list[Path]:
    """Write the POT from the sources and merge it into every PO (and into new ones for ``new_languages``)."""
    messages = extract()
    write_po(POT, messages, {}, _POT_HEADER)
    targets = po_files() + [LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po" for code in new_languages]
    for po in dict.fromkeys(targets):
        code = po.parent.parent.name
        old = read_po(po) if po.is_file() else {}
        header = (old.get(("", None)) or [""])[0] or (
            _POT_HEADER + f"Language: {code}\nPlural-Forms: {PLURAL_FORMS.get(code, 'nplurals=2; plural=(n != 1);')}\n")
        write_po(po, messages, old, header)
    return [POT] + targets


def untranslated(po: Path) -> list[str]:
    return [msgid for (msgid, _plural), strings in read_po(po).items() if msgid and not all(strings)]


def compile_all() -> list[Path]:
    written = []
    for po in po_files():
        mo = po.with_suffix(".mo")
        mo.write_bytes(mo_bytes(read_po(po)))
        written.append(mo)
    return written


def _main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        for path in update(argv[1:]):
            print(path)
        return 0
    if command == "compile":
        for path in compile_all():
            print(path)
        return 0
    if command == "check":
        missing = {po: untranslated(po) for po in po_files()}
        for po, messages in missing.items():
            print(f"{po}: {len(messages)} untranslated")
            for msgid in messages:
                print(f"  {msgid!r}")
        return 1 if any(missing.values()) else 0
    print("usage: python -m nps_id.i18n update [NEW_LANGUAGE ...] | compile | check", file=sys.stderr)
    return 2


set_language()

if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
