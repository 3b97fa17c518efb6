"""Fixtures for the engine tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="package", autouse=True)
def one_torch_thread() -> Iterator[None]:
    """Run torch on one thread here, restoring the setting afterwards.

    The fixture models are tiny: a second thread buys nothing, and on a busy
    machine two spinning threads make decoding ten times slower.
    """
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)
