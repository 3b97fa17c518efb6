"""Installed models: list, pull, import, convert (CTranslate2) and remove.

Models live in :func:`workbench.engines.models.models_dir`, one folder per
direction (``en-zh``); a CTranslate2 conversion lies inside its model folder as
``ct2-int8/`` (or ``ct2-float32/``...), so copying the folder copies both.  A
model found elsewhere (the Hugging Face cache, a folder given with ``--model``)
gets its conversion in ``<models_dir>/ct2/<name>-<quantization>/``.

Nothing here imports torch, transformers or ctranslate2 until a conversion runs.

>>> converted_name("int8")
'ct2-int8'
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.engines.models import (
    DEFAULT_MODELS,
    ResolvedModel,
    check_model_folder,
    missing_model_files,
    models_dir,
    pair_name,
    pull_model,
    resolve_model,
)
from workbench.errors import EngineError, ModelNotFoundError

logger = logging.getLogger(__name__)

#: quantizations offered by ``workbench models convert``, best first when several exist
QUANTIZATIONS: tuple[str, ...] = ("int8", "int8_float32", "float16", "float32")
#: the file every CTranslate2 model folder holds
CT2_WEIGHTS = "model.bin"
#: tokenizer files copied next to a conversion, so it is complete on its own
_TOKENIZER_FILES = (
    "source.spm",
    "target.spm",
    "vocab.json",
    "target_vocab.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "generation_config.json",
)
_META = "workbench.json"
_PAIR = re.compile(r"^[a-z]{2,3}-[a-z]{2,3}$")


@dataclass(frozen=True)
class InstalledModel:
    """A model in the models dir: its direction, name, backends and size on disk."""

    pair: str
    name: str
    path: Path
    backends: list[str] = field(default_factory=list)
    size: int = 0


def converted_name(quantization: str) -> str:
    """The folder name of a CTranslate2 conversion with ``quantization``."""
    return f"ct2-{quantization}"


def _is_converted(folder: Path) -> bool:
    return (folder / CT2_WEIGHTS).is_file()


def _under_models_dir(folder: Path) -> bool:
    try:
        folder.resolve().relative_to(models_dir().resolve())
    except ValueError:
        return False
    return True


def _external_dir(resolved: ResolvedModel, quantization: str) -> Path:
    safe = re.sub(r"[^\w.-]+", "--", resolved.name).strip("-") or "model"
    return models_dir() / "ct2" / f"{safe}-{quantization}"


def conversion_dir(resolved: ResolvedModel, quantization: str = "int8") -> Path:
    """Where the conversion of ``resolved`` with ``quantization`` goes."""
    if _under_models_dir(resolved.path):
        return resolved.path / converted_name(quantization)
    return _external_dir(resolved, quantization)


def find_converted(resolved: ResolvedModel) -> Path | None:
    """The CTranslate2 conversion of ``resolved`` (int8 preferred), or ``None``."""
    for quantization in QUANTIZATIONS:
        for folder in (
            resolved.path / converted_name(quantization),
            _external_dir(resolved, quantization),
        ):
            if _is_converted(folder):
                return folder
    return None


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _meta(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / _META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def list_models() -> list[InstalledModel]:
    """The models in :func:`models_dir`, sorted by direction."""
    root = models_dir()
    if not root.is_dir():
        return []
    found: list[InstalledModel] = []
    for folder in sorted(root.iterdir()):
        if not folder.is_dir() or folder.name.startswith(".") or folder.name == "ct2":
            continue
        if missing_model_files(folder):
            continue
        meta = _meta(folder)
        pair = str(meta.get("pair") or folder.name)
        spec = DEFAULT_MODELS.get(pair)
        name = str(meta.get("name") or (spec.hub_id if spec else folder.name))
        backends = ["transformers"] + [
            sub.name for sub in sorted(folder.iterdir()) if sub.is_dir() and _is_converted(sub)
        ]
        found.append(InstalledModel(pair, name, folder, backends, _size(folder)))
    external = root / "ct2"
    if external.is_dir():
        for folder in sorted(external.iterdir()):
            if _is_converted(folder):
                meta = _meta(folder)
                found.append(
                    InstalledModel(
                        str(meta.get("pair", "?")),
                        str(meta.get("name", folder.name)),
                        folder,
                        [converted_name(str(meta.get("quantization", "int8")))],
                        _size(folder),
                    )
                )
    return found


def _split_pair(pair: str) -> tuple[str, str]:
    if not _PAIR.match(pair):
        raise EngineError(f"{pair!r} is not a direction: write it like en-zh")
    src, tgt = pair.split("-")
    pair_name(src, tgt)
    return src, tgt


def pull(pair: str, model: str | None = None, *, tqdm_class: Any = None) -> Path:
    """Download the model of ``pair`` (offline: a clear error within seconds)."""
    src, tgt = _split_pair(pair)
    return pull_model(src, tgt, model, tqdm_class=tqdm_class)


def _install(tmp: Path, dest: Path, meta: Mapping[str, str | None]) -> None:
    """Put the model folder built in ``tmp`` at ``dest`` with its ``meta``: a reader sees
    the old folder or the whole new one, never half of it."""
    (tmp / _META).write_text(json.dumps(meta, indent=1), encoding="utf-8")
    tmp.chmod(0o755)
    if dest.exists():
        shutil.rmtree(dest)
    tmp.rename(dest)


def import_model(source: Path, pair: str, *, name: str | None = None, force: bool = False) -> Path:
    """Copy the model folder ``source`` (from another machine) into the models dir as ``pair``."""
    _split_pair(pair)
    source = Path(source).expanduser()
    check_model_folder(source)
    dest = models_dir() / pair
    if dest.exists() and not force:
        raise EngineError(
            f"a {pair} model is already installed in {dest}: remove it first with "
            f"`workbench models remove {pair}`, or import with --force"
        )
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{pair}-", dir=dest.parent))
    try:
        shutil.copytree(source, tmp, dirs_exist_ok=True, symlinks=False)
        spec = DEFAULT_MODELS.get(pair)
        meta = {
            "pair": pair,
            "name": name or (spec.hub_id if spec else source.resolve().name),
            "imported_from": str(source.resolve()),
        }
        _install(tmp, dest, meta)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    logger.info("imported %s as %s into %s", source, pair, dest)
    return dest


_LOADER_LOCK = threading.Lock()


@contextmanager
def _exact_marian_loader() -> Iterator[None]:
    """Convert Marian models so that CTranslate2 decodes exactly as transformers does.

    CTranslate2's own Marian loader drops ``<pad>`` and starts the decoder from a
    zero vector, which equals transformers only where the ``<pad>`` embedding is
    zero (true of OPUS-MT, not of every Marian model, such as one with tied
    embeddings trained here).  This loader keeps ``<pad>`` and starts from it as
    transformers does; the engine forbids generating it, as ``bad_words_ids`` does.
    """
    from ctranslate2.converters import transformers as ct2_transformers

    base: Any = ct2_transformers.MarianMTLoader
    bart: Any = ct2_transformers.BartLoader

    class ExactMarianLoader(base):  # type: ignore[misc]
        def get_model_spec(self, model: Any) -> Any:
            model.config.normalize_before = False
            model.config.normalize_embedding = False
            return bart.get_model_spec(self, model)

        def set_config(self, config: Any, model: Any, tokenizer: Any) -> None:
            config.eos_token = tokenizer.eos_token
            config.unk_token = tokenizer.unk_token
            config.decoder_start_token = tokenizer.pad_token

        def set_decoder(self, spec: Any, decoder: Any) -> None:
            bart.set_decoder(self, spec, decoder)

        def get_vocabulary(self, model: Any, tokenizer: Any) -> Any:
            return bart.get_vocabulary(self, model, tokenizer)

    loaders: Any = ct2_transformers._MODEL_LOADERS
    with _LOADER_LOCK:
        original = loaders["MarianConfig"]
        loaders["MarianConfig"] = ExactMarianLoader()
        try:
            yield
        finally:
            loaders["MarianConfig"] = original


def convert_model(
    pair: str,
    *,
    model: str | Path | None = None,
    quantization: str = "int8",
    force: bool = False,
) -> Path:
    """Convert the ``pair`` model to CTranslate2 with ``quantization``; return the folder.

    The model is found as translation finds it (never downloaded); an existing
    conversion is kept unless ``force``.
    """
    if quantization not in QUANTIZATIONS:
        raise EngineError(
            f"unknown quantization {quantization!r}: choose one of {', '.join(QUANTIZATIONS)}"
        )
    src, tgt = _split_pair(pair)
    resolved = resolve_model(model, src, tgt, allow_download=False)
    return convert_resolved(resolved, quantization=quantization, force=force, pair=pair)


def convert_resolved(
    resolved: ResolvedModel,
    *,
    quantization: str = "int8",
    force: bool = False,
    pair: str | None = None,
    out: Path | None = None,
) -> Path:
    """Convert the model folder of ``resolved`` into ``out`` (default :func:`conversion_dir`)."""
    dest = out or conversion_dir(resolved, quantization)
    if _is_converted(dest) and not force:
        logger.info("%s is already converted in %s", resolved.name, dest)
        return dest
    try:
        from ctranslate2.converters import TransformersConverter
    except ImportError as exc:
        raise EngineError(
            f"cannot convert {resolved.name}: ctranslate2 is not installed "
            "(pip install 'ctranslate2>=4.5')"
        ) from exc
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))
    try:
        copy = [name for name in _TOKENIZER_FILES if (resolved.path / name).is_file()]
        try:
            with _exact_marian_loader():
                TransformersConverter(str(resolved.path), copy_files=copy).convert(
                    str(tmp), quantization=quantization, force=True
                )
        except Exception as exc:  # the converter raises anything from shapes to I/O
            raise EngineError(
                f"cannot convert {resolved.name} ({resolved.path}) to CTranslate2: {exc}"
            ) from exc
        meta = {"pair": pair, "name": resolved.name, "quantization": quantization}
        _install(tmp, dest, meta)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    logger.info("converted %s to %s (%s)", resolved.name, dest, quantization)
    return dest


def remove_model(pair: str) -> list[Path]:
    """Delete the ``pair`` model and its conversions from the models dir; return what went."""
    _split_pair(pair)
    removed: list[Path] = []
    for item in list_models():
        if item.pair == pair:
            shutil.rmtree(item.path)
            removed.append(item.path)
    if not removed:
        raise ModelNotFoundError(
            f"no {pair} model is installed in {models_dir()}: `workbench models list` shows what is"
        )
    return removed


__all__ = [
    "QUANTIZATIONS",
    "InstalledModel",
    "conversion_dir",
    "convert_model",
    "convert_resolved",
    "converted_name",
    "find_converted",
    "import_model",
    "list_models",
    "pull",
    "remove_model",
]
