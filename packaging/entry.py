"""Entry point of the frozen application (PyInstaller)."""

import multiprocessing
import sys

from analyst_desk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
