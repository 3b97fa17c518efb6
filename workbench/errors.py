"""The workbench's exceptions.

Every error a user can cause is a :class:`WorkbenchError` whose message names the
culprit (a file, a language code, a model) and says how to fix it.  The CLI prints
the message on one line and exits non-zero; the app shows it in an error box.
"""

from __future__ import annotations


class WorkbenchError(Exception):
    """Base class of every error the workbench raises on purpose."""


class LanguageError(WorkbenchError, ValueError):
    """An unsupported or unknown language code."""


class FormatError(WorkbenchError):
    """A file that cannot be read or written in the requested format."""


class EngineError(WorkbenchError):
    """A translation engine that cannot load or translate."""


class ModelNotFoundError(EngineError):
    """No translation model is available where the workbench looked for one."""


class GlossaryError(WorkbenchError):
    """A termbase that cannot be read, written or applied."""


class StoreError(WorkbenchError):
    """The project database refused an operation."""


class NotFoundError(StoreError, LookupError):
    """A project, document or segment that does not exist."""


class ConflictError(StoreError):
    """A segment changed since it was read: the save was refused, nothing was lost.

    ``mine`` is the text that was about to be saved and ``theirs`` the text now
    stored, so that a front end can show both.
    """

    def __init__(self, message: str, *, mine: str, theirs: str, version: int) -> None:
        super().__init__(message)
        self.mine = mine
        self.theirs = theirs
        self.version = version
