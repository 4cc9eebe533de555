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
    # hbetl's loggers also run outside flows (tests, benches, `hbetl extract`): log locally there.
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
    # Without PREFECT_API_URL a process starts a temporary API server: about 12 s on
    # an idle 2-core machine, over Prefect's default 20 s limit on a busy one.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}.items():
    os.environ.setdefault(_name, _value)
