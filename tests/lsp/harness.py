"""``editlint server`` with two additions for the tests that need them: a house rule that
reports a repeated word once with its other uses as related places (no built-in rule may
do so on a short text), and a Markdown parser that fails on a marker, as a parser bug
would. Everything else is the real server."""

from __future__ import annotations

import sys

import regex

from editlint import hookimpl
from editlint.rule import Docs, Example, Rule

MARKER = "PARSER-BUG-HERE"


class RepeatedWord(Rule):
    def __init__(self):
        super().__init__(code="ZX001", name="repeated-zorb", family="test-house", severity="warning",
                         docs=Docs(summary="The word zorb more than once.", what="Reports 'zorb' used twice or more.",
                                   why="One zorb is plenty."),
                         message="'zorb' is used {count} times.",
                         flags=[Example("zorb and zorb\n")], passes=[Example("zorb\n")])

    def check(self, doc):
        hits = [(b, m) for b in doc.blocks for m in regex.finditer(r"\bzorb\b", b.text)]
        if len(hits) > 1:
            (block, first), rest = hits[0], hits[1:]
            related = [self.related_at(doc, b, m.start(), m.end(), "another zorb") for b, m in rest]
            yield self.report(doc, block, first.start(), first.end(), count=len(hits), related=related)


@hookimpl
def register_rules(register):
    register(RepeatedWord())


def main() -> int:
    import editlint.parsers.markdown as markdown
    from editlint.lsp import serve
    from editlint.plugins import collect, plugin_manager

    real = markdown.parse_markdown

    def parse_markdown(text, path="-"):
        if MARKER in text:
            raise RecursionError("maximum recursion depth exceeded (a parser bug, for the test)")
        return real(text, path)

    markdown.parse_markdown = parse_markdown
    pm, errors = plugin_manager(extra=(sys.modules[__name__],))
    return serve(collect(pm, errors))


if __name__ == "__main__":
    sys.exit(main())
