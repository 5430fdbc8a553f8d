"""`python -m nps_id_gui` starts the window (same as `nps-id-gui`)."""
import sys

from nps_id_gui.app import main

if __name__ == "__main__":  # worker processes (spawned) import this module too
    sys.exit(main())
