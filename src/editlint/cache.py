"""A cache of findings, so that a re-run over an unchanged archive is near-instant.

An entry is found by the file's resolved path (the same file named relatively or absolutely
is one entry) and the SHA-256 of its bytes (for an article of a JSON Lines export: its id
and the SHA-256 of its record's line),
inside a *shard* named by the hash of everything else the findings depend on: editlint's
version and code, the plugins, the built-in rule packs, the configuration file's contents,
the contents of every pack its ``rule-paths`` name, and the selection given on the command
line. Changing any of these starts a new shard; an unchanged file in an unchanged setting
is a hit. An entry keeps the findings and the article's :class:`~editlint.articles.ArticleInfo`
(words, title, section, date), which the archive report needs.

The cache lives in ``.editlint_cache/`` next to the configuration file in force (or in the
current folder when there is none), or wherever ``--cache-dir`` says. It never writes
into a linted file. A cache that cannot be read, is corrupt or cannot be written is
ignored silently: the run is only slower.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Iterable

from editlint import __version__
from editlint.articles import ArticleInfo
from editlint.config import Config
from editlint.records import fields_of
from editlint.rule import Edit, Finding, Fix, Related
from editlint.safeio import read_regular

DIRNAME = ".editlint_cache"
LAYOUT = "v3"
# Findings that depend on more than the file (time limits, crashes) are never cached.
UNCACHEABLE = frozenset({"EL001", "EL004", "EL201", "EL202", "EL203"})
KEEP_SHARDS = 16                 # configurations remembered at once
_FIELDS = [name for name in fields_of(Finding) if name != "path"]
_RELATED = list(fields_of(Related))
_EDIT = list(fields_of(Edit))


def _value(f: Finding, name: str):
    if name == "related":
        return [[getattr(r, n) for n in _RELATED] for r in f.related]
    if name == "fix":
        fix = f.fix
        return None if fix is None else [fix.applicability, fix.message,
                                          [[getattr(e, n) for n in _EDIT] for e in fix.edits]]
    return getattr(f, name)


def _row(f: Finding) -> list:
    return [_value(f, name) for name in _FIELDS]


_INT_FIELDS = frozenset({"line", "column", "end_line", "end_column", "start", "end"})
_STR_FIELDS = frozenset({"code", "family", "severity", "message", "rule", "excerpt"})
_SHARD_NAME = re.compile(r"[0-9a-f]{32}\.json")


def _valid_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _finding(display: str, row: list) -> Finding:
    """A finding from a cached row; ValueError for a row that is not one (a corrupt or
    hand-edited cache is never served)."""
    if not isinstance(row, list):
        raise ValueError("not a row")
    fields = dict(zip(_FIELDS, row, strict=True))
    for name, value in fields.items():
        if name in _INT_FIELDS and not _valid_int(value) or name in _STR_FIELDS and not isinstance(value, str) \
                or name == "suggestion" and not (value is None or isinstance(value, str)) \
                or name == "related" and not isinstance(value, list):
            raise ValueError(f"bad {name}")
    related = []
    for r in fields["related"]:
        rel = dict(zip(_RELATED, r, strict=True))
        if not all(_valid_int(rel[k]) for k in ("line", "column", "end_line", "end_column", "start", "end")) \
                or not isinstance(rel["message"], str):
            raise ValueError("bad related location")
        related.append(Related(**rel))
    fields["related"] = related
    if fields["fix"] is not None:
        applicability, message, edits = fields["fix"]
        fields["fix"] = Fix([Edit(**dict(zip(_EDIT, e, strict=True))) for e in edits], applicability, message)
    return Finding(display, **fields)


def default_dir(cfg: Config) -> Path:
    return (cfg.path.parent if cfg.path else Path.cwd()) / DIRNAME


def _hash_tree(h, root: Path) -> None:
    """Feed every file under ``root`` (names and contents, sorted) into ``h``."""
    root = Path(root)
    if root.is_file():
        files = [root]
    elif root.is_dir():
        files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    else:
        h.update(f"missing:{root}\0".encode())
        return
    for p in files:
        h.update(p.as_posix().encode("utf-8", "surrogateescape") + b"\0")
        try:
            h.update(hashlib.sha256(p.read_bytes()).digest())
        except OSError:
            h.update(b"unreadable")


def _code_fingerprint() -> str:
    """editlint's own code, by name, size and modification time (an editable install
    changes without a new version number)."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for p in sorted(package.rglob("*.py")):
        try:
            st = p.stat()
        except OSError:
            continue
        h.update(f"{p.relative_to(package).as_posix()}:{st.st_size}:{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


class Cache:
    def __init__(self, directory: Path, session) -> None:
        self.directory = Path(directory)
        self.session = session
        self._base: str | None = None
        self._keys: dict[int, str] = {}
        self._shards: dict[str, dict] = {}
        self._dirty: set[str] = set()
        self.hits = self.misses = 0

    # -- keys -------------------------------------------------------------
    def _base_key(self) -> str:
        if self._base is None:

            h = hashlib.sha256(_code_fingerprint().encode())
            registry = self.session.registry
            for name in sorted(registry.plugins):
                version = "?"      # editlint's own plugin is no distribution: its code is fingerprinted above
                if name != "editlint.builtin":
                    import importlib.metadata
                    try:
                        version = importlib.metadata.version(name)
                    except Exception:
                        pass
                h.update(f"plugin:{name}:{version}\0".encode())
            for name, path in registry.packs:
                h.update(f"pack:{name}\0".encode())
                _hash_tree(h, path)
            for name, rule in registry.rules:
                h.update(f"rule:{name}:{rule.code}:{type(rule).__module__}.{type(rule).__qualname__}\0".encode())
            sel = self.session.linter.selection
            h.update(json.dumps([sel.select, sel.ignore, sel.extend_select]).encode())
            self._base = h.hexdigest()
        return self._base

    def config_key(self, cfg: Config) -> str:
        key = self._keys.get(id(cfg))
        if key is None:
            h = hashlib.sha256(self._base_key().encode())
            if cfg.path is not None:
                h.update(str(cfg.path).encode("utf-8", "surrogateescape") + b"\0")
                _hash_tree(h, cfg.path)
            else:
                h.update(repr(cfg).encode())
            for path in cfg.rule_paths:
                _hash_tree(h, path)
            key = self._keys[id(cfg)] = h.hexdigest()[:32]
        return key

    # -- entries ------------------------------------------------------------
    def _shard(self, key: str) -> dict:
        shard = self._shards.get(key)
        if shard is None:
            shard = {}
            try:
                raw = read_regular(self.directory / LAYOUT / f"{key}.json", what="cache shard")
                data = json.loads(raw.decode("utf-8"))
                if isinstance(data, dict):
                    shard = data
            except (OSError, ValueError):   # missing, unreadable, a FIFO, corrupt: start afresh
                pass
            self._shards[key] = shard
        return shard

    @staticmethod
    def entry_key(path: Path | str) -> str:
        """A file's entry is found by its resolved path: the same folder named relatively or
        absolutely is the same file (the findings take the name it is shown under now)."""
        return os.fsencode(os.path.realpath(path)).decode("utf-8", "backslashreplace")   # JSON-safe, unique

    def get(self, display: str, cfg: Config, digest: str, key: str | None = None) -> list[Finding] | None:
        found = self.lookup(display, cfg, digest, key)
        return None if found is None else found[0]

    def lookup(self, display: str, cfg: Config, digest: str,
               key: str | None = None) -> tuple[list[Finding], ArticleInfo] | None:
        """The findings and the article's info (words, title, section, date) stored under
        ``key`` (a file's :meth:`entry_key`; by default ``display``) with this content; None
        when there are none (or no info with them)."""
        entry = self._shard(self.config_key(cfg)).get(key or display)
        try:
            if entry and entry[0] == digest and len(entry) > 2:
                found = [_finding(display, row) for row in entry[1]]
                info = ArticleInfo.from_list(entry[2])
                self.hits += 1
                return found, info
        except (TypeError, ValueError, IndexError, KeyError):
            pass
        self.misses += 1
        return None

    def put(self, display: str, cfg: Config, digest: str, findings: Iterable[Finding],
            info: ArticleInfo | None = None, key: str | None = None) -> None:
        findings = list(findings)
        if any(f.code in UNCACHEABLE for f in findings):
            return
        shard_key = self.config_key(cfg)
        rows = [_row(f) for f in findings]
        self._shard(shard_key)[key or display] = [digest, rows, (info or ArticleInfo()).to_list()]
        self._dirty.add(shard_key)

    def save(self) -> None:
        """Write the shards that changed; any failure leaves the cache as it was."""
        if not self._dirty:
            return
        try:
            folder = self.directory / LAYOUT
            created = not self.directory.exists()
            folder.mkdir(parents=True, exist_ok=True)
            if created:
                # a folder of editlint's own: tag it, and keep it out of git. A folder that
                # was there already (`--cache-dir .`) is the user's: none of its files is
                # written or replaced, only the cache's own subfolder is added.
                _create(self.directory / "CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                        "# This file is a cache directory tag created by editlint.\n")
                _create(self.directory / ".gitignore", "# Created by editlint.\n*\n")
            for key in sorted(self._dirty):
                target = folder / f"{key}.json"
                if target.exists() and not target.is_file():
                    continue        # a FIFO or folder where a shard belongs: leave it be
                tmp = folder / f".{key}.{os.getpid()}.tmp"
                try:
                    tmp.write_text(json.dumps(self._shards[key], ensure_ascii=False, separators=(",", ":")),
                                   encoding="utf-8")
                    os.replace(tmp, target)
                finally:
                    tmp.unlink(missing_ok=True)
            self._prune(folder)
        except OSError:
            pass
        self._dirty.clear()

    @staticmethod
    def _prune(folder: Path) -> None:
        """Keep the most recently written shards: every change of configuration or of
        editlint starts a new one, and the old ones would only pile up."""
        shards = sorted((p for p in folder.glob("*.json") if _SHARD_NAME.fullmatch(p.name) and p.is_file()),
                        key=lambda p: p.stat().st_mtime, reverse=True)
        for old in shards[KEEP_SHARDS:]:
            old.unlink(missing_ok=True)


def _create(path: Path, text: str) -> None:
    """Write a new file; never replace one that exists."""
    try:
        with open(path, "x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        pass


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
