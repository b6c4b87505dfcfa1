"""Configuration: ``editlint.toml``, ``.editlint.toml`` or ``[tool.editlint]`` in
``pyproject.toml``, found from the linted path upward. Unknown keys are errors that name
the file and the key."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from editlint.records import Record
from editlint.safeio import InputError, load_toml, read_regular

CONFIG_FILES = ("editlint.toml", ".editlint.toml", "pyproject.toml")
DEFAULT_EXTENSIONS = (".md", ".markdown", ".html", ".htm", ".txt")
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
SEVERITY_KEY = "severity"
MAX_CONFIG_BYTES = 1 << 20


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


class Config(Record):
    """One configuration: what to lint, which rules, with which options."""

    path: Path | None                   # the file it came from; None for defaults
    select: list[str] | None            # None: every rule
    ignore: list[str]
    extend_select: list[str]
    per_file_ignores: dict[str, list[str]]
    exclude: list[str]
    extensions: list[str]
    rule_paths: list[Path]
    rules: dict[str, dict[str, Any]]    # code or name -> options (+ severity)
    max_file_size: int
    regex_timeout: float

    def __init__(self, path: Path | None = None, select: list[str] | None = None, ignore: list[str] | None = None,
                 extend_select: list[str] | None = None, per_file_ignores: dict[str, list[str]] | None = None,
                 exclude: list[str] | None = None, extensions: list[str] | None = None,
                 rule_paths: list[Path] | None = None, rules: dict[str, dict[str, Any]] | None = None,
                 max_file_size: int = DEFAULT_MAX_FILE_SIZE, regex_timeout: float = 1.0) -> None:
        self.path = path
        self.select = select
        self.ignore = [] if ignore is None else ignore
        self.extend_select = [] if extend_select is None else extend_select
        self.per_file_ignores = {} if per_file_ignores is None else per_file_ignores
        self.exclude = [] if exclude is None else exclude
        self.extensions = list(DEFAULT_EXTENSIONS) if extensions is None else extensions
        self.rule_paths = [] if rule_paths is None else rule_paths
        self.rules = {} if rules is None else rules
        self.max_file_size = max_file_size
        self.regex_timeout = regex_timeout

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def _strings(file: Path, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{file}: '{key}' must be a list of strings")
    return list(value)


def _size(file: Path, key: str, value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        units = {"kb": 1024, "mb": 1024 ** 2, "gb": 1024 ** 3, "b": 1}
        low = value.strip().lower().replace(" ", "")
        for unit, factor in units.items():
            if low.endswith(unit):
                try:
                    size = float(low[: -len(unit)]) * factor
                except ValueError:
                    break
                if math.isfinite(size) and size > 0:
                    return int(size)
                break
    raise ConfigError(f"{file}: '{key}' must be a size in bytes or like \"10MB\"")


def parse_config(data: dict[str, Any], file: Path) -> Config:
    cfg = Config(path=file)
    for key, value in data.items():
        if key == "select":
            cfg.select = _strings(file, key, value)
        elif key == "ignore":
            cfg.ignore = _strings(file, key, value)
        elif key == "extend-select":
            cfg.extend_select = _strings(file, key, value)
        elif key == "exclude":
            cfg.exclude = _strings(file, key, value)
        elif key == "extensions":
            cfg.extensions = [e if e.startswith(".") else "." + e for e in _strings(file, key, value)]
        elif key == "rule-paths":
            cfg.rule_paths = [(file.parent / p).resolve() for p in _strings(file, key, value)]
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{file}: 'per-file-ignores' must be a table of glob = [codes]")
            cfg.per_file_ignores = {k: _strings(file, f"per-file-ignores.{k}", v) for k, v in value.items()}
        elif key == "rules":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError(f"{file}: 'rules' must be a table of [rules.CODE] tables")
            cfg.rules = {k: dict(v) for k, v in value.items()}
        elif key == "max-file-size":
            cfg.max_file_size = _size(file, key, value)
        elif key == "regex-timeout":
            # nan compares false with everything: it must not slip through as "no limit"
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value) \
                    or value <= 0:
                raise ConfigError(f"{file}: 'regex-timeout' must be a positive, finite number of seconds")
            cfg.regex_timeout = float(value)
        else:
            raise ConfigError(f"{file}: unknown key '{key}'")
    return cfg


def load_config_file(file: Path) -> Config | None:
    """The configuration in ``file``; None for a pyproject.toml without [tool.editlint]."""
    try:
        data = load_toml(read_regular(file, MAX_CONFIG_BYTES, "configuration file").decode("utf-8"),
                         "configuration file", MAX_CONFIG_BYTES)
    except UnicodeDecodeError:
        raise ConfigError(f"{file}: not valid UTF-8") from None
    except InputError as exc:
        raise ConfigError(str(exc) if str(exc).startswith(str(file)) else f"{file}: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read: {exc.strerror or exc}") from None
    except Exception as exc:
        import tomllib      # loaded by load_toml when a configuration is read

        if not isinstance(exc, tomllib.TOMLDecodeError):
            raise
        raise ConfigError(f"{file}: invalid TOML: {exc}") from None
    if file.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "editlint" not in tool:
            return None
        data = tool["editlint"]
        if not isinstance(data, dict):
            raise ConfigError(f"{file}: [tool.editlint] must be a table")
    return parse_config(data, file)


class ConfigResolver:
    """Finds the configuration for each path, upward from it, once per directory."""

    def __init__(self, explicit: Path | None = None, isolated: bool = False) -> None:
        self._explicit = load_config_file(explicit) if explicit else None
        if explicit and self._explicit is None:
            raise ConfigError(f"{explicit}: no [tool.editlint] table")
        self._isolated = isolated
        self._by_dir: dict[Path, Config] = {}

    def for_path(self, path: Path) -> Config:
        if self._explicit is not None:
            return self._explicit
        if self._isolated:
            return self._by_dir.setdefault(Path("/"), Config())
        start = path if path.is_dir() else path.parent
        start = start.resolve()
        visited = []
        directory: Path | None = start
        found: Config | None = None
        while directory is not None:
            if directory in self._by_dir:
                found = self._by_dir[directory]
                break
            visited.append(directory)
            for name in CONFIG_FILES:
                candidate = directory / name
                if candidate.is_file():
                    found = load_config_file(candidate)
                    if found is not None:
                        break
            if found is not None:
                break
            directory = directory.parent if directory.parent != directory else None
        if found is None:
            found = Config()
        for d in visited:
            self._by_dir[d] = found
        return found
