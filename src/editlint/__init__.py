"""editlint: an editorial content-quality linter."""

__version__ = "0.1.0"

from editlint.hookspecs import hookimpl  # noqa: E402  (the decorator plugins use)

__all__ = ["__version__", "hookimpl"]
