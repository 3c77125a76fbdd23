"""The one exception the project raises for input it cannot accept."""

from __future__ import annotations


class ReportError(Exception):
    """Bad input: names the file and, where it applies, the line."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")
