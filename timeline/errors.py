"""The one error type for bad input, and the problems it carries."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset, located as precisely as it can be."""

    path: str
    line: int | None
    column: int | None
    record: str | None
    message: str

    def __str__(self) -> str:
        place = self.path
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        prefix = f"{place}: "
        if self.record:
            prefix += f"{self.record}: "
        return prefix + self.message


class DatasetError(Exception):
    """A dataset that cannot be used; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
