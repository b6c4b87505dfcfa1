"""The Python API: lint a draft or some paths and get :class:`~editlint.rule.Finding` objects.

    >>> import editlint
    >>> for f in editlint.lint_text("Critics argue the plan is too costly.\\n", path="draft.md"):
    ...     print(f.line, f.column, f.code, f.message)

``config`` is where the configuration comes from, as ``--config`` on the command line:

- ``None`` (the default): found upward from ``path`` (``editlint.toml``, ``.editlint.toml``
  or ``[tool.editlint]`` in ``pyproject.toml``), as the command line finds it for a file;
- a path (``str`` or ``os.PathLike``) to such a file: used for every path.

``isolated=True`` ignores every configuration file. ``select``, ``ignore`` and
``extend_select`` are the command line's selectors (a list, or a comma-separated string)
and replace or extend the configuration's. A configuration that cannot be used raises
:class:`~editlint.config.ConfigError`; a file that cannot be read or decoded is an ``EL``
finding, as on the command line.

The module functions read the configuration afresh on every call; plugins and the built-in
rule packs are loaded once per process. :class:`Session` keeps everything warm (the
language server holds one); the command line, the language server and the cache all lint
through it.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from editlint.articles import ArticleInfo
from editlint.config import Config, ConfigError, ConfigResolver
from editlint.engine import Linter, Selection, decode, iter_files
from editlint.plugins import Registry, collect, plugin_manager
from editlint.rule import Edit, Finding, Fix, Related, Rule, RuleSet
from editlint.selection import split_list

__all__ = ["ConfigError", "Edit", "Finding", "Fix", "Related", "Session", "lint_paths", "lint_text"]

PathLike = str | os.PathLike


class Session:
    """Plugins, configuration and the linter, loaded once and reused for many lints."""

    def __init__(self, config: PathLike | None = None, isolated: bool = False,
                 selection: Selection | None = None, registry: Registry | None = None):
        self.registry: Registry = registry if registry is not None else shared_registry()
        self.resolver = ConfigResolver(Path(config) if config is not None else None, isolated)
        self.linter = Linter(self.registry, self.resolver, selection)
        if registry is None:          # the shared registry's rules are shared too
            self.linter.share_base_rules(_BASE_RULES)
        self.sources: dict[str, str] = {}   # path -> text, for reports that show the article
        self.articles: dict[str, ArticleInfo] = {}   # path -> words, title, section, date (the archive summary)
        self.items_linted: int | None = None    # set by a runner that lints the articles of exports, not files
        self.all_cached = False                 # set by a runner that found every file's findings in the cache
        from editlint.progress import NoProgress
        self.progress = NoProgress()        # the command line puts a progress line here

    # -- rules ----------------------------------------------------------------
    def config_for(self, path: PathLike) -> Config:
        return self.resolver.for_path(Path(path))

    def rules_for(self, path: PathLike) -> dict[str, Rule]:
        return {r.code: r for r in self.linter.ruleset(self.config_for(path))}

    def ruleset(self, path: PathLike) -> RuleSet:
        return self.linter.ruleset(self.config_for(path))

    # -- linting --------------------------------------------------------------
    def lint_text(self, text: str, path: PathLike = "draft.md", fmt: str | None = None) -> list[Finding]:
        """Findings for ``text``, named ``path`` (its extension gives the format unless
        ``fmt`` does; the configuration is found upward from it). Nothing is read from disk
        but the configuration."""
        from editlint.parsers import format_for
        display = os.fspath(path)
        cfg = self.config_for(Path(display) if display not in ("-", "") else Path.cwd() / "stdin")
        return self.linter.lint_text(text, display, cfg, fmt=fmt or format_for(display, text))

    def lint_bytes(self, data: bytes, path: PathLike = "-", config_from: PathLike | None = None) -> list[Finding]:
        """Findings for raw bytes (standard input): decoded as a file is, or an EL note."""
        from editlint.parsers import format_for
        display = os.fspath(path)
        cfg = self.config_for(config_from if config_from is not None else Path.cwd() / "stdin")
        if len(data) > cfg.max_file_size:
            return [self.linter.note(cfg, "EL004", display, f"{'standard input' if display == '-' else display} "
                                     f"is over the {cfg.max_file_size / 1_048_576:.1f} MB limit "
                                     "(max-file-size); not linted")]
        text, problem = decode(data)
        if problem:
            return [self.linter.note(cfg, problem[0], display, problem[1])]
        self.sources[display] = text
        return self.linter.lint_text(text, display, cfg, fmt=format_for(display, text))

    def lint_file(self, path: PathLike, display: str | None = None) -> list[Finding]:
        path = Path(path)
        return self.linter.lint_file(path, display or display_name(path))

    def files(self, targets: Iterable[PathLike], force_exclude: bool = False) -> Iterator[tuple[Path, str | None]]:
        """The lintable files under ``targets`` as (path, None), each once, in order; a
        folder loop or a file that is no article as (path, warning). The configuration's
        ``exclude`` holds inside folders, and for a path named here only with
        ``force_exclude`` (as in ruff: a pre-commit hook names every staged file)."""
        seen: set[str] = set()
        for target in map(Path, targets):
            cfg = self.config_for(target)
            if force_exclude and self.excluded(target, cfg):
                continue
            for path, problem in iter_files([target], cfg.extensions, lambda p, cfg=cfg: self.excluded(p, cfg)):
                if problem:
                    yield path, problem
                    continue
                key = os.path.realpath(path)   # a file named twice (or inside a folder named too) once
                if key not in seen:
                    seen.add(key)
                    yield path, None

    @staticmethod
    def excluded(path: Path, cfg: Config) -> bool:
        """Whether ``exclude`` (globs relative to the configuration's folder, or a bare name)
        matches ``path``."""
        if not cfg.exclude:
            return False
        try:
            rel = path.resolve().relative_to(cfg.root.resolve()).as_posix()
        except ValueError:
            rel = path.as_posix()
        return any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(path.name, pat) for pat in cfg.exclude)

    def lint_paths(self, paths: Iterable[PathLike], force_exclude: bool = False) -> list[Finding]:
        paths = list(paths)
        missing = [p for p in map(Path, paths) if not p.exists() and not p.is_symlink()]
        if missing:
            raise FileNotFoundError(f"{missing[0]}: no such file or directory")
        findings: list[Finding] = []
        for path, problem in self.files(paths, force_exclude):
            if problem is None:
                findings += self.lint_file(path)
        findings.sort(key=Finding.sort_key)
        return findings


def display_name(path: Path) -> str:
    """A path as findings show it: as given, without a leading ``./``."""
    # a name that is not valid UTF-8 (kept by Python as surrogate escapes) cannot be printed
    s = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return s[2:] if s.startswith("./") else s


def selection(select: str | Sequence[str] | None = None, ignore: str | Sequence[str] | None = None,
              extend_select: str | Sequence[str] | None = None) -> Selection:
    def items(value) -> list[str]:
        if value is None:
            return []
        return split_list(value) if isinstance(value, str) else [str(v) for v in value]

    return Selection(select=items(select) if select is not None else None,
                     ignore=items(ignore), extend_select=items(extend_select))


_REGISTRY: Registry | None = None
_BASE_RULES: dict = {}      # the shared registry's built-in and plugin rules, loaded once


def shared_registry() -> Registry:
    """The plugins, loaded once per process."""
    global _REGISTRY
    if _REGISTRY is None:
        pm, errors = plugin_manager()
        _REGISTRY = collect(pm, errors)
    return _REGISTRY


def lint_text(text: str, path: PathLike = "draft.md", config: PathLike | None = None, *,
              select: str | Sequence[str] | None = None, ignore: str | Sequence[str] | None = None,
              extend_select: str | Sequence[str] | None = None, isolated: bool = False) -> list[Finding]:
    """The findings for ``text`` as if it were the file ``path`` (which need not exist):
    its extension picks the format (Markdown, HTML or plain text) and, with ``config=None``,
    the configuration is found upward from it. Sorted by line and column."""
    session = Session(config, isolated, selection(select, ignore, extend_select))
    return session.lint_text(text, path)


def lint_paths(paths: PathLike | Iterable[PathLike], config: PathLike | None = None, *,
               select: str | Sequence[str] | None = None, ignore: str | Sequence[str] | None = None,
               extend_select: str | Sequence[str] | None = None, isolated: bool = False,
               force_exclude: bool = False) -> list[Finding]:
    """The findings for files and folders (folders recursively, by extension, skipping
    ``exclude``), sorted by path, line and column. A path that does not exist raises
    :class:`FileNotFoundError`."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    session = Session(config, isolated, selection(select, ignore, extend_select))
    return session.lint_paths(paths, force_exclude)
