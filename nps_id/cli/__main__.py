"""``python -m nps_id.cli``: the same as the ``nps-id`` command."""
import sys

from nps_id.cli import main

sys.exit(main())
