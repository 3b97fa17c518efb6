"""A translation engine for tests that needs no model: it translates by a rule.

Tests that are about what wraps an engine (enforcement, the cache, the project's
engine stack, translate runs) use it; tests of MT itself use the Marian fixture.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.engines.base import Engine
from workbench.model import Provenance


class RuleEngine(Engine):
    """Translates each text through ``rule`` and records what it was sent in ``calls``."""

    name = "rules"

    def __init__(self, rule: Callable[[str], str], src: str = "en", tgt: str = "zh") -> None:
        super().__init__(src, tgt)
        self.rule = rule
        self.calls: list[str] = []

    def _translate_batch(self, texts: list[str]) -> list[str]:
        self.calls.extend(texts)
        return [self.rule(t) for t in texts]

    def _provenance(self) -> Provenance:
        return Provenance.machine(self.name, "rules", beams=1)
