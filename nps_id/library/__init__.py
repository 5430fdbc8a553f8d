"""The spectral library: import, store, browse, export, and share reference spectra.

``open_library(location)`` opens a SQLite file (default) or a PostgreSQL
database (``postgresql://`` URL); both backends behave the same.

Modules: :mod:`.store` (the Library), :mod:`.reading` (files of an import),
:mod:`.report` (what an import did, per file), :mod:`.rows`/:mod:`.schema`
(database rows and tables), :mod:`.backends` (SQLite/PostgreSQL connections),
:mod:`.packages` (recognise and verify bundles/releases), :mod:`.sharing`
(contribute, submit, review, release), :mod:`.records` (record files),
:mod:`.signing` and :mod:`.trust` (signatures and trusted curator keys),
:mod:`.server` (roles of a shared server).  ``store`` never imports
``sharing``: both use ``packages``.
"""
from nps_id.library.reading import Skipped
from nps_id.library.report import FileReport, ImportReport
from nps_id.library.store import (
    RECORD_FIELDS,
    Library,
    default_library_location,
    open_library,
)

__all__ = ["Library", "ImportReport", "FileReport", "Skipped", "open_library",
           "default_library_location", "RECORD_FIELDS"]
