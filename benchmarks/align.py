"""Sentence-alignment benchmark: the embedding aligner vs the Gale-Church baseline.

Run it from the repository root (it is a script, never a test)::

    .venv/bin/python benchmarks/align.py [--data ../shared/data] [--split test] [--docs 25]

Documents are cut from line-aligned news test sets in ``../shared/data``: chunks of
40 consecutive sentence pairs (news documents kept in order, so a chunk reads as
an article).  In each chunk, with a seeded random choice, adjacent sentences are
joined into one line on one side (1-2 and 2-1 beads, and a few 1-3 and 3-1) and
a few sentences are deleted from one side (1-0 and 0-1 beads); the reference
alignment follows.  Sentences are given one per line (``presegmented``).

Pairs and files per split (``dev`` was used to tune the aligner, ``test`` is held out):

* en-zh: ``eng-zho/newstest2019`` (test), ``eng-zho/newstest2018`` (dev)
* en-ru: ``eng-rus/newstest2019`` (test), ``eng-rus/newstest2018`` (dev)
* zh-ru: NTREX-128, the Chinese and Russian translations of newstest2019's English
  (three-way, so the pair is line-aligned): lines 1-1000 (test), 1001-1997 (dev)

Scores are vecalign's strict and lax precision, recall and F1
(:mod:`workbench.align.score`), micro-averaged over the documents; times are wall
clock on this machine, embeddings included.  Last comes the time to align 1,000
against 1,000 sentences in a fresh process, model loading shown apart.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.align import get_aligner  # noqa: E402
from workbench.align.score import Scores, score_alignments  # noqa: E402
from workbench.languages import get_language  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
CHUNK = 40

#: (src lang, tgt lang) -> split -> (src file, tgt file, first line, last line)
SETS: dict[tuple[str, str], dict[str, tuple[str, str, int, int | None]]] = {
    ("en", "zh"): {
        "test": ("eng-zho/newstest2019.eng", "eng-zho/newstest2019.zho", 0, None),
        "dev": ("eng-zho/newstest2018.eng", "eng-zho/newstest2018.zho", 0, None),
    },
    ("en", "ru"): {
        "test": ("eng-rus/newstest2019.eng", "eng-rus/newstest2019.rus", 0, None),
        "dev": ("eng-rus/newstest2018.eng", "eng-rus/newstest2018.rus", 0, None),
    },
    ("zh", "ru"): {
        "test": (
            "ntrex128/newstest2019-ref.zho_Hans.txt",
            "ntrex128/newstest2019-ref.rus.txt",
            0,
            1000,
        ),
        "dev": (
            "ntrex128/newstest2019-ref.zho_Hans.txt",
            "ntrex128/newstest2019-ref.rus.txt",
            1000,
            None,
        ),
    },
}


@dataclass(frozen=True)
class Edits:
    """Per sentence pair, the chance of each edit that makes a non-1-1 bead."""

    merge2: float = 0.06  # join with the next sentence, on one side (each side)
    merge3: float = 0.01  # join with the next two
    delete: float = 0.025  # drop from one side (each side)


@dataclass
class Doc:
    src: list[str]
    tgt: list[str]
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]]


def make_doc(
    src_lines: Sequence[str],
    tgt_lines: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    rng: random.Random,
    edits: Edits,
) -> Doc:
    """A document from line-aligned sentences, with merges and deletions applied.

    Each group is (how, line numbers): ``"both"`` keeps the lines on both sides,
    ``"src"``/``"tgt"`` joins them into one line on that side, ``"no-src"``/``"no-tgt"``
    drops the line from that side.
    """
    e = edits
    chances = [
        ("no-src", e.delete, 1),
        ("no-tgt", e.delete, 1),
        ("src", e.merge2, 2),
        ("tgt", e.merge2, 2),
        ("src", e.merge3, 3),
        ("tgt", e.merge3, 3),
    ]
    groups: list[tuple[str, list[int]]] = []
    k, n = 0, len(src_lines)
    while k < n:
        roll, edge, how, size = rng.random(), 0.0, "both", 1
        for what, chance, width in chances:
            edge += chance
            if roll < edge:
                how, size = what, width
                break
        if k + size > n:
            how, size = "both", 1
        groups.append((how, list(range(k, k + size))))
        k += size
    src_join = get_language(src_lang).sentence_joiner
    tgt_join = get_language(tgt_lang).sentence_joiner
    doc = Doc([], [], [])
    for how, span in groups:
        src_ids: tuple[int, ...] = ()
        tgt_ids: tuple[int, ...] = ()
        if how != "no-src":
            texts = [src_lines[i] for i in span]
            first = len(doc.src)
            doc.src.extend([src_join.join(texts)] if how == "src" else texts)
            src_ids = tuple(range(first, len(doc.src)))
        if how != "no-tgt":
            texts = [tgt_lines[i] for i in span]
            first = len(doc.tgt)
            doc.tgt.extend([tgt_join.join(texts)] if how == "tgt" else texts)
            tgt_ids = tuple(range(first, len(doc.tgt)))
        doc.gold.append((src_ids, tgt_ids))
    return doc


def load_docs(
    data: Path,
    pair: tuple[str, str],
    split: str,
    *,
    docs: int,
    seed: int = 0,
    edits: Edits | None = None,
) -> list[Doc]:
    """Up to ``docs`` documents of ``CHUNK`` pairs from the split's files."""
    src_file, tgt_file, first, last = SETS[pair][split]
    src = (data / "parallel" / src_file).read_text("utf-8").splitlines()[first:last]
    tgt = (data / "parallel" / tgt_file).read_text("utf-8").splitlines()[first:last]
    if len(src) != len(tgt):
        raise SystemExit(f"{src_file} and {tgt_file} differ in length")
    rng = random.Random(f"{seed}-{pair[0]}-{pair[1]}-{split}")
    out = []
    for start in range(0, len(src) - CHUNK + 1, CHUNK):
        if len(out) == docs:
            break
        out.append(
            make_doc(
                src[start : start + CHUNK],
                tgt[start : start + CHUNK],
                pair[0],
                pair[1],
                rng,
                edits or Edits(),
            )
        )
    return out


def run_method(method: str, docs: list[Doc], pair: tuple[str, str]) -> tuple[Scores, float]:
    aligner = get_aligner(method)
    found = []
    start = time.perf_counter()
    for doc in docs:
        result = aligner.align(doc.src, doc.tgt, src_lang=pair[0], tgt_lang=pair[1])
        found.append(result.beads)
    elapsed = time.perf_counter() - start
    return score_alignments([d.gold for d in docs], found), elapsed


def kinds(docs: list[Doc]) -> str:
    counts: dict[str, int] = {}
    for doc in docs:
        for s, t in doc.gold:
            key = f"{len(s)}-{len(t)}"
            counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))


_TIMING = """
import json, os, sys, time
t0 = time.perf_counter()
from workbench.align import get_aligner
from workbench.align.embedding import get_encoder
src = open(sys.argv[1], encoding="utf-8").read().splitlines()[:1000]
tgt = open(sys.argv[2], encoding="utf-8").read().splitlines()[:1000]
t1 = time.perf_counter()
get_encoder()._load()
t2 = time.perf_counter()
c2 = time.process_time()
result = get_aligner("embedding").align(src, tgt, src_lang=sys.argv[3], tgt_lang=sys.argv[4])
t3 = time.perf_counter()
cpu = time.process_time() - c2
ok = sum(1 for b in result.beads if b.src == b.tgt)
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "align": t3 - t2, "cpu": cpu,
                  "diagonal": ok, "loadavg": os.getloadavg()[0]}))
"""


def timing(data: Path, pair: tuple[str, str]) -> dict[str, float]:
    """Align the first 1,000 lines of the test files in a fresh process."""
    src_file, tgt_file, _, _ = SETS[pair]["test"]
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            _TIMING,
            str(data / "parallel" / src_file),
            str(data / "parallel" / tgt_file),
            *pair,
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--split", choices=["test", "dev"], default="test")
    parser.add_argument("--docs", type=int, default=25, help="documents per language pair")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--pairs", default="en-zh,en-ru,zh-ru", help="comma-separated, e.g. en-zh,zh-en"
    )
    parser.add_argument("--methods", default="embedding,length")
    defaults = Edits()
    parser.add_argument(
        "--merge2", type=float, default=defaults.merge2, help="chance of a 1-2 or 2-1, per side"
    )
    parser.add_argument(
        "--merge3", type=float, default=defaults.merge3, help="chance of a 1-3 or 3-1, per side"
    )
    parser.add_argument(
        "--delete", type=float, default=defaults.delete, help="chance of a 1-0 or 0-1, per side"
    )
    parser.add_argument("--no-timing", action="store_true", help="skip the 1,000 x 1,000 timing")
    args = parser.parse_args(argv)
    if not (args.data / "parallel").is_dir():
        print(f"no data at {args.data}: pass --data ../shared/data", file=sys.stderr)
        return 2
    print(
        f"split {args.split}, {args.docs} documents of {CHUNK} pairs per language pair, "
        f"seed {args.seed}, edits per pair and side: merge2 {args.merge2}, "
        f"merge3 {args.merge3}, delete {args.delete}\n"
    )
    header = (
        f"{'pair':6} {'method':10} {'strict P':>8} {'R':>6} {'F1':>6}  "
        f"{'lax P':>6} {'R':>6} {'F1':>6}  {'time s':>7}"
    )
    print(header)
    print("-" * len(header))
    for name in args.pairs.split(","):
        a, b = name.split("-")
        reverse = (a, b) not in SETS
        pair = (b, a) if reverse else (a, b)
        edits = Edits(args.merge2, args.merge3, args.delete)
        docs = load_docs(args.data, pair, args.split, docs=args.docs, seed=args.seed, edits=edits)
        if reverse:
            docs = [Doc(d.tgt, d.src, [(t, s) for s, t in d.gold]) for d in docs]
        for method in args.methods.split(","):
            scores, elapsed = run_method(method, docs, (a, b))
            s, lx = scores.strict, scores.lax
            print(
                f"{name:6} {method:10} {s.precision:8.3f} {s.recall:6.3f} {s.f1:6.3f}  "
                f"{lx.precision:6.3f} {lx.recall:6.3f} {lx.f1:6.3f}  {elapsed:7.2f}",
                flush=True,
            )
        print(f"{'':6} reference beads: {kinds(docs)}")
    if not args.no_timing:
        print("\n1,000 x 1,000 sentences, fresh process (embedding aligner):")
        for pair in (("en", "zh"), ("en", "ru")):
            t = timing(args.data, pair)
            print(
                f"  {pair[0]}-{pair[1]}: model load {t['load']:.2f} s, "
                f"align {t['align']:.2f} s (embeddings included; CPU {t['cpu']:.2f} s over "
                f"{os.cpu_count()} cores), total {t['load'] + t['align']:.2f} s, "
                f"{int(t['diagonal'])} of 1000 pairs 1-1 on the diagonal "
                f"(load average {t['loadavg']:.1f})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
