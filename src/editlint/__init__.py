"""editlint: an editorial content-quality linter."""

__version__ = "0.1.0"

from editlint.hookspecs import hookimpl  # noqa: E402  (the decorator plugins use)

__all__ = ["__version__", "hookimpl", "lint_text", "lint_paths", "Finding", "Related", "Fix", "Edit",
           "Session", "ConfigError"]

_API = frozenset(__all__) - {"__version__", "hookimpl"}


def __getattr__(name: str):
    # The API is imported on first use: a plugin importing ``hookimpl`` pays nothing for it.
    if name in _API:
        from editlint import api
        return getattr(api, name)
    raise AttributeError(f"module 'editlint' has no attribute {name!r}")
