"""Word tables shipped in ``editlint/data``: read in place, nothing built at start-up.

A table is ``word value`` lines in byte order between newlines, stored uncompressed (a wheel
compresses it; decompressing the two tables cost ~25 ms of every run); a look-up is a binary
search in the file's bytes, so a process pays only for reading it, not for a dictionary of a
hundred thousand strings.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def data_bytes(name: str) -> bytes:
    """A file of ``editlint/data``. (Read from the package folder: importlib.resources costs
    more to import than the file costs to read; it is the fallback for a zipped install.)"""
    try:
        return (DATA / name).read_bytes()
    except OSError:
        from importlib import resources
        return resources.files("editlint").joinpath("data", name).read_bytes()


class SortedLines:
    """``word value`` lines in byte order between newlines, searched by bisection."""

    def __init__(self, blob: bytes) -> None:
        self.blob = blob

    @classmethod
    def load(cls, name: str) -> "SortedLines":
        blob = data_bytes(name)
        if name.endswith(".gz"):
            import gzip
            blob = gzip.decompress(blob)
        return cls(blob)

    def get(self, word: str) -> int | None:
        blob, key = self.blob, word.encode("utf-8", "surrogatepass")
        if b" " in key or b"\n" in key:
            return None
        lo, hi = 1, len(blob)             # a line start, and the end (or a line start)
        while lo < hi:
            mid = (lo + hi) // 2
            start = blob.rfind(b"\n", 0, mid) + 1
            space = blob.find(b" ", start)
            found = blob[start:space]
            if found < key:
                lo = blob.find(b"\n", space) + 1
            elif found > key:
                hi = start
            else:
                return int(blob[space + 1:blob.find(b"\n", space)])
        return None

    def items(self):
        """Every (word, value), in order (for tests)."""
        for line in self.blob.decode("utf-8").split("\n"):
            if line:
                word, _, value = line.rpartition(" ")
                yield word, int(value)


def encode(values: dict[str, int]) -> bytes:
    """The table of ``values`` (words without spaces or newlines)."""
    lines = sorted((w.encode("utf-8"), v) for w, v in values.items())
    return b"\n" + b"".join(w + b" " + str(v).encode("ascii") + b"\n" for w, v in lines)
