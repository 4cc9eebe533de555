"""A crawl served from WARC files instead of the network: ``hbetl run --site warc:PATH``.

:class:`ReplayTransport` is an httpx transport (the Fetcher takes one in place of the network)
over the response and revisit records of PATH, a ``.warc.gz`` file or a folder of them. Each
URL is answered with its latest archived response (a revisit with the payload of the record it
refers to), a conditional request whose validators match with 304, a URL the archive does not
hold with 404. Answers that only said "try later" (429, 5xx) are passed over for an earlier
good one. So a quarter re-runs from what was captured, with the same rows, and no network.

The site of the run is the one the files were crawled from (:func:`crawled_site`), so article
URLs, the warehouse's keys, are the same as in the crawl. Each response carries, as an httpx
extension, the :class:`~hbetl.warc.Capture` of the record its payload came from: the run indexes
those records in ``captures`` instead of writing them again.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from hbetl.errors import ArchiveError, ConfigError
from hbetl.warc import REPLAYED, Capture, Entry, read_record, scan, site_of, warc_files

TRY_LATER = frozenset({429, 500, 502, 503, 504})  # as hbetl.fetch.TRANSIENT_STATUSES


class ReplayIndex:
    """Where each URL's latest answer is, and where each payload digest's response is."""

    def __init__(self, path: str | Path) -> None:
        self.files = warc_files(path)
        self._latest: dict[str, tuple[int, Entry]] = {}
        self._payloads: dict[str, tuple[int, Entry]] = {}
        for number, file in enumerate(self.files):
            for entry in scan(file):
                self._add(number, entry)

    def _add(self, number: int, entry: Entry) -> None:
        if entry.rec_type == "response" and entry.digest:
            self._payloads[entry.digest] = (number, entry)
        held = self._latest.get(entry.url)
        if held is None or _better(entry, held[1]):
            self._latest[entry.url] = (number, entry)

    def __len__(self) -> int:
        return len(self._latest)

    def lookup(self, url: str) -> tuple[Path, Entry] | None:
        found = self._latest.get(url)
        return (self.files[found[0]], found[1]) if found else None

    def payload(self, digest: str | None) -> tuple[Path, Entry] | None:
        found = self._payloads.get(digest or "")
        return (self.files[found[0]], found[1]) if found else None


def _better(new: Entry, held: Entry) -> bool:
    """A good answer beats a "try later" one; among equals the later one wins."""
    new_good, held_good = new.status not in TRY_LATER, held.status not in TRY_LATER
    if new_good != held_good:
        return new_good
    return new.date >= held.date


class ReplayTransport(httpx.AsyncBaseTransport):
    """Answers requests from a :class:`ReplayIndex` (see the module's docstring)."""

    def __init__(self, path: str | Path) -> None:
        self.index = ReplayIndex(path)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        found = self.index.lookup(str(request.url))
        if found is None:
            # Marked replayed (with no record): the run archives nothing the archive did not hold.
            return httpx.Response(404, headers={"Content-Type": "text/plain; charset=utf-8"},
                                  stream=httpx.ByteStream(b"not in the archive"), request=request,
                                  extensions={REPLAYED: None})
        file, entry = found
        record = read_record(file, entry.offset, entry.length)
        capture = _capture(file, entry)
        body = record.body
        if record.rec_type == "revisit":
            original = self.index.payload(record.digest)
            if original is None:
                raise ArchiveError(f"the revisit of {entry.url} at offset {entry.offset} refers to "
                                   f"{record.digest}, which no response record in {_where(self.index)} holds",
                                   subject=str(file))
            body = read_record(original[0], original[1].offset, original[1].length).body
            capture = _capture(*original)
        headers = [(name, value) for name, value in record.headers if name.lower() != "content-length"]
        headers.append(("Content-Length", str(len(body))))
        if _not_modified(request, record):
            return httpx.Response(304, headers=[h for h in headers if h[0].lower() in ("etag", "last-modified")],
                                  request=request)
        # A stream, not content=: httpx reads content= at once, and the Fetcher reads the body itself.
        return httpx.Response(record.status or 200, headers=headers, stream=httpx.ByteStream(body),
                              request=request, extensions={REPLAYED: capture})


def _capture(file: Path, entry: Entry) -> Capture:
    return Capture(url=entry.url, fetched_at=entry.date, status=entry.status or 0, digest=entry.digest or "",
                   warc_file=str(Path(file).resolve()), warc_offset=entry.offset, warc_length=entry.length,
                   record_type=entry.rec_type)


def _not_modified(request: httpx.Request, record) -> bool:
    """A server's answer to a conditional GET: the ETag matches, or Last-Modified is the one sent."""
    etag, last_modified = record.header("etag"), record.header("last-modified")
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        return etag is not None and etag in {tag.strip() for tag in if_none_match.split(",")}
    since = request.headers.get("if-modified-since")
    return since is not None and last_modified is not None and since == last_modified


def _where(index: ReplayIndex) -> str:
    return str(index.files[0].parent) if len(index.files) > 1 else str(index.files[0])


def crawled_site(path: str | Path) -> str:
    """The site the WARC files at PATH were crawled from (raises ConfigError when none says)."""
    try:
        files = warc_files(path)
    except ArchiveError as exc:
        raise ConfigError(f"warc:{path}: {exc.reason}") from exc
    sites: dict[str, Path] = {}
    for file in files:
        try:
            site = site_of(file)
        except OSError as exc:  # the file, not only the folder: "warc:DIR: Invalid WARC header" named neither
            raise ConfigError(f"warc:{path}: {file.name}: {exc.strerror or exc}") from exc
        if site:
            sites.setdefault(site, file)
    if len(sites) > 1:
        # The first file's site was replayed and the other's pages passed over without a word.
        named = ", ".join(f"{site} ({file.name})" for site, file in sites.items())
        raise ConfigError(f"warc:{path}: the files are crawls of {len(sites)} sites: {named}; "
                          "give a file or a folder of one site's")
    if sites:
        return next(iter(sites))
    raise ConfigError(f"warc:{path}: no warcinfo or response record names the crawled site")

