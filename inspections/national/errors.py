"""The one exception the national data readers raise."""

from __future__ import annotations

from pathlib import Path


class NationalDataError(Exception):
    """A published national data file is missing, of the wrong kind, damaged or not as expected.

    ``str(error)`` is a sentence for a person: it names the file and the problem.
    """

    def __init__(self, path: str | Path | None, problem: str):
        self.path = Path(path) if path is not None else None
        self.problem = problem
        where = self.path.name if self.path is not None else "national data"
        super().__init__(f"{where}: {problem}")
