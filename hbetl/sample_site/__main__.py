"""``python -m hbetl.sample_site [--port N] [--articles N] [--host 127.0.0.1]``."""

import sys

from hbetl.sample_site import main

if __name__ == "__main__":  # only when run: importing it once served with the caller's argv
    sys.exit(main())
