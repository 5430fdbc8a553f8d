"""Workshop packs made from real shared files: signed, answers sealed, tampering and bad input refused."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from nps_id.cli import main
from nps_id.errors import InputError, NpsIdError
from nps_id.io import read_spectra
from nps_id.library import open_library
from nps_id.library.signing import generate_key
from nps_id.workshop.exercises import Answer
from nps_id.workshop.grading import score_sheet, write_score_csv
from nps_id.workshop.pack import make_pack, open_pack
from nps_id.workshop.sealing import WrongPassphrase

PASSPHRASE = "trainer-secret-42"


def _exercise_list(shared: Path, folder: Path) -> Path:
    nps = shared / "ms" / "nps_classes" / "nist_mds2-2418_cm2_cm3_half.msp"
    text = f'''
title = "Regional workshop, day 1"

[[exercise]]
file = "{shared / 'gcms' / 'LRCFS_benzodiazepines' / '220223014.D'}"
question = "Which benzodiazepine is in this run?"
points = 2
explanation = "Etizolam: m/z 342 with its chlorine isotope, base peak 266."
answer = {{ compound = "Etizolam", inchikey = "VMZUTJCNQWMAGF-UHFFFAOYSA-N" }}

[[exercise]]
file = "{nps}"
index = 0
question = "Identify the substance."
answer = {{ compound = "N-Ethylbuphedrone", inchikey = "HEPVRDHGUWFXJS-UHFFFAOYSA-N" }}

[[exercise]]
file = "{nps}"
index = 20
question = "To which class does this substance belong?"
answer = {{ class = "synthetic cathinone" }}

[[exercise]]
file = "{shared / 'ir' / 'nist_webbook_via_stackIR' / 'benzocaine.csv'}"
question = "Identify this cutting agent."
answer = {{ compound = "Benzocaine" }}

[[exercise]]
file = "{shared / 'ir' / 'nist_webbook_via_stackIR' / 'deet.csv'}"
question = "Is this substance in your library?"
answer = {{ not_in_library = true }}
'''
    path = folder / "exercises.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def pack_parts(shared_data: Path, tmp_path: Path):
    key, public = generate_key(tmp_path / "trainer.key")
    return _exercise_list(shared_data, tmp_path), key, public


def test_signed_pack_checks_and_keeps_answers_sealed(pack_parts, tmp_path: Path, capsys) -> None:
    exercises, key, public = pack_parts
    out = make_pack(exercises, tmp_path / "pack", PASSPHRASE, key)
    pack = open_pack(out, [public.read_bytes()])
    assert [e.number for e in pack.exercises] == [1, 2, 3, 4, 5]
    assert pack.signer and pack.exercises[0].file.is_dir()
    assert main(["workshop", "check", str(out), "--trusted", str(public)]) == 0
    assert "OK" in capsys.readouterr().out
    # the answers are not readable from the pack's own files without the passphrase
    for name in ("pack.json", "answers.sealed.json", "manifest.json"):
        text = (out / name).read_text(encoding="utf-8").lower()
        for secret in ("etizolam", "ethylbuphedrone", "benzocaine", "cathinone", "not_in_library", "vmzutjcnq"):
            assert secret not in text, (name, secret)
    with pytest.raises(WrongPassphrase):
        pack.answers("not-the-passphrase")
    answers = pack.answers(PASSPHRASE)
    assert answers[1][0].compound == "Etizolam" and "342" in answers[1][1]
    assert answers[3][0] == Answer("class", compound_class="synthetic cathinone")
    assert answers[5][0].kind == "not_in_library"


def test_one_changed_byte_fails_the_check(pack_parts, tmp_path: Path) -> None:
    exercises, key, public = pack_parts
    out = make_pack(exercises, tmp_path / "pack", PASSPHRASE, key)
    target = next(p for p in (out / "files").iterdir() if p.suffix == ".csv")
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    with pytest.raises(NpsIdError, match="changed file"):
        open_pack(out)
    assert main(["workshop", "check", str(out)]) == 2


def test_zipped_pack_and_untrusted_signer(pack_parts, tmp_path: Path) -> None:
    exercises, key, _ = pack_parts
    out = make_pack(exercises, tmp_path / "pack.zip", PASSPHRASE, key)
    assert zipfile.is_zipfile(out)
    pack = open_pack(out)
    assert pack.exercises[3].file.is_file()
    _, other = generate_key(tmp_path / "someone-else.key")
    with pytest.raises(NpsIdError, match="untrusted"):
        open_pack(out, [other.read_bytes()])
    # a changed byte inside the zip is refused too (CRC or manifest), naming the pack
    data = bytearray(out.read_bytes())
    data[len(data) // 3] ^= 0xFF
    tampered = tmp_path / "tampered.zip"
    tampered.write_bytes(bytes(data))
    with pytest.raises(NpsIdError, match="tampered.zip"):
        open_pack(tampered)


def test_score_sheet_two_wrong_answers(pack_parts, tmp_path: Path) -> None:
    exercises, key, _ = pack_parts
    pack = open_pack(make_pack(exercises, tmp_path / "pack", PASSPHRASE, key))
    expected = {n: a for n, (a, _) in pack.answers(PASSPHRASE).items()}
    given = {
        1: (Answer("compound", compound="etizolam"), "342 and 266"),          # right by name, any case
        2: (Answer("compound", compound="Pentylone"), "guess"),              # wrong
        3: (Answer("class", compound_class="Synthetic_Cathinone"), "β-keto"),  # right
        4: (Answer("not_in_library"), "no match"),                           # wrong
        5: (Answer("not_in_library"), "low scores"),                         # right
    }
    rows = score_sheet(pack.exercises, given, expected)
    assert [r.right for r in rows] == [True, False, True, False, True]
    assert sum(r.points for r in rows) == 4 and sum(r.out_of for r in rows) == 6
    sheet = write_score_csv({"A. Trainee": rows}, tmp_path / "score.csv").read_text(encoding="utf-8")
    assert sheet.splitlines()[-1].endswith(",4,6")


def test_bad_exercise_lists_are_named(shared_data: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\n[[exercise]]\nfile = "missing.msp"\nquestion = "?"\n'
                   'answer = { compound = "Cocaine" }\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.toml: exercise 1: the file missing.msp does not exist"):
        make_pack(bad, tmp_path / "p", PASSPHRASE)
    bad.write_text('title = "x"\n[[exercise]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.toml, line 2"):
        make_pack(bad, tmp_path / "p", PASSPHRASE)
    assert not (tmp_path / "p").exists()


def test_expected_compound_must_be_in_the_library(pack_parts, shared_data: Path, tmp_path: Path) -> None:
    exercises, key, _ = pack_parts
    spectra = read_spectra(shared_data / "ms" / "nps_classes" / "nist_mds2-2418_cm2_cm3_half.msp")[:30]
    with open_library(tmp_path / "lib.sqlite", create=True) as library:
        library.add_spectra(spectra, why="test")
        with pytest.raises(NpsIdError, match="exercise 1: Etizolam is not in the library"):
            make_pack(exercises, tmp_path / "pack", PASSPHRASE, key, library)
    assert not (tmp_path / "pack").exists()


def test_quiz_run_reveals_only_after_commit_and_scores_saved_sheets(pack_parts, tmp_path: Path, capsys) -> None:
    from nps_id.workshop.quiz import QuizRun

    exercises, key, _ = pack_parts
    out = make_pack(exercises, tmp_path / "pack", PASSPHRASE, key)
    run = QuizRun(open_pack(out), "B. Trainee", PASSPHRASE)
    with pytest.raises(NpsIdError, match="commit an answer first"):
        run.reveal(1)
    run.commit(1, Answer("compound", compound="Etizolam"), "m/z 342")
    with pytest.raises(NpsIdError, match="cannot be changed"):
        run.commit(1, Answer("not_in_library"))
    shown = run.reveal(1)
    assert shown.right and shown.expected.compound == "Etizolam" and "266" in shown.explanation
    run.commit(2, Answer("class", compound_class="synthetic cathinone"), "β-keto")  # wrong kind of answer
    assert not run.reveal(2).right
    sheet = run.save(tmp_path / "b.json")
    assert "Ethylbuphedrone" not in sheet.read_text(encoding="utf-8")  # the sheet holds no expected answers
    (tmp_path / "pw").write_text(PASSPHRASE, encoding="utf-8")
    assert main(["workshop", "score", str(out), str(sheet), "--out", str(tmp_path / "s.csv"),
                 "--passphrase-file", str(tmp_path / "pw")]) == 0
    assert "B. Trainee: 2 / 6" in capsys.readouterr().out
    (tmp_path / "pw").write_text("wrong passphrase", encoding="utf-8")
    assert main(["workshop", "score", str(out), str(sheet), "--out", str(tmp_path / "s.csv"),
                 "--passphrase-file", str(tmp_path / "pw")]) == 2
    assert "wrong passphrase" in capsys.readouterr().err
