"""``python -m analyst_desk`` is the same as ``analyst-desk``."""

import sys

from analyst_desk.cli import main

if __name__ == "__main__":  # not when the import's page-reading worker processes load this module
    import multiprocessing

    multiprocessing.freeze_support()  # the frozen executable started as a worker runs the worker, not the app
    sys.exit(main())
