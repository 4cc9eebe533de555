"""The web archive: every response a run reads, kept as WARC/1.1 (ISO 28500) files.

    <warc dir>/<run id>-<n>.warc.gz      (warc dir: Settings.warc_dir, default "<db dir>/warc/")

Each file opens with a ``warcinfo`` record; each response is a ``response`` record followed by
its ``request`` record (``WARC-Concurrent-To``), every record a gzip member of its own, so a
record is read back with one seek and one read (:func:`read_record`). A response whose payload
digest equals the one last archived for its URL is written as a ``revisit`` record
(identical-payload-digest profile): headers only, so a re-run costs almost nothing. 304 answers
carry no page and are not archived. A file is closed and the next one started past
``Settings.warc_roll_bytes`` (~1 GB).

The payload is the body as decoded (gzip and deflate inflated), as Common Crawl stores it: the
server's ``Content-Encoding``, ``Transfer-Encoding`` and ``Content-Length`` are kept as
``X-Crawler-Content-Encoding`` … and ``Content-Length`` gives the stored length. So the payload
digest follows the page's bytes, not how the server compressed them, and a reader needs no
inflating. warcio (the reference library) builds and writes the records; this module only picks
the compression level: 3, not warcio's 9 nor zlib's default 6, because the fetch process pays
for it (synthetic 21 KB pages: 168 us and 5,960 bytes a page at 3, 282 us and 5,587 at 6).

Every record written becomes a :class:`Capture`, a row of the warehouse's ``captures`` table.
The writer lives where the fetching happens (the fetch process, or the discovery task's thread)
and is used from one thread, the fetcher's event loop.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import io
import os
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import version as package_version
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit

from hbetl.errors import ArchiveError, ArchiveFull

if TYPE_CHECKING:
    import httpx

    from hbetl.settings import Settings

WARC_VERSION = "WARC/1.1"
WARC_SUFFIX = ".warc.gz"
GZIP_LEVEL = 3
# Headers that describe the bytes on the wire, not the payload we store (Common Crawl's names).
_WIRE_HEADERS = {"content-encoding": "X-Crawler-Content-Encoding",
                 "transfer-encoding": "X-Crawler-Transfer-Encoding",
                 "content-length": "X-Crawler-Content-Length"}
# Out of space: worth a retry once space is freed. Every other write error is terminal.
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})
SITE_FIELD = "hbetl-site"  # the warcinfo field naming the crawled site (for `--site warc:PATH`)


def payload_digest(body: bytes) -> str:
    """The WARC payload digest: 'sha1:' and the SHA-1 in base32, as warcio and Heritrix write it."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def warc_date(iso: str) -> str:
    """'2023-04-10T01:30:00.123+00:00' (a Page's fetched_at) -> '2023-04-10T01:30:00.123Z'."""
    return iso[:-6] + "Z" if iso.endswith("+00:00") else iso


@dataclass(frozen=True, slots=True)
class Capture:
    """One archived record: a row of the warehouse's ``captures`` table."""

    url: str
    fetched_at: str  # WARC-Date, UTC
    status: int
    digest: str  # payload digest, sha1:BASE32
    warc_file: str  # absolute path
    warc_offset: int  # where the record's gzip member starts
    warc_length: int  # its length in the file
    record_type: str  # response | revisit


class Prior(NamedTuple):
    """What the archive already holds for a URL: its last payload digest and WARC-Date."""

    digest: str
    date: str


@dataclass(frozen=True, slots=True)
class ArchiveSpec:
    """Where and for which run a writer archives; crosses to the fetch process."""

    directory: str
    run_id: str
    site: str
    user_agent: str
    roll_bytes: int = 1_000_000_000


def archive_dir(settings: Settings) -> Path:
    """Settings.warc_dir, or "warc/" beside the warehouse file."""
    if settings.warc_dir:
        return Path(settings.warc_dir)
    return Path(settings.db).resolve().parent / "warc"


def archive_spec(settings: Settings, run_id: str) -> ArchiveSpec | None:
    """The run's archive (None with ``HBETL_WARC=0``); the folder is made and checked writable
    here, so a run that cannot archive stops before it fetches anything."""
    if not settings.warc:
        return None
    directory = archive_dir(settings)
    if settings.warc_replay:  # a replay writes nothing: it indexes the records it serves from
        return ArchiveSpec(directory=str(directory), run_id=run_id, site=settings.site,
                           user_agent=settings.user_agent, roll_bytes=settings.warc_roll_bytes)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        probe = directory / f".{run_id}.probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise _write_error(directory, exc, "cannot write WARC files there",
                           hint="set HBETL_WARC_DIR to another folder, or HBETL_WARC=0") from exc
    return ArchiveSpec(directory=str(directory.resolve()), run_id=run_id, site=settings.site,
                       user_agent=settings.user_agent, roll_bytes=settings.warc_roll_bytes)


def _write_error(path: Path | str, exc: OSError, doing: str, hint: str = "") -> ArchiveError | ArchiveFull:
    reason = f"{doing}: {exc.strerror or exc}" + (f" ({hint})" if hint else "")
    error = ArchiveFull if exc.errno in _FULL else ArchiveError
    return error(reason, subject=str(path))


class _GzipMember:
    """One record as one gzip member, in memory (warcio's GzippingWrapper, at GZIP_LEVEL): a
    record is written to the file in one piece, or cut off whole if the write fails."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)

    def write(self, data: bytes) -> None:
        self.parts.append(self.compressor.compress(data))

    def flush(self) -> None:
        self.parts.append(self.compressor.flush())


def _write_all(file: io.FileIO, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = file.write(view)
        if not written:
            raise OSError(errno.EIO, "the file took no bytes")
        view = view[written:]


class WarcWriter:
    """Writes a run's records (see the module's docstring); :meth:`take_captures` hands the
    index rows of what was written since the last call, the file synced to disk first.

    ``known``: the last payload digest archived for URLs this writer may meet (from the
    warehouse's ``captures``), so an unchanged page becomes a revisit; :meth:`remember` adds
    a batch's, :meth:`forget` drops them after it."""

    def __init__(self, spec: ArchiveSpec, known: Mapping[str, Prior] | None = None) -> None:
        from warcio.warcwriter import WARCWriter

        self.spec = spec
        self.known: dict[str, Prior] = dict(known or {})
        self._builder = WARCWriter(None, gzip=False, warc_version=WARC_VERSION)
        self._file: io.FileIO | None = None  # unbuffered: what is written is in the file
        self._path: Path | None = None
        self._size = 0  # bytes in the open file
        self._captures: list[Capture] = []
        self._broken: ArchiveError | ArchiveFull | None = None

    # -- the index rows

    def remember(self, priors: Mapping[str, Prior]) -> None:
        self.known.update(priors)

    def forget(self, urls: Iterable[str]) -> None:
        for url in urls:
            self.known.pop(url, None)

    def take_captures(self) -> list[Capture]:
        if self._file is not None and self._captures:
            try:
                os.fsync(self._file.fileno())  # a captures row never points past what is on disk
            except OSError as exc:
                raise self._fail(exc, "cannot sync") from exc
            self._check_in_place()
        captures, self._captures = self._captures, []
        return captures

    def _check_in_place(self) -> None:
        """ArchiveError when the open file is no longer at its path (removed, its folder with it,
        or replaced). The writes went on into a file no one could open, and the captures rows
        pointed at it: once a writer made a new file of the same name, at another file's records."""
        assert self._file is not None and self._path is not None
        held = os.fstat(self._file.fileno())
        try:
            there = os.stat(self._path)
        except OSError:
            there = None
        if there is None or (there.st_dev, there.st_ino) != (held.st_dev, held.st_ino):
            self._broken = ArchiveError("removed or replaced while the run wrote it: the pages archived in it "
                                        "are lost", subject=str(self._path))
            raise self._broken

    # -- writing

    def record(self, response: httpx.Response, body: bytes, fetched_at: str) -> Capture | None:
        """Archive one response the run read (``body`` decoded); returns its index row. A
        response replayed from an archive (hbetl/replay.py) is not written again: its row
        names the record it came from."""
        if REPLAYED in response.extensions:
            replayed = response.extensions[REPLAYED]
            if replayed is not None:
                self._captures.append(replayed)
            return replayed
        if self._broken is not None:
            raise self._broken
        url = str(response.request.url)
        digest = payload_digest(body)
        date = warc_date(fetched_at)
        prior = self.known.get(url)
        head = self._http_head(response, len(body))
        if prior is not None and prior.digest == digest:
            main = self._builder.create_revisit_record(url, digest, url, prior.date, http_headers=head,
                                                       warc_headers_dict={"WARC-Date": date})
        else:
            main = self._builder.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=head,
                warc_headers_dict={"WARC-Date": date, "WARC-Payload-Digest": digest})
        request = self._request_record(response.request, date, main.rec_headers.get_header("WARC-Record-ID"))
        main_bytes, request_bytes = self._member(main), self._member(request)
        out = self._open()
        start = self._size
        try:
            _write_all(out, main_bytes + request_bytes)
        except OSError as exc:
            self._undo(start)  # never half a pair left behind
            raise self._fail(exc, "cannot write") from exc
        self._size += len(main_bytes) + len(request_bytes)
        capture = Capture(url=url, fetched_at=date, status=response.status_code, digest=digest,
                          warc_file=str(self._path), warc_offset=start, warc_length=len(main_bytes),
                          record_type=main.rec_type)
        self._captures.append(capture)
        if self._size >= self.spec.roll_bytes:
            self._close_file()
        return capture

    def close(self) -> None:
        self._close_file()

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _http_head(self, response: httpx.Response, length: int):
        from warcio.statusandheaders import StatusAndHeaders

        headers = [(_WIRE_HEADERS.get(name.lower(), name), value) for name, value in _raw(response.headers)]
        headers.append(("Content-Length", str(length)))
        protocol = response.http_version if response.http_version.startswith("HTTP/") else "HTTP/1.1"
        return StatusAndHeaders(f"{response.status_code} {response.reason_phrase}".strip(), headers,
                                protocol=protocol)

    def _request_record(self, request: httpx.Request, date: str, concurrent_to: str):
        from warcio.statusandheaders import StatusAndHeaders

        target = request.url.raw_path.decode("ascii", "replace") or "/"
        head = StatusAndHeaders(f"{request.method} {target} HTTP/1.1", _raw(request.headers),
                                is_http_request=True)
        return self._builder.create_warc_record(
            str(request.url), "request", http_headers=head,
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": concurrent_to})

    def _member(self, record) -> bytes:
        member = _GzipMember()
        self._builder._write_warc_record(member, record)
        return b"".join(member.parts)

    def _open(self) -> io.FileIO:
        if self._file is not None:
            return self._file
        directory = Path(self.spec.directory)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._fail(exc, "cannot create the WARC folder", directory) from exc
        for n in range(1, 1_000_000):
            path = directory / f"{self.spec.run_id}-{n}{WARC_SUFFIX}"
            try:
                # Exclusive: the discovery task's writer and the fetch process's write side by side,
                # and a retried flow run keeps its run id; each takes the next free number.
                self._file = open(path, "xb", buffering=0)  # noqa: SIM115 (kept open; closed in _close_file)
            except FileExistsError:
                continue
            except OSError as exc:
                raise self._fail(exc, "cannot create a WARC file", path) from exc
            self._path = path
            break
        self._size = 0
        try:
            info = self._member(self._builder.create_warcinfo_record(path.name, self._info()))
            _write_all(self._file, info)
        except OSError as exc:
            raise self._fail(exc, "cannot write") from exc
        self._size = len(info)
        return self._file

    def _info(self) -> dict[str, str]:
        return {
            "software": f"hbetl/{_hbetl_version()} warcio/{package_version('warcio')}",
            "format": "WARC File Format 1.1",
            "conformsTo": "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "isPartOf": self.spec.run_id,
            "description": f"pages read by hbetl run {self.spec.run_id}",
            "robots": "obey",
            "http-header-user-agent": self.spec.user_agent,
            SITE_FIELD: self.spec.site,
        }

    def _undo(self, start: int) -> None:
        """Cut a half-written record off, so the file stays readable to its last whole record."""
        assert self._file is not None
        try:
            self._file.truncate(start)
            self._file.seek(start)
        except OSError:
            self._close_file()

    def _fail(self, exc: OSError, doing: str, path: Path | None = None) -> ArchiveError | ArchiveFull:
        self._broken = _write_error(path or self._path or self.spec.directory, exc, doing)
        return self._broken

    def _close_file(self) -> None:
        if self._file is None:
            return
        file, self._file = self._file, None
        try:
            file.close()
        except OSError as exc:
            if self._broken is None:  # after a failed write, that failure is the one reported
                raise self._fail(exc, "cannot close") from exc


def _raw(headers: httpx.Headers) -> list[tuple[str, str]]:
    """Headers as they went over the wire (names in their own case), as text."""
    return [(name.decode("latin-1"), value.decode("latin-1")) for name, value in headers.raw]


def _hbetl_version() -> str:
    from hbetl import __version__

    return __version__


# ----------------------------------------------------------------------------- reading

# httpx response extension of a replayed response: the Capture of the record it came from (None:
# the archive holds nothing for the URL).
REPLAYED = "hbetl.replayed_capture"


@dataclass(slots=True)
class Record:
    """One WARC record read back: what a reader of the page needs."""

    rec_type: str
    url: str
    date: str
    status: int | None
    headers: list[tuple[str, str]]  # the HTTP response headers as archived
    body: bytes  # the payload (empty for a revisit)
    digest: str | None
    refers_to: tuple[str | None, str | None] = (None, None)  # a revisit's (target URI, date)

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)


def read_record(path: str | Path, offset: int, length: int) -> Record:
    """The record at ``offset`` (``length`` bytes in the file): one seek, one read.
    Raises ArchiveError naming the file and the reason (missing, truncated, corrupt)."""
    try:
        with open(path, "rb") as file:
            file.seek(offset)
            data = file.read(length)
    except FileNotFoundError as exc:
        raise ArchiveError("no such WARC file", subject=str(path)) from exc
    except OSError as exc:
        raise ArchiveError(f"cannot read: {exc.strerror or exc}", subject=str(path)) from exc
    if len(data) < length:
        raise ArchiveError(f"truncated: the record at offset {offset} needs {length} bytes, "
                           f"the file has {len(data)} from there", subject=str(path))
    return parse_record(data, path, offset)


def parse_record(data: bytes, path: str | Path = "<bytes>", offset: int = 0) -> Record:
    """One gzip member holding one WARC record -> Record (raises ArchiveError if it is not one)."""
    try:
        inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
        raw = inflater.decompress(data)
        if not inflater.eof:
            raise ValueError("the gzip member ends early")
        head, sep, rest = raw.partition(b"\r\n\r\n")
        if not sep or not head.startswith(b"WARC/"):
            raise ValueError("no WARC header")
        warc = _fields(head.split(b"\r\n")[1:])
        block = rest[: int(warc.get("content-length", "0"))]
        if len(block) < int(warc.get("content-length", "0")):
            raise ValueError("the block is shorter than its Content-Length")
    except (zlib.error, ValueError, UnicodeDecodeError) as exc:
        raise ArchiveError(f"corrupt record at offset {offset}: {exc}", subject=str(path)) from exc
    rec_type = warc.get("warc-type", "")
    status, headers, body = None, [], b""
    if warc.get("content-type", "").startswith("application/http") and rec_type in ("response", "revisit"):
        http_head, _sep, body = block.partition(b"\r\n\r\n")
        lines = http_head.split(b"\r\n")
        parts = lines[0].split(b" ", 2)
        status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in _pairs(lines[1:])]
    return Record(rec_type=rec_type, url=warc.get("warc-target-uri", ""), date=warc.get("warc-date", ""),
                  status=status, headers=headers, body=body, digest=warc.get("warc-payload-digest"),
                  refers_to=(warc.get("warc-refers-to-target-uri"), warc.get("warc-refers-to-date")))


def _pairs(lines: list[bytes]) -> Iterator[tuple[bytes, bytes]]:
    for line in lines:
        name, sep, value = line.partition(b":")
        if sep:
            yield name.strip(), value.strip()


def _fields(lines: list[bytes]) -> dict[str, str]:
    return {k.decode("utf-8").lower(): v.decode("utf-8") for k, v in _pairs(lines)}


def warc_files(path: str | Path) -> list[Path]:
    """PATH itself (a .warc.gz file) or the .warc.gz files in the folder PATH, by name."""
    where = Path(path)
    if where.is_dir():
        files = sorted(where.glob(f"*{WARC_SUFFIX}"))
        if not files:
            raise ArchiveError(f"no *{WARC_SUFFIX} file in the folder", subject=str(where))
        return files
    if not where.exists():
        raise ArchiveError("no such WARC file or folder", subject=str(where))
    _check_gzipped(where)
    return [where]


def _check_gzipped(path: Path) -> None:
    """An uncompressed WARC given by name read as "corrupt record at offset …: incorrect header
    check", which sent one looking for damage: say what it is, and how to make one we read."""
    try:
        with open(path, "rb") as file:
            start = file.read(5)
    except OSError:
        return  # the read that follows names the reason
    if start.startswith(b"WARC/"):
        raise ArchiveError(f"an uncompressed WARC file: hbetl reads {WARC_SUFFIX} files, a gzip member per "
                           f"record (warcio recompress {path.name} {path.name}.gz makes one)", subject=str(path))


@dataclass(frozen=True, slots=True)
class Entry:
    """One response or revisit record found by :func:`scan`."""

    url: str
    date: str
    status: int | None
    digest: str | None
    rec_type: str
    offset: int
    length: int


def scan(path: str | Path) -> Iterator[Entry]:
    """Every response and revisit record of one WARC file, with its offset and length; raises
    ArchiveError naming the file and where it stops making sense (a truncated last record)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    size = os.path.getsize(path)
    pending: tuple | None = None
    last = 0  # where the last record read starts
    wanted = WarcRecordType.response | WarcRecordType.revisit
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream, record_types=WarcRecordType.any_type, parse_http=False):
                last = record.stream_pos
                if pending is not None:
                    yield Entry(*pending, length=last - pending[-1])
                    pending = None
                if record.record_type & wanted:
                    head = record.reader.read(256)  # the status line; the rest is skipped
                    pending = _entry_fields(record, head)
    except OSError as exc:
        raise ArchiveError(f"corrupt after offset {last}: {exc}", subject=str(path)) from exc
    _check_tail(path, last)  # fastwarc stops quietly at a truncated last record
    if pending is not None:
        yield Entry(*pending, length=size - pending[-1])


def _check_tail(path: str | Path, start: int) -> None:
    """Every gzip member from ``start`` to the end of the file is whole (raises ArchiveError)."""
    with open(path, "rb") as file:
        file.seek(start)
        data = file.read()
    offset = start
    while data:
        inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
        try:
            inflater.decompress(data)
        except zlib.error as exc:
            raise ArchiveError(f"corrupt record at offset {offset}: {exc}", subject=str(path)) from exc
        if not inflater.eof:
            raise ArchiveError(f"truncated: the record at offset {offset} ends with the file", subject=str(path))
        offset += len(data) - len(inflater.unused_data)
        data = inflater.unused_data


def _entry_fields(record, head: bytes) -> tuple:
    headers = record.headers
    parts = head.split(b"\r\n", 1)[0].split(b" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    rec_type = "revisit" if headers.get("WARC-Type") == "revisit" else "response"
    return (headers.get("WARC-Target-URI", ""), headers.get("WARC-Date", ""), status,
            headers.get("WARC-Payload-Digest"), rec_type, record.stream_pos)


def site_of(path: str | Path) -> str | None:
    """The crawled site a WARC file's warcinfo names (hbetl's own field), else the origin of its
    first response record."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream, record_types=WarcRecordType.warcinfo | WarcRecordType.response,
                                      parse_http=False):
            if record.record_type == WarcRecordType.warcinfo:
                info = _fields(record.reader.read().split(b"\r\n"))
                if info.get(SITE_FIELD):
                    return info[SITE_FIELD]
                continue
            parts = urlsplit(record.headers.get("WARC-Target-URI", ""))
            return f"{parts.scheme}://{parts.netloc}/" if parts.netloc else None
    return None
