"""MarianMT through CTranslate2: the same OPUS-MT models, converted, several times faster.

The tokenization is the model's own :class:`~transformers.MarianTokenizer` (so
the tokens match the transformers engine's exactly); decoding runs in
CTranslate2, int8-quantized on CPU by default.  A conversion is made with
``workbench models convert en-zh`` and found next to the model
(:func:`workbench.engines.manage.find_converted`).  One translator is safe to
share between threads: CTranslate2 queues concurrent calls itself.

>>> engine = CT2Engine(src_lang="en", tgt_lang="zh")  # doctest: +SKIP
>>> engine.translate(["Xinhua reported on Monday."])[0].text  # doctest: +SKIP
'新华社周一报道。'
"""

from __future__ import annotations

import logging
import os
import time
import warnings
from pathlib import Path
from typing import Any

from workbench.engines.base import Engine
from workbench.engines.manage import find_converted
from workbench.engines.models import ResolvedModel, resolve_model
from workbench.errors import EngineError, ModelNotFoundError
from workbench.model import Provenance

logger = logging.getLogger(__name__)


def cuda_available() -> bool:
    """Whether CTranslate2 sees a CUDA device."""
    import ctranslate2

    try:
        return bool(ctranslate2.get_cuda_device_count() > 0)
    except RuntimeError:
        return False


def default_threads() -> int:
    """Threads for one translation on CPU: every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class CT2Engine(Engine):
    """Translate with the CTranslate2 conversion of a Marian model.

    ``model`` is found as for :class:`~workbench.engines.marian.MarianEngine`;
    ``converted`` is the conversion's folder (default: the one found next to the
    model).  ``compute_type`` ``"default"`` keeps the conversion's quantization.
    ``min_new_tokens`` forces a minimum output length (benchmarks use it).
    """

    name = "ct2"

    def __init__(
        self,
        model: str | Path | ResolvedModel | None = None,
        src_lang: str = "en",
        tgt_lang: str = "zh",
        *,
        batch_size: int = 32,
        num_beams: int = 1,
        max_new_tokens: int = 256,
        min_new_tokens: int = 0,
        device: str | None = None,
        target_tag: str | None = None,
        converted: str | Path | None = None,
        compute_type: str = "default",
        threads: int | None = None,
        max_batch_tokens: int | None = None,
    ) -> None:
        super().__init__(src_lang, tgt_lang, batch_size=batch_size)
        if num_beams < 1:
            raise EngineError(f"num_beams must be at least 1, not {num_beams}")
        if max_new_tokens < 1:
            raise EngineError(f"max_new_tokens must be at least 1, not {max_new_tokens}")
        try:
            import ctranslate2
        except ImportError as exc:
            raise EngineError(
                "the ct2 engine needs ctranslate2: pip install 'ctranslate2>=4.5', "
                "or use the marian engine"
            ) from exc
        from workbench.engines.marian import choose_target_tag

        self.num_beams = num_beams
        self.min_new_tokens = max(0, min_new_tokens)
        if max_batch_tokens is not None:
            self.max_batch_tokens = max_batch_tokens
        self.resolved = resolve_model(model, src_lang, tgt_lang)
        self.model_name = self.resolved.name
        folder = Path(converted) if converted is not None else find_converted(self.resolved)
        if folder is None or not (folder / "model.bin").is_file():
            pair = f"{src_lang}-{tgt_lang}"
            where = f" in {folder}" if folder is not None else ""
            raise ModelNotFoundError(
                f"no CTranslate2 conversion of {self.model_name}{where}: run "
                f"`workbench models convert {pair}`, or use the marian engine"
            )
        self.converted = folder
        if device is None:
            device = "cuda" if cuda_available() else "cpu"
        elif device.startswith("cuda") and not cuda_available():
            raise EngineError(f"device {device!r} asked for, but CUDA is not available: use cpu")
        if device not in ("cpu", "cuda") and not device.startswith("cuda:"):
            raise EngineError(f"unknown device {device!r}: use cpu, cuda or cuda:N")
        kind, _, index = device.partition(":")
        self.device = device
        self.threads = threads if threads is not None else default_threads()
        started = time.perf_counter()
        self._tokenizer = self._load_tokenizer(self.resolved.path)
        try:
            self._translator: Any = ctranslate2.Translator(
                str(folder),
                device=kind,
                device_index=int(index or 0),
                compute_type=compute_type,
                inter_threads=1,
                intra_threads=self.threads if kind == "cpu" else 0,
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineError(f"cannot load the CTranslate2 model from {folder}: {exc}") from exc
        self.compute_type = str(self._translator.compute_type)
        self.target_tag = choose_target_tag(
            self._tokenizer, self.resolved, self.model_name, tgt_lang, target_tag
        )
        # conversions that keep <pad> start from it and must never emit it
        pad = self._tokenizer.pad_token
        self._suppress = [[pad]] if pad and _in_vocabulary(folder, pad) else None
        positions = _max_positions(self.resolved.path)
        self.max_input_tokens = min(int(self._tokenizer.model_max_length), positions)
        self.max_new_tokens = min(max_new_tokens, positions - 1)
        logger.info(
            "loaded %s (CTranslate2 %s, %s) on %s in %.1f s",
            self.model_name,
            self.compute_type,
            folder,
            self.device,
            time.perf_counter() - started,
        )

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.model_name!r}, {self.src_lang!r}, {self.tgt_lang!r}, "
            f"device={self.device!r}, compute_type={self.compute_type!r})"
        )

    @staticmethod
    def _load_tokenizer(path: Path) -> Any:
        from transformers import MarianTokenizer

        try:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=".*sacremoses.*")
                return MarianTokenizer.from_pretrained(str(path))
        except Exception as exc:  # assertions, KeyErrors and OSErrors alike
            raise EngineError(f"cannot load the Marian tokenizer from {path}: {exc}") from exc

    def _prefixed(self, texts: list[str]) -> list[str]:
        prefix = f"{self.target_tag} " if self.target_tag else ""
        return [prefix + text for text in texts]

    def _ids(self, texts: list[str]) -> list[list[int]]:
        ids: list[list[int]] = self._tokenizer(self._prefixed(texts), truncation=False)["input_ids"]
        return ids

    def _lengths(self, texts: list[str]) -> list[int]:
        return [len(row) for row in self._ids(texts)]

    def _max_input_length(self) -> int | None:
        return self.max_input_tokens

    def _translate_batch(self, texts: list[str]) -> list[str]:
        tokens = [self._tokenizer.convert_ids_to_tokens(row) for row in self._ids(texts)]
        results = self._translator.translate_batch(
            tokens,
            beam_size=self.num_beams,
            max_decoding_length=self.max_new_tokens,
            min_decoding_length=self.min_new_tokens,
            max_input_length=0,
            return_scores=False,
            suppress_sequences=self._suppress,
        )
        ids = [self._tokenizer.convert_tokens_to_ids(r.hypotheses[0]) for r in results]
        decoded: list[str] = self._tokenizer.batch_decode(ids, skip_special_tokens=True)
        return [text.strip() for text in decoded]

    def _provenance(self) -> Provenance:
        return Provenance.machine(
            self.name,
            self.model_name,
            num_beams=self.num_beams,
            max_new_tokens=self.max_new_tokens,
            device=self.device,
            target_tag=self.target_tag,
            compute_type=self.compute_type,
        )


def _in_vocabulary(folder: Path, token: str) -> bool:
    import json

    for name in ("shared_vocabulary.json", "target_vocabulary.json"):
        try:
            return token in json.loads((folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return False


def _max_positions(folder: Path) -> int:
    import json

    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        return int(config.get("max_position_embeddings") or 512)
    except (OSError, ValueError, TypeError):
        return 512


__all__ = ["CT2Engine", "cuda_available", "default_threads"]
