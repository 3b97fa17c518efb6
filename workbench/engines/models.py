"""Where translation models come from: the default OPUS-MT table and the lookup order.

:func:`resolve_model` turns what a user gave (a folder, a Hub id or nothing) into
a local folder, looking in this order:

1. an explicit folder;
2. ``<models_dir>/<src>-<tgt>``, the ``models_dir`` setting (``$WORKBENCH_MODELS_DIR``;
   by default the ``models`` folder of the workbench's user cache), where
   ``workbench models pull`` puts models;
3. the Hugging Face cache, without touching the network;
4. only if the Hub answers within a few seconds, a download into (2).

Nothing here imports torch or transformers.

>>> default_model("en", "zh")
ModelSpec(pair='en-zh', hub_id='Helsinki-NLP/opus-mt-en-zh', target_tag='>>cmn_Hans<<')
>>> supported_pairs()
['en-ru', 'en-zh', 'ru-en', 'zh-en']
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from workbench.errors import EngineError, ModelNotFoundError
from workbench.languages import get_language

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ModelSpec:
    """The default model of one language direction.

    ``target_tag`` is the token a multilingual model needs in front of every
    input to pick its output language (``>>cmn_Hans<<`` for simplified Chinese).
    """

    pair: str
    hub_id: str
    target_tag: str | None = None

    @property
    def src_lang(self) -> str:
        return self.pair.split("-")[0]

    @property
    def tgt_lang(self) -> str:
        return self.pair.split("-")[1]


#: the default OPUS-MT model of each supported direction
DEFAULT_MODELS: dict[str, ModelSpec] = {
    spec.pair: spec
    for spec in (
        ModelSpec("en-zh", "Helsinki-NLP/opus-mt-en-zh", ">>cmn_Hans<<"),
        ModelSpec("zh-en", "Helsinki-NLP/opus-mt-zh-en"),
        ModelSpec("en-ru", "Helsinki-NLP/opus-mt-en-ru"),
        ModelSpec("ru-en", "Helsinki-NLP/opus-mt-ru-en"),
    )
}

#: files every Marian model folder holds (``vocab.json`` may be split in two, see below)
MARIAN_FILES: tuple[str, ...] = ("config.json", "source.spm", "target.spm", "vocab.json")
#: one of these holds the weights
WEIGHT_FILES: tuple[str, ...] = (
    "model.safetensors",
    "model.safetensors.index.json",
    "pytorch_model.bin",
    "pytorch_model.bin.index.json",
)
#: what a download fetches besides the weights
_DOWNLOAD_PATTERNS: tuple[str, ...] = ("*.json", "*.spm")

#: seconds the reachability check of the Hub may take, DNS lookup included
HUB_TIMEOUT = 3.0

_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


@dataclass(frozen=True)
class ResolvedModel:
    """A model found on disk.

    ``name`` is what provenance records: the Hub id when known, else the folder name.
    ``origin`` says where it was found: ``folder``, ``models-dir``, ``hf-cache`` or
    ``download``.
    """

    path: Path
    name: str
    hub_id: str | None = None
    target_tag: str | None = None
    origin: str = "folder"


def pair_name(src_lang: str, tgt_lang: str) -> str:
    """``"en-zh"`` for ``("en", "zh")``, after checking both codes."""
    get_language(src_lang)
    get_language(tgt_lang)
    if src_lang == tgt_lang:
        raise EngineError(f"source and target language are both {src_lang!r}: nothing to translate")
    return f"{src_lang}-{tgt_lang}"


def supported_pairs() -> list[str]:
    """The directions that have a default model, sorted."""
    return sorted(DEFAULT_MODELS)


def default_model(src_lang: str, tgt_lang: str) -> ModelSpec:
    """The default model of ``src_lang -> tgt_lang``; an :class:`EngineError` lists the choices."""
    pair = pair_name(src_lang, tgt_lang)
    try:
        return DEFAULT_MODELS[pair]
    except KeyError:
        raise EngineError(
            f"no default translation model for {pair}: supported directions are "
            f"{', '.join(supported_pairs())} (translate through English with a pivot, "
            "or pass --model PATH to a Marian model for this direction)"
        ) from None


def default_model_id(src_lang: str, tgt_lang: str) -> str | None:
    """The Hub id of the direction's default model, or ``None`` where there is none.

    >>> default_model_id("ru", "en"), default_model_id("zh", "ru")
    ('Helsinki-NLP/opus-mt-ru-en', None)
    """
    spec = DEFAULT_MODELS.get(f"{src_lang}-{tgt_lang}")
    return spec.hub_id if spec is not None else None


def models_dir() -> Path:
    """Where the workbench keeps its models: the ``models_dir`` setting
    (``$WORKBENCH_MODELS_DIR``, the settings file, else the user cache)."""
    from workbench.config import load_settings

    return Path(load_settings().models_dir).expanduser()


def local_model_dir(hub_id: str, src_lang: str, tgt_lang: str) -> Path:
    """The folder of :func:`models_dir` meant for ``hub_id``.

    The default model of a direction lives in ``<models_dir>/<src>-<tgt>``,
    any other Hub model in ``<models_dir>/<owner>--<name>``.
    """
    spec = DEFAULT_MODELS.get(f"{src_lang}-{tgt_lang}")
    if spec is not None and spec.hub_id == hub_id:
        return models_dir() / spec.pair
    return models_dir() / hub_id.replace("/", "--")


def hf_cache_dir() -> Path:
    """The Hugging Face hub cache, read from the environment now (not at import)."""
    configured = os.environ.get("HF_HUB_CACHE") or os.environ.get("HUGGINGFACE_HUB_CACHE")
    if configured:
        return Path(os.path.expandvars(configured)).expanduser()
    home = os.environ.get("HF_HOME")
    if home:
        return Path(os.path.expandvars(home)).expanduser() / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "huggingface" / "hub"


def missing_model_files(folder: Path) -> list[str]:
    """The files a Marian model folder lacks (empty when it looks complete)."""
    missing = [name for name in MARIAN_FILES if not (folder / name).is_file()]
    if "vocab.json" in missing and (folder / "target_vocab.json").is_file():
        missing.remove("vocab.json")  # separate source and target vocabularies
    if not any((folder / name).is_file() for name in WEIGHT_FILES):
        missing.append(" or ".join(WEIGHT_FILES[::2]))
    return missing


def check_model_folder(folder: Path) -> None:
    """Raise an :class:`EngineError` naming ``folder`` unless it holds a Marian model."""
    if not folder.exists():
        raise ModelNotFoundError(
            f"model folder {folder} does not exist: pass --model PATH to a folder holding an "
            "OPUS-MT/Marian model (config.json, source.spm, target.spm, vocab.json, weights)"
        )
    if not folder.is_dir():
        raise EngineError(f"{folder} is a file, not a model folder: pass the folder that holds it")
    missing = missing_model_files(folder)
    if missing:
        raise EngineError(
            f"{folder} is not a Marian model folder: it lacks {', '.join(missing)}. "
            "An OPUS-MT model folder holds config.json, source.spm, target.spm, vocab.json "
            "and model.safetensors or pytorch_model.bin"
        )
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EngineError(f"cannot read {folder / 'config.json'}: {exc}") from exc
    model_type = config.get("model_type") if isinstance(config, dict) else None
    if model_type != "marian":
        kind = f"a {model_type!r}" if model_type else "an untyped"
        raise EngineError(
            f"{folder} holds {kind} model, not a Marian one "
            '(its config.json must say "model_type": "marian")'
        )


def _is_complete(folder: Path) -> bool:
    return folder.is_dir() and not missing_model_files(folder)


def _env_true(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def hub_offline_reason() -> str | None:
    """Why the Hub is not to be contacted (an offline switch), or ``None``."""
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        if _env_true(name):
            return f"{name} is set"
    return None


def _probe_target() -> tuple[str, int]:
    """The host and port a connection to the Hub goes to first (the proxy, if one is set)."""
    endpoint = urlsplit(os.environ.get("HF_ENDPOINT") or "https://huggingface.co")
    host = endpoint.hostname or "huggingface.co"
    port = endpoint.port or (80 if endpoint.scheme == "http" else 443)
    no_proxy = os.environ.get("NO_PROXY") or os.environ.get("no_proxy") or ""
    entries = [e.strip().lstrip(".") for e in no_proxy.split(",") if e.strip()]
    bypass = any(e == "*" or host == e or host.endswith("." + e) for e in entries)
    if not bypass:
        names = ("HTTPS_PROXY", "https_proxy") if endpoint.scheme == "https" else ()
        for name in (*names, "ALL_PROXY", "all_proxy"):
            proxy = urlsplit(os.environ.get(name) or "")
            if proxy.hostname:
                return proxy.hostname, proxy.port or (443 if proxy.scheme == "https" else 80)
    return host, port


def hub_reachable(timeout: float = HUB_TIMEOUT) -> bool:
    """Whether the Hugging Face Hub answers a TCP connection within ``timeout`` seconds.

    Honours ``HF_HUB_OFFLINE``/``TRANSFORMERS_OFFLINE`` without any network call.
    The whole check (DNS lookup included) is bounded by ``timeout``: it never retries.
    """
    if hub_offline_reason():
        return False
    host, port = _probe_target()
    answered = threading.Event()

    def probe() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                answered.set()
        except OSError as exc:
            logger.debug("the Hub at %s:%s is unreachable: %s", host, port, exc)

    worker = threading.Thread(target=probe, name="workbench-hub-probe", daemon=True)
    worker.start()
    worker.join(timeout)
    return answered.is_set()


def _looks_like_path(model: str) -> bool:
    return model.startswith((".", "/", "~", "\\")) or not _HUB_ID.match(model)


def _name_of_folder(folder: Path) -> str:
    """A readable model name for a folder: the Hub id of a cache snapshot, else its name."""
    resolved = folder.resolve()
    parent = resolved.parent
    if parent.name == "snapshots" and parent.parent.name.startswith("models--"):
        return parent.parent.name.removeprefix("models--").replace("--", "/")
    return resolved.name or str(resolved)


def _from_hf_cache(hub_id: str) -> Path | None:
    cache = hf_cache_dir()
    if not (cache / f"models--{hub_id.replace('/', '--')}").is_dir():
        return None
    from huggingface_hub import snapshot_download

    try:
        found = Path(
            snapshot_download(
                hub_id,
                cache_dir=cache,
                local_files_only=True,
                allow_patterns=[*_DOWNLOAD_PATTERNS, *WEIGHT_FILES],
            )
        )
    except (OSError, ValueError) as exc:
        logger.debug("%s is not (completely) in the Hugging Face cache %s: %s", hub_id, cache, exc)
        return None
    return found if _is_complete(found) else None


def _added_name(folder: Path) -> str:
    """The name recorded when ``folder`` was imported (``workbench.json``), else its name."""
    try:
        meta = json.loads((folder / "workbench.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return folder.name
    name = meta.get("name") if isinstance(meta, dict) else None
    return str(name) if name else folder.name


def download_model(hub_id: str, dest: Path, *, tqdm_class: Any = None) -> Path:
    """Download the Marian model ``hub_id`` into ``dest`` (only the files it needs).

    Fetches the safetensors weights where the repository has them, else the
    PyTorch ones, never the TensorFlow/Flax/Rust copies.
    """
    from huggingface_hub import HfApi, snapshot_download

    try:
        files = set(HfApi().list_repo_files(hub_id))
        weights = next((name for name in WEIGHT_FILES if name in files), None)
        if weights is None:
            raise ModelNotFoundError(
                f"{hub_id} on the Hugging Face Hub has no PyTorch weights "
                f"({' or '.join(WEIGHT_FILES[::2])}): choose another model"
            )
        patterns = [*_DOWNLOAD_PATTERNS, weights]
        if weights.endswith(".index.json"):
            patterns.append(weights.removesuffix(".index.json").replace(".", "-*.", 1))
        logger.info("downloading %s into %s", hub_id, dest)
        dest.mkdir(parents=True, exist_ok=True)
        snapshot_download(hub_id, local_dir=dest, allow_patterns=patterns, tqdm_class=tqdm_class)
    except (OSError, ValueError) as exc:
        raise ModelNotFoundError(f"could not download {hub_id} into {dest}: {exc}") from exc
    if not _is_complete(dest):
        raise ModelNotFoundError(
            f"the download of {hub_id} into {dest} is incomplete: it lacks "
            f"{', '.join(missing_model_files(dest))}"
        )
    return dest


def pull_model(
    src_lang: str, tgt_lang: str, model: str | None = None, *, tqdm_class: Any = None
) -> Path:
    """Download the model of ``src_lang -> tgt_lang`` into :func:`models_dir`; return its folder.

    ``model`` is a Hub id (the direction's default when ``None``).  The folder can
    be copied to a machine without internet and used there as it is.
    """
    hub_id = model or default_model(src_lang, tgt_lang).hub_id
    dest = local_model_dir(hub_id, src_lang, tgt_lang)
    reason = hub_offline_reason()
    if reason is None and not hub_reachable(HUB_TIMEOUT):
        reason = f"{_probe_target()[0]} did not answer within {HUB_TIMEOUT:g} s"
    if reason:
        raise ModelNotFoundError(
            f"cannot download {hub_id}: the Hugging Face Hub is unreachable ({reason}). "
            f"Pull it on a machine with internet and copy the folder to {dest}"
        )
    return download_model(hub_id, dest, tqdm_class=tqdm_class)


def resolve_model(
    model: str | Path | ResolvedModel | None,
    src_lang: str,
    tgt_lang: str,
    *,
    allow_download: bool = True,
) -> ResolvedModel:
    """Find the model for ``src_lang -> tgt_lang`` on disk, downloading it only as a last resort.

    ``model`` is a folder, a Hub id (``"Helsinki-NLP/opus-mt-en-zh"``) or ``None``
    for the direction's default.  Raises :class:`ModelNotFoundError` with the way
    to get a model when none is found, and :class:`EngineError` for a folder that
    is not a Marian model or a direction without a default model.

    >>> resolve_model("/no/such/folder", "en", "zh")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    workbench.errors.ModelNotFoundError: model folder /no/such/folder does not exist: ...
    """
    pair = pair_name(src_lang, tgt_lang)
    if isinstance(model, ResolvedModel):
        return model
    if model is not None and (
        isinstance(model, Path) or Path(model).expanduser().exists() or _looks_like_path(model)
    ):
        # an existing folder wins over a Hub id of the same spelling
        folder = Path(model).expanduser()
        check_model_folder(folder)
        return ResolvedModel(folder, _name_of_folder(folder), origin="folder")

    spec: ModelSpec | None
    if model is None and pair not in DEFAULT_MODELS:
        # a direct model the user added for a direction without a default (zh-ru)
        added = models_dir() / pair
        if _is_complete(added):
            return ResolvedModel(added, _added_name(added), origin="models-dir")
    if model is None:
        spec = default_model(src_lang, tgt_lang)
        hub_id = spec.hub_id
    else:
        hub_id = model
        spec = DEFAULT_MODELS.get(pair)
    tag = spec.target_tag if spec is not None and spec.hub_id == hub_id else None

    local = local_model_dir(hub_id, src_lang, tgt_lang)
    if _is_complete(local):
        logger.debug("using %s from %s", hub_id, local)
        return ResolvedModel(local, hub_id, hub_id, tag, "models-dir")
    if local.is_dir() and any(local.iterdir()):
        logger.warning("ignoring %s: it lacks %s", local, ", ".join(missing_model_files(local)))

    cached = _from_hf_cache(hub_id)
    if cached is not None:
        logger.debug("using %s from the Hugging Face cache: %s", hub_id, cached)
        return ResolvedModel(cached, hub_id, hub_id, tag, "hf-cache")

    reason = hub_offline_reason()
    if reason is None and not allow_download:
        reason = "downloads are turned off"
    if reason is None and not hub_reachable(HUB_TIMEOUT):
        reason = f"{_probe_target()[0]} did not answer within {HUB_TIMEOUT:g} s"
    if reason is None:
        return ResolvedModel(download_model(hub_id, local), hub_id, hub_id, tag, "download")

    pull = f"workbench models pull {pair}" + ("" if model is None else f" --model {hub_id}")
    raise ModelNotFoundError(
        f"no {pair} translation model {hub_id} here: looked in {local} and in the "
        f"Hugging Face cache {hf_cache_dir()}, and cannot download it ({reason}). "
        f"Run `{pull}` on a machine with internet and copy {local} to this machine "
        "(or set WORKBENCH_MODELS_DIR to where it lies), or pass --model PATH to a folder "
        "holding an OPUS-MT/Marian model (config.json, source.spm, target.spm, vocab.json, "
        "weights)"
    )


__all__ = [
    "DEFAULT_MODELS",
    "HUB_TIMEOUT",
    "ModelSpec",
    "ResolvedModel",
    "check_model_folder",
    "default_model",
    "default_model_id",
    "download_model",
    "hf_cache_dir",
    "hub_reachable",
    "local_model_dir",
    "missing_model_files",
    "models_dir",
    "pull_model",
    "resolve_model",
    "supported_pairs",
]
