"""The spectral library: import, store, browse, export, and share reference spectra.

``open_library(location)`` opens a SQLite file (default) or a PostgreSQL
database (``postgresql://`` URL); both backends behave the same.
"""
from nps_id.library.reading import Skipped
from nps_id.library.store import (
    RECORD_FIELDS,
    ImportReport,
    Library,
    default_library_location,
    open_library,
)

__all__ = ["Library", "ImportReport", "Skipped", "open_library", "default_library_location",
           "RECORD_FIELDS"]
