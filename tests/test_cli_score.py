"""``workbench score`` and ``workbench qa``: the numbers equal sacrebleu's API, the errors
name the culprit, and neither command loads torch, transformers or streamlit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER
from sacrebleu.significance import PairedTest

from tests.conftest import CORPORA, GLOSSARIES, ROOT
from tests.qa.generated import sentences, system
from workbench.cli import main
from workbench.model import Provenance, Status
from workbench.project import Project
from workbench.store import Store


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "cli.db"))
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("WORKBENCH_CORPORA", str(CORPORA))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return str(path)


def expected(hyps: list[str], refs: list[list[str]], tgt: str) -> dict[str, dict[str, Any]]:
    """What sacrebleu's Python API gives with the settings the issue specifies."""
    zh = tgt == "zh"
    found: dict[str, dict[str, Any]] = {}
    for key, metric in (
        ("bleu", BLEU(tokenize="zh" if zh else "13a")),
        ("chrf", CHRF(word_order=2)),
        ("ter", TER(normalized=True, asian_support=True) if zh else TER()),
    ):
        score = metric.corpus_score(hyps, refs).score
        found[key] = {"score": score, "signature": str(metric.get_signature())}
    return found


@pytest.mark.parametrize("tgt", ["zh", "ru", "en"])
@pytest.mark.parametrize("nrefs", [1, 2])
def test_score_json_equals_sacrebleu(
    tgt: str, nrefs: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    refs = [sentences(tgt, 30, seed=10 + r) for r in range(nrefs)]
    hyps = system(refs[0], tgt, seed=5)
    ref_args = [
        a
        for r, lines in enumerate(refs)
        for a in ("--ref", write(tmp_path / f"ref{r}.{tgt}", lines))
    ]
    hyp = write(tmp_path / f"hyp.{tgt}", hyps)
    code, out, err = run(capsys, "score", "--hyp", hyp, *ref_args, "--tgt-lang", tgt, "--json")
    assert code == 0, err
    assert json.loads(out) == {hyp: expected(hyps, refs, tgt)}


def test_score_json_on_real_news(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parallel = shared_data / "parallel"
    cases = [
        (
            "zh",
            parallel / "ntrex128" / "newstest2019-ref.zho_Hans.txt",
            [parallel / "eng-zho" / "newstest2019.zho"],
            30,
        ),
        (
            "ru",
            parallel / "ntrex128" / "newstest2019-ref.rus.txt",
            [parallel / "eng-rus" / "newstest2019.rus"],
            200,
        ),
        (
            "en",
            None,
            [parallel / "zho-eng" / "newstest2019.eng", parallel / "rus-eng" / "newstest2019.eng"],
            200,
        ),
    ]
    for tgt, hyp_file, ref_files, n in cases:
        refs = [f.read_text("utf-8").split("\n")[:n] for f in ref_files]
        hyps = hyp_file.read_text("utf-8").split("\n")[:n] if hyp_file else system(refs[0], tgt, 2)
        hyp = write(tmp_path / f"hyp.{tgt}", hyps)
        ref_args = [a for i, r in enumerate(refs) for a in ("--ref", write(tmp_path / f"r{i}", r))]
        code, out, err = run(capsys, "score", "--hyp", hyp, *ref_args, "--tgt-lang", tgt, "--json")
        assert code == 0, err
        assert json.loads(out) == {hyp: expected(hyps, refs, tgt)}, tgt


def test_two_systems_get_paired_tests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    refs = [sentences("en", 30)]
    a, b = system(refs[0], "en", seed=1), system(refs[0], "en", seed=2, rate=0.5)
    ha, hb = write(tmp_path / "a.txt", a), write(tmp_path / "b.txt", b)
    ref = write(tmp_path / "ref.txt", refs[0])
    code, out, err = run(
        capsys,
        "score",
        "--hyp",
        ha,
        "--hyp",
        hb,
        "--ref",
        ref,
        "--tgt-lang",
        "en",
        "--json",
        "--paired",
        "bs",
    )
    assert code == 0, err
    data = json.loads(out)
    assert {k: {m: v for m, v in d.items() if m != "paired"} for k, d in data.items()} == {
        ha: expected(a, refs, "en"),
        hb: expected(b, refs, "en"),
    }
    assert "paired" not in data[ha] and set(data[hb]["paired"]) == {"bs"}
    _, results = PairedTest(
        [(ha, a), (hb, b)], {"BLEU": BLEU(), "TER": TER()}, refs, test_type="bs"
    )()
    paired = data[hb]["paired"]["bs"]
    assert paired["baseline"] == ha
    assert paired["bleu"]["p_value"] == results["BLEU"][1].p_value  # type: ignore[union-attr]
    assert paired["ter"]["p_value"] == results["TER"][1].p_value  # type: ignore[union-attr]

    code, out, _ = run(
        capsys,
        "score",
        "--hyp",
        ha,
        "--hyp",
        hb,
        "--ref",
        ref,
        "--tgt-lang",
        "en",
        "--paired",
        "none",
    )
    assert code == 0 and "bootstrap" not in out and out.count("BLEU") == 3


def test_text_output_shows_every_score_with_its_signature(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    refs = [sentences("zh", 10)]
    hyps = system(refs[0], "zh", seed=1)
    hyp = write(tmp_path / "h.zh", hyps)
    code, out, _ = run(
        capsys,
        "score",
        "--hyp",
        hyp,
        "--ref",
        write(tmp_path / "r.zh", refs[0]),
        "--tgt-lang",
        "zh",
        "--tokenize",
        "char",
    )
    assert code == 0
    want = BLEU(tokenize="char").corpus_score(hyps, refs)
    assert f"BLEU {want.score:6.2f}" in out
    assert "tok:char" in out and "asian:yes" in out and "nw:2" in out


@pytest.mark.parametrize(
    ("lines", "extra", "message"),
    [
        (["a"], [], "has 1 lines but the reference has 2"),
        (["a", "b"], ["--tokenize", "words"], "unknown BLEU tokenizer 'words'"),
    ],
)
def test_score_errors_name_the_culprit(
    lines: list[str],
    extra: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hyp = write(tmp_path / "hyp.txt", lines)
    ref = write(tmp_path / "ref.txt", ["a", "b"])
    code, out, err = run(capsys, "score", "--hyp", hyp, "--ref", ref, "--tgt-lang", "en", *extra)
    assert code == 1 and out == "" and message in err and err.count("\n") == 1


def test_score_file_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ref = write(tmp_path / "ref.txt", ["a"])
    code, _, err = run(
        capsys, "score", "--hyp", str(tmp_path / "nope.txt"), "--ref", ref, "--tgt-lang", "ru"
    )
    assert code == 1 and "nope.txt: no such hypothesis" in err
    code, _, err = run(
        capsys, "score", "--hyp", ref, "--hyp", ref, "--ref", ref, "--tgt-lang", "ru"
    )
    assert code == 1 and "give each --hyp once" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["score", "--hyp", ref, "--ref", ref, "--tgt-lang", "de"])
    assert exit_info.value.code == 2 and "invalid choice: 'de'" in capsys.readouterr().err


def test_score_loads_no_torch_transformers_or_streamlit(tmp_path: Path) -> None:
    ref = write(tmp_path / "ref.txt", ["The forum opened.", "TASS agreed."])
    hyp = write(tmp_path / "hyp.txt", ["The forum has opened.", "TASS agreed."])
    probe = (
        "import sys; from workbench.cli import main; "
        f"code = main(['score', '--hyp', {hyp!r}, '--ref', {ref!r}, '--tgt-lang', 'en', "
        "'--json']); "
        "heavy = [m for m in ('torch', 'transformers', 'streamlit') if m in sys.modules]; "
        "print(heavy, file=sys.stderr); sys.exit(code or len(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[hyp]["bleu"]["signature"].startswith("nrefs:1|")


def test_importing_the_qa_package_does_not_load_sacrebleu() -> None:
    probe = (
        "import sys, workbench.cli, workbench.qa, workbench.qa.metrics, workbench.qa.report; "
        "heavy = [m for m in ('sacrebleu', 'numpy', 'torch', 'streamlit') if m in sys.modules]; "
        "print(heavy); sys.exit(len(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


# -- workbench qa -----------------------------------------------------------------------

CSV_TEXT = (
    "id,paragraph,source,target,status,origin,note\r\n"
    "1,1,Xinhua reported 35000 visitors.,新华新闻社报道有3万名访客。,draft,mt,\r\n"
    "2,1,Hello.,,new,none,\r\n"
)


def test_qa_on_a_bilingual_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "review.csv"
    path.write_text(CSV_TEXT, "utf-8")
    glossary = str(GLOSSARIES / "media.csv")
    code, out, err = run(capsys, "qa", str(path), "--glossary", glossary)
    assert code == 0, err
    lines = out.splitlines()
    assert "segment 1: error: numbers: '35000' of the source is missing" in lines[0]
    assert any(
        "glossary-forbidden: glossary: '新华新闻社' is a forbidden term: use '新华社'" in x
        for x in lines
    )
    assert lines[-1].startswith("4 error(s), 0 warning(s), 0 info in 2 segments (checks:")

    report = tmp_path / "qa.html"
    code, out, err = run(
        capsys, "qa", str(path), "--json", "--checks", "empty,numbers", "--report", str(report)
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["name"] == "review.csv" and (data["src_lang"], data["tgt_lang"]) == ("en", "zh")
    assert [(i["segment"], i["check"]) for i in data["issues"]] == [
        (1, "numbers"),
        (1, "numbers"),
        (2, "empty"),
    ]
    assert "numbers" in report.read_text("utf-8")


def test_qa_on_a_stored_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(tmp_path / "cli.db")
    doc_id = Project(store).add_article(
        "News", "a.txt", ["Xinhua reported. TASS agreed."], src_lang="en", tgt_lang="ru"
    )
    segs = store.load_document(doc_id).segments
    mt = Provenance.machine("marian", "opus-mt-en-ru")
    store.save_translations(
        (s.id or 0, t, Status.DRAFT, mt)
        for s, t in zip(segs, ["Синьхуа сообщило.", "ТАСС согласился."], strict=True)
    )
    store.save_segment(
        segs[0].id or 0,
        "Агентство Синьхуа сообщило.",
        status=Status.TRANSLATED,
        provenance=Provenance.human("a"),
    )
    code, out, err = run(capsys, "qa", "--project", "News", "--document", "a.txt", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["issues"] == [] and data["effort"]["segments"] == 1
    assert data["effort"]["unit"] == "word" and data["effort"]["hter"] == 25.0
    code, out, _ = run(capsys, "qa", "a.txt", "--project", "News")
    assert code == 0 and "HTER 25.00 over 1 post-edited segments" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["qa"], "give a bilingual FILE, or --project P --document D"),
        (["qa", "--document", "x"], "--document needs --project"),
        (["qa", "--project", "Nope", "--document", "x"], "no project named 'Nope'"),
        (["qa", "missing.csv"], "no such file: missing.csv"),
    ],
)
def test_qa_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == "" and message in err


def test_qa_loads_no_torch_or_streamlit(tmp_path: Path) -> None:
    path = tmp_path / "review.csv"
    path.write_text(CSV_TEXT, "utf-8")
    probe = (
        "import sys; from workbench.cli import main; "
        f"code = main(['qa', {str(path)!r}]); "
        "heavy = [m for m in ('torch', 'transformers', 'streamlit', 'sacrebleu') "
        "if m in sys.modules]; print(heavy, file=sys.stderr); sys.exit(len(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
