"""Quality assurance: per-segment checks, sacrebleu metrics, post-editing effort, reports.

Nothing heavy loads on import: sacrebleu (and numpy with it) is imported by
:mod:`workbench.qa.metrics` and :mod:`workbench.qa.effort` on first use.

>>> from workbench.qa import check_pair
>>> [i.check for i in check_pair("Moscow, 18 May.", "Москва, 19 мая.", "en", "ru")]
['numbers', 'numbers']
"""

from __future__ import annotations

from workbench.qa.base import Issue, Pair, QAError, SegmentLike, Severity
from workbench.qa.checks import (
    CHECKS,
    Check,
    CheckContext,
    CheckResult,
    Finding,
    check_names,
    check_pair,
    get_checks,
    register,
    run_checks,
)
from workbench.qa.terms import TermConcept, TermForm, TermIndex, TermOccurrence

__all__ = [
    "CHECKS",
    "Check",
    "CheckContext",
    "CheckResult",
    "Finding",
    "Issue",
    "Pair",
    "QAError",
    "SegmentLike",
    "Severity",
    "TermConcept",
    "TermForm",
    "TermIndex",
    "TermOccurrence",
    "check_names",
    "check_pair",
    "get_checks",
    "register",
    "run_checks",
]
