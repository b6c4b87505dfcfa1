"""Statistical models shipped with editlint, and how rules load them.

The model files live beside this module (``loaded-language.model``,
``unattributed-claim.model``: format 3, see :func:`editlint.models.scorer.write`); ``MODEL_CARD.md`` says what they were trained on, under
which licences, how well they do and where they fail. ``python -m editlint.models.train``
rebuilds them from the labelled corpora. Nothing here is imported until a rule that needs a
model runs, and nothing ever touches the network.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from editlint import startup
from editlint.models.scorer import Model, ModelError, read

MODEL_DIR = Path(__file__).resolve().parent
BUILTIN = ("loaded-language", "unattributed-claim")
SUFFIX = ".model"

_loaded: dict[tuple[str, int, int], Model] = {}
_lock = threading.Lock()

__all__ = ["BUILTIN", "MODEL_DIR", "SUFFIX", "Model", "ModelError", "load", "resolve"]


def resolve(name_or_path: str) -> Path:
    """A built-in model's file by name, or the path given."""
    if name_or_path in BUILTIN:
        return MODEL_DIR / f"{name_or_path}{SUFFIX}"
    return Path(name_or_path).expanduser()


def load(name_or_path: str) -> Model:
    """The model, read once per process (again only if its file changes)."""
    path = resolve(name_or_path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ModelError(f"model file {path} does not exist") from None
    except OSError as exc:
        raise ModelError(f"cannot read model file {path}: {exc.strerror or exc}") from None
    key = (str(path), st.st_size, st.st_mtime_ns)
    with _lock:
        model = _loaded.get(key)
        if model is None:
            model = _loaded[key] = read(path)
            startup.settle()
        return model
