"""Edit-page latency: a confirm on a 1,000-segment document, a fuzzy lookup in a 100,000-unit TM.

Run it from the repository root (a script, never a test)::

    .venv/bin/python benchmarks/edit_latency.py [--data ../shared/data] [--units 100000]

The TM is built in a fresh SQLite file (WAL, as the app uses) from the
English-Russian parallel text in ``../shared/data/parallel`` (newstest 2012-2019
both ways, tatoeba, tico19, NTREX): every sentence pair, then pairs of two
consecutive sentences of one newstest file, then of three and four (real text too, as
paragraph-level alignment produces), until there are ``--units`` distinct units.

Figures printed:

* **confirm**: :meth:`workbench.project.Project.confirm`, the call the Edit
  page makes on Confirm (save with the version check, history, the unit into
  the TM with its context, the effort record with HTER against the MT draft),
  on segments of a 1,000-segment document in the same database as the TM;
* **confirm + rerun data**: the same plus what the page's rerun then reads: the
  page of 20 segments (filtered in SQL) and :meth:`Project.side_panel` of the next
  segment (TM lookup, diff, hits of the shipped glossary as the project glossary, history);
* **fuzzy lookup**: the project's TM, :meth:`TranslationMemory.lookup` (exact,
  in-context and fuzzy, threshold 70, top 5) for held-out English sentences (newstest2019 of the
  Chinese-English set: English translations of Chinese news, not in the TM)
  and for TM sentences with one word changed; with how often the index's
  candidate selection gives the same scores as a full scan of every source.

Targets (issue 6): confirm ≤ 200 ms, fuzzy lookup ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DATA = ROOT.parent / "shared" / "data"

PAIRS = [
    *(f"eng-rus/newstest{year}" for year in range(2012, 2020)),
    "eng-rus/tatoeba-test-v2021-08-07",
    "eng-rus/tico19-test",
]
REVERSED = ["rus-eng/newstest2014", "rus-eng/newstest2019"]
HELD_OUT = "zho-eng/newstest2019.eng"


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


def corpus_pairs(data: Path) -> Iterator[tuple[list[tuple[str, str]], bool]]:
    """(pairs of one file, whether the file is newstest: documents in order)."""
    base = data / "parallel"
    for stem in PAIRS + REVERSED:
        en, ru = _lines(base / f"{stem}.eng"), _lines(base / f"{stem}.rus")
        yield list(zip(en, ru, strict=True)), "newstest" in stem
    en = _lines(base / "ntrex128" / "newstest2019-src.eng.txt")
    ru = _lines(base / "ntrex128" / "newstest2019-ref.rus.txt")
    yield list(zip(en, ru, strict=True)), False


def build_units(data: Path, units: int) -> list[tuple[str, str]]:
    """Up to ``units`` distinct en-ru pairs: sentences, then windows of two to four."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []

    def take(pair: tuple[str, str]) -> None:
        if pair[0] and pair[1] and pair not in seen and len(out) < units:
            seen.add(pair)
            out.append(pair)

    files = list(corpus_pairs(data))
    for pairs, _ in files:
        for pair in pairs:
            take(pair)
    for width in (2, 3, 4):
        for pairs, in_order in files:
            if not in_order:
                continue
            for start in range(len(pairs) - width + 1):
                window = pairs[start : start + width]
                take((" ".join(en for en, _ in window), " ".join(ru for _, ru in window)))
    return out


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of each of ``repeat`` calls."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(name: str, ms: list[float], target: float | None = None) -> None:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    verdict = ""
    if target is not None:
        verdict = f"  target ≤ {target:g} ms: {'met' if p95 <= target else 'MISSED'} (p95)"
    print(
        f"{name:<34} n={len(ms):<4} median {statistics.median(ms):7.1f} ms   "
        f"p95 {p95:7.1f} ms   max {ms[-1]:7.1f} ms{verdict}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--units", type=int, default=100_000, help="TM size (default 100000)")
    parser.add_argument("--segments", type=int, default=1000, help="document size (default 1000)")
    parser.add_argument("--repeat", type=int, default=100, help="timed calls per figure")
    args = parser.parse_args(argv)
    if not (args.data / "parallel").is_dir():
        print(f"no parallel data under {args.data}: pass --data", file=sys.stderr)
        return 2

    from workbench.documents import new_document
    from workbench.model import Provenance, Status
    from workbench.project import Project
    from workbench.resources import shipped_glossary
    from workbench.tm.normalize import fuzzy_key

    rng = random.Random(6)
    with tempfile.TemporaryDirectory() as tmp:
        project = Project(Path(tmp) / "bench.db", glossary=shipped_glossary(), user="bench")
        store, tm = project.store, project.tm

        start = time.perf_counter()
        units = build_units(args.data, args.units)
        built = time.perf_counter()
        tm.add(units, src_lang="en", tgt_lang="ru", origin="bench", with_context=False)
        added = time.perf_counter()
        count = tm.count("en", "ru")
        tm.lookup("warm up the index", "en", "ru")
        warmed = time.perf_counter()
        print(
            f"TM: {count:,} en-ru units ({len(units):,} built in {built - start:.1f} s, "
            f"stored in {added - built:.1f} s, fuzzy index loaded in {warmed - added:.1f} s)"
        )

        # -- fuzzy lookups -------------------------------------------------------------
        held_out = [s for s in _lines(args.data / "parallel" / HELD_OUT) if len(s) > 20]
        queries = rng.sample(held_out, args.repeat)
        edited = []
        for source, _ in rng.sample(units[:50_000], args.repeat):
            words = source.split()
            if len(words) > 3:
                words[rng.randrange(len(words))] = "changed"
            edited.append(" ".join(words))
        hits = 0

        def lookup(items: list[str]) -> Callable[[], object]:
            it = iter(items)

            def run() -> object:
                nonlocal hits
                found = tm.lookup(next(it), "en", "ru")
                hits += bool(found)
                return found

            return run

        lookup_new = timed(lookup(queries), args.repeat)
        new_hits, hits = hits, 0
        lookup_edit = timed(lookup(edited), args.repeat)
        print(
            f"  held-out sentences with a match ≥ 70%: {new_hits}/{args.repeat}; "
            f"one-word edits with a match: {hits}/{args.repeat}"
        )
        # the candidate selection against a full scan of every source of a suitable length
        index = tm._index("en", "ru")
        same_best = same_top = 0
        for query in queries + edited:
            key = fuzzy_key(query)
            found, full = index.search(key, 70, 5), index.scan(key, 70, 5)
            same_best += [round(s, 6) for _, s in found[:1]] == [round(s, 6) for _, s in full[:1]]
            same_top += [round(s, 6) for _, s in found] == [round(s, 6) for _, s in full]
        print(
            f"  candidates vs full scan: same best score in {same_best}/{2 * args.repeat}, "
            f"same top-5 scores in {same_top}/{2 * args.repeat}"
        )

        # -- confirm on a 1,000-segment document -------------------------------------
        lines = [s for s in _lines(args.data / "parallel" / "eng-zho" / "newstest2018.eng") if s]
        doc = new_document(
            "long", "en", "ru", [" ".join(lines[i : i + 4]) for i in range(0, len(lines), 4)]
        )
        doc.segments = doc.segments[: args.segments]
        kept = {s.paragraph for s in doc.segments}
        doc.paragraphs = [p for p in doc.paragraphs if p.index in kept]
        doc_id = store.add_document(store.project_id("Bench", create=True), doc)
        segments = store.load_document(doc_id).segments
        store.save_translations(
            (
                s.id or 0,
                f"Черновик {s.index}: {s.source[:40]}",
                Status.DRAFT,
                Provenance.machine("marian", "opus-mt-en-ru"),
            )
            for s in segments
        )
        segments = store.load_document(doc_id).segments
        print(f"Document: {len(segments):,} segments")
        project.matcher()  # the glossary is read once, before the timed calls
        order = iter(rng.sample(segments, len(segments)))

        def confirm() -> object:
            seg = next(order)
            return project.confirm(
                seg.id or 0,
                seg.target + " (правка)",
                expected_version=seg.version,
                seconds=12.0,
            )

        def confirm_and_rerun() -> object:
            seg = next(order)
            project.confirm(
                seg.id or 0,
                seg.target + " (правка)",
                expected_version=seg.version,
                seconds=12.0,
            )
            page = project.segment_page(doc_id, offset=(seg.index // 20) * 20, limit=20)
            nxt = min(seg.index + 1, len(segments) - 1)
            return page, project.side_panel(segments[nxt].id or 0)

        confirm_ms = timed(confirm, args.repeat)
        rerun_ms = timed(confirm_and_rerun, args.repeat)

        print()
        report("confirm (store + TM + effort)", confirm_ms, 200)
        report("confirm + rerun data (page, panel)", rerun_ms, 200)
        report("fuzzy lookup, held-out sentence", lookup_new, 100)
        report("fuzzy lookup, one word changed", lookup_edit, 100)
    return 0


if __name__ == "__main__":
    sys.exit(main())
