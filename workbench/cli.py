"""The ``workbench`` command line: thin subcommands over the package.

Each subcommand parses its arguments, calls one package function and prints.
Heavy libraries (torch, transformers) load only in the subcommands that translate.

Example::

    workbench segment --lang ru article.txt
    workbench translate --src en --tgt zh --model ./opus-mt-en-zh < lines.txt
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from workbench import __version__
from workbench.errors import WorkbenchError
from workbench.languages import language_codes

if TYPE_CHECKING:
    from workbench.config import Settings
    from workbench.project import EngineSpec, Project

log = logging.getLogger("workbench.cli")


@contextmanager
def _open_input(name: str) -> Iterator[IO[str]]:
    if name == "-":
        yield sys.stdin
        return
    import io

    from workbench.textio import read_text

    # read eagerly so that a missing file or a decoding error names this file here
    yield io.StringIO(read_text(name))


def _lines(handle: IO[str]) -> list[str]:
    return [line.rstrip("\r\n") for line in handle]


# -- subcommands ----------------------------------------------------------------------


def cmd_segment(args: argparse.Namespace) -> int:
    from workbench.segment import split_sentences

    out = sys.stdout
    with _open_input(args.file) as handle:
        for paragraph in _lines(handle):
            if not paragraph.strip():
                continue
            for sentence in split_sentences(paragraph, args.lang):
                out.write(sentence.text + "\n")
            out.write("\n")
    return 0


def cmd_align(args: argparse.Namespace) -> int:
    from workbench.align.output import render
    from workbench.align.texts import align_files

    alignment = align_files(
        args.src,
        args.tgt,
        src_lang=args.src_lang,
        tgt_lang=args.tgt_lang,
        presegmented=args.presegmented,
        method=args.method,
    )
    data = render(alignment, args.format)
    if args.out:
        from workbench.formats import atomic_write

        atomic_write(Path(args.out), data)
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(alignment.kinds().items()))
        print(f"wrote {args.out}: {len(alignment)} beads ({counts or 'none'})", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def _spec(args: argparse.Namespace) -> EngineSpec:
    from workbench.project import EngineSpec

    return EngineSpec(
        model=args.model or None,
        backend=getattr(args, "backend", "auto"),
        beams=args.beams,
        batch_size=args.batch_size,
    )


def _glossary_choice(args: argparse.Namespace, default: bool) -> bool | str:
    """``--glossary FILE`` (that termbase), ``--no-glossary`` (none), else ``default``
    (``True``: the project glossary)."""
    if getattr(args, "no_glossary", False):
        return False
    if getattr(args, "glossary", None):
        return str(args.glossary)
    return default


def cmd_terms(args: argparse.Namespace) -> int:
    import json

    from workbench.glossary.match import find_in_lines

    # the file given, else the project glossary (made from the shipped one on first use)
    termbase = _project(args).termbase(args.glossary)
    if termbase is None:  # the settings always name one; a Project built without may not
        raise WorkbenchError("no glossary: pass --glossary FILE (.tbx or .csv)")
    with _open_input(args.file) as handle:
        lines = [line.rstrip("\r\n") for line in handle]
    for hit in find_in_lines(termbase, lines, args.lang):
        sys.stdout.write(json.dumps(hit, ensure_ascii=False) + "\n")
    return 0


def cmd_translate(args: argparse.Namespace) -> int:
    if args.document is not None:
        return _translate_stored(args)
    if args.src is None or args.tgt is None:
        raise WorkbenchError(
            "give --src and --tgt languages (or --document to translate a stored one)"
        )
    with _open_input(args.file) as handle:
        lines = _lines(handle)
    project = _project(args)
    # lines are not the project's: only an explicit --glossary is enforced
    glossary = str(args.glossary) if args.glossary else False
    for text in project.translate_lines(lines, args.src, args.tgt, _spec(args), glossary=glossary):
        sys.stdout.write(text.replace("\n", " ") + "\n")
    return 0


def _translate_stored(args: argparse.Namespace) -> int:
    project = _project(args)
    doc_id = project.document_id(args.project, args.document)
    info = project.document_info(doc_id)
    engine = project.engine(
        info.src_lang,
        info.tgt_lang,
        _spec(args),
        glossary=_glossary_choice(args, True),
        cache=not args.no_cache,
    )
    result = project.translate_document(doc_id, engine, overwrite=args.overwrite)
    print(f"translated {result.mt} segment(s) of {args.document!r}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    project = _project(args)
    doc_id = project.import_file(
        args.project, path, src_lang=args.src_lang, tgt_lang=args.tgt_lang, name=args.name
    )
    doc = project.load_document(doc_id)
    confirmed = sum(1 for s in doc.segments if s.status.is_confirmed)
    print(
        f"imported {path.name} into {args.project!r} as {doc.name!r}: "
        f"{len(doc.paragraphs)} paragraphs, {len(doc.segments)} segments, "
        f"{doc.src_lang}->{doc.tgt_lang}" + (f", {confirmed} confirmed" if confirmed else "")
    )
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    from workbench.convert import convert

    done = convert(
        args.input, args.output, src_lang=args.src_lang, tgt_lang=args.tgt_lang, scope=args.scope
    )
    langs = f", {done.src_lang}->{done.tgt_lang}" if done.src_lang else ""
    print(
        f"wrote {args.output} ({done.target_format}) from {args.input} ({done.source_format}): "
        f"{done.items} {done.kind}{langs}"
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    project = _project(args)
    out = project.export(
        project.document_id(args.project, args.document), args.out, scope=args.scope
    )
    print(f"wrote {out}")
    return 0


def cmd_projects(args: argparse.Namespace) -> int:
    project = _project(args)
    for info in project.projects():
        print(info.name)
        for doc in project.documents(info.id):
            print(
                f"  {doc.name}\t{doc.src_lang}->{doc.tgt_lang}\t"
                f"{doc.confirmed}/{doc.segments} confirmed"
            )
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    from workbench.project import SAMPLE_PROJECT

    project = _project(args)
    if project.ensure_sample() is None:
        raise WorkbenchError(
            f"the sample articles are missing from {_settings(args).corpora}: "
            "set WORKBENCH_CORPORA to a folder with media-forum.en.txt, or unset it to use "
            "the articles shipped in the package"
        )
    print(f"sample project ready: {SAMPLE_PROJECT!r} in {project.store.url}")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    import json

    from workbench.qa.metrics import default_jobs, score_files, scores_json, scores_text

    tests = {"both": ("bs", "ar"), "bs": ("bs",), "ar": ("ar",), "none": ()}[args.paired]
    scores, comparisons = score_files(
        args.hyp,
        args.ref,
        args.tgt_lang,
        tokenize=args.tokenize,
        tests=tests,
        jobs=args.jobs or default_jobs(),
    )
    if args.json:
        print(json.dumps(scores_json(scores, comparisons), ensure_ascii=False, indent=2))
    else:
        print(scores_text(scores, comparisons))
    return 0


def cmd_qa(args: argparse.Namespace) -> int:
    import json

    from workbench.qa.report import issues_text, report_json, write_report

    checks = [c.strip() for c in args.checks.split(",") if c.strip()] if args.checks else None
    document = args.document or (
        args.target if args.project and args.target and not Path(args.target).is_file() else None
    )
    project = _project(args)
    if document is not None:
        if not args.project:
            raise WorkbenchError("--document needs --project: name the document's project")
        report = project.qa_document(
            project.document_id(args.project, document),
            glossary=_glossary_choice(args, True),
            checks=checks,
        )
    elif args.target:
        report = project.qa_file(
            args.target,
            src_lang=args.src_lang,
            tgt_lang=args.tgt_lang,
            glossary=_glossary_choice(args, False),
            checks=checks,
        )
    else:
        raise WorkbenchError("give a bilingual FILE, or --project P --document D from the store")
    if args.report:
        write_report(report, args.report)
    if args.json:
        print(json.dumps(report_json(report), ensure_ascii=False, indent=2))
    else:
        print(issues_text(report.checks))
        if report.effort is not None and report.effort.segments:
            effort = report.effort
            print(
                f"HTER {effort.score:.2f} over {len(effort.segments)} post-edited segments "
                f"({effort.unit}s; {effort.signature})"
            )
    return 0


def cmd_tm(args: argparse.Namespace) -> int:
    project = _project(args)
    if args.tm_command == "import":
        result = project.import_tmx(args.file, src_lang=args.src_lang, tgt_lang=args.tgt_lang)
        print(
            f"imported {args.file}: {result.added} new unit(s), {result.updated} already in the "
            f"memory, {result.skipped} without a target skipped"
        )
    elif args.tm_command == "export":
        written = project.export_tmx(args.file, src_lang=args.src_lang, tgt_lang=args.tgt_lang)
        print(f"wrote {written} unit(s) to {args.file}")
    else:
        hits = project.tm.concordance(
            args.text, src_lang=args.src_lang, tgt_lang=args.tgt_lang, limit=args.limit
        )
        for hit in hits:
            unit = hit.unit
            print(f"{unit.src_lang}->{unit.tgt_lang}\t{unit.source}\t{unit.target}\t{unit.origin}")
        if not hits:
            print(f"no unit contains {args.text!r}", file=sys.stderr)
    return 0


def cmd_pretranslate(args: argparse.Namespace) -> int:
    project = _project(args)
    doc_id = project.document_id(args.project, args.document)
    info = project.document_info(doc_id)
    result = project.translate_document(
        doc_id,
        None
        if args.no_mt
        else (
            lambda: project.engine(
                info.src_lang,
                info.tgt_lang,
                _spec(args),
                glossary=_glossary_choice(args, True),
                cache=not args.no_cache,
            )
        ),
        tm_threshold=args.threshold,
        overwrite=args.overwrite,
    )
    print(
        f"pre-translated {args.document!r}: {result.context} in-context (101%, confirmed), "
        f"{result.exact} exact and {result.fuzzy} fuzzy TM match(es), {result.mt} by MT, "
        f"{result.untranslated} left empty, {result.kept} kept"
    )
    return 0


# -- plumbing -------------------------------------------------------------------------


def _settings(args: argparse.Namespace) -> Settings:
    from dataclasses import replace

    from workbench.config import load_settings

    settings = load_settings()
    if getattr(args, "db", None):
        settings = replace(settings, db=args.db)
    return settings


def _project(args: argparse.Namespace) -> Project:
    """The user's project from the settings (``--db`` overrides the database); the store
    opens on first use, so a bad input file fails before the database library loads."""
    from workbench.project import Project

    return Project.from_settings(_settings(args))


def _engine_flags(p: argparse.ArgumentParser, no_cache: str) -> None:
    """The model and decoding flags of every command that translates (read by :func:`_spec`)."""
    from workbench.engines.select import BACKENDS

    p.add_argument(
        "--model",
        help="a folder with a Marian model or a Hugging Face model id "
        "(default: the OPUS-MT model for the direction, if installed)",
    )
    p.add_argument("--batch-size", type=int, default=16, help="sentences per batch (default 16)")
    p.add_argument("--beams", type=int, default=1, help="beam size (default 1: greedy)")
    p.add_argument(
        "--backend",
        choices=BACKENDS.choices(),
        default="auto",
        help=f"{BACKENDS.help()} (default: auto)",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help=f"{no_cache}, ignoring the project's MT cache",
    )


def _glossary_flags(p: argparse.ArgumentParser, default: str, *, qa: bool = False) -> None:
    what = (
        "check the terms against this termbase (.tbx or .csv)"
        if qa
        else "enforce this termbase (.tbx or .csv): recognised terms come out approved"
    )
    group = p.add_mutually_exclusive_group()
    group.add_argument("--glossary", metavar="GLOSSARY", help=f"{what}; default: {default}")
    group.add_argument(
        "--no-glossary",
        action="store_true",
        help="no glossary checks" if qa else "enforce no glossary in machine translation",
    )


def build_parser() -> argparse.ArgumentParser:
    from workbench.align import ALIGNERS, DEFAULT_ALIGNER
    from workbench.align.output import OUTPUT_FORMATS
    from workbench.formats import SCOPES

    langs = language_codes()
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Translation workbench for English, Chinese and Russian news.",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument(
            "--db",
            help="project database: a file path or SQLAlchemy URL (default: WORKBENCH_DB "
            "or the user data folder)",
        )
        return p

    p = sub.add_parser(
        "segment",
        help="split paragraphs (one per line) into sentences",
        description="Read paragraphs, one per line, and print one sentence per line with an "
        "empty line after each paragraph's sentences.",
    )
    p.add_argument("--lang", required=True, choices=langs, help="language of the text")
    p.add_argument(
        "file", nargs="?", default="-", metavar="FILE", help="input file, or - for stdin"
    )
    p.set_defaults(func=cmd_segment)

    p = sub.add_parser(
        "align",
        help="align an article with its translation, sentence by sentence",
        description="Segment two articles (or read one sentence per line with --presegmented) "
        "and pair their sentences: 1-1, 1-2, 2-1, 1-3, 3-1, 2-2, or unaligned (1-0, 0-1), "
        "each with a confidence in [0, 1].",
    )
    p.add_argument(
        "src",
        metavar="SRC",
        help="source text: .txt (a paragraph per line), .md, .docx, .html, or any other "
        "extension as plain text",
    )
    p.add_argument("tgt", metavar="TGT", help="its translation, in the same kinds of file")
    p.add_argument("--src-lang", choices=langs, help="language of SRC (default: detected)")
    p.add_argument("--tgt-lang", choices=langs, help="language of TGT (default: detected)")
    p.add_argument(
        "--presegmented",
        action="store_true",
        help="the files hold one sentence per line (blank lines between paragraphs)",
    )
    p.add_argument(
        "--format",
        choices=OUTPUT_FORMATS.choices(),
        default="vecalign",
        help=f"{OUTPUT_FORMATS.help()} (default: vecalign)",
    )
    p.add_argument(
        "--method",
        choices=ALIGNERS.choices(),
        default=DEFAULT_ALIGNER,
        help=f"{ALIGNERS.help()} (default: {DEFAULT_ALIGNER})",
    )
    p.add_argument("-o", "--out", metavar="OUT", help="output file (default: stdout)")
    p.set_defaults(func=cmd_align)

    p = with_db(
        sub.add_parser(
            "translate",
            help="machine-translate lines, or a document in the store",
            description="Print one translation per input line with a MarianMT (OPUS-MT) model, "
            "or with --project/--document translate a stored document's untranslated segments.",
        )
    )
    p.add_argument("--src", choices=langs, help="source language")
    p.add_argument("--tgt", choices=langs, help="target language")
    _engine_flags(p, "with --document: translate every segment again")
    p.add_argument("--project", help="project of --document")
    p.add_argument("--document", help="translate this stored document instead of FILE")
    _glossary_flags(p, "with --document, the project glossary (the glossary setting) is enforced")
    p.add_argument(
        "--overwrite", action="store_true", help="with --document: replace unconfirmed drafts too"
    )
    p.add_argument(
        "file", nargs="?", default="-", metavar="FILE", help="input file, or - for stdin"
    )
    p.set_defaults(func=cmd_translate)

    p = sub.add_parser(
        "terms",
        help="find glossary terms in text (one JSON object per hit)",
        description="Print one JSON object per glossary term found in each line of FILE: "
        '{"line": 0, "concept": "...", "term": "...", "start": 3, "end": 9} '
        "(0-based line, character offsets). Russian by lemma, Chinese by word.",
    )
    p.add_argument(
        "--glossary",
        help="termbase (.tbx or .csv); default: the project glossary (the glossary setting, "
        "made from the shipped one on first use)",
    )
    p.add_argument("--lang", required=True, choices=langs, help="text language")
    p.add_argument(
        "file", nargs="?", default="-", metavar="FILE", help="input file, or - for stdin"
    )
    p.set_defaults(func=cmd_terms)

    p = with_db(
        sub.add_parser(
            "import",
            help="add an article or a bilingual file to a project",
            description="Add FILE to a project: an article (.txt, .md, .docx, .html) is "
            "segmented for translation into --tgt-lang; a bilingual file (.xlf, .xlf2, .tmx, "
            ".csv, .tsv, .review.docx) keeps its translations, statuses and notes, and its "
            "languages come from the file.",
        )
    )
    p.add_argument("file", metavar="FILE", help="article or bilingual file")
    p.add_argument("--project", default="Default", help="project name (created if missing)")
    p.add_argument("--name", help="document name (default: the file name)")
    p.add_argument(
        "--src-lang", choices=langs, help="source language (default: from the file or detected)"
    )
    p.add_argument(
        "--tgt-lang",
        choices=langs,
        help="target language (required for an article; default: from a bilingual file)",
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser(
        "convert",
        help="convert a file between formats",
        description="Read IN in any import format (chosen by its extension, checked against "
        "its content) and write OUT in the format of its extension: e.g. article.docx -> "
        "article.xlf, job.xlf -> job.tmx, job.xlf -> article_zh.docx (the localized article), "
        "glossary.tbx -> glossary.csv. Nothing is stored.",
    )
    p.add_argument("input", metavar="IN", help="file to read")
    p.add_argument("output", metavar="OUT", help="file to write; its extension picks the format")
    p.add_argument(
        "--src-lang", choices=langs, help="source language (default: from the file or detected)"
    )
    p.add_argument(
        "--tgt-lang",
        choices=langs,
        help="target language (needed to turn an article into a bilingual file)",
    )
    p.add_argument(
        "--scope",
        choices=SCOPES,
        default="all",
        help="all segments, or only confirmed ones' translations",
    )
    p.set_defaults(func=cmd_convert)

    p = with_db(sub.add_parser("export", help="write a stored document to a file"))
    p.add_argument("--project", required=True, help="project name")
    p.add_argument("--document", required=True, help="document name")
    p.add_argument(
        "--scope",
        choices=SCOPES,
        default="all",
        help="all segments (untranslated ones keep the source) or confirmed ones only",
    )
    p.add_argument("out", metavar="OUT", help="output file; its extension picks the format")
    p.set_defaults(func=cmd_export)

    p = with_db(sub.add_parser("projects", help="list projects and their documents"))
    p.set_defaults(func=cmd_projects)

    p = with_db(sub.add_parser("sample", help="create the sample project (done on first app run)"))
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser(
        "tm",
        help="the translation memory: import or export TMX, search it",
        description="The project's translation memory. Confirmed segments enter it at once; "
        "`tm import` adds a TMX 1.4b file, `tm export` writes one language pair as TMX, "
        "`tm search` finds a word or phrase in sources and targets (concordance).",
    )
    tm_sub = p.add_subparsers(dest="tm_command", required=True, metavar="ACTION")
    for name, text in (("import", "add the units of a TMX file"), ("export", "write a TMX file")):
        q = with_db(tm_sub.add_parser(name, help=text))
        q.add_argument("file", metavar="FILE.tmx", help="the TMX file")
        q.add_argument(
            "--src-lang",
            choices=langs,
            help="source language (default: the file's or the memory's only pair)",
        )
        q.add_argument("--tgt-lang", choices=langs, help="target language (as --src-lang)")
    q = with_db(tm_sub.add_parser("search", help="units whose source or target contains TEXT"))
    q.add_argument("text", metavar="TEXT", help="a word or phrase (any of the languages)")
    q.add_argument("--src-lang", choices=langs, help="only units from this language")
    q.add_argument("--tgt-lang", choices=langs, help="only units into this language")
    q.add_argument("--limit", type=int, default=20, help="at most this many units (default 20)")
    p.set_defaults(func=cmd_tm)

    p = with_db(
        sub.add_parser(
            "pretranslate",
            help="fill a stored document from the TM, then MT",
            description="Give each unconfirmed, empty segment of --document its best TM match at "
            "or above --threshold percent (in-context 101% matches are confirmed, others are "
            "drafts), then machine-translate the rest (unless --no-mt).",
        )
    )
    p.add_argument("--project", required=True, help="project name")
    p.add_argument("--document", required=True, help="document name")
    p.add_argument(
        "--threshold",
        type=float,
        default=100.0,
        help="lowest TM match percentage taken, 50-101 (default 100: exact)",
    )
    p.add_argument("--no-mt", action="store_true", help="TM matches only, no machine translation")
    p.add_argument("--overwrite", action="store_true", help="replace unconfirmed drafts too")
    _engine_flags(p, "translate every segment the TM leaves again")
    _glossary_flags(p, "the project glossary (the glossary setting) is enforced")
    p.set_defaults(func=cmd_pretranslate)

    p = sub.add_parser(
        "score",
        help="BLEU, chrF++ and TER of hypothesis files against references (sacrebleu)",
        description="Score each --hyp file (one sentence per line) against the --ref files "
        "with sacrebleu: BLEU (tokenizer zh for Chinese targets, 13a otherwise), chrF++ and "
        "TER (normalized, Asian support for Chinese). With two or more hypotheses, each is "
        "compared with the first by paired bootstrap resampling and approximate randomization.",
    )
    p.add_argument(
        "--hyp",
        action="append",
        required=True,
        metavar="H",
        help="hypothesis file; repeat for several systems (the first is the baseline)",
    )
    p.add_argument(
        "--ref",
        action="append",
        required=True,
        metavar="R",
        help="reference file; repeat for several references",
    )
    p.add_argument("--tgt-lang", required=True, choices=langs, help="target language")
    p.add_argument("--tokenize", help="BLEU tokenizer (default: zh for zh targets, else 13a)")
    p.add_argument(
        "--paired",
        choices=["both", "bs", "ar", "none"],
        default="both",
        help="significance tests with two or more hypotheses (default: both)",
    )
    p.add_argument("--jobs", type=int, help="processes for TER on large files (default: CPUs)")
    p.add_argument("--json", action="store_true", help="print JSON keyed by hypothesis file")
    p.set_defaults(func=cmd_score)

    p = with_db(
        sub.add_parser(
            "qa",
            help="check a bilingual file or a stored document for issues",
            description="Run the QA checks (numbers, punctuation, glossary, consistency, "
            "tags...) over a bilingual file (.csv, or any bilingual format), or over a stored "
            "document with --project and --document (with post-editing effort).",
        )
    )
    p.add_argument(
        "target",
        nargs="?",
        metavar="FILE_OR_DOCUMENT",
        help="a bilingual file, or with --project a document name",
    )
    p.add_argument("--project", help="project of the document")
    p.add_argument("--document", help="a stored document to check")
    p.add_argument("--src-lang", choices=langs, help="FILE's source language (default: detected)")
    p.add_argument("--tgt-lang", choices=langs, help="FILE's target language (default: detected)")
    _glossary_flags(
        p,
        "for a stored document the project glossary (the glossary setting); for FILE none",
        qa=True,
    )
    p.add_argument("--checks", help="comma-separated checks to run (default: all)")
    p.add_argument("--report", metavar="OUT", help="also write the report to OUT.html or OUT.csv")
    p.add_argument("--json", action="store_true", help="print the issues as JSON")
    p.set_defaults(func=cmd_qa)

    from workbench.engines.models_cli import add_models_parser

    add_models_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(name)s: %(message)s",
    )
    if args.command == "translate" and args.document is not None and args.project is None:
        parser.error("--document needs --project")
    try:
        return int(args.func(args))
    except WorkbenchError as exc:
        print(f"workbench: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
