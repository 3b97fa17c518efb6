"""MarianMT through transformers: the OPUS-MT models of Helsinki-NLP.

This module imports torch and transformers; the engine registry imports it only
when the ``marian`` engine is asked for.

>>> engine = MarianEngine(src_lang="en", tgt_lang="zh")  # doctest: +SKIP
>>> engine.translate(["Xinhua reported on Monday."])[0].text  # doctest: +SKIP
'新华社周一报道。'
"""

from __future__ import annotations

import logging
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import torch

from workbench.engines.base import Engine
from workbench.engines.models import ResolvedModel, resolve_model
from workbench.errors import EngineError
from workbench.model import Provenance

logger = logging.getLogger(__name__)

#: target tags tried, in order, for a multilingual model given no tag
PREFERRED_TAGS: dict[str, tuple[str, ...]] = {
    "zh": (">>cmn_Hans<<", ">>zho_Hans<<", ">>cmn<<", ">>zho<<", ">>zh<<"),
    "ru": (">>rus<<", ">>ru<<"),
    "en": (">>eng<<", ">>en<<"),
}


def choose_device(device: str | None) -> str:
    """``device`` checked, or ``"cuda"`` when a GPU is available and ``"cpu"`` otherwise."""
    if device is None:
        return "cuda" if torch.cuda.is_available() else "cpu"
    try:
        parsed = torch.device(device)
    except (RuntimeError, ValueError, TypeError):
        raise EngineError(f"unknown device {device!r}: use cpu, cuda or cuda:N") from None
    if parsed.type == "cuda" and not torch.cuda.is_available():
        raise EngineError(f"device {device!r} asked for, but CUDA is not available: use cpu")
    return str(parsed)


def _normalize_tag(tag: str) -> str:
    tag = tag.strip()
    if tag and not (tag.startswith(">>") and tag.endswith("<<")):
        tag = f">>{tag}<<"
    return tag


def choose_target_tag(
    tokenizer: Any, resolved: ResolvedModel, model_name: str, tgt_lang: str, requested: str | None
) -> str | None:
    """The tag put in front of every input of a multilingual Marian model, or ``None``."""
    vocab = tokenizer.encoder
    codes: list[str] = list(getattr(tokenizer, "supported_language_codes", []))
    if requested is not None:
        tag = _normalize_tag(requested)
        if not tag:
            return None
        if tag not in vocab:
            choices = (
                f"choose one of {', '.join(codes)}"
                if codes
                else "this model takes no target tag: leave target_tag unset"
            )
            raise EngineError(
                f"target tag {tag!r} is not in the vocabulary of {model_name}: {choices}"
            )
        return tag
    if resolved.target_tag and resolved.target_tag in vocab:
        return resolved.target_tag
    if not codes:
        return None
    for tag in PREFERRED_TAGS.get(tgt_lang, ()):
        if tag in vocab:
            return tag
    raise EngineError(
        f"{model_name} is a multilingual model with no target tag for "
        f"{tgt_lang!r}: pass target_tag= one of {', '.join(codes)}"
    )


class MarianEngine(Engine):
    """Translate with a Marian model (an OPUS-MT folder or Hub id) on CPU or GPU.

    ``model`` is a folder, a Hub id or ``None`` for the direction's default (see
    :func:`workbench.engines.models.resolve_model`).  ``target_tag`` is put in
    front of every input of a multilingual model: ``None`` picks it from the
    default-model table or the model's vocabulary (``>>cmn_Hans<<`` for
    Chinese), ``""`` sends none.  Decoding is greedy with ``num_beams=1``.

    >>> engine = MarianEngine("models/en-zh", "en", "zh", num_beams=4)  # doctest: +SKIP
    >>> [t.text for t in engine.translate(["RIA Novosti reported on Friday."])]  # doctest: +SKIP
    ['俄新社周五报道。']
    """

    name = "marian"

    def __init__(
        self,
        model: str | Path | ResolvedModel | None = None,
        src_lang: str = "en",
        tgt_lang: str = "zh",
        *,
        batch_size: int = 16,
        num_beams: int = 1,
        max_new_tokens: int = 256,
        device: str | None = None,
        target_tag: str | None = None,
    ) -> None:
        super().__init__(src_lang, tgt_lang, batch_size=batch_size)
        if num_beams < 1:
            raise EngineError(f"num_beams must be at least 1, not {num_beams}")
        if max_new_tokens < 1:
            raise EngineError(f"max_new_tokens must be at least 1, not {max_new_tokens}")
        self.num_beams = num_beams
        self.device = choose_device(device)
        self.resolved: ResolvedModel = resolve_model(model, src_lang, tgt_lang)
        self.model_name = self.resolved.name
        started = time.perf_counter()
        self._tokenizer, self._model = self._load(self.resolved.path)
        self.target_tag = self._choose_target_tag(target_tag)
        positions = int(getattr(self._model.config, "max_position_embeddings", 512) or 512)
        self.max_input_tokens = min(int(self._tokenizer.model_max_length), positions)
        # the decoder start token takes one position
        self.max_new_tokens = min(max_new_tokens, positions - 1)
        if self.max_new_tokens < max_new_tokens:
            logger.info(
                "%s: max_new_tokens lowered from %d to %d, the model's output limit",
                self.model_name,
                max_new_tokens,
                self.max_new_tokens,
            )
        self._lock = threading.Lock()
        logger.info(
            "loaded %s (%s, %s) on %s in %.1f s, target tag %s",
            self.model_name,
            self.resolved.origin,
            self.resolved.path,
            self.device,
            time.perf_counter() - started,
            self.target_tag,
        )

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.model_name!r}, {self.src_lang!r}, {self.tgt_lang!r}, "
            f"device={self.device!r}, num_beams={self.num_beams})"
        )

    # ------------------------------------------------------------------ loading

    def _load(self, path: Path) -> tuple[Any, Any]:
        from transformers import MarianMTModel, MarianTokenizer

        try:
            with warnings.catch_warnings():
                # MarianTokenizer asks for sacremoses, which it uses only in a method we never call
                warnings.filterwarnings("ignore", message=".*sacremoses.*")
                tokenizer: Any = MarianTokenizer.from_pretrained(str(path))
        except Exception as exc:  # the tokenizer raises assertions, KeyErrors and OSErrors alike
            raise EngineError(f"cannot load the Marian tokenizer from {path}: {exc}") from exc
        try:
            model: Any = MarianMTModel.from_pretrained(str(path))
            model.to(self.device)
        except Exception as exc:  # corrupt weights, shapes that do not fit, device errors
            raise EngineError(f"cannot load the Marian model from {path}: {exc}") from exc
        model.eval()
        # OPUS-MT generation configs set max_length; max_new_tokens replaces it here, and
        # leaving both makes every generate() call warn
        model.generation_config.max_length = None
        return tokenizer, model

    def _choose_target_tag(self, requested: str | None) -> str | None:
        return choose_target_tag(
            self._tokenizer, self.resolved, self.model_name, self.tgt_lang, requested
        )

    # -------------------------------------------------------------- translating

    def _prefixed(self, texts: list[str]) -> list[str]:
        prefix = f"{self.target_tag} " if self.target_tag else ""
        return [prefix + text for text in texts]

    def _lengths(self, texts: list[str]) -> list[int]:
        ids = self._tokenizer(self._prefixed(texts), truncation=False)["input_ids"]
        return [len(row) for row in ids]

    def _max_input_length(self) -> int | None:
        return self.max_input_tokens

    def _translate_batch(self, texts: list[str]) -> list[str]:
        inputs = self._prefixed(texts)
        with self._lock, torch.inference_mode():
            # the base class split every text to fit, so truncation never cuts here
            batch = self._tokenizer(
                inputs,
                return_tensors="pt",
                padding=True,
                truncation=True,
                max_length=self.max_input_tokens,
            )
            batch = batch.to(self.device)
            output = self._model.generate(
                **batch,
                num_beams=self.num_beams,
                do_sample=False,
                max_new_tokens=self.max_new_tokens,
            )
        decoded: list[str] = self._tokenizer.batch_decode(
            output, skip_special_tokens=True, use_source_tokenizer=False
        )
        return [text.strip() for text in decoded]

    def _provenance(self) -> Provenance:
        return Provenance.machine(
            self.name,
            self.model_name,
            num_beams=self.num_beams,
            max_new_tokens=self.max_new_tokens,
            device=self.device,
            target_tag=self.target_tag,
        )


__all__ = ["PREFERRED_TAGS", "MarianEngine", "choose_device", "choose_target_tag"]
