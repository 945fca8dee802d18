"""``python -m placelink.batch``: the same as the ``placelink-batch`` command."""

import sys

from .cli import main

sys.exit(main())
