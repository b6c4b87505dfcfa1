"""Pathological input shapes of about the same size as a piece of ordinary prose, for
``speed.py`` (and by hand): each is written into a folder, never into the project.

    .venv/bin/python benchmarks/shapes.py OUT_DIR [--size 1000000]

Shapes (issue 13): ordinary prose (the baseline: BBC News articles run together), 60,000
headings, 15,000 suppression comments, prose on one line, prose in 20-character lines,
25,000 links, 14,500 paragraphs that open on a capitalised weasel cue, and (with --big) 10 MB
on one line. The prose comes from the BBC News corpus
(/work/shared/corpora/bbc_news/train.jsonl) when it is there, otherwise from the bundled
examples.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = Path("/work/shared/corpora/bbc_news/train.jsonl")


def prose(size: int) -> str:
    """About ``size`` characters of ordinary prose, in paragraphs."""
    paragraphs: list[str] = []
    if BBC.exists():
        with BBC.open(encoding="utf-8") as fh:
            for line in fh:
                paragraphs += json.loads(line)["paragraphs"]
                if sum(len(p) + 2 for p in paragraphs) >= size:
                    break
    else:
        for p in sorted((ROOT / "examples").glob("*.md")):
            paragraphs += [b for b in p.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    out, n, i = [], 0, 0
    while n < size:
        p = paragraphs[i % len(paragraphs)]
        out.append(p)
        n += len(p) + 2
        i += 1
    return "\n\n".join(out) + "\n"


def shapes(size: int, big: bool = False) -> dict[str, str]:
    text = prose(size)
    words = text.split()
    flat = " ".join(words)
    out = {
        "ordinary-prose.md": text,
        "headings.md": "".join(f"## Heading {i}\n\n" for i in range(60_000)),
        "suppressions.md": "".join(f"<!-- editlint-disable-next-line UC101 -->\nLine {i} of plain text here.\n"
                                   for i in range(15_000)),
        "one-line.txt": flat[:size] + "\n",
        "short-lines.txt": "\n".join(textwrap.wrap(flat[:size], 20)) + "\n",
        "links.md": "".join(f"[anchor text {i}](https://example.com/page/{i}) " for i in range(25_000)) + "\n",
        # every paragraph opens on a capitalised weasel cue, which once made UC101 search the
        # whole document for the word each time (quadratic)
        "capitalised-cues.md": "".join(f"Critics say plan {i} will fail. The council met on day {i}.\n\n"
                                       for i in range(14_500)),
    }
    if big:
        out["ten-mb-one-line.txt"] = ((flat + " ") * (10_000_000 // max(1, len(flat) + 1) + 1))[:10_000_000]
    return out


def write(folder: Path, size: int, big: bool = False) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, text in shapes(size, big).items():
        p = folder / name
        p.write_text(text, encoding="utf-8")
        paths[name] = p
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--big", action="store_true", help="also a 10 MB one-line file")
    args = ap.parse_args()
    for name, p in write(args.out, args.size, args.big).items():
        print(f"{p}  {p.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
