"""Reports of casework: the PDF of a case or an exhibit (:mod:`.pdf`), vector pictures (:mod:`.graphics`)."""
from __future__ import annotations

import os
from pathlib import Path

from nps_id.errors import InputError, write_error
from nps_id.i18n import _, using


def issue_report(cases, number: str, out: str | Path, exhibit: str | None = None, lab: str | None = None,
                 who: str | None = None, html: bool = False, language: str | None = None) -> tuple[Path, str]:
    """Write the report and record its issue in the audit trail, all or nothing.

    The PDF is built in a temporary file beside ``out``; it replaces ``out``
    inside the transaction that records "report issued" with its SHA-256, so a
    failure anywhere leaves neither a half-written report nor an entry for it.
    ``html=True`` writes one self-contained HTML file (inline SVG) instead.
    ``language`` (e.g. "ru") writes the report's fixed words in that language
    (None: the language in use, :mod:`nps_id.i18n`); data stays as recorded.

    Returns
    -------
    path, sha256
    """
    from nps_id.casework.provenance import sha256_file
    from nps_id.report.html import build_html_report
    from nps_id.report.pdf import build_report

    out = Path(out)
    if out.is_dir():
        raise InputError(out, _("is a folder; give a file name such as REPORT.pdf"))
    if not out.parent.exists():
        raise InputError(out, _("its folder does not exist"))
    case = cases.case(number)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        try:
            with using(language):
                (build_html_report if html else build_report)(case, tmp, exhibit=exhibit, lab=lab)
            digest = sha256_file(tmp)
        except OSError as exc:  # an unwritable folder, a full disk...: name the report, not the temporary file
            raise write_error(out, exc) from None
        with cases.transaction():
            cases.record_report(number, exhibit or "", str(out.resolve()), digest, who or case["analyst"])
            try:
                os.replace(tmp, out)
            except OSError as exc:  # the transaction is rolled back: no entry for a report not written
                raise write_error(out, exc) from None
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
    return out, digest


__all__ = ["issue_report"]
