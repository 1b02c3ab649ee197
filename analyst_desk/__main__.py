"""``python -m analyst_desk`` is the same as ``analyst-desk``."""

import sys

from analyst_desk.cli import main

sys.exit(main())
