"""Sentence-segmentation benchmark: workbench vs sentencex vs blingfire on newstest text.

Run it from the repository root (it is a script, never a test)::

    .venv/bin/python benchmarks/segment.py [--data ../shared/data] [--split both]

The newstest files hold one sentence per line, documents in order.  Paragraphs are
made by joining 2-5 consecutive lines (a seeded random choice, so every run builds
the same paragraphs), with a space for English and Russian and with nothing for
Chinese.  The gold sentence boundaries are the line boundaries; a system's
boundaries are the character offsets where its sentences end (trailing whitespace
stripped), the paragraph's own end left out.  Precision, recall and F1 are
micro-averaged over all boundaries of a language.

Two file sets are scored: ``dev`` (newstest2012-2018, used to tune the workbench's
rules) and ``test`` (newstest2019, held out).  Some newstest lines hold two sentences
and headlines have no final punctuation; every system pays for those alike.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
LANGS = ("en", "zh", "ru")
JOINERS = {"en": " ", "zh": "", "ru": " "}

# Files per language and split, relative to <data>/parallel.  eng-zho/newstest2019.eng
# is the same file as eng-rus/newstest2019.eng and rus-eng/newstest2014.rus is a subset
# of eng-rus/newstest2014.rus, so neither is listed.
FILES: dict[str, dict[str, list[str]]] = {
    "dev": {
        "en": [f"eng-rus/newstest{year}.eng" for year in range(2012, 2019)]
        + ["eng-zho/newstest2017.eng", "eng-zho/newstest2018.eng"],
        "ru": [f"eng-rus/newstest{year}.rus" for year in range(2012, 2019)],
        "zh": ["eng-zho/newstest2017.zho", "eng-zho/newstest2018.zho"],
    },
    "test": {
        "en": [
            "eng-rus/newstest2019.eng",
            "rus-eng/newstest2019.eng",
            "zho-eng/newstest2019.eng",
        ],
        "ru": ["eng-rus/newstest2019.rus", "rus-eng/newstest2019.rus"],
        "zh": ["eng-zho/newstest2019.zho", "zho-eng/newstest2019.zho"],
    },
}

#: a segmenter: (paragraph, lang) -> character offsets where its sentences end
Segmenter = Callable[[str, str], list[int]]


@dataclass
class Paragraph:
    text: str
    gold: set[int]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def make_paragraphs(path: Path, lang: str, seed: int) -> Iterator[Paragraph]:
    """Join runs of 2-5 consecutive lines of ``path`` into paragraphs with gold ends."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    rng = random.Random(f"{seed}/{path.parent.name}/{path.name}")
    joiner = JOINERS[lang]
    i = 0
    while i < len(lines):
        group = lines[i : i + rng.randint(2, 5)]
        i += len(group)
        text = joiner.join(group)
        gold: set[int] = set()
        offset = 0
        for line in group[:-1]:
            offset += len(line)
            gold.add(offset)
            offset += len(joiner)
        yield Paragraph(text, gold)


def _strip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def workbench_ends(text: str, lang: str) -> list[int]:
    from workbench.segment import split_sentences

    return [s.end for s in split_sentences(text, lang)]


def sentencex_ends(text: str, lang: str) -> list[int]:
    import sentencex

    return [_strip_end(text, b["end_index"]) for b in sentencex.get_sentence_boundaries(lang, text)]


def blingfire_ends(text: str, lang: str) -> list[int]:
    import blingfire

    _, offsets = blingfire.text_to_sentences_and_offsets(text)
    return [_strip_end(text, end) for _, end in offsets]


SYSTEMS: dict[str, Segmenter] = {
    "workbench": workbench_ends,
    "sentencex": sentencex_ends,
    "blingfire": blingfire_ends,
}


def score(system: Segmenter, paragraphs: Sequence[Paragraph], lang: str) -> Score:
    result = Score()
    started = time.perf_counter()
    for paragraph in paragraphs:
        predicted = set(system(paragraph.text, lang)) - {len(paragraph.text)}
        result.tp += len(predicted & paragraph.gold)
        result.fp += len(predicted - paragraph.gold)
        result.fn += len(paragraph.gold - predicted)
    result.seconds = time.perf_counter() - started
    return result


def run_split(data: Path, split: str, seed: int, show_errors: int) -> None:
    title = "the rules were tuned on these" if split == "dev" else "held out for reporting"
    print(f"\n== {split}: {title} ==")
    for lang in LANGS:
        print(f"  {lang}: " + ", ".join(FILES[split][lang]))
    header = (
        f"{'lang':<4} {'paras':>6} {'bounds':>7}  {'system':<10} "
        f"{'P':>6} {'R':>6} {'F1':>6} {'sec':>6}"
    )
    print(header)
    print("-" * len(header))
    for lang in LANGS:
        paragraphs = [
            p
            for name in FILES[split][lang]
            for p in make_paragraphs(data / "parallel" / name, lang, seed)
        ]
        n_gold = sum(len(p.gold) for p in paragraphs)
        scores = {name: score(system, paragraphs, lang) for name, system in SYSTEMS.items()}
        best_other = max(s.f1 for name, s in scores.items() if name != "workbench")
        for name, s in scores.items():
            mark = ""
            if name == "workbench":
                mark = f"  {s.f1 - best_other:+.3f} vs best other"
            print(
                f"{lang:<4} {len(paragraphs):>6} {n_gold:>7}  {name:<10} "
                f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} {s.seconds:>6.2f}{mark}"
            )
        if show_errors:
            print_errors(paragraphs, lang, show_errors)


def print_errors(paragraphs: Sequence[Paragraph], lang: str, limit: int) -> None:
    """Show the workbench's wrong boundaries with some context (for tuning)."""
    shown = 0
    for paragraph in paragraphs:
        predicted = set(workbench_ends(paragraph.text, lang)) - {len(paragraph.text)}
        for kind, ends in (("FP", predicted - paragraph.gold), ("FN", paragraph.gold - predicted)):
            for end in sorted(ends):
                if shown >= limit:
                    return
                shown += 1
                text = paragraph.text
                print(f"  {kind} ...{text[max(0, end - 60) : end]}|{text[end : end + 40]}...")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"shared data folder ({DEFAULT_DATA})"
    )
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--show-errors", type=int, default=0, metavar="N", help="print N workbench errors per lang"
    )
    args = parser.parse_args(argv)
    if not (args.data / "parallel").is_dir():
        print(f"error: {args.data / 'parallel'} not found; pass --data", file=sys.stderr)
        return 2
    print(f"data: {args.data.resolve()}  seed: {args.seed}")
    print("paragraphs: 2-5 consecutive lines; gold boundaries: line ends; micro P/R/F1")
    started = time.perf_counter()
    for split in ("dev", "test") if args.split == "both" else (args.split,):
        run_split(args.data, split, args.seed, args.show_errors)
    print(f"\ntotal {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
