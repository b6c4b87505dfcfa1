import pytest

from editlint.config import Config, ConfigResolver
from editlint.engine import Linter
from editlint.plugins import collect, plugin_manager


@pytest.fixture(scope="session")
def registry():
    pm, errors = plugin_manager()
    return collect(pm, errors)


@pytest.fixture(scope="session")
def linter(registry):
    return Linter(registry, ConfigResolver(isolated=True))


@pytest.fixture
def lint(linter):
    """lint(text, fmt="markdown", select=None) -> findings, with default configuration."""

    def run(text, fmt="markdown", select=None):
        cfg = Config()
        rules = linter.active_rules(cfg)
        if select is not None:
            wanted = {select} if isinstance(select, str) else set(select)
            rules = [r for r in rules if r.code in wanted or r.code.startswith(tuple(wanted)) or r.family in wanted]
        ext = {"markdown": "md", "html": "html", "text": "txt"}[fmt]
        return linter.lint_text(text, f"example.{ext}", cfg, rules, fmt=fmt)

    return run
