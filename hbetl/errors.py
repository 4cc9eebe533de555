"""One exception tree for the whole project.

Every error knows whether trying again may help (``transient``) or not, so retry
logic (our own HTTP retries and Prefect's task retries) asks the error instead of
guessing from its type. The message is one line that names the thing and the reason;
the CLI prints it as it is.

    HbetlError                      root; .transient says whether a retry may help
     ├── TransientError             try again later
     │    ├── FetchTransient        timeout, dropped connection, truncated body, 429, 5xx
     │    ├── RobotsUnavailable     robots.txt answered 5xx or could not be reached
     │    ├── WarehouseLocked       the DuckDB file is held by another process
     │    └── ArchiveFull           a WARC file could not be written for want of space
     └── TerminalError              trying again will give the same answer
          ├── FetchRefused          4xx, off-host redirect, disallowed by robots.txt
          ├── BadContent            not HTML, body over the size cap, undecodable
          ├── ParseError            a page with no article in it
          ├── ConfigError           a setting that makes no sense
          ├── WarehouseError        a database error that is not a lock
          └── ArchiveError          a WARC file missing, corrupt, truncated, or not writable
"""

from __future__ import annotations


class HbetlError(Exception):
    """Root of every error hbetl raises on purpose."""

    transient: bool = False

    def __init__(self, message: str, *, subject: str | None = None) -> None:
        # One line: newlines inside a reason (e.g. from a library) would break logs.
        message = " ".join(str(message).split())
        super().__init__(f"{subject}: {message}" if subject else message)
        self.subject = subject
        self.reason = message


class TransientError(HbetlError):
    transient = True


class TerminalError(HbetlError):
    transient = False


class FetchTransient(TransientError):
    """A fetch that may succeed if tried again (timeouts, 429, 5xx, dropped links)."""

    def __init__(self, message: str, *, subject: str | None = None, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message, subject=subject)
        self.status = status
        self.retry_after = retry_after


class RobotsUnavailable(TransientError):
    """robots.txt answered 5xx or was unreachable: RFC 9309 says assume disallow."""


class WarehouseLocked(TransientError):
    """Another process holds the DuckDB file."""


class FetchRefused(TerminalError):
    """A fetch that will fail the same way again (4xx, off-host, robots)."""

    def __init__(self, message: str, *, subject: str | None = None, status: int | None = None) -> None:
        super().__init__(message, subject=subject)
        self.status = status


class BadContent(TerminalError):
    """A response that is not a page we can read."""


class ParseError(TerminalError):
    """HTML with no article in it."""


class ConfigError(TerminalError):
    """A setting that makes no sense."""


class WarehouseError(TerminalError):
    """A database error other than a lock."""


class ArchiveFull(TransientError):
    """A WARC file could not be written for want of space (the disk or a quota is full):
    a retry may succeed once space is freed."""


class ArchiveError(TerminalError):
    """A WARC file that is missing, corrupt or truncated, or a folder we cannot write to."""


def stopped_because(exc: BaseException) -> str:
    """What a run's row says it stopped on: the error's one line, or, for Ctrl-C and SIGTERM
    (not Exceptions), that it was interrupted; the runs table said 'running' for good before."""
    return str(exc) if isinstance(exc, Exception) else f"interrupted ({type(exc).__name__})"


def is_transient(exc: BaseException) -> bool:
    """True when a retry may help. Errors from outside the tree count as terminal:
    an unknown bug should fail fast, not be retried into the log three times."""
    return isinstance(exc, HbetlError) and exc.transient

