"""One BLAS thread per caller while aligning.

On two cores OpenBLAS's own threads make the aligner's small matrix products
several times slower than one thread each (and far slower when another process
is busy), so the aligner limits BLAS to one thread while it runs.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

__all__ = ["one_blas_thread"]


def one_blas_thread() -> AbstractContextManager[object]:
    """A context in which numpy's BLAS uses one thread (a no-op without threadpoolctl)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl is a dependency
        return nullcontext()
    limits: AbstractContextManager[object] = threadpool_limits(limits=1, user_api="blas")
    return limits
