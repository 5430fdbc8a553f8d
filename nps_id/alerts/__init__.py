"""Early warning across borders: a shared register of unidentified substances.

A lab that cannot identify a spectrum (verdict ``not_in_library`` or
``ambiguous``) reports it, signed, to a register on the library's server; the
register groups reports whose spectra match (the library's exact search engine)
into clusters, "the same unknown seen by several labs", which the curator
identifies and promotes into the next library release.  Every search checks
the register and says when other labs have seen the unknown.

* :mod:`~nps_id.alerts.payload`: what is sent, and the privacy allow-list.
* :mod:`~nps_id.alerts.sign`: Ed25519 signature of a payload.
* :mod:`~nps_id.alerts.register`: the register (PostgreSQL or SQLite), its service and curator actions.
* :mod:`~nps_id.alerts.schema`: tables, roles and row-level security.
* :mod:`~nps_id.alerts.clustering`: matching through :mod:`nps_id.search`'s engines.
* :mod:`~nps_id.alerts.seen`: the "seen by N other labs" check on every search.
* :mod:`~nps_id.alerts.exchange`: signed export/import for offline labs.
* :mod:`~nps_id.alerts.promote`: an identified cluster into the library.
* :mod:`~nps_id.alerts.report`: report / withdraw (lab side).
* :mod:`~nps_id.alerts.listing`: cluster lists and CSV for the national focal point.
"""
