"""editlint: an editorial content-quality linter."""

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl", "lint_text", "lint_paths", "Finding", "Related", "Fix", "Edit",
           "Session", "ConfigError"]

_API = frozenset(__all__) - {"__version__", "hookimpl"}


def __getattr__(name: str):
    # The API is imported on first use: a plugin importing ``hookimpl`` pays nothing for it.
    # ``hookimpl`` (the decorator plugins use) too: it imports pluggy, which a run with no
    # third-party plugin never needs (editlint.plugins).
    if name == "hookimpl":
        from editlint.hookspecs import hookimpl
        return hookimpl
    if name in _API:
        from editlint import api
        return getattr(api, name)
    raise AttributeError(f"module 'editlint' has no attribute {name!r}")
