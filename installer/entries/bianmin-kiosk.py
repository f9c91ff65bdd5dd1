"""Frozen entry point of ``bianmin-kiosk`` (PyInstaller runs this file as __main__)."""

import sys

from kiosk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
