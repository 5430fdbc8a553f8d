"""Workshop packs for trainers: exercises on real files, answers sealed until the trainee commits.

:mod:`~nps_id.workshop.exercises` reads a trainer's exercise list (TOML),
:mod:`~nps_id.workshop.sealing` encrypts the answers with a passphrase,
:mod:`~nps_id.workshop.pack` writes and checks a signed pack, and
:mod:`~nps_id.workshop.grading` scores a trainee's answers.
"""
