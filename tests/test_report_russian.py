"""The case report in Russian, on real data: the LRCFS etizolam card run (GC-MS) and a real IR spectrum as one
exhibit, concluded, reviewed and reported with ``nps-id case report ... --lang ru`` as PDF and HTML.

Checked on the text extracted from the PDF (pymupdf) and the HTML: the Russian headings, labels, verdict and
SWGDRUG statement are there, no English fixed heading or label is left, and the data (case number, names,
compound, SHA-256 of the input) is printed as recorded.  The Russian statement is the stored English one
rebuilt: in English the rebuilt lines equal the stored lines word for word.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from nps_id import i18n
from nps_id.cli import main
from test_casework_core import CASE, build_case_library

RUSSIAN_HEADINGS = ("Отчёт о судебно-химической идентификации", "Лаборатория", "Эксперт", "Рецензент", "Объект 1",
                    "Заключение", "Предложение программы (не заключение эксперта):", "Подписи", "Подпись / дата",
                    "Приложение: технические сведения", "Журнал аудита", "Статус контроля (источник)",
                    "Вердикт: ИДЕНТИФИЦИРОВАНО", "идентификация Etizolam подтверждена (требование SWGDRUG IIIB.3.1 "
                    "выполнено)", "Рекомендации SWGDRUG, версия 8.0", "нет в библиотеке", "дело создано")
#: The English report's fixed words that must not survive in the Russian one (data such as "paper card",
#: "Test lab" or "Etizolam identified" stays as the analyst typed it).
ENGLISH_HEADINGS = ("Forensic identification report", "Laboratory", "Analyst", "Reviewer", "Exhibit", "Conclusion",
                    "Software suggestion", "Signatures", "Signature / date", "Appendix", "Audit trail",
                    "Control status", "Verdict", "IDENTIFIED", "identification of", "supported",
                    "not in the library", "Rule:", "Description", "Weight", "Received", "Library", "Parameters",
                    "Software", "Step", "Recipe of", "page ", "report issued", "retention time", "relative abundance",
                    "reference:", "Structure of the top hit", "Input ")


@pytest.fixture(scope="module")
def reviewed_case(shared_data, tmp_path_factory) -> tuple[Path, Path]:
    """A case file with the etizolam card exhibit (GC-MS run + IR of the paper), concluded and reviewed."""
    folder = tmp_path_factory.mktemp("ru_case")
    library = build_case_library(shared_data, folder / "lib.sqlite")
    cases = folder / "cases.sqlite"
    run = shared_data / "gcms" / "LRCFS_benzodiazepines" / "220223018.D"
    ir = shared_data / "ir" / "nrcan_plotftir_atr" / "paper.csv"
    for argv in (["case", "new", CASE, "--analyst", "A. Analyst", "--lab", "Test lab"],
                 ["case", "add", CASE, "1", run, ir, "--library", library, "--description", "paper card",
                  "--weight", "0.41 g"],
                 ["case", "conclude", CASE, "1", "--call", "Etizolam identified"],
                 ["case", "review", CASE, "1", "--reviewer", "R. Reviewer"]):
        assert main(["--lang", "en"] + [str(a) for a in argv] + ["--case-file", str(cases)]) == 0, argv
    return cases, library


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


def _words(text: str) -> str:
    return " ".join(text.split())  # table cells wrap lines


#: Data of the case that contains English words (names and texts as typed).
DATA = ("A. Analyst", "R. Reviewer", "Etizolam identified", "paper card", "Test lab")


def _english_left(text: str) -> list[str]:
    for data in DATA:
        text = text.replace(data, " ")
    return [w for w in ENGLISH_HEADINGS if re.search(r"(?<![\w-])" + re.escape(w), text)]


def test_russian_pdf_report_has_russian_headings_and_no_english_fixed_words(reviewed_case, tmp_path, capsys):
    pymupdf = pytest.importorskip("pymupdf")
    cases, _library = reviewed_case
    pdf = tmp_path / "report_ru.pdf"
    # --lang after the command, as a user types it
    assert main(["case", "report", CASE, "1", "--case-file", str(cases), "--out", str(pdf), "--lang", "ru"]) == 0
    assert "отчёт записан" in capsys.readouterr().out
    doc = pymupdf.open(pdf)
    text = _words(" ".join(page.get_text() for page in doc))
    missing = [h for h in RUSSIAN_HEADINGS if h not in text]
    assert not missing, missing
    assert not _english_left(text), _english_left(text)
    assert f"стр. 1 из {len(doc)}" in text
    from nps_id.casework.store import open_case_file
    with open_case_file(cases) as cf:
        case = cf.case(CASE)
    record = case["exhibits"][0]["analyses"][0]["record"]
    for data in (CASE, "Test lab", "A. Analyst", "R. Reviewer", "Etizolam identified", "paper card", "Etizolam",
                 record["inputs"][0]["sha256"], "data.ms"):
        assert data in text, data
    # the Cyrillic is drawn with an embedded Unicode font (not reportlab's Latin-1 Helvetica)
    fonts = {f[3] for page in doc for f in page.get_fonts()}
    assert any("NpsSans" in name or "DejaVu" in name for name in fonts), fonts


def test_russian_html_report(reviewed_case, tmp_path):
    from lxml import html as lxml_html

    cases, _library = reviewed_case
    page = tmp_path / "report_ru.html"
    assert main(["--lang", "ru", "case", "report", CASE, "--html", "--case-file", str(cases), "--out", str(page)]) == 0
    tree = lxml_html.fromstring(page.read_bytes())
    assert tree.get("lang") == "ru"
    text = _words(tree.text_content())
    missing = [h for h in RUSSIAN_HEADINGS if h not in text and h not in ("Подписи", "Подпись / дата")]
    assert not missing, missing
    assert not _english_left(text), _english_left(text)
    assert "Etizolam identified" in text and "paper card" in text


def test_english_report_is_unchanged_by_the_catalogue(reviewed_case, tmp_path):
    pymupdf = pytest.importorskip("pymupdf")
    cases, _library = reviewed_case
    pdf = tmp_path / "report_en.pdf"
    assert main(["--lang", "en", "case", "report", CASE, "1", "--case-file", str(cases), "--out", str(pdf)]) == 0
    text = _words(" ".join(page.get_text() for page in pymupdf.open(pdf)))
    assert "Forensic identification report" in text and "identification of Etizolam supported" in text
    assert not re.search("[а-яё]", text, re.IGNORECASE)


def test_statement_rebuilt_in_english_equals_the_stored_one(reviewed_case):
    """The Russian statement is built from the same structure as the stored English one, sentence by sentence."""
    from nps_id.casework.conclusion import SWGDRUG_CITATION
    from nps_id.casework.store import open_case_file
    from nps_id.report import words

    cases, _library = reviewed_case
    with open_case_file(cases) as cf:
        suggestion = cf.case(CASE)["exhibits"][0]["conclusions"][-1]["suggestion"]
    i18n.set_language("en")
    assert len(suggestion["statement_lines"]) >= 2  # etizolam supported, the unexplained peak named
    assert words.statement_lines(suggestion, rebuild=True) == suggestion["statement_lines"]
    assert words._CITATION == SWGDRUG_CITATION
    i18n.set_language("ru")
    russian = words.statement_lines(suggestion)
    assert len(russian) == len(suggestion["statement_lines"])
    assert all(re.search("[а-яё]", line) for line in russian), russian


def test_report_in_a_language_without_a_unicode_font_is_refused_clearly(reviewed_case, tmp_path, monkeypatch,
                                                                         capsys):
    from nps_id.report import fonts

    cases, _library = reviewed_case
    monkeypatch.setattr(fonts, "report_fonts", lambda: ("NpsSans", "NpsSans-Bold", False))
    monkeypatch.setattr("nps_id.report.pdf.report_fonts", fonts.report_fonts)
    out = tmp_path / "r.pdf"
    assert main(["--lang", "ru", "case", "report", CASE, "1", "--case-file", str(cases), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "DejaVu" in err and "fonts-dejavu-core" in err
    assert not out.exists()
