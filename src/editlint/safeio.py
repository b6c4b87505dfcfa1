"""Reading what users hand editlint, within bounds.

- :func:`read_regular` reads a file only when it is a regular file (a FIFO or a device given
  as ``--config``, a baseline, a diff or a cache shard would block or never end) and not
  larger than a limit. It opens without blocking and checks the open file itself, so a
  FIFO swapped in after a check is refused too.
- :func:`load_yaml` parses YAML (front matter, rule packs) with limits on size, nesting and
  aliases, and without turning dates into ``datetime`` objects (a ``date: 2024-13-45`` stays
  the string it is, instead of failing the whole file). A "billion laughs" document, whose
  aliases expand to gigabytes, is refused before it is built.
- :func:`load_toml` parses TOML with a size limit, and reports a nesting too deep for the
  parser as an error, not a crash.
"""

from __future__ import annotations

import os
import stat
from functools import lru_cache
from pathlib import Path
from typing import Any

MAX_ALIASES = 100          # real front matter and packs use none, or a handful
MAX_DEPTH = 64
MAX_NODES = 200_000


class InputError(ValueError):
    """An input that editlint refuses to read or parse; the message says why."""


def read_regular(path: Path | str, limit: int | None = None, what: str = "file") -> bytes:
    """The bytes of ``path``; InputError for a special file or one over ``limit`` bytes,
    OSError when it cannot be read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path}: not a regular file (a pipe, socket or device); the {what} is not read")
        if limit is not None and st.st_size > limit:
            raise InputError(f"{path}: the {what} is {st.st_size:,} bytes, over the limit of {limit:,}")
        chunks = []
        left = (limit + 1) if limit is not None else None
        while True:
            chunk = os.read(fd, 1 << 20 if left is None else min(1 << 20, left))
            if not chunk:
                break
            chunks.append(chunk)
            if left is not None:
                left -= len(chunk)
                if left <= 0:
                    raise InputError(f"{path}: the {what} grew past the limit of {limit:,} bytes while read")
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_regular(path: Path | str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


@lru_cache(maxsize=1)
def _no_dates_loader() -> type:
    """The safe loader, with timestamps left as strings. (PyYAML is imported when a YAML
    text is first read: a run served from the cache reads none.)"""
    import yaml

    class _NoDatesLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    _NoDatesLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return _NoDatesLoader


def _check_events(text: str, what: str) -> None:
    """Walk the event stream first (libyaml when available: cheap) and count the nodes the
    document would expand to, aliases included, before any object is built: a "billion
    laughs" of nine aliases of nine aliases is tiny as text and gigabytes as data."""
    sizes: dict[str, int] = {}          # anchor -> nodes it expands to
    open_at: list[tuple[str | None, int]] = []   # open collections: (anchor, total when opened)
    total = aliases = 0
    import yaml
    for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(open_at) >= MAX_DEPTH:
                raise InputError(f"the {what} nests deeper than {MAX_DEPTH} levels")
            open_at.append((event.anchor, total))
            total += 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            anchor, at = open_at.pop()
            if anchor:
                sizes[anchor] = total - at
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                sizes[event.anchor] = 1
            total += 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise InputError(f"the {what} uses more than {MAX_ALIASES} YAML aliases")
            total += sizes.get(event.anchor, 1)
        if total > MAX_NODES:
            raise InputError(f"the {what} expands to more than {MAX_NODES:,} YAML nodes"
                             + (" through its aliases (an alias bomb)" if aliases else ""))


def load_yaml(text: str, what: str = "YAML", max_size: int = 4 << 20) -> Any:
    """Parse bounded YAML; InputError for one past the limits, yaml.YAMLError when invalid."""
    if len(text) > max_size:
        raise InputError(f"the {what} is {len(text):,} characters, over the limit of {max_size:,}")
    _check_events(text, what)
    try:
        import yaml
        return yaml.load(text, Loader=_no_dates_loader())
    except RecursionError:
        raise InputError(f"the {what} nests too deeply") from None


def load_toml(text: str, what: str = "TOML", max_size: int = 1 << 20) -> dict[str, Any]:
    """Parse bounded TOML; InputError past the limits, tomllib.TOMLDecodeError when invalid."""
    if len(text) > max_size:
        raise InputError(f"the {what} is {len(text):,} characters, over the limit of {max_size:,}")
    import tomllib      # imported when a TOML text is read (an --isolated run of a .txt file reads none)

    try:
        return tomllib.loads(text)
    except RecursionError:
        raise InputError(f"the {what} nests too deeply") from None
