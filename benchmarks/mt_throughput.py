"""Machine-translation throughput: plain transformers against the workbench engine.

Builds a full-size Marian model with the OPUS-MT dimensions, set explicitly
(d_model 512, 6 + 6 layers, 8 heads, FFN 2048, a 58,101-entry vocabulary:
74M parameters; ``MarianConfig``'s own defaults are a much larger model) with
random weights, and a sentencepiece model trained on English news.  It then
translates the same 300 English news sentences (newstest2019 from
``../shared/data``) with

(a) the baseline: transformers, float32, greedy, batches of 16 in file order;
(b) the workbench engine at its best settings: CTranslate2 int8, inputs sorted
    by length and batched under a token budget, all cores.

Both are forced to the same output length (``--new-tokens``, as minimum and
maximum), so both produce the same number of tokens; the script counts them and
prints tokens per second for each and the ratio, from one run.  With CUDA the
engine runs on the GPU and the card is named.

    python benchmarks/mt_throughput.py [--sentences 300] [--new-tokens 40]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "parallel"
SOURCE = DATA / "ntrex128" / "newstest2019-src.eng.txt"
SPM_CORPUS = [DATA / "eng-zho" / f"newstest{year}.eng" for year in (2017, 2018)]

VOCAB = 58101  # opus-mt-zh-en's vocabulary size
DIMS: dict[str, Any] = {
    "d_model": 512,
    "encoder_layers": 6,
    "decoder_layers": 6,
    "encoder_attention_heads": 8,
    "decoder_attention_heads": 8,
    "encoder_ffn_dim": 2048,
    "decoder_ffn_dim": 2048,
    "max_position_embeddings": 512,
}


def build_model(folder: Path) -> Path:
    """A random-weight OPUS-MT-sized Marian model with a news sentencepiece vocabulary."""
    import sentencepiece as spm
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    if (folder / "model.safetensors").is_file():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    lines = [ln.strip() for p in SPM_CORPUS for ln in p.read_text("utf-8").splitlines()]
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([ln for ln in lines if ln]),
        model_writer=buffer,
        vocab_size=8000,
        model_type="unigram",
        unk_id=1,
        eos_id=0,
        bos_id=-1,
        pad_id=-1,
        minloglevel=2,
        num_threads=os.cpu_count() or 1,
    )
    for name in ("source.spm", "target.spm"):
        (folder / name).write_bytes(buffer.getvalue())
    processor = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    pieces += [f"<unused{i}>" for i in range(VOCAB - 1 - len(pieces))] + ["<pad>"]
    vocab = {piece: i for i, piece in enumerate(pieces)}
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*sacremoses.*")
        tokenizer = MarianTokenizer(
            source_spm=str(folder / "source.spm"),
            target_spm=str(folder / "target.spm"),
            vocab=str(folder / "vocab.json"),
            source_lang="en",
            target_lang="zh",
            model_max_length=512,
        )
    pad = vocab["<pad>"]
    torch.manual_seed(0)
    config = MarianConfig(
        vocab_size=VOCAB,
        decoder_vocab_size=VOCAB,
        **DIMS,
        activation_function="swish",
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
    )
    model: Any = MarianMTModel(config)
    model.generation_config = GenerationConfig(  # type: ignore[no-untyped-call]
        decoder_start_token_id=pad, pad_token_id=pad, eos_token_id=0, bad_words_ids=[[pad]]
    )
    model.save_pretrained(str(folder))
    tokenizer.save_pretrained(str(folder))
    return folder


def baseline(folder: Path, sentences: list[str], new_tokens: int) -> tuple[int, float]:
    """Plain transformers: float32, greedy, batch 16 in file order. Returns (tokens, seconds)."""
    import torch
    from transformers import MarianMTModel, MarianTokenizer

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*sacremoses.*")
        tokenizer: Any = MarianTokenizer.from_pretrained(str(folder))
    device = "cuda" if torch.cuda.is_available() else "cpu"
    loaded: Any = MarianMTModel.from_pretrained(str(folder))
    model: Any = loaded.to(device).eval()
    pad = tokenizer.pad_token_id
    tokens = 0
    started = time.perf_counter()
    with torch.inference_mode():
        for start in range(0, len(sentences), 16):
            batch = tokenizer(sentences[start : start + 16], return_tensors="pt", padding=True)
            out = model.generate(
                **batch.to(device),
                num_beams=1,
                do_sample=False,
                min_new_tokens=new_tokens,
                max_new_tokens=new_tokens,
            )
            tokens += int((out[:, 1:] != pad).sum())
    if device == "cuda":
        torch.cuda.synchronize()
    return tokens, time.perf_counter() - started


class _Counting:
    """Wraps a CTranslate2 translator and counts the tokens it generates."""

    def __init__(self, translator: Any) -> None:
        self.translator = translator
        self.tokens = 0

    def translate_batch(self, *args: Any, **kwargs: Any) -> Any:
        results = self.translator.translate_batch(*args, **kwargs)
        self.tokens += sum(len(r.hypotheses[0]) for r in results)
        return results


def workbench(
    folder: Path, sentences: list[str], new_tokens: int, threads: int, batch_size: int
) -> tuple[int, float, str]:
    """The workbench CT2 engine, int8, sorted batches. Returns (tokens, seconds, settings)."""
    from workbench.engines.ct2 import CT2Engine
    from workbench.engines.manage import convert_resolved
    from workbench.engines.models import ResolvedModel

    resolved = ResolvedModel(folder, "opus-mt-sized-random")
    converted = convert_resolved(resolved, quantization="int8", out=folder / "ct2-int8")
    engine = CT2Engine(
        resolved,
        "en",
        "zh",
        converted=converted,
        target_tag="",
        threads=threads,
        batch_size=batch_size,
        min_new_tokens=new_tokens,
        max_new_tokens=new_tokens,
    )
    counter = _Counting(engine._translator)
    engine._translator = counter
    engine.translate(sentences[:8])  # warm-up, not counted
    counter.tokens = 0
    started = time.perf_counter()
    engine.translate(sentences)
    seconds = time.perf_counter() - started
    settings = (
        f"CTranslate2 {engine.compute_type} on {engine.device}, {engine.threads} threads, "
        f"batch ≤ {engine.batch_size} sentences / {engine.max_batch_tokens} tokens, sorted"
    )
    return counter.tokens, seconds, settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=300)
    parser.add_argument("--new-tokens", type=int, default=40)
    parser.add_argument("--threads", type=int, default=0, help="engine threads (0: all cores)")
    parser.add_argument("--batch-size", type=int, default=64, help="engine batch size")
    parser.add_argument(
        "--model-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "workbench-bench-marian",
        help="where the random model is built and kept between runs",
    )
    args = parser.parse_args(argv)
    if not SOURCE.is_file():
        print(f"{SOURCE} is absent: this benchmark needs ../shared/data", file=sys.stderr)
        return 2
    import torch

    from workbench.engines.ct2 import cuda_available, default_threads

    lines = [ln.strip() for ln in SOURCE.read_text("utf-8").splitlines() if ln.strip()]
    sentences = lines[: args.sentences]
    folder = build_model(args.model_dir)
    params = sum(
        p.numel()
        for p in __import__("transformers").MarianMTModel.from_pretrained(str(folder)).parameters()
    )
    threads = args.threads or default_threads()
    card = torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
        f"GPU: {card or 'none'} (CTranslate2 CUDA: {cuda_available()})"
    )
    print(f"model: random-weight Marian, {params / 1e6:.1f}M parameters, {DIMS}, vocab {VOCAB}")
    print(f"input: {len(sentences)} sentences of {SOURCE.name}; {args.new_tokens} new tokens each")
    base_tokens, base_s = baseline(folder, sentences, args.new_tokens)
    wb_tokens, wb_s, settings = workbench(
        folder, sentences, args.new_tokens, threads, args.batch_size
    )
    base_rate, wb_rate = base_tokens / base_s, wb_tokens / wb_s
    print(f"{'':12} {'tokens':>8} {'seconds':>8} {'tokens/s':>9}")
    print(
        f"{'baseline':12} {base_tokens:8d} {base_s:8.1f} {base_rate:9.1f}"
        "   transformers float32, greedy, batch 16, file order, "
        f"torch {torch.get_num_threads()} threads"
    )
    print(f"{'workbench':12} {wb_tokens:8d} {wb_s:8.1f} {wb_rate:9.1f}   {settings}")
    print(f"ratio: {wb_rate / base_rate:.2f}x")
    if base_tokens != wb_tokens:
        print("warning: the two produced different token counts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
