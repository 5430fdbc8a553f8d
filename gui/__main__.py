"""`python -m nps_id_gui` starts the window (same as `nps-id-gui`)."""
import sys

from nps_id_gui.app import main

sys.exit(main())
