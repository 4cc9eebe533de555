"""Prefect flows: thin wiring of hbetl's stages into tasks and flows.

Importing this package sets the project's Prefect defaults, before Prefect is
imported, unless the environment already says otherwise: no telemetry (Prefect
looks up its analytics host on start) and hbetl's own loggers shown in the UI.
"""

import os

for _name, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_EXTRA_LOGGERS": "hbetl",
}.items():
    os.environ.setdefault(_name, _value)
