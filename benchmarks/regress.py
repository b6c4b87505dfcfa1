"""Regression harness for speed work: lint a fixed set of files and save (or compare) the
JSON findings, so that an optimisation that changes a single finding is caught.

    .venv/bin/python benchmarks/regress.py save  OUT.json   # record today's findings
    .venv/bin/python benchmarks/regress.py check OUT.json   # compare; exit 1 on any difference

The set: the first N (default 300) BBC News articles of /work/shared/corpora/bbc_news/train.jsonl
written out as .txt files in a temporary folder (the corpus is never copied into the
project), every file under tests/fixtures/ and examples/, and /work/shared/seed/articles.
Linting runs in process with one session (``--isolated`` defaults, every rule selected,
the cache off), and paths are shown relative to their set, so two runs compare byte for
byte.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BBC = Path("/work/shared/corpora/bbc_news/train.jsonl")
SEED = Path("/work/shared/seed/articles")


def write_bbc(folder: Path, limit: int) -> list[Path]:
    """The first ``limit`` BBC articles as plain-text files (title, blank line, paragraphs)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    if not BBC.exists():
        return out
    with BBC.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= limit:
                break
            art = json.loads(line)
            p = folder / f"{art['id']}.txt"
            p.write_text(art["title"] + "\n\n" + "\n\n".join(art["paragraphs"]) + "\n", encoding="utf-8")
            out.append(p)
    return out


def collect(tmp: Path, limit: int) -> list[tuple[Path, str]]:
    from editlint.engine import iter_files
    exts = (".md", ".markdown", ".html", ".htm", ".txt")
    files = [(p, f"bbc/{p.name}") for p in write_bbc(tmp / "bbc", limit)]
    for base, label in ((ROOT / "tests" / "fixtures", "fixtures"), (ROOT / "examples", "examples"), (SEED, "seed")):
        if base.exists():
            for p, problem in iter_files([base], exts):
                if problem is None and p.is_file():
                    files.append((p, f"{label}/{p.relative_to(base).as_posix()}"))
    return files


def lint_all(files: list[tuple[Path, str]]) -> list[dict]:
    from editlint.cli import Session
    from editlint.engine import Selection
    session = Session(None, True, Selection())
    out = []
    for path, display in files:
        for f in session.linter.lint_file(path, display):
            d = f.to_dict()
            out.append(d)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=["save", "check"])
    ap.add_argument("file", type=Path)
    ap.add_argument("--limit", type=int, default=300)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="editlint-regress-") as tmp:
        files = collect(Path(tmp), args.limit)
        found = lint_all(files)
    text = json.dumps(found, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if args.action == "save":
        args.file.write_text(text, encoding="utf-8")
        print(f"{len(files)} files, {len(found)} findings saved to {args.file}")
        return 0
    old = args.file.read_text(encoding="utf-8")
    if old == text:
        print(f"{len(files)} files, {len(found)} findings: identical")
        return 0
    new = args.file.with_suffix(".new.json")
    new.write_text(text, encoding="utf-8")
    print(f"DIFFERENT: {len(found)} findings now (saved to {new}); diff {args.file} {new}")
    return 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
