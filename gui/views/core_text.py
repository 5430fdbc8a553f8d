"""The core's English sentences (verdict reasons, deciders, molecular-ion notes, classes, control statuses)
in the interface language.

The patterns and their translations live in the core (``nps_id.sentences``, the gettext catalogue of
``nps_id/locale``), so the command line, the report and the app say the same thing;
:func:`nps_id_gui.i18n.install_translators` sets the core's language to the interface's.
tests/test_i18n.py fails when a clause of the files it opens stays English.
"""
from __future__ import annotations

from nps_id.sentences import class_name, control_text, translate_sentence

__all__ = ["class_name", "control_text", "translate_sentence"]
