"""Does the language server answer a keystroke within the time of one warm lint?

    .venv/bin/python benchmarks/lsp_latency.py [--words 2000] [--rounds 15]

A 2,000-word Markdown draft is made from the articles in examples/ (the project's own
text). Measured in CPU time (user + system), not wall time, since the machine is shared:

- **warm lint**: ``Session.lint_text`` on the draft in this process, after a first lint
  (so everything the rules load lazily is loaded): the mean of ``--rounds`` lints;
- **server didChange**: ``editlint server`` started as an editor starts it; after it has
  answered a first didOpen, each round sends a didChange (the whole new text, one word
  changed) and waits for the diagnostics of that version. The server's CPU time for the
  round (all its threads, from /proc/PID/stat, in clock ticks) is what the keystroke cost;
  the mean;
- **cold command line**: ``editlint check`` on the same draft as a new process (what an
  editor integration that runs the command line per keystroke would pay), CPU time of the
  child from getrusage.

Prints one line per measure and the ratio server/warm. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
TICKS = os.sysconf("SC_CLK_TCK")


def draft(words: int) -> str:
    """About ``words`` words of Markdown from the example articles, their own headings kept."""
    parts, count = [], 0
    sources = sorted(EXAMPLES.glob("*.md")) + sorted(EXAMPLES.glob("*.txt"))
    while count < words:
        for path in sources:
            text = path.read_text(encoding="utf-8")
            if text.startswith("---"):
                text = text.split("\n---", 1)[-1].lstrip("-\n")
            parts.append(text.strip())
            count += len(text.split())
            if count >= words:
                break
    return "# A long draft\n\n" + "\n\n".join(parts) + "\n"


def cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS        # utime + stime


class Client:
    """Just enough of an LSP client: framed JSON-RPC over the server's pipes."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, cwd=cwd)
        self.inbox: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 0

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = out.read(1)
                if not byte:
                    return
                header += byte
            length = int(next(line.split(b":")[1] for line in header.split(b"\r\n")
                              if line.lower().startswith(b"content-length")))
            self.inbox.put(json.loads(out.read(length)))

    def send(self, method: str, params, request: bool = False) -> int | None:
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return message.get("id")

    def wait(self, test, timeout: float = 120):
        deadline = time.monotonic() + timeout
        while True:
            message = self.inbox.get(timeout=max(0.01, deadline - time.monotonic()))
            if test(message):
                return message

    def close(self) -> None:
        self.send("shutdown", None, request=True)
        self.send("exit", None)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def server_rounds(text: str, rounds: int, folder: Path) -> list[float]:
    path = folder / "draft.md"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client = Client([sys.executable, "-m", "editlint", "server"], folder)
    try:
        rid = client.send("initialize", {"processId": os.getpid(), "rootUri": folder.as_uri(), "capabilities": {},
                                         "initializationOptions": {"debounce": 0}}, request=True)
        client.wait(lambda m: m.get("id") == rid)
        client.send("initialized", {})
        client.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                              "text": text}})

        def published(version):
            return lambda m: (m.get("method") == "textDocument/publishDiagnostics"
                              and m["params"]["uri"] == uri and m["params"].get("version") == version)

        client.wait(published(1))
        time.sleep(0.5)
        costs = []
        for version in range(2, rounds + 2):
            edited = text.replace("draft", f"draft{version}", 1)
            before = cpu_of(client.proc.pid)
            client.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                   "contentChanges": [{"text": edited}]})
            client.wait(published(version))
            costs.append(cpu_of(client.proc.pid) - before)
        return costs
    finally:
        client.close()


def warm_lints(text: str, rounds: int, folder: Path) -> list[float]:
    from editlint.api import Session
    session = Session(isolated=True)
    path = folder / "draft.md"
    session.lint_text(text, path)
    costs = []
    for _ in range(rounds):
        start = time.process_time()
        session.lint_text(text, path)
        costs.append(time.process_time() - start)
    return costs


def cold_cli(folder: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "editlint", "check", "--no-cache", "--isolated", "draft.md"],
                   cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    text = draft(args.words)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "editlint.toml").write_text("")      # the defaults; no configuration above applies
        words = len(text.split())
        warm = statistics.mean(warm_lints(text, args.rounds, folder))
        served = server_rounds(text, args.rounds, folder)
        server = statistics.mean(served)      # /proc counts in clock ticks (10 ms): the mean, not the median
        cold = cold_cli(folder)
    print(f"draft: {words} words, {args.rounds} rounds, CPU time (user+system)")
    print(f"warm lint in process (mean):         {warm * 1000:7.1f} ms")
    print(f"server, didChange -> diagnostics:    {server * 1000:7.1f} ms  (min {min(served) * 1000:.1f}, "
          f"max {max(served) * 1000:.1f})")
    print(f"cold `editlint check` of the draft: {cold * 1000:8.1f} ms")
    print(f"server / warm lint: {server / warm:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
