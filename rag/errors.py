"""The project's error hierarchy.

Every error a user can cause or fix is a :class:`RagError`; its message says what to do.
The UI and CLI catch ``RagError`` and show ``str(err)``; nothing else is caught broadly.
Messages never contain secrets (keys and tokens are masked before they get here).
"""

from __future__ import annotations


class RagError(Exception):
    """Base class: a problem the user can fix; ``str()`` is a one-line instruction."""

    def __init__(self, message: str, *, setting: str | None = None) -> None:
        super().__init__(message)
        self.setting = setting  # the setting (env var) to change, when there is one


class ConfigError(RagError):
    """A setting is invalid, unknown, or names something that does not exist."""


class SettingsInvalidError(ConfigError):
    """One or more settings are out of range or malformed; ``problems`` holds each one."""

    def __init__(self, message: str, problems: list[tuple[str, str]]) -> None:
        super().__init__(message, setting=problems[0][0] if problems else None)
        self.problems = problems  # (env var, one-line message naming it)


class QuestionError(RagError):
    """The question cannot be asked as given (empty, too long)."""


class IndexMissingError(RagError):
    """There is no index for the configured article + embedding model yet."""


class IndexDamagedError(RagError):
    """The index exists but cannot be read or does not match its manifest."""


class ArticleError(RagError):
    """The article file is missing, unreadable or empty."""


class ModelError(RagError):
    """A model file is missing or a model could not be loaded."""


class ProviderError(RagError):
    """A remote model or store answered with an error, or did not answer in time."""

    def __init__(self, provider: str, message: str, *, setting: str | None = None) -> None:
        super().__init__(f"{provider}: {message}", setting=setting)
        self.provider = provider


class MissingExtraError(ConfigError):
    """An optional backend's package is not installed."""

    def __init__(self, package: str, extra: str | None) -> None:
        where = f"pip install -e '.[{extra}]'" if extra else "pip install -e . (it is part of the base install)"
        super().__init__(f"the package '{package}' is not installed; install it with: {where}")
        self.extra = extra
