"""``python -m ai45core NAME --params JSON`` — same as the ``ai45`` command."""

import sys

from .cli import main

sys.exit(main())
