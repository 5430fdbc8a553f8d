"""Casework: exhibits with MS and IR evidence, a combined conclusion, reports, replay and an audit trail.

* :mod:`.store` -- the case file (SQLite or PostgreSQL): cases, exhibits, analyses,
  conclusions, reviews, reports; every change one transaction with its audit entry;
* :mod:`.audit` -- the hash-chained, append-only trail and its verification;
* :mod:`.analysis` -- one analysis (GC-MS run or spectra) with everything replay needs;
* :mod:`.conclusion` -- what each technique supports and the SWGDRUG statement;
* :mod:`.provenance` -- input SHA-256, library identity, software version, times;
* :mod:`.replay` -- re-run a recorded result and name what differs.
"""
from nps_id.casework.analysis import analyse_file, detect_kind
from nps_id.casework.conclusion import combine
from nps_id.casework.replay import ReplayReport, replay
from nps_id.casework.store import CaseError, CaseFile, default_case_location, open_case_file

__all__ = ["analyse_file", "detect_kind", "combine", "replay", "ReplayReport", "CaseError", "CaseFile",
           "open_case_file", "default_case_location"]
