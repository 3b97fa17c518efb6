"""``workbench models list|pull|import|convert|remove``: the subcommands, kept beside the engines.

:mod:`workbench.cli` adds them with :func:`add_models_parser`; each one calls a
function of :mod:`workbench.engines.manage` and prints.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def human_size(size: int) -> str:
    """``"1.2 GB"``-style sizes.

    >>> human_size(300_000_000)
    '300.0 MB'
    """
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"


def cmd_models_list(args: argparse.Namespace) -> int:
    from workbench.engines.manage import list_models
    from workbench.engines.models import models_dir

    installed = list_models()
    if not installed:
        print(f"no models installed in {models_dir()}: run `workbench models pull en-zh`")
        return 0
    rows = [("PAIR", "MODEL", "BACKENDS", "SIZE", "PATH")]
    for item in installed:
        backends = ", ".join(item.backends)
        rows.append((item.pair, item.name, backends, human_size(item.size), str(item.path)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
    return 0


def cmd_models_pull(args: argparse.Namespace) -> int:
    from workbench.engines.manage import pull

    folder = pull(args.pair, args.model)
    print(f"pulled {args.pair} into {folder}")
    return 0


def cmd_models_import(args: argparse.Namespace) -> int:
    from workbench.engines.manage import import_model

    folder = import_model(Path(args.path), args.pair, name=args.name, force=args.force)
    print(f"imported {args.path} as {args.pair} into {folder}")
    return 0


def cmd_models_convert(args: argparse.Namespace) -> int:
    from workbench.engines.manage import convert_model

    folder = convert_model(
        args.pair, model=args.model, quantization=args.quantization, force=args.force
    )
    print(f"converted {args.pair} ({args.quantization}) into {folder}")
    return 0


def cmd_models_remove(args: argparse.Namespace) -> int:
    from workbench.engines.manage import remove_model

    for folder in remove_model(args.pair):
        print(f"removed {folder}")
    return 0


def add_models_parser(sub: Any) -> None:
    """Add ``models`` and its subcommands to the CLI's subparsers ``sub``."""
    from workbench.engines.manage import QUANTIZATIONS

    p = sub.add_parser(
        "models",
        help="list, pull, import, convert or remove translation models",
        description="Manage the translation models in WORKBENCH_MODELS_DIR (default: the "
        "workbench's user cache): one folder per direction, with its CTranslate2 conversion "
        "inside.",
    )
    msub = p.add_subparsers(dest="models_command", required=True, metavar="ACTION")
    q = msub.add_parser("list", help="installed models: direction, backends, size on disk")
    q.set_defaults(func=cmd_models_list)
    q = msub.add_parser(
        "pull", help="download a direction's OPUS-MT model from the Hugging Face Hub"
    )
    q.add_argument("pair", metavar="PAIR", help="direction, e.g. en-zh")
    q.add_argument("--model", help="a Hub id other than the direction's default")
    q.set_defaults(func=cmd_models_pull)
    q = msub.add_parser("import", help="install a model folder copied from another machine")
    q.add_argument("path", metavar="PATH", help="folder holding a Marian model")
    q.add_argument("--pair", required=True, help="its direction, e.g. en-zh")
    q.add_argument("--name", help="the name recorded in provenance (default: the Hub id)")
    q.add_argument("--force", action="store_true", help="replace an installed model")
    q.set_defaults(func=cmd_models_import)
    q = msub.add_parser("convert", help="convert a direction's model to CTranslate2 (fast)")
    q.add_argument("pair", metavar="PAIR", help="direction, e.g. en-zh")
    q.add_argument("--model", help="a folder or Hub id (default: the direction's model)")
    q.add_argument("--quantization", choices=QUANTIZATIONS, default="int8", help="default: int8")
    q.add_argument("--force", action="store_true", help="convert again")
    q.set_defaults(func=cmd_models_convert)
    q = msub.add_parser("remove", help="delete a direction's model and its conversions")
    q.add_argument("pair", metavar="PAIR", help="direction, e.g. en-zh")
    q.set_defaults(func=cmd_models_remove)


__all__ = ["add_models_parser", "human_size"]
