"""editlint server, end to end: a real LSP client (pytest-lsp) drives `python -m editlint
server` over stdio, as an editor would."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as lsp  # noqa: E402
from pygls.uris import from_fs_path, to_fs_path  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

HERE = Path(__file__).parent
DOCS_CACHE = Path(tempfile.mkdtemp(prefix="editlint-lsp-docs-"))
ENV = {**os.environ, "XDG_CACHE_HOME": str(DOCS_CACHE), "PYTHONIOENCODING": "utf-8"}

HOUSE = """\
rules:
  - code: ZZ901
    name: no-frobnicate
    family: house-style
    kind: existence
    message: "Avoid '{match}'."
    severity: warning
    tokens: [frobnicate]
    ignorecase: true
  - code: ZY001
    name: prefer-gadget
    family: house-style
    kind: substitution
    message: "Say '{replacement}' instead of '{match}'."
    severity: info
    swap: {widget: gadget}
    ignorecase: true
"""
CONFIG = 'rule-paths = ["house"]\nselect = ["house-style", "EL"]\n'


def workspace(root: Path, config: str = CONFIG) -> Path:
    (root / "house").mkdir(parents=True, exist_ok=True)
    (root / "house" / "pack.yml").write_text(HOUSE)
    (root / "editlint.toml").write_text(config)
    return root


def client_fixture(command: list[str], debounce: float = 0.05):
    @pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=command, server_env=ENV))
    async def client(lsp_client: LanguageClient):
        await lsp_client.initialize_session(lsp.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
            initialization_options={"debounce": debounce}))
        yield
        await lsp_client.shutdown_session()

    return client


client = client_fixture([sys.executable, "-m", "editlint", "server"])
harness = client_fixture([sys.executable, str(HERE / "lsp" / "harness.py")])

pytestmark = pytest.mark.asyncio(loop_scope="module")


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "markdown", version: int = 1) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(path))
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return uri


async def settle(client, uri, predicate, timeout: float = 60):
    """Wait until the diagnostics published for ``uri`` satisfy ``predicate``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if uri in client.diagnostics and predicate(client.diagnostics[uri]):
            return client.diagnostics[uri]
        try:
            await asyncio.wait_for(client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS),
                                   timeout=max(0.1, deadline - time.monotonic()))
        except asyncio.TimeoutError:
            break
    raise AssertionError(f"diagnostics for {uri} never matched: {client.diagnostics.get(uri)}")


def codes(diags) -> list[str]:
    return sorted(str(d.code) for d in diags)


async def test_diagnostics_on_open_with_the_workspace_config(client: LanguageClient, tmp_path):
    root = workspace(tmp_path / "ws")
    # an emoji before the word: LSP columns are UTF-16 code units, editlint's code points
    text = "# Notes\n\nThe 😀 team will frobnicate a widget.\n"
    uri = open_doc(client, root / "articles" / "a.md", text)
    diags = await settle(client, uri, lambda d: len(d) == 2)
    by_code = {d.code: d for d in diags}
    frob = by_code["ZZ901"]
    assert frob.source == "editlint" and frob.message == "Avoid 'frobnicate'."
    assert frob.severity == lsp.DiagnosticSeverity.Warning
    assert (frob.range.start.line, frob.range.start.character) == (2, 17)     # 'The 😀 team will ': 17 UTF-16 units
    assert (frob.range.end.line, frob.range.end.character) == (2, 27)
    swap = by_code["ZY001"]
    assert swap.severity == lsp.DiagnosticSeverity.Information
    assert swap.message == "Say 'gadget' instead of 'widget'."
    # the documentation link opens the rule's explanation
    page = Path(to_fs_path(frob.code_description.href))
    body = page.read_text(encoding="utf-8")
    assert body.startswith("**ZZ901 no-frobnicate** · house-style, warning") and "pack.yml" in body


async def test_change_is_debounced_and_published_for_the_latest_text(client: LanguageClient, tmp_path):
    root = workspace(tmp_path / "ws")
    uri = open_doc(client, root / "b.md", "Nothing here.\n")
    await settle(client, uri, lambda d: len(d) == 0)
    for version, word in enumerate(["frob", "frobni", "frobnicate"], start=2):
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangePartial(
                range=lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0)),
                text=word + " ")]))
    # incremental changes inserted at the start: "frobnicate frobni frob Nothing here."
    diags = await settle(client, uri, lambda d: codes(d) == ["ZZ901"])
    assert (diags[0].range.start.character, diags[0].range.end.character) == (0, 10)


async def test_hover_explains_the_rule(client: LanguageClient, tmp_path):
    root = workspace(tmp_path / "ws")
    uri = open_doc(client, root / "c.md", "We frobnicate.\n")
    await settle(client, uri, lambda d: codes(d) == ["ZZ901"])
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=0, character=5)))
    assert hover.contents.kind == lsp.MarkupKind.Markdown
    assert hover.contents.value.startswith("**ZZ901** Avoid 'frobnicate'.")
    assert "**ZZ901 no-frobnicate** · house-style, warning" in hover.contents.value
    none = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=0, character=0)))
    assert none is None


async def test_hover_on_a_built_in_rule_shows_explain_sections(client: LanguageClient, tmp_path):
    root = workspace(tmp_path / "ws", 'select = ["UC102"]\n')
    uri = open_doc(client, root / "d.md", "The mayor reportedly resigned on Tuesday.\n")
    diags = await settle(client, uri, lambda d: codes(d) == ["UC102"])
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=diags[0].range.start))
    value = hover.contents.value
    for section in ("**What it does**", "**Why is this bad?**", "**Example**", "**How to fix it**"):
        assert section in value


async def test_code_actions_fix_and_disable_for_this_line(client: LanguageClient, tmp_path):
    root = workspace(tmp_path / "ws")
    text = "# Notes\n\nA widget, and we frobnicate.\n"
    uri = open_doc(client, root / "e.md", text)
    diags = await settle(client, uri, lambda d: len(d) == 2)
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        range=lsp.Range(start=lsp.Position(line=2, character=0), end=lsp.Position(line=2, character=28)),
        context=lsp.CodeActionContext(diagnostics=diags)))
    titles = sorted(a.title for a in actions)
    assert titles == ["Disable ZY001 for this line", "Disable ZZ901 for this line",
                      "Fix ZY001: replace 'widget' with 'gadget'"]
    fix = next(a for a in actions if a.title.startswith("Fix"))
    assert fix.kind == lsp.CodeActionKind.QuickFix and fix.is_preferred
    (edit,) = fix.edit.changes[uri]
    assert (edit.range.start.line, edit.range.start.character, edit.range.end.character, edit.new_text) == \
        (2, 2, 8, "gadget")
    disable = next(a for a in actions if a.title == "Disable ZZ901 for this line")
    (edit,) = disable.edit.changes[uri]
    assert edit.new_text == "<!-- editlint-disable-next-line ZZ901 -->\n"
    assert (edit.range.start.line, edit.range.start.character) == (2, 0) and edit.range.start == edit.range.end
    # applying it (as the editor does) silences the finding and nothing else
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[lsp.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)]))
    await settle(client, uri, lambda d: codes(d) == ["ZY001"])


async def test_broken_config_is_a_diagnostic_and_the_server_recovers(client: LanguageClient, tmp_path):
    root = workspace(tmp_path / "ws", CONFIG + "colour = 'red'\n")
    uri = open_doc(client, root / "f.md", "We frobnicate.\n")
    diags = await settle(client, uri, lambda d: codes(d) == ["EL301"])
    assert "unknown key 'colour'" in diags[0].message and diags[0].severity == lsp.DiagnosticSeverity.Error
    assert any("configuration error" in m.message and "colour" in m.message for m in client.log_messages)
    (root / "editlint.toml").write_text(CONFIG)          # fixed on disk; the next keystroke sees it
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text="We frobnicate again.\n")]))
    await settle(client, uri, lambda d: codes(d) == ["ZZ901"])


async def test_broken_front_matter_is_an_engine_diagnostic(client: LanguageClient, tmp_path):
    root = workspace(tmp_path / "ws")
    uri = open_doc(client, root / "g.md", "---\ntitle: [unclosed\n---\nWe frobnicate.\n")
    diags = await settle(client, uri, lambda d: "EL005" in codes(d))
    assert codes(diags) == ["EL005", "ZZ901"]


async def test_unknown_methods_are_answered_and_the_server_goes_on(client: LanguageClient, tmp_path):
    with pytest.raises(Exception, match="[Mm]ethod"):
        await client.protocol.send_request_async("editlint/noSuchMethod", {"x": 1})
    client.protocol.notify("$/noSuchNotification", {"y": 2})
    root = workspace(tmp_path / "ws")
    uri = open_doc(client, root / "h.md", "We frobnicate.\n")
    await settle(client, uri, lambda d: codes(d) == ["ZZ901"])


async def test_html_and_text_documents(client: LanguageClient, tmp_path):
    root = workspace(tmp_path / "ws")
    uri = open_doc(client, root / "p.html", "<p>We <b>frobnicate</b> &amp; more.</p>\n", language="html")
    diags = await settle(client, uri, lambda d: codes(d) == ["ZZ901"])
    assert (diags[0].range.start.character, diags[0].range.end.character) == (9, 19)
    uri = open_doc(client, root / "t.txt", "Title\n\nWe frobnicate here.\n", language="plaintext")
    await settle(client, uri, lambda d: codes(d) == ["ZZ901"])


async def test_related_places_and_a_parser_crash(harness: LanguageClient, tmp_path):
    client = harness
    root = workspace(tmp_path / "ws", 'rule-paths = ["house"]\nselect = ["house-style", "test-house", "EL"]\n')
    uri = open_doc(client, root / "r.md", "A zorb here.\n\nAnother zorb, and a zorb.\n")
    diags = await settle(client, uri, lambda d: codes(d) == ["ZX001"])
    related = diags[0].related_information
    assert [(r.location.uri, r.location.range.start.line, r.location.range.start.character, r.message)
            for r in related] == [(uri, 2, 8, "another zorb"), (uri, 2, 20, "another zorb")]
    uri = open_doc(client, root / "s.md", "We frobnicate. PARSER-BUG-HERE\n")
    diags = await settle(client, uri, lambda d: codes(d) == ["EL201"])
    assert "could not parse" in diags[0].message
    assert sum("could not parse" in m.message for m in client.log_messages) == 1
    uri = open_doc(client, root / "t.md", "We frobnicate.\n")          # and it goes on
    await settle(client, uri, lambda d: codes(d) == ["ZZ901"])
