"""``editlint server``: a language server over stdio (pygls), for editors.

- On open, and on change after a short pause (``debounce``, 0.15 s), a document is linted
  with the configuration found upward from it (``editlint.toml``, ``[tool.editlint]``, the
  house packs it names) and its findings are published as diagnostics: code, severity,
  range, a link to the rule's explanation (``codeDescription``) and the problem's other
  places (``relatedInformation``).
- Hover on a finding explains its rule (``editlint explain``'s text).
- Code actions: the finding's fix, when its rule has one, and "Disable CODE for this line"
  (an ``editlint-disable-next-line`` comment written as the format needs it).
- The process stays warm: plugins, rules and the dictionaries the rules use load once,
  when the client connects; a keystroke pays for one lint of the document, nothing else.
  The configuration is read again when a configuration file changes.
- Bad input never stops it: a document that cannot be parsed (EL201), a broken
  configuration (EL301) or a crash is one log line and a diagnostic; unknown methods are
  answered as LSP says; when the client goes away (end of input, or its process ends) the
  server logs one line and exits.

Initialization options: ``{"debounce": seconds, "documentationUrl": "https://…/{code}"}``.
Without a documentation URL, each rule's explanation is written once to a Markdown page
under ``$XDG_CACHE_HOME/editlint/rules/`` and linked as a file.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from editlint import __version__
from editlint.api import Session
from editlint.config import CONFIG_FILES, ConfigError
from editlint.rule import Finding, Rule

DEBOUNCE = 0.15
SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "info": lsp.DiagnosticSeverity.Information}
EXTENSION_FOR_LANGUAGE = {"markdown": ".md", "html": ".html", "plaintext": ".txt", "text": ".txt"}
PARENT_POLL_SECONDS = 2.0
# Warm-up: one small article per format, so that what the rules load on first use (word
# lists, dictionaries) is loaded before the first keystroke.
WARM_UP = {
    "warm-up.md": "# A title\n\nA sentence with some words in it, reportedly. [A link](https://example.org/)\n",
    "warm-up.html": "<html><head><title>A title</title></head><body><p>Critics say it is so.</p></body></html>\n",
    "warm-up.txt": "A title\n\nOne plain sentence of text. Another one follows it.\n",
}

log = logging.getLogger("editlint.server")


@dataclass
class Linted:
    """The last lint of a document: the text it saw and what it found."""

    version: int | None
    text: str
    findings: list[Finding] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


class EditlintServer(LanguageServer):
    def __init__(self, registry=None) -> None:
        super().__init__("editlint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.registry = registry
        self._session: Session | None = None
        self._stamps: dict[Path, tuple] = {}
        self._base_rules: dict = {}
        self.linted: dict[str, Linted] = {}
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.tasks: set[asyncio.Task] = set()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="editlint-lint")
        self.lock = threading.Lock()          # the session is used from the lint thread and requests
        self.debounce = DEBOUNCE
        self.documentation_url: str | None = None
        self.docs_dir = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "editlint" / "rules"
        self.shutting_down = False
        self.warm = threading.Event()
        self.links: dict[tuple[str, str], str | None] = {}    # (config file, code) -> documentation link
        self.parent_pid: int | None = None

    # -- logging ----------------------------------------------------------------
    def note(self, message: str, kind: lsp.MessageType = lsp.MessageType.Warning) -> None:
        """One line in the client's log."""
        try:
            self.window_log_message(lsp.LogMessageParams(type=kind, message=f"editlint: {message}"))
        except Exception:       # no client to tell: stderr, which editors keep as the log
            print(f"editlint server: {message}", file=sys.stderr, flush=True)

    # -- the session, read again when a configuration file changes -----------
    def session(self) -> Session:
        if self._session is None:
            self._session = Session(registry=self.registry)
            self._session.linter.share_base_rules(self._base_rules)   # built-in packs: parsed once
            self._stamps = {}
        return self._session

    def _stamp(self, path: Path) -> tuple:
        """What the configuration for ``path`` depends on: the configuration files upward
        from it, and the files of the packs its ``rule-paths`` name (as name, size, time)."""
        seen = []
        for folder in [path.parent, *path.parent.parents]:
            for name in CONFIG_FILES:
                candidate = folder / name
                try:
                    st = candidate.stat()
                except OSError:
                    continue
                seen.append((str(candidate), st.st_size, st.st_mtime_ns))
        if self._session is not None:
            try:
                cfg = self._session.config_for(path)
                for root in cfg.rule_paths:
                    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
                    for p in files:
                        st = p.stat()
                        seen.append((str(p), st.st_size, st.st_mtime_ns))
            except (ConfigError, OSError):
                pass
        return tuple(seen)

    def session_for(self, path: Path) -> Session:
        with self.lock:
            stamp = self._stamp(path)
            if self._stamps.get(path.parent, stamp) != stamp:
                self._session = None                 # a configuration changed: read them all again
                self.links = {}
            session = self.session()
            self._stamps[path.parent] = self._stamp(path)
            return session

    def reset(self) -> None:
        with self.lock:
            self._session = None
            self.links = {}

    def relint_all(self) -> None:
        """A configuration file changed: read the configuration again, lint every open document."""
        self.reset()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    # -- documents --------------------------------------------------------------
    @staticmethod
    def path_of(uri: str, language: str | None = None) -> Path:
        """The file a document is (an unsaved one: a name in the current folder, with the
        extension of its language)."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path:
            return Path(path)
        name = uri.rsplit("/", 1)[-1].rsplit(":", 1)[-1] or "untitled"
        if "." not in name:
            name += EXTENSION_FOR_LANGUAGE.get(language or "", ".md")
        return Path.cwd() / name

    def lint(self, uri: str, text: str, language: str | None) -> list[Finding]:
        """The findings for a document's text (run in the lint thread). Never raises."""
        path = self.path_of(uri, language)
        display = str(path)
        fmt = None
        from editlint.parsers import FORMAT_BY_EXTENSION
        if path.suffix.lower() not in FORMAT_BY_EXTENSION and language in EXTENSION_FOR_LANGUAGE:
            fmt = FORMAT_BY_EXTENSION[EXTENSION_FOR_LANGUAGE[language]]
        try:
            session = self.session_for(path)
            cfg = session.config_for(path)
            if session.excluded(path, cfg):
                return []
            with self.lock:
                findings = session.lint_text(text, display, fmt=fmt)
        except ConfigError as exc:
            self.note(f"configuration error: {exc}", lsp.MessageType.Error)
            return [self.engine_finding(display, "EL301", "configuration-error",
                                        f"The configuration cannot be used, so this document is not linted: {exc}")]
        except Exception as exc:      # a bug must not end the server
            self.note(f"internal error linting {display}: {type(exc).__name__}: {exc}", lsp.MessageType.Error)
            return [self.engine_finding(display, "EL201", "rule-crashed",
                                        f"editlint could not lint this document: {type(exc).__name__}: {exc}")]
        for f in findings:
            if f.code == "EL201":
                self.note(f"{display}:{f.line}:{f.column}: {f.message}", lsp.MessageType.Error)
        return findings

    @staticmethod
    def engine_finding(path: str, code: str, name: str, message: str) -> Finding:
        return Finding(path=path, line=1, column=1, end_line=1, end_column=1, code=code, family="engine",
                       severity="error", message=message, rule=name)

    def schedule(self, uri: str, delay: float) -> None:
        old = self.timers.pop(uri, None)
        if old is not None:
            old.cancel()
        loop = asyncio.get_running_loop()

        def start() -> None:
            self.timers.pop(uri, None)
            task = loop.create_task(self.lint_and_publish(uri))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

        self.timers[uri] = loop.call_later(delay, start)

    async def lint_and_publish(self, uri: str) -> None:
        doc = self.workspace.text_documents.get(uri)
        if doc is None:
            return
        text, version, language = doc.source, doc.version, doc.language_id
        loop = asyncio.get_running_loop()
        findings = await loop.run_in_executor(self.executor, self.lint, uri, text, language)
        doc = self.workspace.text_documents.get(uri)
        if doc is None or doc.version != version:
            return        # closed or changed meanwhile: the lint of the newer text is on its way
        linted = Linted(version, text, findings, text.split("\n"))
        self.linted[uri] = linted
        self.publish(uri, linted)

    async def current(self, uri: str) -> Linted | None:
        """The findings for the document as it is now (linting it again if it changed)."""
        doc = self.workspace.text_documents.get(uri)
        if doc is None:
            return None
        linted = self.linted.get(uri)
        if linted is not None and linted.version == doc.version and linted.text == doc.source:
            return linted
        text, version = doc.source, doc.version
        findings = await asyncio.get_running_loop().run_in_executor(
            self.executor, self.lint, uri, text, doc.language_id)
        linted = Linted(version, text, findings, text.split("\n"))
        self.linted[uri] = linted
        return linted

    # -- diagnostics ----------------------------------------------------------
    def position(self, linted: Linted, line: int, column: int) -> lsp.Position:
        codec = self.workspace.position_codec
        line = max(1, line)
        return codec.position_to_client_units(linted.lines, lsp.Position(line=line - 1, character=max(0, column - 1)))

    def range(self, linted: Linted, item) -> lsp.Range:
        return lsp.Range(start=self.position(linted, item.line, item.column),
                         end=self.position(linted, item.end_line, item.end_column))

    def rule(self, uri: str, code: str) -> Rule | None:
        session = self.session()
        try:
            return session.ruleset(self.path_of(uri)).get(code)
        except ConfigError:
            return session.linter.base_rules().get(code)

    def diagnostic(self, uri: str, linted: Linted, f: Finding, links: dict[str, str | None] | None = None
                   ) -> lsp.Diagnostic:
        message = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion and f.suggestion not in f.message else "")
        related = [lsp.DiagnosticRelatedInformation(location=lsp.Location(uri=uri, range=self.range(linted, r)),
                                                    message=r.message or f"another place of this {f.code} finding")
                   for r in f.related]
        href = links[f.code] if links is not None and f.code in links else self.documentation(uri, f.code)
        return lsp.Diagnostic(
            range=self.range(linted, f), message=message, severity=SEVERITY.get(f.severity),
            code=f.code, source="editlint",
            code_description=lsp.CodeDescription(href=href) if href else None,
            related_information=related or None,
            data={"family": f.family, "rule": f.rule},
        )

    def publish(self, uri: str, linted: Linted) -> None:
        links = {code: self.documentation(uri, code) for code in {f.code for f in linted.findings}}
        diagnostics = [self.diagnostic(uri, linted, f, links) for f in linted.findings]
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=linted.version, diagnostics=diagnostics))

    def documentation(self, uri: str, code: str) -> str | None:
        """A link to the rule's explanation: the configured URL, or a page written once."""
        if self.documentation_url:
            return self.documentation_url.replace("{code}", code)
        try:
            cfg_path = self.session().config_for(self.path_of(uri)).path
        except ConfigError:
            cfg_path = None
        key = (str(cfg_path), code)
        if key not in self.links:
            self.links[key] = self._write_page(uri, code)
        return self.links[key]

    def _write_page(self, uri: str, code: str) -> str | None:
        rule = self.rule(uri, code)
        if rule is None:
            return None
        from editlint.cli import explain_text
        page = self.docs_dir / f"{code}.md"
        body = explain_markdown(rule, explain_text(rule))
        try:
            if not page.is_file() or page.read_text(encoding="utf-8") != body:
                page.parent.mkdir(parents=True, exist_ok=True)
                tmp = page.with_name(f".{page.name}.{os.getpid()}.tmp")
                tmp.write_text(body, encoding="utf-8")
                os.replace(tmp, page)
        except OSError:
            return None
        return from_fs_path(str(page))

    # -- hover and code actions ---------------------------------------------------
    def at(self, linted: Linted, start: int, end: int) -> list[Finding]:
        """Findings whose span, or one of whose related places, meets [start, end]."""
        def meets(a: int, b: int) -> bool:       # the cursor just after a word still counts
            return a <= end and start <= max(b, a + 1)
        return [f for f in linted.findings
                if meets(f.start, f.end) or any(meets(r.start, r.end) for r in f.related)]

    def offset(self, uri: str, position: lsp.Position) -> int:
        return self.workspace.get_text_document(uri).offset_at_position(position)

    async def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        uri = params.text_document.uri
        linted = await self.current(uri)
        if linted is None:
            return None
        at = self.offset(uri, params.position)
        found = self.at(linted, at, at)
        if not found:
            return None
        from editlint.cli import explain_text
        parts = []
        for code in dict.fromkeys(f.code for f in found):
            rule = self.rule(uri, code)
            f = next(f for f in found if f.code == code)
            text = f"**{code}** {f.message}"
            if rule is not None:
                text += "\n\n" + explain_markdown(rule, explain_text(rule))
            parts.append(text)
        first = found[0]
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                         range=self.range(linted, first))

    async def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        linted = await self.current(uri)
        if linted is None:
            return []
        a, b = self.offset(uri, params.range.start), self.offset(uri, params.range.end)
        found = [f for f in linted.findings if f.start <= b and a <= max(f.end, f.start + 1)]
        actions: list[lsp.CodeAction] = []
        for f in found:
            if f.fix is not None and f.fix.edits:
                edits = [lsp.TextEdit(range=self.range(linted, e), new_text=e.content) for e in f.fix.edits]
                actions.append(lsp.CodeAction(
                    title=f"Fix {f.code}: {f.fix.message or f.suggestion or 'apply the fix'}",
                    kind=lsp.CodeActionKind.QuickFix, diagnostics=[self.diagnostic(uri, linted, f)],
                    edit=lsp.WorkspaceEdit(changes={uri: edits}), is_preferred=f.fix.applicability == "safe"))
        doc = None
        seen: set[tuple[int, str]] = set()
        for f in found:
            if (f.line, f.code) in seen:
                continue
            seen.add((f.line, f.code))
            if doc is None:
                from editlint.parsers import parse
                try:
                    doc = parse(linted.text, str(self.path_of(uri)))
                except Exception:
                    break
            from editlint.suppression import disable_line_edit
            edit = disable_line_edit(doc, f.line, f.code)
            if edit is None:
                continue
            start, end, content = edit
            line, col = doc.source.position(start)
            end_line, end_col = doc.source.position(end)
            rng = lsp.Range(start=self.position(linted, line, col), end=self.position(linted, end_line, end_col))
            actions.append(lsp.CodeAction(
                title=f"Disable {f.code} for this line", kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[self.diagnostic(uri, linted, f)],
                edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(range=rng, new_text=content)]})))
        return actions

    # -- staying warm ---------------------------------------------------------
    def warm_up(self) -> None:
        try:
            session = self.session()
            for name, text in WARM_UP.items():
                session.linter.lint_text(text, name, session.config_for(Path.cwd() / name))
        except Exception as exc:     # a broken configuration shows on the first document
            log.debug("warm-up: %s", exc)
        finally:
            self.warm.set()

    async def watch_parent(self, pid: int) -> None:
        """LSP: exit when the client's process is gone, even if it never closed the pipe."""
        while True:
            await asyncio.sleep(PARENT_POLL_SECONDS)
            if not _alive(pid):
                print(f"editlint server: the client (process {pid}) has gone; exiting", file=sys.stderr, flush=True)
                os._exit(0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_SECTIONS = ("What it does", "Why is this bad?", "Example", "How to fix it", "Options")


def explain_markdown(rule: Rule, text: str) -> str:
    """``editlint explain``'s text as Markdown: the title and section names in bold; the
    example, indented, is a code block already."""
    lines = text.split("\n")
    out = [f"**{rule.code} {rule.name}** · {rule.family}, {rule.severity}"]
    for line in lines[1:]:
        if line.startswith(_SECTIONS) and not line.startswith(" "):
            out.append(f"**{line}**")
        elif line.startswith("Defined in "):
            out.append(f"*{line}*")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def build(registry=None) -> EditlintServer:
    server = EditlintServer(registry)

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: EditlintServer, params: lsp.InitializeParams) -> None:
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        debounce = options.get("debounce")
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= 10:
            ls.debounce = float(debounce)
        url = options.get("documentationUrl")
        if isinstance(url, str) and url:
            ls.documentation_url = url
        if params.process_id and params.process_id != os.getpid():
            ls.parent_pid = params.process_id

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: EditlintServer, params: lsp.InitializedParams) -> None:
        if ls.parent_pid:
            task = asyncio.get_running_loop().create_task(ls.watch_parent(ls.parent_pid))
            ls.tasks.add(task)
        asyncio.get_running_loop().run_in_executor(ls.executor, ls.warm_up)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: EditlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: EditlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: EditlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        if Path(ls.path_of(params.text_document.uri)).name in CONFIG_FILES or \
                params.text_document.uri.endswith((".yml", ".yaml")):
            ls.relint_all()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: EditlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        ls.relint_all()

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: EditlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        timer = ls.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        ls.linted.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(ls: EditlintServer, params: lsp.HoverParams):
        try:
            return await ls.hover(params)
        except Exception as exc:      # one log line, and the server goes on
            ls.note(f"hover failed: {type(exc).__name__}: {exc}", lsp.MessageType.Error)
            return None

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    async def code_action(ls: EditlintServer, params: lsp.CodeActionParams):
        try:
            return await ls.code_actions(params)
        except Exception as exc:
            ls.note(f"code actions failed: {type(exc).__name__}: {exc}", lsp.MessageType.Error)
            return []

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: EditlintServer, params) -> None:
        ls.shutting_down = True

    return server


def serve(registry=None) -> int:
    """Run the server on stdin/stdout until the client says exit or goes away."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="editlint server: %(message)s")
    server = build(registry)
    server.start_io()
    if not server.shutting_down:
        print("editlint server: the client closed the connection; exiting", file=sys.stderr, flush=True)
    return 0
