"""``editlint server``: the language server (LSP over stdio), for editors.

It needs the ``lsp`` extra (``pip install 'editlint[lsp]'``: pygls and lsprotocol), which
the base install does not import; see :mod:`editlint.lsp`.
"""

from __future__ import annotations

import argparse
import sys

from editlint import cli

INSTALL_HINT = "pip install 'editlint[lsp]'"


def register(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("server", help="run the language server (LSP over stdio) for editors",
                   description="Run editlint's language server: LSP over standard input and output. "
                               "Editors start it; see the README for VS Code, Neovim and Zed.")


def run(args: argparse.Namespace, session) -> int:
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError as exc:
        print(f"editlint: error: 'editlint server' needs the language server extra, which is not installed "
              f"({exc.name} is missing): {INSTALL_HINT}", file=sys.stderr)
        return cli.EXIT_ERROR
    from editlint.lsp import serve
    return serve(session.registry)


cli.EXTRA_COMMANDS.append(register)
cli.COMMAND_HANDLERS["server"] = run
