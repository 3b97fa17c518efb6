"""Terminology benchmark: recognition precision/recall, and MT term compliance.

Recognition: the annotated sentences of ``benchmarks/data/terms.{en,ru,zh}.txt``
(``[surface|concept]`` marks each expected hit) against the shipped ``media.tbx``;
a hit counts when its span and concept are exact.

Compliance: every training sentence of the fixture Marian models
(``tests/marian_fixture.py``) in six directions is translated plainly and through
:class:`~workbench.glossary.enforce.TermEnforcingEngine`; compliance is the share of
terms recognised in the source that are present in the output in their approved form.

    .venv/bin/python benchmarks/terms.py [--no-mt] [--glossary FILE]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.glossary import read_termbase  # noqa: E402
from workbench.glossary.gold import precision_recall, read_annotated  # noqa: E402
from workbench.glossary.match import TermMatcher  # noqa: E402
from workbench.resources import shipped_glossary  # noqa: E402

DIRECTIONS = (("en", "zh"), ("zh", "en"), ("en", "ru"), ("ru", "en"), ("zh", "ru"), ("ru", "zh"))


def recognition(matcher: TermMatcher) -> None:
    print("Recognition (exact span and concept)")
    print(f"{'lang':<5}{'sentences':>10}{'gold':>6}{'found':>7}{'P':>8}{'R':>8}{'ms/sent':>9}")
    for lang in ("en", "ru", "zh"):
        data = read_annotated(ROOT / "benchmarks" / "data" / f"terms.{lang}.txt")
        matcher.find(data[0][0], lang)  # load pymorphy3/jieba before timing
        start = time.perf_counter()
        found = [[(h.start, h.end, h.concept.id) for h in matcher.find(t, lang)] for t, _ in data]
        ms = (time.perf_counter() - start) * 1000 / len(data)
        p, r, _tp, n_found, n_gold = precision_recall([g for _, g in data], found)
        print(f"{lang:<5}{len(data):>10}{n_gold:>6}{n_found:>7}{p:>8.3f}{r:>8.3f}{ms:>9.2f}")


def mt_compliance(matcher: TermMatcher) -> None:
    from tests.conftest import FIXTURE_CACHE
    from tests.marian_fixture import build_fixture_model, fixture_pairs
    from workbench.engines import load_engine
    from workbench.glossary.enforce import TermEnforcingEngine, compliance

    print("\nMT term compliance with the fixture Marian models (plain -> enforced)")
    totals = Counter[str]()
    for src, tgt in DIRECTIONS:
        model = build_fixture_model(FIXTURE_CACHE, src, tgt)
        engine = load_engine("marian", model=str(model), src_lang=src, tgt_lang=tgt)
        sources = [s for s, _ in fixture_pairs(src, tgt)]
        plain = [t.text for t in engine.translate(sources)]
        enforcing = TermEnforcingEngine(engine, matcher.termbase, matcher=matcher)
        start = time.perf_counter()
        enforced = enforcing.translate(sources)
        seconds = time.perf_counter() - start
        p_ok, n = compliance(matcher, list(zip(sources, plain, strict=True)), src, tgt)
        e_ok, _ = compliance(
            matcher, [(s, t.text) for s, t in zip(sources, enforced, strict=True)], src, tgt
        )
        how = Counter(c["how"] for t in enforced for c in t.provenance.settings.get("terms", []))
        totals.update({"plain": p_ok, "enforced": e_ok, "terms": n})
        print(
            f"{src}->{tgt}: {len(sources)} sentences, {n} terms: plain {p_ok / n:.1%}, "
            f"enforced {e_ok / n:.1%} ({dict(how)}); {seconds:.1f} s"
        )
    n = totals["terms"]
    print(f"all: {n} terms: plain {totals['plain'] / n:.1%}, enforced {totals['enforced'] / n:.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glossary", default=str(shipped_glossary()))
    parser.add_argument("--no-mt", action="store_true", help="recognition only")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    matcher = TermMatcher(read_termbase(args.glossary))
    recognition(matcher)
    if not args.no_mt:
        mt_compliance(matcher)


if __name__ == "__main__":
    main()
