"""Named choices with labels, and plug-ins found by name and imported on first use.

:class:`Choices` is a fixed, ordered set of names, each with a one-line label:
what a CLI's ``choices=`` and help list, what a page's select box shows, and what
a name from a user is checked against (the error lists the valid names).
:class:`Registry` adds a ``"module:attr"`` target to each name, imported only when
that name is asked for, so that registering a plug-in costs nothing until it is
used (translate-toolkit's storage factory, sacrebleu's tokenizers).

>>> BACKENDS = Choices("backend", {"auto": "Automatic", "ct2": "CTranslate2"})
>>> BACKENDS.choices(), BACKENDS.label("ct2"), "auto" in BACKENDS
(['auto', 'ct2'], 'CTranslate2', True)
>>> BACKENDS.check("onnx")
Traceback (most recent call last):
...
workbench.errors.WorkbenchError: unknown backend 'onnx': choose one of auto, ct2
>>> PARSERS: Registry[type] = Registry("parser", {"decimal": "decimal:Decimal"})
>>> PARSERS.load("decimal")("1.5")
Decimal('1.5')
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Generic, TypeVar

from workbench.errors import WorkbenchError

__all__ = ["Choices", "Registry"]

T = TypeVar("T")


class Choices:
    """The names a user may pick for ``kind`` (``"backend"``), in order, with labels.

    ``error`` is the exception :meth:`check` raises for any other name.
    """

    def __init__(
        self,
        kind: str,
        labels: Mapping[str, str],
        *,
        error: type[WorkbenchError] = WorkbenchError,
    ) -> None:
        self.kind = kind
        self.error = error
        self._labels = dict(labels)

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def __contains__(self, name: object) -> bool:
        return name in self._labels

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.kind!r}, {self.choices()!r})"

    def choices(self) -> list[str]:
        """The names, in their order (the first is the usual default)."""
        return list(self._labels)

    def labels(self) -> dict[str, str]:
        """Each name's label, for a select box."""
        return dict(self._labels)

    def label(self, name: str) -> str:
        """The label of ``name`` (a select box's ``format_func``)."""
        return self._labels[self.check(name)]

    def help(self) -> str:
        """The names and labels on one line, for a CLI option's help."""
        return "; ".join(f"{name}: {label}" for name, label in self._labels.items())

    def check(self, name: str) -> str:
        """``name`` if it is one of the choices, else ``error`` listing them."""
        if name not in self._labels:
            raise self.error(
                f"unknown {self.kind} {name!r}: choose one of {', '.join(self._labels)}"
            )
        return name


class Registry(Choices, Generic[T]):
    """Choices whose names stand for ``"module:attr"`` targets, imported on first use.

    ``entries`` maps each name to its target, or to ``(target, label)``; a name
    without a label is its own label.
    """

    def __init__(
        self,
        kind: str,
        entries: Mapping[str, str | tuple[str, str]],
        *,
        error: type[WorkbenchError] = WorkbenchError,
    ) -> None:
        self._targets: dict[str, str] = {}
        labels: dict[str, str] = {}
        for name, entry in entries.items():
            target, label = (entry, name) if isinstance(entry, str) else entry
            if ":" not in target:
                raise ValueError(f"{kind} {name!r}: the target {target!r} is not 'module:attr'")
            self._targets[name] = target
            labels[name] = label
        super().__init__(kind, labels, error=error)

    def target(self, name: str) -> str:
        """The ``"module:attr"`` that ``name`` stands for (nothing is imported)."""
        return self._targets[self.check(name)]

    def load(self, name: str) -> T:
        """The object registered as ``name``, importing its module on first use."""
        module_name, _, attr = self.target(name).partition(":")
        loaded: T = getattr(importlib.import_module(module_name), attr)
        return loaded
