"""The web archive end to end: the quarterly flow against a real sample site writes WARC files
and indexes them in `captures`; with the site stopped, `hbetl reprocess` and `hbetl run --site
warc:…` give the crawl's rows back; a reprocess killed with SIGKILL resumes to the same
warehouse; a changed extractor's figures show in `reprocess_changes`; a site whose pages
redirect to another host fails naming it. Real HTTP, a real Prefect server, real DuckDB files."""

from __future__ import annotations

import contextlib
import gzip
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest
from warcio.archiveiterator import ArchiveIterator

pytestmark = pytest.mark.timeout(900)

BIN = Path(sys.executable).parent
ARTICLE_COLUMNS = ("url, title, published, author, lead, category, body, CAST(related AS VARCHAR), content_hash, "
                   "fetched_at")
METRIC_COLUMNS = ("metric_id, article_url, indicator, period, kind, value, unit, qualifier, yoy_pct, mom_pct, "
                  "plan_pct, scope, label, sentence, start_offset, end_offset")


def rows(db: Path | str, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def content(db: Path | str) -> tuple[list, list]:
    """The warehouse's articles and metrics, without the columns that name the run that wrote them."""
    return (sorted(rows(db, f"SELECT {ARTICLE_COLUMNS} FROM articles")),
            sorted(rows(db, f"SELECT {METRIC_COLUMNS} FROM metrics"), key=repr))


def copy_warehouse(db: Path, name: str) -> Path:
    """A copy beside the original: captures name the WARC files relative to that folder."""
    target = db.with_name(name)
    shutil.copyfile(db, target)
    return target


def hbetl(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "hbetl"), *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def crawled(prefect_server: str, tmp_path_factory: pytest.TempPathFactory):
    """2023 Q1 crawled twice from a sample site of this module's own, then the site stopped."""
    from flows.quarterly import quarterly_etl
    from hbetl.sample_site import start_sample_site

    db = tmp_path_factory.mktemp("archive") / "hbetl.duckdb"
    with start_sample_site() as (_proc, site):
        first = quarterly_etl(site=site, db=str(db), year=2023, quarter=1, rate_limit=0, return_state=True)
        assert first.is_completed(), first.message
        after_first = {t: rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("articles", "metrics", "captures")}
        shutil.copyfile(db, db.with_name("after-first.duckdb"))
        second = quarterly_etl(site=site, db=str(db), year=2023, quarter=1, rate_limit=0, return_state=True)
        assert second.is_completed(), second.message
    return {"db": db, "site": site, "first": first.result(), "second": second.result(), "after_first": after_first}


def test_every_page_read_is_archived_and_read_back_with_one_seek(crawled) -> None:
    db = crawled["db"]
    files = sorted((db.parent / "warc").glob("*.warc.gz"))
    assert files and all(f.name.startswith(crawled["first"]["run_id"]) or f.name.startswith(crawled["second"]["run_id"])
                         for f in files)
    warcio = str(BIN / "warcio")
    for file in files:
        check = subprocess.run([warcio, "check", str(file)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        index = subprocess.run([warcio, "index", str(file)], capture_output=True, text=True)
        with open(file, "rb") as stream:
            assert len(index.stdout.splitlines()) == sum(1 for _ in ArchiveIterator(stream)) > 1
    captures = rows(db, "SELECT url, status, digest, warc_file, warc_offset, warc_length, record_type FROM captures")
    for url, status, digest, warc_file, offset, length, _type in captures:  # the bytes a row points at are its record
        with open(db.parent / warc_file, "rb") as file:
            file.seek(offset)
            record = next(iter(ArchiveIterator(file)))
            assert record.rec_headers.get_header("WARC-Target-URI") == url
            assert record.rec_headers.get_header("WARC-Payload-Digest") == digest
            assert record.http_headers.get_statuscode() == str(status)
        raw = (db.parent / warc_file).read_bytes()[offset:offset + length]
        assert gzip.decompress(raw).startswith(b"WARC/1.1\r\n")
    # A row for every page the crawl read: every article (and the robots.txt, feeds, listings, days).
    missing = rows(db, """SELECT url FROM pages WHERE outcome = 'fetched' AND coalesce(final_url, url) NOT IN
                          (SELECT url FROM captures WHERE status = 200)""")
    assert missing == []
    kinds = {url.rsplit("/", 1)[-1] for (url,) in rows(db, "SELECT url FROM captures")}
    assert {"robots.txt", "home.rss"} <= kinds


def test_a_rerun_adds_revisits_only_and_changes_no_row_count(crawled) -> None:
    db, first, second = crawled["db"], crawled["first"], crawled["second"]
    assert second["not_modified"] == first["fetched"]  # every article answered 304: not archived
    counts = {t: rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("articles", "metrics")}
    assert counts == {k: v for k, v in crawled["after_first"].items() if k != "captures"}
    added = rows(db, "SELECT record_type, count(*) FROM captures WHERE run_id = ? GROUP BY 1".replace(
        "?", f"'{second['run_id']}'"))
    assert dict(added).keys() == {"revisit"} and dict(added)["revisit"] > 0


def test_reprocess_with_the_site_stopped_gives_the_crawls_metrics(crawled) -> None:
    from flows.reprocess import reprocess_flow

    db = copy_warehouse(crawled["db"], "reprocessed.duckdb")
    result = reprocess_flow(db=str(db))
    assert result["status"] == "completed" and result["articles"] == crawled["first"]["articles"]
    assert result["by_indicator"] == [] and result["failed"] == 0 and result["unarchived"] == 0
    assert content(db) == content(crawled["db"])  # same ids, same values, same article rows
    versions = rows(db, "SELECT DISTINCT reader_version, extractor_version FROM metrics")
    assert versions == [(result["reader_version"], result["extractor_version"])]


def test_reprocess_killed_mid_way_resumes_to_the_same_warehouse(crawled) -> None:
    clean = copy_warehouse(crawled["db"], "clean.duckdb")
    killed = copy_warehouse(crawled["db"], "killed.duckdb")
    small_batches = {"HBETL_BATCH_SIZE": "1"}  # batches of 4 (flows.reprocess.BATCH_FACTOR) of ~42 articles
    assert hbetl("reprocess", "--db", str(clean), env=small_batches).returncode == 0

    proc = subprocess.Popen([str(BIN / "hbetl"), "reprocess", "--db", str(killed)], env={**os.environ, **small_batches},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        seen = []
        for line in proc.stdout:  # Prefect's log lines of the run, as they come
            seen.append(line)
            if "reprocess batch 2 loaded" in line:
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        # Its parse pool and fork server, left without their parent: the same session, ours to end.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL, "".join(seen[-20:])
    run_id, status = rows(killed, "SELECT run_id, status FROM runs WHERE flow = 'reprocess'")[0]
    done = rows(killed, f"SELECT count(*) FROM articles WHERE run_id = '{run_id}'")[0][0]
    assert status == "running" and 0 < done < crawled["first"]["articles"]  # killed mid-way

    again = hbetl("reprocess", "--db", str(killed), env=small_batches)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "(resumed)" in again.stdout and "no figure changed" in again.stdout
    assert rows(killed, "SELECT run_id, status FROM runs WHERE flow = 'reprocess'") == [(run_id, "completed")]
    assert content(killed) == content(clean) == content(crawled["db"])
    assert rows(killed, "SELECT count(*) FROM metric_changes") == rows(clean, "SELECT count(*) FROM metric_changes")


def test_a_changed_extractor_version_reports_what_changed(crawled) -> None:
    """The stored figures as an older extractor gave them: one value differs, one figure it
    missed, one it made up; re-extracting from the stored text reports each, per indicator."""
    db = copy_warehouse(crawled["db"], "older-extractor.duckdb")
    con = duckdb.connect(str(db))
    try:
        (changed, changed_indicator), (missed, missed_indicator) = con.execute(
            "SELECT metric_id, indicator FROM metrics WHERE indicator IS NOT NULL AND value IS NOT NULL "
            "ORDER BY metric_id LIMIT 2").fetchall()
        con.execute("UPDATE metrics SET value = value + 1, extractor_version = '0.0.9+older'")
        con.execute(f"UPDATE metrics SET value = value - 1 WHERE metric_id <> '{changed}'")
        con.execute(f"DELETE FROM metrics WHERE metric_id = '{missed}'")
        con.execute(f"""INSERT INTO metrics SELECT * REPLACE ('made-up' AS metric_id, '2019-Q4' AS period)
                        FROM metrics WHERE metric_id = '{changed}'""")
    finally:
        con.close()
    out = hbetl("reprocess", "--db", str(db), "--source", "text")
    assert out.returncode == 0, out.stderr[-2000:]
    assert f"reprocessed {crawled['first']['articles']} articles from text" in out.stdout
    assert "(3 figures;" in out.stdout
    assert changed_indicator in out.stdout and missed_indicator in out.stdout
    found = rows(db, "SELECT change, old_value IS NULL, new_value IS NULL, old_extractor_version, indicator "
                     "FROM reprocess_changes ORDER BY change")
    assert [f[:3] for f in found] == [("appeared", True, False), ("changed", False, False),
                                      ("disappeared", False, True)]
    assert {f[3] for f in found} == {None, "0.0.9+older"}
    assert [f[4] for f in found] == [missed_indicator, changed_indicator, changed_indicator]
    assert content(db)[1] == content(crawled["db"])[1]  # the extractor's figures are back


def test_replay_reruns_the_quarter_from_the_captures_alone(crawled, tmp_path: Path) -> None:
    from flows.quarterly import quarterly_etl

    replayed = tmp_path / "replayed.duckdb"
    warc = crawled["db"].parent / "warc"
    state = quarterly_etl.with_options(retries=0)(site=f"warc:{warc}", db=str(replayed), year=2023, quarter=1,
                                                 return_state=True)
    assert state.is_completed(), state.message
    assert content(replayed) == content(crawled["db"])
    assert not (tmp_path / "warc").exists()  # a replay writes nothing; its captures name the records it read
    assert rows(replayed, "SELECT count(*) FROM captures WHERE warc_file LIKE '/%'")[0][0] > 0
    from flows.reprocess import reprocess_flow

    assert reprocess_flow(db=str(replayed))["articles"] == crawled["first"]["articles"]


def test_reprocess_without_its_archive_fails_naming_the_file(crawled, tmp_path: Path) -> None:
    elsewhere = tmp_path / "moved.duckdb"
    shutil.copyfile(crawled["db"], elsewhere)  # the WARC files did not come along
    out = hbetl("reprocess", "--db", str(elsewhere))
    assert out.returncode == 1
    last = out.stderr.strip().splitlines()[-1]
    assert last.startswith("hbetl reprocess: ")
    assert f"no article read again ({crawled['first']['articles']} failed" in last
    assert "warc.gz: no such WARC file" in last
    assert content(elsewhere) == content(crawled["db"])  # nothing already loaded is lost


def test_a_run_that_cannot_archive_fails_and_keeps_what_was_loaded(crawled, monkeypatch) -> None:
    from flows.quarterly import quarterly_etl

    db = copy_warehouse(crawled["db"], "no-archive.duckdb")
    blocker = db.with_name("not-a-folder")
    blocker.write_text("")
    monkeypatch.setenv("HBETL_WARC_DIR", str(blocker / "warc"))
    state = quarterly_etl.with_options(retries=0)(site=crawled["site"], db=str(db), year=2023, quarter=1,
                                                 return_state=True)
    assert state.is_failed()
    assert "not-a-folder/warc: cannot write WARC files there" in state.message
    assert content(db) == content(crawled["db"])


class _Moved(BaseHTTPRequestHandler):
    """A paper that moved: every page answers 301 to the same path on the new host."""

    new_host = "localhost:9"

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        self.send_response(301)
        self.send_header("Location", f"http://{self.new_host}{self.path}")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_a_site_that_moved_fails_naming_the_new_host_and_the_setting(prefect_server, tmp_path: Path) -> None:
    from flows.quarterly import quarterly_etl

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Moved)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        site = f"http://127.0.0.1:{server.server_address[1]}/"
        started = time.monotonic()
        state = quarterly_etl.with_options(retries=0)(site=site, db=str(tmp_path / "m.duckdb"), year=2023,
                                                     quarter=1, rate_limit=0, return_state=True)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert state.is_failed()
    assert "redirect to localhost:9 (has the paper moved?)" in state.message
    assert "HBETL_ALLOWED_HOSTS=localhost:9" in state.message and "\n" not in state.message
    assert time.monotonic() - started < 120


def test_reprocess_since_a_day_reads_the_articles_published_from_it(crawled) -> None:
    from datetime import date

    from flows.reprocess import reprocess_flow

    db = copy_warehouse(crawled["db"], "since.duckdb")
    result = reprocess_flow(db=str(db), since=date(2023, 3, 1))
    expected = rows(db, "SELECT count(*) FROM articles WHERE published >= DATE '2023-03-01'")[0][0]
    assert result["articles"] == expected and 0 < expected < crawled["first"]["articles"]
    assert rows(db, f"SELECT count(*) FROM articles WHERE run_id = '{result['run_id']}'")[0][0] == expected
    assert content(db) == content(crawled["db"])


def test_reprocess_of_a_rewritten_warc_file_loads_no_other_pages_record(crawled) -> None:
    # A tool that rewrote the WARC file (records reordered, dropped) can leave another page's whole
    # record at the offset `captures` holds: it was loaded under this article's URL, exit 0.
    db = copy_warehouse(crawled["db"], "rewritten.duckdb")
    con = duckdb.connect(str(db))
    (a, _, _), (b, offset, length) = con.execute("""
        SELECT url, warc_offset, warc_length FROM captures WHERE record_type = 'response'
          AND url IN (SELECT url FROM articles) ORDER BY url LIMIT 2""").fetchall()
    con.execute("UPDATE captures SET warc_offset = ?, warc_length = ? WHERE url = ?", [offset, length, a])
    con.close()
    out = hbetl("reprocess", "--db", str(db))
    assert out.returncode == 3, out.stderr
    assert f"not the capture of {a}" in out.stderr and f"is response of {b}" in out.stderr
    assert out.stderr.strip().splitlines()[-1].startswith("hbetl reprocess: loaded what it read, but 1 article page")
    assert content(db) == content(crawled["db"])  # the article kept its rows


def test_a_resumed_reprocess_totals_the_changes_it_lists() -> None:
    from hbetl.reprocess import change_lines

    # A run resumed after 25 changes, finding 5 more: the table lists the run's 30.
    result = {"changed": 5, "appeared": 0, "disappeared": 0,
              "by_indicator": [{"indicator": "cpi", "changed": 12, "appeared": 0, "disappeared": 0},
                               {"indicator": "grdp_growth", "changed": 18, "appeared": 0, "disappeared": 0}]}
    assert change_lines(result)[-1] == "(30 figures; each one: SELECT * FROM reprocess_changes)"
