"""A shared PostgreSQL library whose permissions PostgreSQL itself enforces.

``init_server(url)`` (run once, as the database owner or a superuser) creates
the tables and three group roles:

* ``nps_reader``: read everything (search, browse, export).
* ``nps_contributor``: read, and submit spectra, which can only enter as
  ``pending`` rows of a submission (row-level security); cannot accept,
  reject, release, edit or delete anything.
* ``nps_curator``: everything (accept/reject submissions, import, delete, release,
  and the list of trusted curator keys).

A login role gets the rights of the group it is granted, e.g.::

    CREATE ROLE lab_a LOGIN PASSWORD '...';  GRANT nps_contributor TO lab_a;

The change log is append-only for everyone but the owner (no UPDATE/DELETE
except the curator's UPDATE needed to finish an import's entry).
"""
from __future__ import annotations

from nps_id.errors import LibraryError
from nps_id.library.backends import is_postgres_url
from nps_id.library.store import open_library
from nps_id.i18n import _

ROLES = ("nps_reader", "nps_contributor", "nps_curator")
_TABLES = "meta, changes, submissions, releases, spectra, trusted_keys"

_STATEMENTS = [
    *[f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
            CREATE ROLE {role} NOLOGIN;
        END IF;
    END $$""" for role in ROLES],
    f"REVOKE ALL ON {_TABLES} FROM PUBLIC",
    "GRANT USAGE ON SCHEMA public TO nps_reader, nps_contributor, nps_curator",
    f"GRANT SELECT ON {_TABLES} TO nps_reader, nps_contributor, nps_curator",
    "GRANT INSERT ON changes, submissions, spectra TO nps_contributor",
    "GRANT INSERT, UPDATE, DELETE ON meta, submissions, releases, spectra, trusted_keys TO nps_curator",
    "GRANT INSERT, UPDATE ON changes TO nps_curator",
    "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO nps_contributor, nps_curator",
    "ALTER TABLE spectra ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE submissions ENABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS read_all ON spectra",
    "CREATE POLICY read_all ON spectra FOR SELECT USING (true)",
    "DROP POLICY IF EXISTS contributor_submits ON spectra",
    "CREATE POLICY contributor_submits ON spectra FOR INSERT TO nps_contributor "
    "WITH CHECK (status = 'pending' AND submission_id IS NOT NULL)",
    "DROP POLICY IF EXISTS curator_all ON spectra",
    "CREATE POLICY curator_all ON spectra TO nps_curator USING (true) WITH CHECK (true)",
    "DROP POLICY IF EXISTS read_all ON submissions",
    "CREATE POLICY read_all ON submissions FOR SELECT USING (true)",
    "DROP POLICY IF EXISTS contributor_submits ON submissions",
    "CREATE POLICY contributor_submits ON submissions FOR INSERT TO nps_contributor "
    "WITH CHECK (status = 'pending' AND decided_at IS NULL AND submitted_by = session_user)",
    "DROP POLICY IF EXISTS curator_all ON submissions",
    "CREATE POLICY curator_all ON submissions TO nps_curator USING (true) WITH CHECK (true)",
]


def init_server(url: str) -> dict:
    """Create (or update) the library tables, roles, grants and policies at ``url``."""
    if not is_postgres_url(url):
        raise LibraryError(f"{url}: " + _("`server init` needs a postgresql:// URL"))
    with open_library(url, create=True) as library:
        with library.backend.transaction():
            for statement in _STATEMENTS:
                library.backend.execute(statement)
            library._log("server-init", library.db_user or "unknown",
                         "created roles nps_reader, nps_contributor, nps_curator and their rights")
        return library.info()
