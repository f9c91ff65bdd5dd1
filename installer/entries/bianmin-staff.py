"""Frozen entry point of ``bianmin-staff`` (PyInstaller runs this file as __main__)."""

import sys

from staff_client.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
