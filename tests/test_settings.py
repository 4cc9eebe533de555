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
                                 {"HBETL_PAGE_DEADLINE": "0"}])
def test_bad_settings_are_config_errors(env):
    with pytest.raises(ConfigError) as err:
        load_settings(env=env)
    assert "\n" not in str(err.value)
