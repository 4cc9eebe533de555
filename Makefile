# Two commands on a fresh clone: `make demo` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Keep Prefect from phoning home (telemetry host lookup on start).
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: demo test bench serve lint install browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make demo: serve the bundled sample site, run the 2023 Q1 flow into .demo/hbetl.duckdb, print the indicators
demo: $(STAMP)
	$(VENV)/bin/hbetl demo --db .demo/hbetl.duckdb --year 2023 --quarter 1

## make test: the whole suite (installs Debian's chromium for the report screenshot test when it can)
test: $(STAMP) browser
	$(PY) -m pytest -q

# Best effort: without chromium the screenshot tests skip, nothing else needs it.
browser:
	@command -v chromium >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1) \
	  || echo "chromium not installed: screenshot tests will skip"; } || true

## make bench: benchmarks against their baselines (prints tables, writes bench/results/*.json)
bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) -m bench

## make serve: a local Prefect server + a worker serving the deployments; Ctrl-C stops both
serve: $(STAMP)
	$(PY) -m flows.serve

lint: $(STAMP)
	$(VENV)/bin/ruff check hbetl flows tests bench

clean:
	rm -rf .demo bench/results
