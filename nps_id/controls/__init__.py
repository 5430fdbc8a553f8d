"""Control status of identified compounds: by structure first, then CAS, then names.

* :mod:`nps_id.controls.names` — name variants (salts, stereo words, o/m/p, N-locants, "5F").
* :mod:`nps_id.controls.matching` — find a compound among listed substances.
* :mod:`nps_id.controls.status` — international status (the catalogue) and national status
  (the lab's jurisdiction: ``$NPS_ID_JURISDICTION`` or ``--jurisdiction``), set on hits.
* :mod:`nps_id.controls.schedules` — national schedules (CSV per jurisdiction).
"""
from nps_id.controls.status import (JURISDICTION_ENV, NOT_IN_CATALOGUE, ControlStatus, apply_controls,
                                    control_status, current_jurisdiction, status_kind, summary_kind)

__all__ = ["ControlStatus", "apply_controls", "control_status", "current_jurisdiction", "status_kind",
           "summary_kind", "JURISDICTION_ENV", "NOT_IN_CATALOGUE"]
