"""Choices with labels and the lazy registry behind engines, formats and aligners."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from workbench.align import ALIGNERS
from workbench.align.output import OUTPUT_FORMATS
from workbench.engines import ENGINES
from workbench.engines.select import BACKENDS
from workbench.errors import EngineError, FormatError, WorkbenchError
from workbench.formats import FORMATS
from workbench.registry import Choices, Registry


def test_choices_keep_their_order_and_labels() -> None:
    choices = Choices("colour", {"red": "Red ink", "blue": "Blue ink"})
    assert choices.choices() == ["red", "blue"] == list(choices)
    assert choices.labels() == {"red": "Red ink", "blue": "Blue ink"}
    assert choices.label("blue") == "Blue ink"
    assert choices.help() == "red: Red ink; blue: Blue ink"
    assert "red" in choices and "green" not in choices and len(choices) == 2


def test_an_unknown_name_lists_the_choices_in_the_callers_error() -> None:
    choices = Choices("colour", {"red": "Red", "blue": "Blue"}, error=FormatError)
    with pytest.raises(FormatError, match=r"^unknown colour 'green': choose one of red, blue$"):
        choices.check("green")
    with pytest.raises(FormatError, match="unknown colour 'green'"):
        choices.label("green")


def test_a_registry_imports_its_target_only_when_asked() -> None:
    code = (
        "import sys\n"
        "from workbench.registry import Registry\n"
        "r = Registry('thing', {'frac': ('fractions:Fraction', 'Fractions')})\n"
        "assert 'fractions' not in sys.modules and r.choices() == ['frac']\n"
        "assert r.target('frac') == 'fractions:Fraction' and 'fractions' not in sys.modules\n"
        "assert r.load('frac')(1, 2) == 0.5 and 'fractions' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_registry_entry_without_label_is_its_own_label() -> None:
    registry: Registry[type] = Registry("thing", {"dec": "decimal:Decimal"})
    assert registry.label("dec") == "dec"
    with pytest.raises(WorkbenchError, match="unknown thing 'x': choose one of dec"):
        registry.load("x")


def test_a_target_must_name_module_and_attribute() -> None:
    with pytest.raises(ValueError, match="'decimal' is not 'module:attr'"):
        Registry("thing", {"dec": "decimal"})


@pytest.mark.parametrize(
    "registry", [ENGINES, FORMATS, ALIGNERS], ids=["engines", "formats", "aligners"]
)
def test_every_registered_plugin_loads_and_declares_its_name(registry: Registry[Any]) -> None:
    for name in registry:
        assert registry.load(name).name == name


def _cli_choices(command: str, flag: str) -> list[str]:
    from workbench.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    action = next(a for a in sub.choices[command]._actions if flag in a.option_strings)  # type: ignore[index]
    return list(action.choices or [])


@pytest.mark.parametrize(
    ("command", "flag", "registry"),
    [
        ("align", "--format", OUTPUT_FORMATS),
        ("align", "--method", ALIGNERS),
        ("translate", "--backend", BACKENDS),
        ("pretranslate", "--backend", BACKENDS),
    ],
)
def test_the_cli_offers_exactly_the_registered_choices(
    command: str, flag: str, registry: Any
) -> None:
    """The CLI lists the registries' choices, never a copy that could drift."""
    assert _cli_choices(command, flag) == list(registry.choices())


def test_the_front_ends_share_the_labels() -> None:
    # a backend that forces an engine is labelled as that engine
    assert BACKENDS.label("ct2") == ENGINES.label("ct2")
    assert BACKENDS.label("transformers") == ENGINES.label("marian")
    with pytest.raises(EngineError, match="unknown backend 'onnx': choose one of auto, ct2"):
        BACKENDS.check("onnx")
