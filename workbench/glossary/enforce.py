"""Terminology enforcement in machine translation: an engine that wraps an engine.

For each source text the glossary's terms are recognised
(:class:`~workbench.glossary.match.TermMatcher`), then:

1. **Protect.** Each term is replaced by a placeholder (``TERM0``, ``TERM1``...) and
   the masked text is translated.  Placeholders that come back, even mangled
   (``term 0``, ``__TERM0__``, ``ТЕРМ0``), are replaced by the approved target
   term; for Russian targets it is inflected to the case its context fixes
   (a preposition, a governing noun), indeclinable names unchanged.
2. **Verify.** The output is searched for every source concept in its approved
   form (Russian by lemma).  If a placeholder was dropped or cannot be found, the
   unmasked text is translated and **repaired**: a forbidden, admitted or other
   glossary term the model produced for the concept, the model's own rendering of
   the term, or a rendering that overlaps the approved term is replaced by the
   approved term (in the case of the replaced words).
3. **Flag.** Terms still missing are listed in the provenance
   (``settings["terms_missing"]``).  Forbidden target terms are always replaced.

The provenance of every result records the enforced terms
(``settings["terms"]``: concept, approved target, and how it was put in).

>>> engine = TermEnforcingEngine(load_engine("marian", src_lang="en", tgt_lang="zh"),
...     read_termbase(SHIPPED))  # doctest: +SKIP
>>> engine.translate_one("ITAR-TASS reported on Monday.").text  # doctest: +SKIP
'俄通社-塔斯社周一报道。'
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.engines.base import Engine, ProgressCallback, Translation
from workbench.errors import GlossaryError
from workbench.glossary import Concept, Term, Termbase, TermStatus
from workbench.glossary.match import TermMatch, TermMatcher
from workbench.model import Provenance

logger = logging.getLogger(__name__)

#: how a term got into the output
PLACEHOLDER, PRESENT, REPAIRED, MISSING = "placeholder", "present", "repaired", "missing"


@dataclass
class TermCheck:
    """The outcome for one source term occurrence."""

    concept: Concept
    source: str
    target: str
    how: str


@dataclass
class Enforced:
    """A translation with its term checks."""

    text: str
    checks: list[TermCheck] = field(default_factory=list)

    @property
    def missing(self) -> list[TermCheck]:
        return [c for c in self.checks if c.how == MISSING]


def _placeholder_pattern(n: int, alone: bool) -> re.Pattern[str]:
    word = r"[TТ]\s*[EЕ]\s*[RР]\s*[MМ]"
    tail = rf"\s*[-_#:]?\s*{n}(?!\d)" if not alone else rf"(?:\s*[-_#:]?\s*{n}(?!\d))?"
    return re.compile(rf"_*(?<![A-Za-zА-Яа-я]){word}{tail}_*", re.IGNORECASE)


class TermEnforcingEngine(Engine):
    """Wraps ``engine`` so that every recognised term comes out in its approved form."""

    name = "glossary"

    def __init__(
        self,
        engine: Engine,
        termbase: Termbase,
        *,
        matcher: TermMatcher | None = None,
        placeholder: str = "TERM{n}",
        protect: bool = True,
    ) -> None:
        super().__init__(engine.src_lang, engine.tgt_lang, batch_size=engine.batch_size)
        if "{n}" not in placeholder:
            raise GlossaryError(
                f"placeholder {placeholder!r} has no {{n}}: write it like 'TERM{{n}}'"
            )
        self.engine = engine
        self.termbase = termbase
        self.matcher = matcher or TermMatcher(termbase)
        self.placeholder = placeholder
        self.protect = protect

    # -- the Engine protocol

    def _translate_batch(self, texts: list[str]) -> list[str]:
        return [t.text for t in self.translate(texts)]

    def _provenance(self) -> Provenance:
        return self.engine._provenance()

    def translate(
        self, texts: Sequence[str], *, progress: ProgressCallback | None = None
    ) -> list[Translation]:
        """Translate ``texts`` through the wrapped engine, enforcing the glossary."""
        results = self.enforce(texts, progress=progress)
        base = self.engine._provenance()
        out: list[Translation] = []
        for source, result in zip(texts, results, strict=True):
            settings = dict(base.settings)
            if result.checks:
                settings["terms"] = [
                    {"concept": c.concept.id, "source": c.source, "target": c.target, "how": c.how}
                    for c in result.checks
                ]
                if result.missing:
                    settings["terms_missing"] = sorted({c.concept.id for c in result.missing})
            out.append(
                Translation(source, result.text, dataclasses.replace(base, settings=settings))
            )
        return out

    # -- the steps

    def enforce(
        self, texts: Sequence[str], *, progress: ProgressCallback | None = None
    ) -> list[Enforced]:
        """The enforced translations of ``texts`` with their term checks."""
        hits = [
            [h for h in self.matcher.find(t, self.src_lang) if h.concept.preferred(self.tgt_lang)]
            for t in texts
        ]
        results: list[Enforced | None] = [None] * len(texts)
        if self.protect:
            masked = [self._mask(t, h) if h else t for t, h in zip(texts, hits, strict=True)]
            first = self.engine.translate(masked, progress=progress)
            for i, (out, h) in enumerate(zip(first, hits, strict=True)):
                if not h:
                    results[i] = self._finish(out.text, [], [])
                    continue
                filled = self._fill(out.text, h)
                if filled is not None:
                    results[i] = filled
        todo = [i for i, r in enumerate(results) if r is None]
        if todo:
            plain = self.engine.translate([texts[i] for i in todo])
            for i, out in zip(todo, plain, strict=True):
                results[i] = self._repair(out.text, hits[i])
        return [r if r is not None else Enforced("") for r in results]

    def _mask(self, text: str, hits: list[TermMatch]) -> str:
        parts: list[str] = []
        pos = 0
        for n, hit in enumerate(hits):
            parts.append(text[pos : hit.start])
            parts.append(self.placeholder.format(n=n))
            pos = hit.end
        parts.append(text[pos:])
        return "".join(parts)

    def _approved(self, concept: Concept) -> Term:
        term = concept.preferred(self.tgt_lang)
        assert term is not None  # hits are filtered on it
        return term

    def _fill(self, output: str, hits: list[TermMatch]) -> Enforced | None:
        """Replace each placeholder in ``output``; ``None`` when one is missing."""
        spans: list[tuple[int, int, int]] = []
        custom = self.placeholder != "TERM{n}"
        for n in range(len(hits)):
            if custom:
                pattern = re.compile(re.escape(self.placeholder.format(n=n)))
            else:
                pattern = _placeholder_pattern(n, alone=len(hits) == 1)
            found = list(pattern.finditer(output))
            if len(found) != 1:
                return None
            spans.append((found[0].start(), found[0].end(), n))
        spans.sort()
        if any(a[1] > b[0] for a, b in itertools.pairwise(spans)):
            return None
        text = output
        for start, end, n in reversed(spans):
            form = self._inflected(self._approved(hits[n].concept).text, text[:start], text[end:])
            if not text[:start].strip() or re.search(r"[.!?]\s*$", text[:start]):
                form = form[:1].upper() + form[1:]  # the start of a sentence
            text = text[:start] + form + text[end:]
        checks = [
            TermCheck(h.concept, h.text, self._approved(h.concept).text, PLACEHOLDER) for h in hits
        ]
        return self._finish(text, hits, checks)

    def _inflected(self, term: str, before: str, after: str) -> str:
        if self.tgt_lang != "ru":
            return term
        from workbench.glossary.inflect import case_from_context, inflect_ru

        return inflect_ru(term, case_from_context(before, after))

    def _as_case_of(self, term: str, replaced: TermMatch) -> str:
        if self.tgt_lang != "ru":
            return term
        from workbench.glossary.inflect import case_of, inflect_ru

        return inflect_ru(term, case_of(replaced.text, replaced.term.text))

    def _repair(self, output: str, hits: list[TermMatch]) -> Enforced:
        """Put each missing approved term into the unmasked translation ``output``."""
        text = output
        checks: list[TermCheck] = []
        want = Counter(h.concept.id for h in hits)
        source_ids = set(want)
        for hit in hits:
            concept = hit.concept
            approved = self._approved(concept)
            found = self.matcher.find(text, self.tgt_lang)
            good = [m for m in found if m.concept.id == concept.id and m.term == approved]
            done = sum(c.concept.id == concept.id for c in checks)
            if len(good) > done:
                checks.append(TermCheck(concept, hit.text, approved.text, PRESENT))
                continue
            replaced = self._replace_variant(text, concept, found, source_ids, approved)
            if replaced is None:
                replaced = self._replace_partial(text, approved, found)
            if replaced is None:
                replaced = self._replace_rendering(text, hit, approved, found)
            if replaced is None:
                checks.append(TermCheck(concept, hit.text, approved.text, MISSING))
                logger.info("term %s missing from %r", concept.id, text)
                continue
            text = replaced
            checks.append(TermCheck(concept, hit.text, approved.text, REPAIRED))
        return self._finish(text, hits, checks)

    def _replace_variant(
        self,
        text: str,
        concept: Concept,
        found: list[TermMatch],
        source_ids: set[str],
        approved: Term,
    ) -> str | None:
        """Replace a non-approved term of ``concept``, or a term of a concept absent from
        the source that overlaps the approved term (塔斯社 for 俄通社-塔斯社)."""
        for m in found:
            if m.concept.id == concept.id and m.term != approved:
                return text[: m.start] + self._as_case_of(approved.text, m) + text[m.end :]
        for m in found:
            if m.concept.id not in source_ids and _overlaps(m.text, approved.text, self.tgt_lang):
                return text[: m.start] + self._as_case_of(approved.text, m) + text[m.end :]
        return None

    def _replace_partial(self, text: str, approved: Term, found: list[TermMatch]) -> str | None:
        """Complete a part of the approved term the model produced (``Xinhua`` for
        ``Xinhua News Agency``), outside any other glossary term."""
        free = [
            (a, b)
            for a, b in _partial_spans(text, approved.text, self.tgt_lang)
            if not any(m.start < b and a < m.end for m in found)
        ]
        if not free:
            return None
        a, b = max(free, key=lambda s: s[1] - s[0])
        return text[:a] + approved.text + text[b:]

    def _replace_rendering(
        self, text: str, hit: TermMatch, approved: Term, found: list[TermMatch]
    ) -> str | None:
        """Replace the model's own rendering of the source term, translated alone."""
        alone = self.engine.translate([hit.text])[0].text.strip().strip(".。!！?？,，")
        if len(alone) < 2 or alone == text.strip().strip(".。!！?？,，"):
            return None  # nothing, or the whole output: not a rendering of the term
        at = text.find(alone)
        if at < 0 and self.tgt_lang != "zh":
            at = text.lower().find(alone.lower())
        if at < 0:
            return None
        if any(m.start < at + len(alone) and at < m.end for m in found):
            return None  # the rendering is another glossary term
        return text[:at] + approved.text + text[at + len(alone) :]

    def _finish(self, text: str, hits: list[TermMatch], checks: list[TermCheck]) -> Enforced:
        """Replace forbidden target terms, then re-verify each check against the output."""
        for _ in range(8):
            bad = [m for m in self.matcher.find(text, self.tgt_lang) if m.forbidden]
            if not bad:
                break
            m = bad[0]
            approved = m.concept.preferred(self.tgt_lang)
            form = self._as_case_of(approved.text, m) if approved else ""
            text = text[: m.start] + form + text[m.end :]
        have = Counter(
            m.concept.id
            for m in self.matcher.find(text, self.tgt_lang)
            if m.term.status is not TermStatus.FORBIDDEN
            and m.term == m.concept.preferred(self.tgt_lang)
        )
        for check in checks:
            if have[check.concept.id] > 0:
                have[check.concept.id] -= 1
            elif check.how != MISSING:
                check.how = MISSING
        return Enforced(text, checks)


def _partial_spans(text: str, approved: str, lang: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are a part of ``approved``: 2+ characters (zh) or a run of
    consecutive words of 3+ letters (en, ru)."""
    spans: list[tuple[int, int]] = []
    if lang == "zh":
        for size in range(len(approved) - 1, 1, -1):
            for i in range(len(approved) - size + 1):
                at = text.find(approved[i : i + size])
                if at >= 0:
                    spans.append((at, at + size))
            if spans:
                return spans
        return spans
    words = [w.lower() for w in re.findall(r"\w+", approved)]
    tokens = list(re.finditer(r"\w+", text))
    for i in range(len(tokens)):
        for j in range(len(words)):
            k = 0
            while (
                i + k < len(tokens)
                and j + k < len(words)
                and tokens[i + k].group().lower() == words[j + k]
            ):
                k += 1
            if k and sum(len(t.group()) for t in tokens[i : i + k]) >= 3 and k < len(words):
                spans.append((tokens[i].start(), tokens[i + k - 1].end()))
    return spans


def _overlaps(found: str, approved: str, lang: str) -> bool:
    if lang == "zh":
        return len(found) >= 2 and found in approved
    words = {w.lower() for w in re.findall(r"\w+", approved)}
    return any(w.lower() in words for w in re.findall(r"\w+", found) if len(w) > 2)


def compliance(
    matcher: TermMatcher,
    pairs: Sequence[tuple[str, str]],
    src_lang: str,
    tgt_lang: str,
) -> tuple[int, int]:
    """(terms found in the output in the approved form, terms recognised in the sources)."""
    ok = total = 0
    for source, output in pairs:
        wanted = Counter(
            h.concept.id for h in matcher.find(source, src_lang) if h.concept.preferred(tgt_lang)
        )
        have = Counter(
            m.concept.id
            for m in matcher.find(output, tgt_lang)
            if m.term == m.concept.preferred(tgt_lang)
        )
        total += sum(wanted.values())
        ok += sum(min(n, have[c]) for c, n in wanted.items())
    return ok, total


__all__ = [
    "MISSING",
    "PLACEHOLDER",
    "PRESENT",
    "REPAIRED",
    "Enforced",
    "TermCheck",
    "TermEnforcingEngine",
    "compliance",
]
