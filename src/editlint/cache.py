"""A cache of findings, so that a re-run over an unchanged archive is near-instant.

An entry is found by the file's name (as shown in findings) and the SHA-256 of its bytes
(for an article of a JSON Lines export: its id and the SHA-256 of its record's line),
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

import dataclasses
import hashlib
import importlib.metadata
import json
import os
from pathlib import Path
from typing import Iterable

from editlint import __version__
from editlint.articles import ArticleInfo
from editlint.config import Config
from editlint.rule import Edit, Finding, Fix, Related

DIRNAME = ".editlint_cache"
LAYOUT = "v3"
# Findings that depend on more than the file (time limits, crashes) are never cached.
UNCACHEABLE = frozenset({"EL001", "EL004", "EL201", "EL202", "EL203"})
KEEP_SHARDS = 16                 # configurations remembered at once
_FIELDS = [f.name for f in dataclasses.fields(Finding) if f.name != "path"]
_RELATED = [f.name for f in dataclasses.fields(Related)]
_EDIT = [f.name for f in dataclasses.fields(Edit)]


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


def _finding(display: str, row: list) -> Finding:
    fields = dict(zip(_FIELDS, row, strict=True))
    fields["related"] = [Related(**dict(zip(_RELATED, r, strict=True))) for r in fields["related"]]
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
                try:
                    version = importlib.metadata.version(name)
                except Exception:
                    version = "?"
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
                data = json.loads((self.directory / LAYOUT / f"{key}.json").read_text(encoding="utf-8"))
                if isinstance(data, dict):
                    shard = data
            except (OSError, ValueError):
                pass
            self._shards[key] = shard
        return shard

    def get(self, display: str, cfg: Config, digest: str) -> list[Finding] | None:
        found = self.lookup(display, cfg, digest)
        return None if found is None else found[0]

    def lookup(self, display: str, cfg: Config, digest: str) -> tuple[list[Finding], ArticleInfo] | None:
        """The findings and the article's info (words, title, section, date) stored for
        ``display`` with this content; None when there are none (or no info with them)."""
        entry = self._shard(self.config_key(cfg)).get(display)
        try:
            if entry and entry[0] == digest and len(entry) > 2:
                found = [_finding(display, row) for row in entry[1]]
                info = ArticleInfo.from_list(entry[2])
                self.hits += 1
                return found, info
        except (TypeError, ValueError, IndexError):
            pass
        self.misses += 1
        return None

    def put(self, display: str, cfg: Config, digest: str, findings: Iterable[Finding],
            info: ArticleInfo | None = None) -> None:
        findings = list(findings)
        if any(f.code in UNCACHEABLE for f in findings):
            return
        key = self.config_key(cfg)
        rows = [_row(f) for f in findings]
        self._shard(key)[display] = [digest, rows, (info or ArticleInfo()).to_list()]
        self._dirty.add(key)

    def save(self) -> None:
        """Write the shards that changed; any failure leaves the cache as it was."""
        if not self._dirty:
            return
        try:
            folder = self.directory / LAYOUT
            folder.mkdir(parents=True, exist_ok=True)
            tag = self.directory / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                               "# This file is a cache directory tag created by editlint.\n")
                (self.directory / ".gitignore").write_text("# Created by editlint.\n*\n")
            for key in sorted(self._dirty):
                target = folder / f"{key}.json"
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
        shards = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in shards[KEEP_SHARDS:]:
            old.unlink(missing_ok=True)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
