"""editlint server as a process: a client that goes away, the extra that is not installed,
and the base command line that never imports pygls."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

import pytest

pytest.importorskip("pygls")

ENV = {**os.environ, "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="editlint-lsp-docs-"), "PYTHONIOENCODING": "utf-8"}


# -- the process around the protocol ---------------------------------------------------
def _frame(payload: dict) -> bytes:
    body = json.dumps(payload).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _start_server() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "editlint", "server"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)


def test_a_client_that_closes_the_pipe_ends_the_server_with_one_line():
    proc = _start_server()
    proc.stdin.write(_frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                             "params": {"processId": None, "rootUri": None, "capabilities": {}}}))
    proc.stdin.flush()
    proc.stdin.close()
    assert proc.wait(timeout=60) == 0
    err = proc.stderr.read().decode()
    assert err.strip().splitlines() == ["editlint server: the client closed the connection; exiting"], err
    assert b'"capabilities"' in proc.stdout.read()


def test_a_client_process_that_dies_ends_the_server():
    parent = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1)"])
    proc = _start_server()
    proc.stdin.write(_frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                             "params": {"processId": parent.pid, "rootUri": None, "capabilities": {}}}))
    proc.stdin.write(_frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    proc.stdin.flush()
    parent.wait()
    try:
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
    err = proc.stderr.read().decode()
    assert f"the client (process {parent.pid}) has gone; exiting" in err


def test_without_the_lsp_extra_the_server_says_how_to_install_it():
    blocker = ("import sys\n"
               "class Block:\n"
               "    def find_spec(self, name, path=None, target=None):\n"
               "        if name.split('.')[0] in ('pygls', 'lsprotocol'):\n"
               "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
               "sys.meta_path.insert(0, Block())\n"
               "from editlint.cli import main\n"
               "sys.exit(main(sys.argv[1:]))\n")
    done = subprocess.run([sys.executable, "-c", blocker, "server"], capture_output=True, text=True, env=ENV)
    assert done.returncode == 2
    assert "pip install 'editlint[lsp]'" in done.stderr and "Traceback" not in done.stderr
    done = subprocess.run([sys.executable, "-c", blocker.replace("from editlint.cli", "import editlint.api\nfrom editlint.cli"),
                           "check", "-"], input="A fine sentence.\n", capture_output=True, text=True, env=ENV)
    assert done.returncode == 0, done.stderr                  # the rest works without it


def test_the_base_command_line_does_not_import_pygls():
    code = ("import sys; from editlint.cli import main; main(['rules']); "
            "print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV).stdout
    assert out.strip().endswith("LOADED []")
