"""The command line in Russian and English (nps_id.i18n, nps_id/locale): a real search, the language's sources,
and a catalogue that is complete and up to date with the sources.

(a) ``nps-id --lang ru search`` of a real EI spectrum against a small library of real records prints the
    Russian fixed words (verdict, columns); ``NPS_ID_LANG`` and the system locale choose the language of a
    real ``nps-id`` process; under ``LANG=C`` it is English.
(b) every message the sources mark (``_()``, ``N_()``, ``ngettext()``) has a non-empty Russian translation
    with the same placeholders; the committed ``.pot`` holds exactly those messages; ``xgettext`` (when
    installed) finds none that the extraction misses; the committed ``.mo`` translates as the ``.po`` says.
"""
from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nps_id import i18n
from nps_id.cli import main
from nps_id.io import write_spectra
from nps_id.io.msp import read_msp

RU_PO = i18n.LOCALE_DIR / "ru" / "LC_MESSAGES" / "nps_id.po"
RU_MO = RU_PO.with_suffix(".mo")
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


@pytest.fixture(scope="module")
def small_library(shared_data, tmp_path_factory):
    """400 real EI records of the bench library, and a file with one of them as the query."""
    spectra, _problems = read_msp(shared_data / "ms" / "bench" / "library.msp")
    folder = tmp_path_factory.mktemp("i18n_lib")
    source = folder / "subset.msp"
    write_spectra(spectra[:400], source)
    library = folder / "lib.sqlite"
    assert main(["--lang", "en", "library", "import", "--library", str(library), str(source)]) == 0
    query = folder / "exhibit.msp"
    write_spectra([spectra[250]], query)
    return library, query


# -- (a) ---------------------------------------------------------------------------------------
def test_search_in_russian_prints_russian_fixed_words(small_library, capsys):
    library, query = small_library
    capsys.readouterr()
    assert main(["--lang", "ru", "search", "--library", str(library), str(query)]) == 0
    out = capsys.readouterr().out
    for word in ("Запрос", "Вердикт:", "№", "Совп.", "Обр.", "Вер.%", "Название", "Формула"):
        assert word in out, (word, out)
    assert any(v in out for v in ("ИДЕНТИФИЦИРОВАНО", "НЕОДНОЗНАЧНО", "НЕТ В БИБЛИОТЕКЕ")), out
    for english in ("Query ", "Verdict:", "Rank", "Score", "IDENTIFIED", "AMBIGUOUS", "NOT IN LIBRARY"):
        assert english not in out, english
    # the core's reason after the verdict word is in Russian too (nps_id.sentences), not only the fixed words
    verdict_line = next(line for line in out.splitlines() if "Вердикт:" in line)
    reason = verdict_line.split(" - ", 1)[1]
    assert CYRILLIC.search(reason) and "above any other compound" not in reason and "fits best" not in reason, reason


def test_argparse_words_and_errors_in_russian(capsys):
    with pytest.raises(SystemExit):
        main(["search", "--lang", "ru"])  # --lang after the command too
    err = capsys.readouterr().err
    assert "использование:" in err and "обязательны следующие аргументы: FILE" in err
    with pytest.raises(SystemExit):
        main(["--lang", "ru", "--help"])
    out = capsys.readouterr().out
    assert "параметры:" in out and "идентифицировать спектры (ЭИ или ИК) по библиотеке" in out


def test_a_missing_file_is_named_in_russian_words(small_library, tmp_path, capsys):
    library, _query = small_library
    assert main(["--lang", "ru", "search", "--library", str(library), str(tmp_path / "nope.msp")]) == 2
    err = capsys.readouterr().err
    assert "nps-id: ошибка:" in err and "nope.msp" in err


def test_a_damaged_file_is_explained_in_russian_by_the_core(tmp_path, capsys):
    """The reader's own reason (nps_id.io), with its line and numbers, in the language chosen."""
    damaged = tmp_path / "damaged.msp"
    damaged.write_text("Name: x\nNum Peaks: 5\n10 20\n", encoding="utf-8")
    assert main(["--lang", "ru", "info", str(damaged)]) != 0
    err = capsys.readouterr().err
    assert "damaged.msp, строка 2:" in err and "объявлено пиков: 5, найдено: 1" in err, err
    assert main(["--lang", "en", "info", str(damaged)]) != 0
    assert "line 2: record 'x' declares 5 peaks but has 1" in capsys.readouterr().err


def test_unknown_language_says_so_and_falls_back_to_english(small_library, capsys):
    library, query = small_library
    assert main(["--lang", "xx", "search", "--library", str(library), str(query)]) == 0
    captured = capsys.readouterr()
    assert "no translation for language 'xx'" in captured.err and "ru" in captured.err
    assert "Verdict:" in captured.out and not CYRILLIC.search(captured.out)


def _cli(env_extra: dict[str, str], *argv: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in (i18n.ENV,) + i18n.SYSTEM_VARIABLES}
    env.update(env_extra)
    return subprocess.run([sys.executable, "-m", "nps_id.cli", *argv], env=env, capture_output=True, text=True,
                          timeout=300)


def test_environment_chooses_the_language_of_a_real_process(small_library):
    library, query = small_library
    args = ("search", "--library", str(library), str(query))
    english = _cli({"LANG": "C"}, *args)
    assert english.returncode == 0, english.stderr
    assert "Verdict:" in english.stdout and not CYRILLIC.search(english.stdout)
    russian = _cli({"LANG": "C", "NPS_ID_LANG": "ru"}, *args)
    assert russian.returncode == 0, russian.stderr
    assert "Вердикт:" in russian.stdout and "Verdict:" not in russian.stdout
    system = _cli({"LANG": "ru_RU.UTF-8"}, *args)  # no NPS_ID_LANG: the system locale
    assert "Вердикт:" in system.stdout
    forced = _cli({"LANG": "ru_RU.UTF-8"}, "--lang", "en", *args)  # the option wins
    assert "Verdict:" in forced.stdout and not CYRILLIC.search(forced.stdout)


def test_language_from_environment_follows_gettext_order():
    assert i18n.language_from_environment({"LANG": "C"}) == "en"
    assert i18n.language_from_environment({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert i18n.language_from_environment({"NPS_ID_LANG": "en", "LANG": "ru_RU.UTF-8"}) == "en"
    assert i18n.language_from_environment({"LANGUAGE": "kk:ru", "LANG": "en_GB.UTF-8"}) == "ru"
    assert i18n.language_from_environment({"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}) == "en"
    assert "ru" in i18n.available_languages()


# -- (b) ---------------------------------------------------------------------------------------
def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{[^{}]*\}|%\(\w+\)[sdr]|%[sdr]|%%", text))


def test_every_message_has_a_russian_translation_with_the_same_placeholders():
    messages = i18n.extract()
    assert len(messages) > 500, "the sources lost their _() messages"
    catalogue = i18n.read_po(RU_PO)
    missing = [msgid for msgid in messages if not all(catalogue.get(msgid) or [""])]
    assert not missing, (f"{len(missing)} messages without a Russian translation (python -m nps_id.i18n update, "
                         f"translate nps_id/locale/ru/LC_MESSAGES/nps_id.po, python -m nps_id.i18n compile): "
                         f"{missing[:20]}")
    wrong = [(msgid, s) for msgid in messages for s in catalogue[msgid] if _placeholders(s) != _placeholders(msgid[0])]
    assert not wrong, wrong[:10]
    untranslated_words = [msgid for msgid in messages
                          if re.search("[A-Za-z]{3}", msgid[0]) and catalogue[msgid][0] == msgid[0]]
    # the few messages that read the same in Russian: format strings of data only
    assert all(not re.sub(r"\{[^}]*\}|%\(\w+\)s", "", m[0]).strip(" :,.()#-") for m in untranslated_words), \
        untranslated_words


def test_pot_is_up_to_date_with_the_sources():
    committed = set(i18n.read_po(i18n.POT)) - {("", None)}
    now = set(i18n.extract())
    assert not now - committed, f"new messages not in the .pot (python -m nps_id.i18n update): " \
                                f"{list(now - committed)[:20]}"
    assert not committed - now, f"messages of the .pot gone from the sources: {list(committed - now)[:20]}"


def test_xgettext_finds_no_message_the_extraction_misses(tmp_path):
    tool = shutil.which("xgettext")
    if tool is None:
        pytest.skip("xgettext (GNU gettext) not installed")
    out = tmp_path / "x.pot"
    subprocess.run([tool, "-L", "Python", "--keyword=_", "--keyword=N_", "--keyword=ngettext:1,2",
                    "--from-code=UTF-8", "-o", str(out), *map(str, i18n.source_files())], check=True,
                   capture_output=True)
    found = set(i18n.read_po(out)) - {("", None)}
    missed = found - set(i18n.extract())
    assert not missed, missed


def test_committed_mo_translates_as_the_po():
    with RU_MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    wrong = []
    for (msgid, plural), strings in i18n.read_po(RU_PO).items():
        if not msgid:
            continue
        if plural is None:
            got = [compiled.gettext(msgid)]
        else:
            got = [compiled.ngettext(msgid, plural, n) for n in (1, 2, 5)][:len(strings)]
        if got != strings:
            wrong.append((msgid, got, strings))
    assert not wrong, f"the .mo differs from the .po (python -m nps_id.i18n compile): {wrong[:5]}"
    assert RU_MO.read_bytes() == i18n.mo_bytes(i18n.read_po(RU_PO))


def test_russian_plurals():
    i18n.set_language("ru")
    forms = [i18n.ngettext("{0}: {1} spectrum", "{0}: {1} spectra", n).format("f", n) for n in (1, 3, 5, 21)]
    assert forms == ["f: 1 спектр", "f: 3 спектра", "f: 5 спектров", "f: 21 спектр"]


def test_a_new_language_is_one_po_file(tmp_path, monkeypatch):
    """``update kk`` starts a Kazakh catalogue of every message; compiled, it is offered and used."""
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    monkeypatch.setattr(i18n, "POT", locale / "nps_id.pot")
    i18n.update(["kk"])
    po = locale / "kk" / "LC_MESSAGES" / "nps_id.po"
    entries = i18n.read_po(po)
    assert set(entries) - {("", None)} == set(i18n.extract())
    assert "Plural-Forms: nplurals=2" in entries[("", None)][0]
    entries[("Rank", None)] = ["Орын"]
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "Rank"\nmsgstr ""', 'msgid "Rank"\nmsgstr "Орын"'),
                  encoding="utf-8")
    i18n.compile_all()
    assert "kk" in i18n.available_languages()
    assert i18n.set_language("kk") == "kk"
    assert i18n._("Rank") == "Орын" and i18n._("Score") == "Score"  # untranslated: the English source


# -- no English sentence left outside the catalogue ----------------------------------------------
ENGLISH = re.compile(r"(?<![\w@./\\$-])[A-Za-z]{3,}[ \t]+[A-Za-z]{3,}(?![\w])")
#: Strings that are not shown as they are: the report's HTML skeleton and style sheet, a metavar.
NOT_SHOWN = ("<!DOCTYPE html>", "body{font-family:", "RESULT.json | CASE EXHIBIT")


def _english_literals(path: Path) -> list[tuple[int, str]]:
    """String literals (and literal parts of f-strings) holding two English words in a row that are outside
    ``_()`` / ``N_()`` / ``ngettext()``, docstrings, dictionary keys (the core's values being translated) and
    regular expressions (the core's sentences being recognised)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        inside = []
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
            if name in ("_", "N_", "ngettext") or owner == "re":
                inside = [node]
            inside += [k.value for k in node.keywords if k.arg == "metavar"]
        elif isinstance(node, ast.Dict):
            inside = [k for k in node.keys if k is not None]
        elif isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body \
                and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
            inside = [node.body[0].value]
        elif isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values)
        for part in inside:
            skip.update(id(sub) for sub in ast.walk(part))
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        else:
            continue
        if ENGLISH.search(text) and not text.startswith(NOT_SHOWN):
            found.append((node.lineno, text[:80]))
    return found


def test_no_english_sentence_outside_the_catalogue():
    """A message added to the CLI or the report without ``_()`` fails here (and so never reaches the .po).

    Only the layers that only show text are held to it: the rest of the core also writes what is
    stored, hashed or signed (audit entries, change logs, SQL), which stays English.
    """
    package = i18n.LOCALE_DIR.parent
    shown = [p for name in ("cli", "report") for p in i18n.source_files(package)
             if p == package / name or package / name in p.parents]
    assert len(shown) > 10, shown
    found = {str(p): _english_literals(p) for p in shown}
    found = {p: f for p, f in found.items() if f}
    assert not found, found


def test_a_records_own_class_text_is_shown_as_its_vocabulary_class_in_russian():
    from nps_id.sentences import class_name

    # the nps_classes records say "Class: cathinone"; the catalogue's classes are "synthetic cathinone"
    assert class_name("cathinone") == "cathinone"  # English: as the record has it
    with i18n.using("ru"):
        assert class_name("cathinone") == class_name("synthetic cathinone") == "синтетический катинон"
        assert class_name("Synthetic Cannabinoids") == class_name("synthetic cannabinoid")
        assert class_name("no such class") == "no such class"
