from __future__ import annotations

import pytest

from hbetl.errors import ConfigError
from hbetl.settings import Settings, load_settings


def test_defaults_are_polite():
    s = load_settings(env={})
    assert s == Settings() and 0 < s.rate_limit <= 2 and s.concurrency <= 4


def test_environment_then_overrides():
    env = {"HBETL_RATE_LIMIT": "0.5", "HBETL_DB": "/tmp/x.duckdb", "HBETL_RESPECT_ROBOTS": "no"}
    s = load_settings(env=env)
    assert (s.rate_limit, s.db, s.respect_robots) == (0.5, "/tmp/x.duckdb", False)
    s = load_settings(env=env, rate_limit=3.0, db=None)
    assert (s.rate_limit, s.db) == (3.0, "/tmp/x.duckdb")
    assert load_settings(env={"HBETL_PAGE_DEADLINE": "5"}).page_deadline == 5.0


@pytest.mark.parametrize("env", [{"HBETL_CONCURRENCY": "many"}, {"HBETL_QUARTER": "5"}, {"HBETL_SITE": "ftp://x"},
                                 {"HBETL_PAGE_DEADLINE": "0"}, {"HBETL_SITE": "http://"},
                                 {"HBETL_SITE": "http://127.0.0.1:99999/"}, {"HBETL_ALLOWED_HOSTS": "baophutho.vn,[::1"}])
def test_bad_settings_are_config_errors(env):
    with pytest.raises(ConfigError) as err:
        load_settings(env=env)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(("name", "raw"), [
    ("TIMEOUT", "0"), ("TIMEOUT", "-1"), ("TIMEOUT", "nan"), ("PAGE_DEADLINE", "inf"), ("MAX_RETRIES", "-1"),
    ("BACKOFF_BASE", "-0.5"), ("RETRY_AFTER_CAP", "nan"), ("MAX_BODY_BYTES", "0"), ("DAYS_AFTER_QUARTER", "-1"),
    ("BATCH_SIZE", "0"), ("DUCKDB_THREADS", "0"), ("LOCK_WAIT_SECONDS", "-1"), ("PARSE_WORKERS", "0"),
    ("DUCKDB_MEMORY_LIMIT", "lots"), ("USER_AGENT", "hbetl é"), ("USER_AGENT", "hbetl\r\nX-Evil: 1"), ("USER_AGENT", " "),
])
def test_a_number_out_of_range_is_refused_naming_its_variable(name, raw):
    """Before: accepted, to fail the run after its discovery in words that did not name the
    variable (HBETL_BATCH_SIZE=0: "range() arg 3 must not be zero"), or not at all."""
    with pytest.raises(ConfigError, match=f"^HBETL_{name} must be ") as err:
        load_settings(env={f"HBETL_{name}": raw})
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("overrides", [{"rate_limit": float("nan")}, {"rate_limit": float("inf")}, {"year": 0}])
def test_a_flag_out_of_range_is_refused(overrides):
    with pytest.raises(ConfigError, match=f"^{next(iter(overrides)).replace('_', ' ')} must be "):
        load_settings(env={}, **overrides)


def test_the_edges_of_the_ranges_are_accepted():
    env = {"HBETL_MAX_RETRIES": "0", "HBETL_BACKOFF_BASE": "0", "HBETL_LOCK_WAIT_SECONDS": "0",
           "HBETL_BATCH_SIZE": "1", "HBETL_PARSE_WORKERS": "1", "HBETL_RATE_LIMIT": "0", "HBETL_DUCKDB_MEMORY_LIMIT": "1GB"}
    s = load_settings(env=env)
    assert (s.max_retries, s.batch_size, s.rate_limit, s.duckdb_memory_limit) == (0, 1, 0.0, "1GB")


def test_an_unknown_profile_is_refused_at_once():
    with pytest.raises(ConfigError, match=r"^profile nope: unknown \(known: "):
        load_settings(env={"HBETL_PROFILE": "nope"})


def test_an_empty_warehouse_path_is_refused():
    """Before: `hbetl run --db ""` (`--db "$DB"`, DB unset) loaded the quarter into a DuckDB database in
    memory, ended 'completed' with exit 0, nothing kept, its WARC files in the folder above."""
    with pytest.raises(ConfigError, match=r"^the warehouse path \(--db, HBETL_DB\) is empty: name a DuckDB file$"):
        load_settings(env={}, db=" ")


@pytest.mark.parametrize(("given", "message"), [
    ({"year": 2023}, "year 2023 without a quarter"), ({"quarter": 2}, "quarter 2 without a year"),
    ({"env": {"HBETL_YEAR": "2023"}}, "year 2023 without a quarter"),
])
def test_a_year_without_a_quarter_or_a_quarter_without_a_year_is_refused(given, message):
    """Before: `hbetl run --year 2023` (or the flow's year parameter alone) ran the quarter just ended,
    2026 Q3, the year dropped without a word, and failed on 'no article loaded for 2026 Q3'."""
    env = given.pop("env", {})
    with pytest.raises(ConfigError, match=f"^{message}: give both \\(--year and --quarter\\), or neither for the "
                                          "quarter just ended$"):
        load_settings(env=env, **given)


@pytest.mark.parametrize("site", ["warc:", "warc:  "])
def test_a_replay_with_no_path_is_refused(site):
    """Before: "warc:" alone replayed whatever crawl the working folder held."""
    with pytest.raises(ConfigError, match=r"^warc: needs the path of a \.warc\.gz file or a folder of them"):
        load_settings(site=site)
