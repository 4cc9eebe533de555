"""``python -m hbetl.sample_site [--port N] [--articles N] [--host 127.0.0.1]``."""

import sys

from hbetl.sample_site.server import main

sys.exit(main())
