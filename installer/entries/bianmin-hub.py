"""Frozen entry point of ``bianmin-hub`` (PyInstaller runs this file as __main__)."""

import sys

from sync.hub.cli import main

if __name__ == "__main__":
    sys.exit(main())
