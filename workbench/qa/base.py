"""The vocabulary shared by the QA modules: severities, issues and the segment protocol.

>>> issue = Issue(2, "numbers", Severity.ERROR, "the number 5 is missing: add it", "5")
>>> issue.number, issue.severity.rank
(3, 0)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from workbench.errors import WorkbenchError


class QAError(WorkbenchError):
    """Input that the QA tools cannot check or score (mismatched files, unknown check)."""


class Severity(StrEnum):
    """How urgently an issue needs a person, most urgent first."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for information: sort by it."""
        return _RANKS[self]

    @property
    def label(self) -> str:
        return self.value.capitalize()


_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class SegmentLike(Protocol):
    """What a check reads from a segment: a :class:`~workbench.model.Segment`, a
    :class:`~workbench.formats.base.BilingualRow` or any object with these fields."""

    @property
    def index(self) -> int: ...

    @property
    def source(self) -> str: ...

    @property
    def target(self) -> str: ...


@dataclass(frozen=True)
class Pair:
    """A plain source/target pair for callers that have no segment objects."""

    index: int
    source: str
    target: str


@dataclass(frozen=True)
class Issue:
    """One problem found in one segment.

    ``segment`` is the 0-based segment index (``number`` is the 1-based one people
    see); ``message`` says what is wrong and what to do; ``span`` is the culprit text
    in the target (or the source when something is missing from the target).
    """

    segment: int
    check: str
    severity: Severity
    message: str
    span: str = ""

    @property
    def number(self) -> int:
        return self.segment + 1

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (segment numbers from 1)."""
        return {
            "segment": self.number,
            "check": self.check,
            "severity": self.severity.value,
            "message": self.message,
            "span": self.span,
        }


__all__ = ["Issue", "Pair", "QAError", "SegmentLike", "Severity"]
