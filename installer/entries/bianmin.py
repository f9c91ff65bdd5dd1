"""Frozen entry point of ``bianmin`` (PyInstaller runs this file as __main__)."""

import sys

from cli.main import main

if __name__ == "__main__":
    sys.exit(main())
