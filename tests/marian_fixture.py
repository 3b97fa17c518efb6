"""A small but real Marian translation model, trained locally for the tests.

The Hugging Face Hub is out of reach in the test environment, so the engine tests
train a tiny :class:`transformers.MarianMTModel` on template news sentences
("Xinhua reported on Monday." -> "新华社周一报道。") and save it the way OPUS-MT
models are saved: ``config.json``, ``source.spm``, ``target.spm``, ``vocab.json``,
``tokenizer_config.json`` and the weights.  Greedy decoding reproduces every
training pair exactly, so tests can assert real outputs.  Like
``Helsinki-NLP/opus-mt-en-zh``, the en->zh model has ``>>cmn_Hans<<`` in its
vocabulary; it learned every pair both with and without that tag.  The same
tables give the other five directions between en, zh and ru
(``build_fixture_model(cache_dir, "ru", "en")``), for pivot tests.

The model is cached in ``cache_dir/marian-<src>-<tgt>-<hash>/``, where the hash
covers this file's source and the versions of torch, transformers and
sentencepiece; it is built in a temporary folder and renamed into place, so an
interrupted build never leaves half a model behind.

This is a test fixture: it is never registered as a translator for users.

>>> FIXTURE_PAIRS[0]
('Xinhua reported on Monday.', '新华社周一报道。')
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import shutil
import tempfile
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class _Agency:
    en: str
    zh: str
    ru: str  # nominative, sentence-initial
    ru_gen: str  # genitive, mid-sentence
    ru_fem: bool  # a newspaper (газета) takes feminine verbs


@dataclass(frozen=True)
class _Verb:
    en: str
    zh: str
    ru: str  # neuter
    ru_fem: str


@dataclass(frozen=True)
class _Day:
    en: str
    zh: str
    ru: str


AGENCIES: tuple[_Agency, ...] = (
    _Agency("Xinhua", "新华社", "Агентство Синьхуа", "агентства Синьхуа", False),
    _Agency("ITAR-TASS", "塔斯社", "Агентство ИТАР-ТАСС", "агентства ИТАР-ТАСС", False),
    _Agency(
        "People's Daily", "人民日报", "Газета «Жэньминь жибао»", "газеты «Жэньминь жибао»", True
    ),
    _Agency("RIA Novosti", "俄新社", "Агентство РИА Новости", "агентства РИА Новости", False),
    _Agency(
        "China Radio International",
        "中国国际广播电台",
        "Международное радио Китая",
        "Международного радио Китая",
        False,
    ),
    _Agency("Economic Daily", "经济日报", "Газета «Цзинцзи жибао»", "газеты «Цзинцзи жибао»", True),
)

VERBS: tuple[_Verb, ...] = (
    _Verb("reported", "报道", "сообщило", "сообщила"),
    _Verb("announced", "宣布", "объявило", "объявила"),
    _Verb("confirmed", "证实", "подтвердило", "подтвердила"),
    _Verb("stated", "表示", "заявило", "заявила"),
    _Verb("published an article", "发表了一篇文章", "опубликовало статью", "опубликовала статью"),
)

DAYS: tuple[_Day, ...] = (
    _Day("on Monday", "周一", "в понедельник"),
    _Day("on Tuesday", "周二", "во вторник"),
    _Day("on Wednesday", "周三", "в среду"),
    _Day("on Thursday", "周四", "в четверг"),
    _Day("on Friday", "周五", "в пятницу"),
    _Day("on Saturday", "周六", "в субботу"),
    _Day("on Sunday", "周日", "в воскресенье"),
)

#: the days used by the second template ("... quoted a report by ..."), to keep the set small
_QUOTE_DAYS = DAYS[:3]

#: target-language tags the fixture learns, mirroring the OPUS-MT model of each direction
FIXTURE_TARGET_TAGS: dict[str, str] = {"en-zh": ">>cmn_Hans<<"}

FIXTURE_DIRECTIONS = ("en-zh", "zh-en", "en-ru", "ru-en", "zh-ru", "ru-zh")


def _sentences() -> Iterator[dict[str, str]]:
    """Every template sentence, as a dict of its en, zh and ru versions."""
    for agency in AGENCIES:
        for verb in VERBS:
            for day in DAYS:
                ru_verb = verb.ru_fem if agency.ru_fem else verb.ru
                yield {
                    "en": f"{agency.en} {verb.en} {day.en}.",
                    "zh": f"{agency.zh}{day.zh}{verb.zh}。",
                    "ru": f"{agency.ru} {ru_verb} {day.ru}.",
                }
    for agency in AGENCIES:
        for other in AGENCIES:
            if other is agency:
                continue
            for day in _QUOTE_DAYS:
                ru_verb = "процитировала" if agency.ru_fem else "процитировало"
                yield {
                    "en": f"{agency.en} quoted a report by {other.en} {day.en}.",
                    "zh": f"{agency.zh}{day.zh}引用了{other.zh}的报道。",
                    "ru": f"{agency.ru} {ru_verb} сообщение {other.ru_gen} {day.ru}.",
                }


def fixture_pairs(src_lang: str = "en", tgt_lang: str = "zh") -> list[tuple[str, str]]:
    """The (source, reference) training pairs of the fixture for one direction.

    >>> fixture_pairs("ru", "en")[0]
    ('Агентство Синьхуа сообщило в понедельник.', 'Xinhua reported on Monday.')
    """
    if f"{src_lang}-{tgt_lang}" not in FIXTURE_DIRECTIONS:
        raise ValueError(
            f"no fixture for {src_lang}-{tgt_lang}: choose one of {', '.join(FIXTURE_DIRECTIONS)}"
        )
    return [(s[src_lang], s[tgt_lang]) for s in _sentences()]


#: the en->zh training pairs; greedy decoding of the fixture reproduces each reference
FIXTURE_PAIRS: list[tuple[str, str]] = fixture_pairs("en", "zh")

# ---------------------------------------------------------------------- settings

#: BPE keeps English and Russian words whole; a unigram model of this tiny corpus
#: spends its pieces on long Chinese chunks and spells the other languages letter by
#: letter, which zh->en cannot learn in a few hundred steps
_SPM_TYPE = "bpe"
_VOCAB_SIZE = 300
_D_MODEL = 64
_FFN = 256
_MAX_POSITIONS = 128
_SEED = 1234
_THREADS = 1
_BATCH = 16
_LR = 3e-3
_MIN_STEPS = 100
_MAX_STEPS = 1500
_CHECK_EVERY = 25
_WARMUP = 30
_DECAY_STEPS = 1000
#: the smoothed training loss under which the exactness checks start
_CHECK_BELOW = 0.05
#: steps trained past the first perfect check, to widen the margins of the argmax
_EXTRA_STEPS = 100
#: below this share of exact greedy translations the build fails
_MIN_EXACT = 0.95

_META = "fixture.json"


def _cache_key(src_lang: str, tgt_lang: str) -> str:
    import sentencepiece
    import torch
    import transformers

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for version in (torch.__version__, transformers.__version__, sentencepiece.__version__):
        digest.update(version.encode())
    return f"marian-{src_lang}-{tgt_lang}-{digest.hexdigest()[:12]}"


def build_fixture_model(cache_dir: Path, src_lang: str = "en", tgt_lang: str = "zh") -> Path:
    """Return a folder holding the fixture model for ``src_lang -> tgt_lang``; build it if absent.

    The folder loads with ``MarianMTModel.from_pretrained`` and
    ``MarianTokenizer.from_pretrained``.  A cold en->zh build takes 15-20 s of CPU
    time on one thread; later calls return the cached folder at once.
    """
    fixture_pairs(src_lang, tgt_lang)  # validates the direction
    cache_dir = Path(cache_dir)
    final = cache_dir / _cache_key(src_lang, tgt_lang)
    if (final / _META).is_file():
        return final
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}-", dir=cache_dir))
    try:
        _build(tmp, src_lang, tgt_lang)
        try:
            tmp.rename(final)
        except OSError:
            # another process finished the same build first: keep theirs
            if not (final / _META).is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final


# ------------------------------------------------------------------------- build


def _train_spm(sentences: list[str], out: Path) -> None:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=model,
        model_type=_SPM_TYPE,
        vocab_size=_VOCAB_SIZE,
        hard_vocab_limit=False,
        character_coverage=1.0,
        input_sentence_size=len(sentences),
        shuffle_input_sentence=False,
        num_threads=1,
        unk_id=1,
        eos_id=0,
        bos_id=-1,
        pad_id=-1,
        minloglevel=2,
    )
    out.write_bytes(model.getvalue())


def _make_tokenizer(**kwargs: Any) -> Any:
    from transformers import MarianTokenizer

    with warnings.catch_warnings():
        # sacremoses serves only a normalizer that the tokenizer never calls
        warnings.filterwarnings("ignore", message=".*sacremoses.*")
        return MarianTokenizer(**kwargs)


def _build(out: Path, src_lang: str, tgt_lang: str) -> None:
    import sentencepiece as spm
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    started = time.perf_counter()
    cpu_started = time.process_time()
    pairs = fixture_pairs(src_lang, tgt_lang)
    tag = FIXTURE_TARGET_TAGS.get(f"{src_lang}-{tgt_lang}")

    # one shared sentencepiece model for both sides, as source.spm and target.spm
    work = out / "_work"
    work.mkdir()
    spm_path = work / "shared.spm"
    _train_spm([s for s, _ in pairs] + [t for _, t in pairs], spm_path)
    processor = spm.SentencePieceProcessor(model_file=str(spm_path))
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    extra = ([tag] if tag else []) + ["<pad>"]
    vocab = {piece: i for i, piece in enumerate(pieces + extra)}
    vocab_path = work / "vocab.json"
    vocab_path.write_text(json.dumps(vocab, ensure_ascii=False, indent=1), encoding="utf-8")
    tokenizer = _make_tokenizer(
        source_spm=str(spm_path),
        target_spm=str(spm_path),
        vocab=str(vocab_path),
        source_lang=src_lang,
        target_lang=tgt_lang,
        model_max_length=_MAX_POSITIONS,
    )
    # Marian's conventions: </s> is 0, <pad> is the last id and starts every decoding
    pad_id = vocab["<pad>"]
    if (tokenizer.pad_token_id, tokenizer.eos_token_id) != (pad_id, 0):
        raise RuntimeError(
            f"unexpected special ids: pad {tokenizer.pad_token_id}, eos {tokenizer.eos_token_id}"
        )

    # with a tag, every pair is learned with and without it, so both uses work
    sources = [s for s, _ in pairs]
    targets = [t for _, t in pairs]
    if tag:
        sources += [f"{tag} {s}" for s, _ in pairs]
        targets += targets[: len(pairs)]

    threads = torch.get_num_threads()
    torch.set_num_threads(_THREADS)
    try:
        torch.manual_seed(_SEED)
        config = MarianConfig(
            vocab_size=len(vocab),
            decoder_vocab_size=len(vocab),
            d_model=_D_MODEL,
            encoder_layers=2,
            decoder_layers=2,
            encoder_attention_heads=4,
            decoder_attention_heads=4,
            encoder_ffn_dim=_FFN,
            decoder_ffn_dim=_FFN,
            max_position_embeddings=_MAX_POSITIONS,
            dropout=0.0,
            activation_function="swish",
            scale_embedding=True,
            share_encoder_decoder_embeddings=True,
            tie_word_embeddings=True,
            pad_token_id=pad_id,
            decoder_start_token_id=pad_id,
            eos_token_id=0,
            forced_eos_token_id=0,
        )
        model: Any = MarianMTModel(config)
        steps, exact = _train(model, tokenizer, sources, targets, pad_id)
        model.eval()
        model.generation_config = GenerationConfig(  # type: ignore[no-untyped-call]
            decoder_start_token_id=pad_id,
            pad_token_id=pad_id,
            eos_token_id=0,
            forced_eos_token_id=0,
            bad_words_ids=[[pad_id]],
            num_beams=1,
            max_length=_MAX_POSITIONS,
        )
        greedy = _greedy_exact(model, tokenizer, sources, targets)
    finally:
        torch.set_num_threads(threads)

    if greedy < _MIN_EXACT:
        raise RuntimeError(
            f"the {src_lang}-{tgt_lang} fixture model reproduces only {greedy:.1%} of its "
            f"training pairs after {steps} steps; adjust the settings in {__file__}"
        )
    model.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    shutil.rmtree(work)
    out.chmod(0o755)  # mkdtemp made it private
    seconds = time.perf_counter() - started
    meta = {
        "direction": f"{src_lang}-{tgt_lang}",
        "pairs": len(pairs),
        "target_tag": tag,
        "vocab_size": len(vocab),
        "steps": steps,
        "teacher_forced_exact": exact,
        "greedy_exact": greedy,
        "build_seconds": round(seconds, 1),
        "build_cpu_seconds": round(time.process_time() - cpu_started, 1),
    }
    (out / _META).write_text(json.dumps(meta, indent=1), encoding="utf-8")
    logger.info("built the %s-%s fixture model in %.1f s: %s", src_lang, tgt_lang, seconds, meta)


def _encode(tokenizer: Any, sources: list[str], targets: list[str], pad_id: int) -> Any:
    batch = tokenizer(sources, text_target=targets, padding=True, return_tensors="pt")
    labels = batch["labels"]
    labels[labels == pad_id] = -100
    return batch


def _train(
    model: Any, tokenizer: Any, sources: list[str], targets: list[str], pad_id: int
) -> tuple[int, float]:
    """Train until teacher-forced argmax matches every target token; return (steps, exactness).

    Exact argmax under teacher forcing at every position (the end token included)
    means greedy decoding reproduces the target exactly.
    """
    import torch

    full = _encode(tokenizer, sources, targets, pad_id)
    generator = torch.Generator().manual_seed(_SEED)
    optimizer = torch.optim.AdamW(model.parameters(), lr=_LR, weight_decay=0.0, foreach=True)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, _lr_factor)
    n = len(sources)
    perfect_at: int | None = None
    smooth: float | None = None
    exact = 0.0
    step = 0
    order = torch.randperm(n, generator=generator)
    cursor = 0
    while step < _MAX_STEPS:
        model.train()
        if cursor + _BATCH > n:
            order = torch.randperm(n, generator=generator)
            cursor = 0
        idx = order[cursor : cursor + _BATCH]
        cursor += _BATCH
        batch = _trim({k: v[idx] for k, v in full.items()})
        loss = model(**batch).loss
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        step += 1
        if perfect_at is not None:
            if step >= perfect_at + _EXTRA_STEPS:
                break
            continue
        smooth = loss.item() if smooth is None else 0.9 * smooth + 0.1 * loss.item()
        if step >= _MIN_STEPS and step % _CHECK_EVERY == 0 and smooth < _CHECK_BELOW:
            exact = _teacher_forced_exact(model, full)
            logger.debug("step %d: loss %.4f, exact %.3f", step, smooth, exact)
            if exact == 1.0:
                perfect_at = step
    return step, exact


def _lr_factor(step: int) -> float:
    """A linear warm-up, then a slow linear decay (to a tenth at ``_MAX_STEPS``)."""
    if step < _WARMUP:
        return (step + 1) / _WARMUP
    return max(0.1, 1.0 - 0.9 * (step - _WARMUP) / (_DECAY_STEPS - _WARMUP))


def _trim(batch: dict[str, Any]) -> dict[str, Any]:
    """Cut the columns that are padding in every row of a sub-batch."""
    src = int(batch["attention_mask"].sum(-1).max())
    tgt = int((batch["labels"] != -100).sum(-1).max())
    return {
        "input_ids": batch["input_ids"][:, :src].contiguous(),
        "attention_mask": batch["attention_mask"][:, :src].contiguous(),
        "labels": batch["labels"][:, :tgt].contiguous(),
    }


def _teacher_forced_exact(model: Any, full: Any) -> float:
    import torch

    model.eval()
    with torch.inference_mode():
        logits = model(**full).logits
    labels = full["labels"]
    mask = labels != -100
    right = (logits.argmax(-1) == labels) | ~mask
    return float(right.all(-1).float().mean())


def _greedy_exact(model: Any, tokenizer: Any, sources: list[str], targets: list[str]) -> float:
    import torch

    hits = 0
    with torch.inference_mode():
        for start in range(0, len(sources), 128):
            chunk = sources[start : start + 128]
            enc = tokenizer(chunk, return_tensors="pt", padding=True)
            out = model.generate(**enc, num_beams=1, do_sample=False, max_new_tokens=64)
            texts = tokenizer.batch_decode(out, skip_special_tokens=True)
            hits += sum(t == r for t, r in zip(texts, targets[start : start + 128], strict=True))
    return hits / len(sources)


def _main() -> None:  # pragma: no cover - a manual helper
    import sys

    logging.basicConfig(level=logging.DEBUG)
    cache = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".cache/test-fixtures")
    direction = sys.argv[2] if len(sys.argv) > 2 else "en-zh"
    src, _, tgt = direction.partition("-")
    started = time.perf_counter()
    path = build_fixture_model(cache, src, tgt)
    sys.stdout.write(f"{path} in {time.perf_counter() - started:.1f} s\n")
    sys.stdout.write((path / _META).read_text(encoding="utf-8") + "\n")


if __name__ == "__main__":  # pragma: no cover
    _main()
