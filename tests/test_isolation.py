"""Isolation (issue 13): a plugin rule that raises SystemExit or KeyboardInterrupt, returns
garbage, or kills its worker process is reported as an EL201 finding for the files it
touched; every other file is still linted, with every other rule; the run exits 2. SIGTERM
to the main process ends its --jobs workers too. Real plugins through real entry points and
real worker processes, as in test_plugins.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from test_plugins import editlint, install_fake

BAD_PLUGIN = '''
import os, signal
from editlint import hookimpl
from editlint.rule import Docs, Rule


class Misbehaves(Rule):
    """Misbehaves on a file that holds its trigger word; reports 'zorb' otherwise."""

    def check(self, doc):
        text = doc.text
        if "EXITNOW" in text:
            raise SystemExit(3)
        if "INTERRUPTNOW" in text:
            raise KeyboardInterrupt
        if "GARBAGENOW" in text:
            yield "not a finding"
            return
        if "SEGFAULTNOW" in text:
            os.kill(os.getpid(), signal.SIGSEGV)
        for block in doc.blocks:
            i = block.text.find("zorb")
            if i >= 0:
                yield self.report(doc, block, i, i + 4)


@hookimpl
def register_rules(register):
    register(Misbehaves(code="ZQ901", name="misbehaves", family="house-style", message="'{match}'",
                        docs=Docs(summary="Misbehaves.", what="Misbehaves.", why="Tests isolation.")))
'''

CLEAN = "A plain paragraph about a zorb and the harbour.\n"


@pytest.fixture
def bad_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    install_fake(site, "editlint-misbehaves", "misbehaves_plugin", BAD_PLUGIN)
    return site


def _run(site, work, *args):
    proc = editlint(site, work, "check", ".", "--format", "json", "--no-cache", *args)
    return proc, json.loads(proc.stdout or "[]")


@pytest.mark.parametrize("trigger", ["EXITNOW", "INTERRUPTNOW", "GARBAGENOW"])
def test_a_rule_that_ends_the_run_or_returns_garbage_is_contained(bad_site, tmp_path, trigger):
    work = tmp_path / "work"
    work.mkdir()
    (work / "bad.txt").write_text(f"A paragraph with {trigger} inside it, and some critics say it.\n")
    (work / "good.txt").write_text(CLEAN)
    proc, found = _run(bad_site, work, "--jobs", "1")
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    by_file = {(f["path"], f["code"]) for f in found}
    assert ("bad.txt", "EL201") in by_file                  # the rule's failure, on its file
    assert ("bad.txt", "UC101") in by_file                  # the other rules still ran there
    assert ("good.txt", "ZQ901") in by_file                 # and the rule itself elsewhere
    assert not any(f["path"] == "good.txt" and f["code"] == "EL201" for f in found)


def test_a_rule_that_kills_its_worker_is_reported_and_the_file_linted_without_it(bad_site, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    (work / "crash.txt").write_text("A paragraph with SEGFAULTNOW in it, and some critics say it.\n")
    for i in range(6):
        (work / f"good{i}.txt").write_text(CLEAN)
    proc, found = _run(bad_site, work, "--jobs", "2")
    assert proc.returncode == 2, proc.stderr
    codes = {(f["path"], f["code"]) for f in found}
    crash = [f for f in found if f["path"] == "crash.txt" and f["code"] == "EL201"]
    assert crash and "ZQ901" in crash[0]["message"], found
    assert ("crash.txt", "UC101") in codes                  # linted again without the culprit
    assert all((f"good{i}.txt", "ZQ901") in codes for i in range(6))


def test_sigterm_to_the_main_process_ends_its_workers(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    body = "Some critics say the plan is a mistake, and many people believe it. " * 400
    for i in range(60):
        (work / f"a{i}.txt").write_text(body + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "editlint", "check", ".", "--no-cache", "--jobs", "2",
                             "--isolated"], cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    children: set[int] = set()
    for _ in range(200):                                   # wait until the workers are up
        children = _children(proc.pid)
        if len(children) >= 2 or proc.poll() is not None:
            break
        time.sleep(0.05)
    if proc.poll() is not None or not children:
        pytest.skip("the run ended before its workers could be seen")
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    for _ in range(200):
        if not any(_alive(pid) for pid in children):
            break
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in children), "workers outlived the main process"


def _children(pid: int) -> set[int]:
    try:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    except FileNotFoundError:
        pytest.skip("ps is not available")
    return {int(p) for p in out.split()}


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except OSError:
        return False
