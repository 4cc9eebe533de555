"""hbetl: Vietnamese provincial economic news to metric records in DuckDB.

Layers (each stage is one module, found by its name):

    pure core   numbers, periods, indicators, extract, parse, discover, profiles
    edges       fetch (network), warehouse (DuckDB)
    wiring      pipeline (stages in order, no Prefect), flows/ (Prefect tasks and flows), cli

The core never touches the network or the database.
"""

__version__ = "0.1.0"
