"""The web archive against real sockets and real files: what a fetch session writes (WARC/1.1
that warcio checks), what reads it back (one seek), replay from it, and its errors (a truncated
or corrupt file, a missing one, a folder we cannot write to, a full disk)."""

from __future__ import annotations

import asyncio
import gzip
import os
import subprocess
import sys
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from hbetl import pipeline
from hbetl.errors import ArchiveError, ArchiveFull, ConfigError
from hbetl.fetch import Fetcher
from hbetl.fetch_session import FetchProcess, FetchSession
from hbetl.replay import ReplayIndex, crawled_site
from hbetl.settings import load_settings
from hbetl.warc import (
    ArchiveSpec,
    Prior,
    WarcWriter,
    archive_spec,
    payload_digest,
    read_record,
    scan,
    warc_files,
)

try:
    from faultproxy import Origin, OriginPage
    from test_fetch import settings_for
except ImportError:  # tests/ is a package in this checkout
    from tests.faultproxy import Origin, OriginPage
    from tests.test_fetch import settings_for

pytestmark = pytest.mark.timeout(120)

ARTICLE = ("<html><head><title>Giá trị sản xuất công nghiệp</title></head><body><p>"
           + " ".join(f"Tháng {i % 12 + 1} năm {2000 + i}, mục {i * 7919 % 10007} đạt {i * 104729 % 99991} tỷ đồng."
                      for i in range(300)) + "</p></body></html>").encode()
WARCIO = Path(sys.executable).with_name("warcio")


@pytest.fixture
def origin():
    pages = {
        "/a.htm": OriginPage(ARTICLE, gzip=True),
        "/b.htm": OriginPage(b"<html><body><p>B</p></body></html>"),
        "/old.htm": OriginPage(status=301, headers={"Location": "/b.htm"}, validators=False),
        "/robots.txt": OriginPage(b"User-agent: *\nAllow: /\n", content_type="text/plain", validators=False),
    }
    with Origin(pages) as server:
        yield server


def spec_for(tmp_path: Path, site: str, run_id: str = "run-1", **changes) -> ArchiveSpec:
    return ArchiveSpec(**{"directory": str(tmp_path / "warc"), "run_id": run_id, "site": site,
                          "user_agent": "hbetl-test", **changes})


def records(path: Path) -> list:
    with open(path, "rb") as stream:
        return [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(stream)]


@pytest.mark.parametrize("kind", [FetchSession, FetchProcess], ids=["thread", "process"])
def test_a_session_archives_every_response_it_reads(origin, tmp_path: Path, kind) -> None:
    (tmp_path / "warc").mkdir()
    settings = settings_for(origin.url)
    urls = [origin.url + p for p in ("a.htm", "old.htm", "missing.htm")]
    with kind(settings, archive=spec_for(tmp_path, origin.url)) as session:
        pages = session.fetch(urls)
        captures = session.take_captures()
        again = session.fetch([urls[0]], {urls[0]: pages[0]})  # conditional: 304, not archived
        assert again[0].outcome == "not_modified" and session.take_captures() == []
    assert [p.outcome for p in pages] == ["fetched", "fetched", "failed"]
    by_url = {(c.url.removeprefix(origin.url), c.status) for c in captures}
    assert by_url == {("robots.txt", 200), ("a.htm", 200), ("old.htm", 301), ("b.htm", 200), ("missing.htm", 404)}
    for capture in captures:  # one seek reads the record back; its payload is the page as decoded
        record = read_record(capture.warc_file, capture.warc_offset, capture.warc_length)
        assert (record.rec_type, record.url, record.status) == ("response", capture.url, capture.status)
        assert payload_digest(record.body) == capture.digest == record.digest
    article = next(c for c in captures if c.url.endswith("a.htm"))
    record = read_record(article.warc_file, article.warc_offset, article.warc_length)
    assert record.body == ARTICLE  # sent gzipped, kept decoded, the server's encoding named
    assert record.header("X-Crawler-Content-Encoding") == "gzip" and record.header("Content-Length") == str(len(ARTICLE))
    files = sorted((tmp_path / "warc").glob("*.warc.gz"))
    assert [f.name for f in files] == ["run-1-1.warc.gz"]
    check = subprocess.run([str(WARCIO), "check", str(files[0])], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    types = [t for t, _url in records(files[0])]
    assert types[0] == "warcinfo" and types.count("response") == 5 and types.count("request") == 5


def test_an_unchanged_payload_is_a_revisit(origin, tmp_path: Path) -> None:
    url = origin.url + "a.htm"
    with FetchSession(settings_for(origin.url), archive=spec_for(tmp_path, origin.url)) as session:
        session.fetch([url])
        first = [c for c in session.take_captures() if c.url == url][0]
        session.fetch([url], archived={url: Prior(first.digest, first.fetched_at)})
        second = session.take_captures()
    assert [c.record_type for c in second] == ["revisit"] and second[0].digest == first.digest
    assert second[0].warc_length < first.warc_length / 4  # headers only
    record = read_record(second[0].warc_file, second[0].warc_offset, second[0].warc_length)
    assert record.refers_to == (url, first.fetched_at) and record.body == b""
    check = subprocess.run([str(WARCIO), "check", second[0].warc_file], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_files_roll_past_the_size_and_a_second_writer_takes_the_next_number(origin, tmp_path: Path) -> None:
    spec = spec_for(tmp_path, origin.url, roll_bytes=3000)
    (tmp_path / "warc").mkdir()
    with FetchSession(settings_for(origin.url), archive=spec) as session:
        session.fetch([origin.url + p for p in ("a.htm", "b.htm", "old.htm")])
        captures = session.take_captures()
    with WarcWriter(spec) as other:  # e.g. discovery's, beside the fetch process's
        asyncio.run(pipeline.discover_urls(settings_for(origin.url), *pipeline.quarter_window(2023, 1, 0),
                                           archive=other))
    names = sorted(p.name for p in (tmp_path / "warc").glob("*.warc.gz"))
    assert len(names) >= 3 and names[0] == "run-1-1.warc.gz"
    assert len({c.warc_file for c in captures}) >= 2
    for capture in captures:
        assert read_record(capture.warc_file, capture.warc_offset, capture.warc_length).url == capture.url


def test_a_replay_folder_with_a_file_that_is_not_warc_names_the_file(tmp_path: Path) -> None:
    """Before: 'warc:DIR: Invalid WARC header', which of the folder's files unsaid."""
    (tmp_path / "warc").mkdir()
    (tmp_path / "warc" / "a.warc.gz").write_bytes(b"not a WARC file\n")
    with pytest.raises(ConfigError, match=r"^warc:\S+/warc: a\.warc\.gz: Invalid WARC header$"):
        crawled_site(tmp_path / "warc")


def test_a_replay_folder_holding_two_sites_crawls_names_both(origin, tmp_path: Path) -> None:
    """Before: the first file's site was replayed, the other's pages passed over, exit 0."""
    other = "http://127.0.0.1:1/"  # the site another crawl's warcinfo names
    for run_id, site in (("run-a", origin.url), ("run-b", other)):
        with FetchSession(settings_for(origin.url), archive=spec_for(tmp_path, site, run_id)) as session:
            session.fetch([origin.url + "a.htm"])
    with pytest.raises(ConfigError, match=rf"^warc:\S+/warc: the files are crawls of 2 sites: "
                                          rf"{origin.url} \(run-a-1\.warc\.gz\), {other} \(run-b-1\.warc\.gz\); "):
        crawled_site(tmp_path / "warc")
    assert crawled_site(tmp_path / "warc" / "run-b-1.warc.gz") == other


def test_replay_serves_the_archived_pages_without_the_network(origin, tmp_path: Path) -> None:
    site = origin.url
    url = site + "a.htm"
    with FetchSession(settings_for(site), archive=spec_for(tmp_path, site)) as session:
        live = session.fetch([url, site + "old.htm"])
        first = [c for c in session.take_captures() if c.url == url][0]
        session.fetch([url], archived={url: Prior(first.digest, first.fetched_at)})  # a revisit
    origin.stop()
    settings = load_settings(env={}, site=f"warc:{tmp_path / 'warc'}", rate_limit=2.0)
    assert settings.site == site and settings.warc_replay == str(tmp_path / "warc")
    assert crawled_site(tmp_path / "warc") == site

    async def replay() -> tuple:
        async with Fetcher(settings) as fetcher:
            pages = await fetcher.fetch_many([url, site + "old.htm", site + "never.htm"])
            conditional = await fetcher.fetch(url, pages[0])
            return pages, conditional, fetcher.stats.requests

    pages, conditional, requests = asyncio.run(replay())
    assert [p.outcome for p in pages] == ["fetched", "fetched", "failed"]
    assert pages[0].body == live[0].body == ARTICLE  # the revisit, with the payload it refers to
    assert pages[1].final_url == live[1].final_url and pages[1].body == live[1].body
    assert pages[2].reason == "HTTP 404" and conditional.outcome == "not_modified"
    assert requests >= 5


def test_a_truncated_or_corrupt_file_is_named_with_the_reason(origin, tmp_path: Path) -> None:
    with FetchSession(settings_for(origin.url), archive=spec_for(tmp_path, origin.url)) as session:
        session.fetch([origin.url + p for p in ("a.htm", "b.htm")])
        captures = session.take_captures()
    path = Path(captures[-1].warc_file)
    last = max(captures, key=lambda c: c.warc_offset)
    data = path.read_bytes()
    truncated = tmp_path / "truncated.warc.gz"
    truncated.write_bytes(data[: last.warc_offset + last.warc_length // 2])
    with pytest.raises(ArchiveError, match=r"truncated\.warc\.gz: truncated: the record at offset \d+") as caught:
        read_record(truncated, last.warc_offset, last.warc_length)
    assert not caught.value.transient
    with pytest.raises(ArchiveError, match="truncated.warc.gz"):
        list(scan(truncated))
    with pytest.raises(ArchiveError, match="truncated.warc.gz"):
        ReplayIndex(truncated)
    corrupt = tmp_path / "corrupt.warc.gz"
    middle = last.warc_offset + last.warc_length // 2
    corrupt.write_bytes(data[:middle] + bytes(b ^ 0xFF for b in data[middle:middle + 64]) + data[middle + 64:])
    with pytest.raises(ArchiveError, match=rf"corrupt\.warc\.gz: corrupt record at offset {last.warc_offset}"):
        read_record(corrupt, last.warc_offset, last.warc_length)
    with pytest.raises(ArchiveError, match="gone.warc.gz: no such WARC file"):
        read_record(tmp_path / "gone.warc.gz", 0, 10)
    with pytest.raises(ConfigError, match=r"warc:.*nowhere: no such WARC file or folder"):
        load_settings(env={}, site=f"warc:{tmp_path / 'nowhere'}")
    assert warc_files(truncated) == [truncated]


def test_an_uncompressed_warc_file_is_named_as_one(origin, tmp_path: Path) -> None:
    # It read as "corrupt record at offset …: incorrect header check": damage that was not there.
    with FetchSession(settings_for(origin.url), archive=spec_for(tmp_path, origin.url)) as session:
        session.fetch([origin.url + "a.htm"])
        path = Path(session.take_captures()[-1].warc_file)
    plain = tmp_path / "plain.warc"
    plain.write_bytes(gzip.decompress(path.read_bytes()))
    with pytest.raises(ConfigError, match=r"plain\.warc: an uncompressed WARC file: hbetl reads \.warc\.gz files"):
        load_settings(env={}, site=f"warc:{plain}")


def test_a_folder_that_cannot_be_written_stops_the_run_before_it_fetches(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings = load_settings(env={}, db=str(tmp_path / "w.duckdb"), warc_dir=str(blocker / "warc"))
    with pytest.raises(ArchiveError) as caught:
        archive_spec(settings, "run-1")
    message = str(caught.value)
    assert message.startswith(f"{blocker / 'warc'}: cannot write WARC files there: ")
    assert "HBETL_WARC_DIR" in message and "HBETL_WARC=0" in message and "\n" not in message
    assert archive_spec(load_settings(env={"HBETL_WARC": "0"}, db=str(tmp_path / "w.duckdb")), "r") is None
    assert archive_spec(replace(settings, warc_dir=None), "r").directory == str((tmp_path / "warc").resolve())


def test_a_full_disk_is_a_transient_error_naming_the_file(origin, tmp_path: Path, monkeypatch) -> None:
    """/dev/full answers every write with ENOSPC, as a full disk does."""
    import hbetl.warc as warc

    real_open = open
    monkeypatch.setattr(warc, "open", lambda path, mode="r", *a, **kw: real_open(
        "/dev/full", "wb", *a, **kw) if mode == "xb" else real_open(path, mode, *a, **kw), raising=False)
    (tmp_path / "warc").mkdir()
    with FetchSession(settings_for(origin.url), archive=spec_for(tmp_path, origin.url)) as session, \
            pytest.raises(ArchiveFull) as caught:
        session.fetch([origin.url + "b.htm"])
    assert caught.value.transient
    assert str(caught.value).startswith(f"{tmp_path / 'warc' / 'run-1-1.warc.gz'}: cannot write: No space left")


def test_a_warc_file_removed_while_the_run_writes_it_stops_the_archive_saying_so(origin, tmp_path: Path) -> None:
    """Before: the writer went on writing into the removed file, and its captures rows (and, once a
    writer made a new file of the same name, another file's records) were indexed: the archive
    silently lost the pages, and reprocess would read the wrong records."""
    with FetchSession(settings_for(origin.url), archive=spec_for(tmp_path, origin.url)) as session:
        session.fetch([origin.url + "a.htm"])
        for path in (tmp_path / "warc").glob("*.warc.gz"):
            path.unlink()
        with pytest.raises(ArchiveError) as caught:
            session.take_captures()
        with pytest.raises(ArchiveError):  # and nothing more is archived
            session.fetch([origin.url + "b.htm"])
    assert str(caught.value) == (f"{tmp_path / 'warc' / 'run-1-1.warc.gz'}: removed or replaced while the run "
                                 "wrote it: the pages archived in it are lost")


CUT_SHORT = """
import random, resource, signal, sys, httpx
from hbetl.warc import ArchiveSpec, WarcWriter, read_record
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))  # the file may not pass 20,000 bytes
spec = ArchiveSpec(directory=sys.argv[1], run_id="cut", site="http://127.0.0.1/", user_agent="t")
writer = WarcWriter(spec)
def page(i, size):
    body = random.Random(i).randbytes(size)  # incompressible: the gzip member is as large
    request = httpx.Request("GET", f"http://127.0.0.1/{i}.htm")
    return httpx.Response(200, headers={"Content-Type": "text/html"}, content=body, request=request), body
kept = []
try:
    for i, size in enumerate([2000, 2000, 60000, 2000]):
        response, body = page(i, size)
        kept.append(writer.record(response, body, "2023-04-10T01:30:00.000+00:00"))
except Exception as exc:
    print(type(exc).__name__, exc)
for capture in writer.take_captures():
    assert read_record(capture.warc_file, capture.warc_offset, capture.warc_length).url == capture.url
print(len(kept))
"""


def test_a_write_that_fails_half_way_leaves_the_file_readable(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", CUT_SHORT, str(tmp_path)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    error, kept = done.stdout.strip().splitlines()
    assert error.startswith(f"ArchiveError {tmp_path / 'cut-1.warc.gz'}: cannot write: File too large")
    assert kept == "2"
    check = subprocess.run([str(WARCIO), "check", str(tmp_path / "cut-1.warc.gz")], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout  # the half-written record was cut off


def test_payload_digest_is_warcs_sha1_base32() -> None:
    assert payload_digest(b"") == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"
    assert len(payload_digest(ARTICLE)) == len("sha1:") + 32
    member = gzip.compress(b"not a WARC record")
    assert zlib.decompress(member, 31) == b"not a WARC record"


def test_moved_to_names_the_host_most_pages_redirect_to() -> None:
    stats = {"reasons": {"off-host redirect to baophutho.vn": 40, "HTTP 404": 2}, "outcomes": {"skipped": 40}}
    assert pipeline.moved_to(stats) == "baophutho.vn"
    assert pipeline.moved_to({"reasons": {"off-host redirect to x.vn": 1}, "outcomes": {"fetched": 300}}) is None
    with pytest.raises(Exception, match=r"redirect to baophutho.vn .*HBETL_ALLOWED_HOSTS=baophutho.vn"):
        pipeline.check_not_moved(settings_for("http://127.0.0.1:9/"), stats)
    assert os.path.exists("/dev/full")
