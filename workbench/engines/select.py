"""Pick the engine for a direction: CTranslate2 when converted, a pivot where no direct model.

>>> engine = select_engine("zh", "ru")  # doctest: +SKIP
>>> type(engine).__name__, engine.pivot  # doctest: +SKIP
('PivotEngine', 'en')
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.engines.base import Engine
from workbench.engines.models import (
    DEFAULT_MODELS,
    missing_model_files,
    models_dir,
    pair_name,
    resolve_model,
)
from workbench.engines.registry import ENGINES
from workbench.errors import EngineError
from workbench.registry import Choices

#: backends a user can ask for
BACKENDS = Choices(
    "backend",
    {
        "auto": "Automatic (CTranslate2 when converted, pivot through English for zh↔ru)",
        "ct2": ENGINES.label("ct2"),
        "transformers": ENGINES.label("marian"),
    },
    error=EngineError,
)
#: the language pivots go through
PIVOT = "en"


def has_direct_model(src_lang: str, tgt_lang: str) -> bool:
    """Whether ``src -> tgt`` has a default model or one the user added to the models dir."""
    pair = pair_name(src_lang, tgt_lang)
    if pair in DEFAULT_MODELS:
        return True
    added = models_dir() / pair
    return added.is_dir() and not missing_model_files(added)


def _ct2_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("ctranslate2") is not None


def select_engine(
    src_lang: str,
    tgt_lang: str,
    *,
    model: str | Path | None = None,
    backend: str = "auto",
    **options: Any,
) -> Engine:
    """The engine for ``src -> tgt``.

    ``backend`` ``auto`` uses CTranslate2 where a conversion of the model exists
    (``workbench models convert``) and transformers otherwise; ``ct2`` and
    ``transformers`` force one.  A direction with no direct model (zh-ru) becomes
    a :class:`~workbench.engines.pivot.PivotEngine` through English, unless
    ``model`` is given or the user added a model for it.  ``options`` go to the
    engines (``batch_size``, ``num_beams``, ``device``...).
    """
    BACKENDS.check(backend)
    if (
        model is None
        and not has_direct_model(src_lang, tgt_lang)
        and PIVOT
        not in (
            src_lang,
            tgt_lang,
        )
    ):
        from workbench.engines.pivot import PivotEngine

        first = select_engine(src_lang, PIVOT, backend=backend, **options)
        second = select_engine(PIVOT, tgt_lang, backend=backend, **options)
        return PivotEngine(first, second)
    resolved = resolve_model(model, src_lang, tgt_lang)
    if backend == "ct2" or (backend == "auto" and _ct2_installed() and _converted(resolved)):
        from workbench.engines.ct2 import CT2Engine

        return CT2Engine(resolved, src_lang, tgt_lang, **options)
    from workbench.engines.marian import MarianEngine

    return MarianEngine(resolved, src_lang, tgt_lang, **options)


def _converted(resolved: Any) -> bool:
    from workbench.engines.manage import find_converted

    return find_converted(resolved) is not None


__all__ = ["BACKENDS", "PIVOT", "has_direct_model", "select_engine"]
