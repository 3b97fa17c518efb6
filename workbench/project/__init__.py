"""The application layer: one :class:`Project` per store; every use case is one of its methods.

>>> project = Project("sqlite://")
>>> project.add_article("Desk", "note", ["Xinhua reported."], src_lang="en", tgt_lang="ru")
1
"""

from __future__ import annotations

from workbench.project.core import (
    SAMPLE_ARTICLE,
    SAMPLE_PROJECT,
    EngineSpec,
    Project,
    TranslateResult,
)
from workbench.project.editing import Panel, ShownMatch, mt_suggestion, needs_translation

__all__ = [
    "SAMPLE_ARTICLE",
    "SAMPLE_PROJECT",
    "EngineSpec",
    "Panel",
    "Project",
    "ShownMatch",
    "TranslateResult",
    "mt_suggestion",
    "needs_translation",
]
