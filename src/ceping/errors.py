"""The error tree of ceping; every error a person may see names where it happened.

    CepingError
    ├── InputError                 bad input from a person's file or command
    │   ├── FrameworkError         an indicator framework file is invalid
    │   └── ImportRowsError        a units/portal/... table has bad rows
    ├── ScanError                  the scanner could not run (not: a defect found on a site)
    │   ├── FetchError             one request failed (wrapped aiohttp/socket errors)
    │   │   └── FetchTimeout
    │   └── AddressRefused         a private or loopback address without --allow-private
    ├── ScoringError               inputs cannot be scored (e.g. unknown indicator)
    └── ReportError                a report cannot be written

A defect found on a site is a Finding (data), never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass


class CepingError(Exception):
    """Root of every error raised on purpose by ceping."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and what is wrong."""

    source: str  # file name, or "<stdin>"
    location: str  # at(12): "第 12 行" (a spreadsheet row or a line of a file), "" for the whole
    field: str  # the field or column concerned, "" when the whole record
    message: str

    def __str__(self) -> str:
        parts = [p for p in (self.source, self.location, self.field) if p]
        return f"{'，'.join(parts)}：{self.message}"


# What an OSError on writing means to a person: the system's own text is no help to them.
CANNOT_WRITE = "无法写入（请检查目录是否存在、是否有写入权限、磁盘是否已满）"


def at(number: int) -> str:
    """Where a problem is, as a person finds it in a spreadsheet or an editor: 第 N 行."""
    return f"第 {number} 行"


def row_of(problem: Problem) -> int:
    """The row a problem is on, for sorting a table's problems in reading order (0: no row)."""
    digits = "".join(c for c in problem.location if c.isdigit())
    return int(digits) if digits else 0


def quoted(value: object) -> str:
    """A value a person typed, quoted the Chinese way so blanks and punctuation show."""
    return f"“{value}”"


class InputError(CepingError):
    """Bad input; carries every problem found, so a person can fix them all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class FrameworkError(InputError):
    """An indicator framework file is invalid."""


class ImportRowsError(InputError):
    """A table being imported has bad rows; nothing of it was stored."""


class ScanError(CepingError):
    """The scanner itself could not run."""


class FetchError(ScanError):
    """One request failed without an HTTP answer."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


class FetchTimeout(FetchError):
    """A request took longer than its timeout."""


class AddressRefused(ScanError):
    """A URL resolves to a private or loopback address and that is not allowed."""


class ScoringError(CepingError):
    """Inputs that cannot be scored."""


class ReportError(CepingError):
    """A report could not be written."""
