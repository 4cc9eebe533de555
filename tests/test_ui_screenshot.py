"""The operator's view: the flow run page of the Prefect UI, rendered in headless
Chromium, shows the run Completed with its task runs and its artifacts."""

from __future__ import annotations

import httpx
import pytest

from tests.ui_screenshot import chromium_path, screenshot

pytestmark = [pytest.mark.timeout(300),
              pytest.mark.skipif(chromium_path() is None, reason="chromium not installed")]


def test_flow_run_page_shows_the_run_and_its_artifacts(sample_site, prefect_server, tmp_path):
    from flows.quarterly import quarterly_etl

    state = quarterly_etl(site=sample_site, db=str(tmp_path / "ui.duckdb"), year=2023, quarter=1,
                          rate_limit=0, return_state=True)
    assert state.is_completed()
    ui = prefect_server.removesuffix("/api")
    page = f"{ui}/runs/flow-run/{state.state_details.flow_run_id}"

    text = screenshot(page, str(tmp_path / "run.png"), wait=8)
    assert "quarterly-2023-Q1" in text and "Completed" in text
    assert "parse-load-batch-1" in text or "Task Runs" in text
    assert (tmp_path / "run.png").stat().st_size > 20_000  # a blank page is a few KB

    artifacts = httpx.post(f"{prefect_server}/artifacts/filter", json={"artifacts": {
        "flow_run_id": {"any_": [str(state.state_details.flow_run_id)]}, "key": {"any_": ["indicators-2023-q1"]}}})
    table_id = artifacts.json()[0]["id"]
    text = screenshot(f"{ui}/artifacts/artifact/{table_id}", str(tmp_path / "artifact.png"), wait=8)
    assert "indicators-2023-q1" in text and "industrial_output_value" in text and "1824" in text
