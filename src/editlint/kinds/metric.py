"""The metric kind: a formula over counts of a unit of text, checked against a threshold.

Like Vale's ``metric``, with the unit configurable: the document, each paragraph-like
block, or each sentence. Variables: ``words``, ``sentences``, ``characters``,
``syllables``, ``polysyllables`` (3+ syllables), ``long_words`` (7+ letters),
``blocks``. The formula is arithmetic only (``+ - * / ( )`` and numbers).
"""

from __future__ import annotations

import ast
import operator
from typing import Iterator

from editlint import prose
from editlint.document import Block, Document
from editlint.kinds.base import SCOPE_OPTION, Kind
from editlint.rule import Finding, Option, RuleError

_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
VARIABLES = ("words", "sentences", "characters", "syllables", "polysyllables", "long_words", "blocks")


def compile_formula(formula: str) -> ast.Expression:
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError:
        raise RuleError(f"formula {formula!r} is not an arithmetic expression") from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id not in VARIABLES:
            raise RuleError(f"formula {formula!r} uses unknown variable '{node.id}' (known: {', '.join(VARIABLES)})")
        if not isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.USub, ast.Name, ast.Load,
                                 ast.Constant, *_OPS)):
            raise RuleError(f"formula {formula!r} may use only numbers, variables and + - * / ( )")
    return tree


def evaluate(tree: ast.Expression, values: dict[str, float]) -> float:
    def ev(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            return float(values[node.id])
        if isinstance(node, ast.UnaryOp):
            return -ev(node.operand)
        if isinstance(node, ast.BinOp):
            right = ev(node.right)
            if isinstance(node.op, ast.Div) and right == 0:
                return 0.0
            return _OPS[type(node.op)](ev(node.left), right)
        raise RuleError("unsupported formula")
    return ev(tree)


def counts(texts: list[str], blocks: int) -> dict[str, float]:
    words = [w for t in texts for w in prose.words(t)]
    from editlint.readability import syllable_count   # textstat's count, from the precomputed table

    syllables = [syllable_count(w) for w in words if w[0].isalpha()]
    return {
        "words": len(words),
        "sentences": sum(len(prose.split_sentences(t)) for t in texts),
        "characters": sum(len(w) for w in words),
        "syllables": sum(syllables),
        "polysyllables": sum(1 for s in syllables if s >= 3),
        "long_words": sum(1 for w in words if len(w) >= 7),
        "blocks": blocks,
    }


class Metric(Kind):
    KIND = "metric"
    OPTIONS = {
        "formula": Option("", "Arithmetic over the variables " + ", ".join(VARIABLES) + "."),
        "max": Option(float("inf"), "Report when the formula is above this.", type=(int, float)),
        "min": Option(float("-inf"), "Report when the formula is below this.", type=(int, float)),
        "per": Option("document", "Unit measured: document, block or sentence.",
                      check=lambda v: v in ("document", "block", "sentence")),
        "min_words": Option(0, "Skip units with fewer words than this (metrics are noise on tiny texts)."),
        "scope": SCOPE_OPTION,
    }

    def prepare(self) -> None:
        if not self.options["formula"]:
            raise RuleError("kind 'metric' needs 'formula'")
        self._tree = compile_formula(self.options["formula"])

    def check(self, doc: Document) -> Iterator[Finding]:
        blocks = [b for b in self.scoped_blocks(doc)]
        per = self.options["per"]
        units: list[tuple[Block, int, int, list[str], int]] = []
        if per == "document":
            if blocks:
                units.append((blocks[0], 0, len(blocks[0].text), [b.text for b in blocks], len(blocks)))
        elif per == "block":
            units = [(b, 0, len(b.text), [b.text], 1) for b in blocks]
        else:
            units = [(b, s.start, s.end, [s.text], 1) for b in blocks for s in b.sentences]
        for block, start, end, texts, n in units:
            values = counts(texts, n)
            if values["words"] < self.options["min_words"]:
                continue
            value = evaluate(self._tree, values)
            if value > self.options["max"] or value < self.options["min"]:
                shown = round(value, 1)
                yield self.report(doc, block, start, end, value=int(shown) if shown == int(shown) else shown,
                                  max=self.options["max"], min=self.options["min"])
