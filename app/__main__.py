"""``python -m app`` is the same as ``analyst-desk``."""

import sys

from app.cli import main

sys.exit(main())
