"""Files that cannot be linted: each is an EL finding of severity error (exit 2), the other
files are still linted, nothing reaches stderr as a traceback and nothing is written to a
linted file."""

from __future__ import annotations

import os
import pathlib

import pytest
from engine_helpers import InProcess, house_project, run_subprocess, snapshot, write

from editlint.config import ConfigResolver
from editlint.engine import Linter, decode
from editlint.hookspecs import hookimpl
from editlint.plugins import collect, plugin_manager
from editlint.rule import Docs, Rule

GOOD = "A good line, then we frobnicate.\n"


@pytest.fixture
def project(tmp_path):
    house_project(tmp_path)
    write(tmp_path / "good.txt", GOOD)
    return tmp_path


@pytest.fixture
def cli(capsys, monkeypatch, project):
    return InProcess(capsys, monkeypatch, project)


def check_bad(cli, name: str, code: str, *extra: str):
    """Lint the bad file beside good.txt: an EL error for it, the usual finding for the other."""
    r = cli("check", name, "good.txt", "--format", "json", *extra)
    assert "Traceback" not in r.err
    found = [(f["path"], f["code"], f["severity"]) for f in r.json()]
    assert (name, code, "error") in found
    assert ("good.txt", "ZZ901", "warning") in found
    assert r.code == 2
    return r


def test_binary_file(cli, project):
    write(project / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    r = check_bad(cli, "image.txt", "EL003")
    assert "binary" in r.json()[1]["message"]


def test_invalid_utf8_names_the_byte_and_line(cli, project):
    write(project / "latin1.txt", "Line one.\nCaf\xe9 society.\n".encode("latin-1"))
    r = check_bad(cli, "latin1.txt", "EL002")
    message = next(f["message"] for f in r.json() if f["code"] == "EL002")
    assert "0xe9" in message and "line 2" in message


def test_undecodable_utf16(cli, project):
    write(project / "bad16.txt", b"\xff\xfeA\x00\x00\xd8")       # a lone surrogate half
    check_bad(cli, "bad16.txt", "EL002")


def test_utf16_with_bom_is_linted(cli, project):
    write(project / "wide.txt", "We frobnicate.\n".encode("utf-16"))   # BOM + UTF-16
    r = cli("check", "wide.txt", "--format", "json")
    assert [(f["code"], f["line"], f["column"]) for f in r.json()] == [("ZZ901", 1, 4)]


def test_utf8_bom_does_not_shift_columns(cli, project):
    write(project / "bom.txt", b"\xef\xbb\xbfWe frobnicate.\n")
    r = cli("check", "bom.txt", "--format", "json")
    assert [(f["line"], f["column"]) for f in r.json()] == [(1, 4)]


def test_empty_and_blank_files_are_clean(cli, project):
    write(project / "empty.txt", "")
    write(project / "blank.txt", "\n\n   \n\t\n")
    write(project / "empty.md", "")
    write(project / "empty.html", "")
    r = cli("check", "empty.txt", "blank.txt", "empty.md", "empty.html")
    assert r.code == 0
    assert r.out == "No findings in 4 files.\n"


def test_huge_file_is_refused_without_being_read(cli, project, monkeypatch):
    big = project / "dump.txt"
    with open(big, "wb") as fh:            # 50 MB, sparse: created in no time
        fh.truncate(50 * 1024 * 1024)
    real = {name: getattr(pathlib.Path, name) for name in ("read_bytes", "read_text", "open")}

    def guard(name):
        def wrapped(self, *args, **kwargs):
            if self.name == "dump.txt":
                raise AssertionError(f"{name} on the huge file")
            return real[name](self, *args, **kwargs)
        return wrapped

    for name in real:
        monkeypatch.setattr(pathlib.Path, name, guard(name))
    r = check_bad(cli, "dump.txt", "EL004")
    message = next(f["message"] for f in r.json() if f["code"] == "EL004")
    assert "50.0 MB" in message and "max-file-size" in message


def test_broken_symlink(cli, project):
    os.symlink(project / "nowhere.txt", project / "dangling.txt")
    check_bad(cli, "dangling.txt", "EL001")
    r = cli("check", ".", "--format", "json")          # found while walking a folder, too
    assert ("dangling.txt", "EL001") in [(f["path"], f["code"]) for f in r.json()]
    assert r.code == 2


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="running as root: chmod 000 does not stop root from reading")
def test_unreadable_file(cli, project):
    p = write(project / "secret.txt", GOOD)
    p.chmod(0)
    try:
        check_bad(cli, "secret.txt", "EL001")
    finally:
        p.chmod(0o644)


def test_fifo_named_like_an_article_does_not_block(cli, project):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(project / "pipe.txt")
    r = cli("check", ".", "--format", "json")            # would hang if the FIFO were opened
    assert "pipe.txt" in r.err and "not a regular file" in r.err
    assert [(f["path"], f["code"]) for f in r.json()] == [("good.txt", "ZZ901")]


def test_fifo_given_to_the_api_is_an_el001(project):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(project / "pipe.txt")
    pm, errors = plugin_manager()
    linter = Linter(collect(pm, errors), ConfigResolver(isolated=True))
    [f] = linter.lint_file(project / "pipe.txt")
    assert f.code == "EL001" and f.severity == "error"


def test_directory_symlink_loop_is_one_line_and_the_run_goes_on(cli, project):
    write(project / "site" / "deep" / "page.txt", GOOD)
    os.symlink(project / "site", project / "site" / "deep" / "back-up")
    r = cli("check", "site", "--format", "json")
    assert [f["path"] for f in r.json()] == ["site/deep/page.txt"]
    loop_lines = [line for line in r.err.splitlines() if "loop" in line]
    assert len(loop_lines) == 1 and "back-up" in loop_lines[0]
    assert "Traceback" not in r.err
    assert r.code == 1


def test_directory_named_like_an_article(cli, project):
    (project / "folder.txt").mkdir()
    write(project / "folder.txt" / "inner.txt", GOOD)
    r = cli("check", "folder.txt", "--format", "json")
    assert [f["path"] for f in r.json()] == ["folder.txt/inner.txt"]


def test_stdin_dash_and_stdin_filename(cli):
    r = cli("check", "-", "--stdin-filename", "notes.txt", "--format", "json", stdin=GOOD.encode())
    assert [(f["path"], f["code"]) for f in r.json()] == [("notes.txt", "ZZ901")]
    r = cli("check", "-", "--format", "json", stdin="Caf\xe9".encode("latin-1"))
    assert [(f["path"], f["code"]) for f in r.json()] == [("-", "EL002")]
    assert r.code == 2


def test_stdin_and_files_together(cli):
    r = cli("check", "-", "good.txt", "--stdin-filename", "in.txt", "--format", "json", stdin=GOOD.encode())
    assert sorted(f["path"] for f in r.json()) == ["good.txt", "in.txt"]


def test_all_bad_cases_in_one_real_run(project):
    """Every kind of bad file at once, through the real command line: exit 2, each file
    reported, the good file linted, no traceback, and nothing written to any linted file."""
    write(project / "posts" / "bin.txt", b"\x00\x01binary")
    write(project / "posts" / "latin.txt", "na\xefve".encode("latin-1"))
    write(project / "posts" / "empty.txt", "")
    write(project / "posts" / "ok.md", "# A heading\n\nWe frobnicate here.\n")
    write(project / "posts" / "ok.html", "<html><body><p>We frobnicate here.</p></body></html>\n")
    os.symlink(project / "gone.txt", project / "posts" / "broken.txt")
    os.symlink(project / "posts", project / "posts" / "loop")
    with open(project / "posts" / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    before = snapshot(project / "posts")
    before_good = (project / "good.txt").stat().st_mtime_ns, (project / "good.txt").read_bytes()

    r = run_subprocess("check", "posts", "good.txt", "missing.txt", "--format", "json", cwd=project)

    assert r.code == 2
    assert "Traceback" not in r.err
    assert "missing.txt" in r.err
    got = {(f["path"], f["code"]) for f in r.json()}
    assert got == {
        ("posts/bin.txt", "EL003"), ("posts/latin.txt", "EL002"), ("posts/broken.txt", "EL001"),
        ("posts/huge.txt", "EL004"), ("posts/ok.md", "ZZ901"), ("posts/ok.html", "ZZ901"),
        ("good.txt", "ZZ901"),
    }
    assert snapshot(project / "posts") == before
    assert ((project / "good.txt").stat().st_mtime_ns, (project / "good.txt").read_bytes()) == before_good


# -- the engine's own failures: a crashing rule, a runaway pattern ------------------------
class Crashing(Rule):
    def check(self, doc):
        raise ZeroDivisionError("boom")
        yield


class CrashPlugin:
    @hookimpl
    def register_rules(self, register):
        register(Crashing(code="ZX001", name="crashing-rule", family="test-crash",
                          docs=Docs(summary="Always crashes.")))


def test_a_crashing_rule_is_el201_and_the_other_rules_still_run(tmp_path):
    pm, errors = plugin_manager(extra=(CrashPlugin(),), entry_points=False)
    registry = collect(pm, errors)
    resolver = ConfigResolver(explicit=house_project(tmp_path) / "editlint.toml")
    linter = Linter(registry, resolver)
    cfg = resolver.for_path(tmp_path)
    rules = [r for r in linter.ruleset(cfg) if r.code in ("ZX001", "ZZ901", "EL201")]
    findings = linter.lint_text("We frobnicate.\n", "x.txt", cfg, rules, fmt="text")
    got = [(f.code, f.severity) for f in findings]
    assert ("ZZ901", "warning") in got
    crash = next(f for f in findings if f.code == "EL201")
    assert crash.severity == "error"
    assert "ZX001" in crash.message and "ZeroDivisionError" in crash.message


def test_parser_crash_is_el201(project, monkeypatch):
    from editlint import parsers

    def broken(text, path="-", fmt=None):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(parsers, "parse", broken)
    pm, errors = plugin_manager()
    linter = Linter(collect(pm, errors), ConfigResolver(isolated=True))
    [f] = linter.lint_file(project / "good.txt")
    assert f.code == "EL201" and "parser bug" in f.message


PATHOLOGICAL = """\
code: ZZ950
name: runaway-pattern
family: house-style
kind: existence
message: "Runaway {match}"
patterns: ['(a+)+$']
nonword: true
"""


def test_pathological_regex_is_stopped_by_regex_timeout(tmp_path):
    house_project(tmp_path, "regex-timeout = 0.05\n")
    write(tmp_path / "house" / "runaway.yml", PATHOLOGICAL)
    write(tmp_path / "trap.txt", "a" * 5000 + "b\n")
    write(tmp_path / "fine.txt", GOOD)
    r = run_subprocess("check", "trap.txt", "fine.txt", "--format", "json", cwd=tmp_path)
    assert r.code == 2
    assert "Traceback" not in r.err
    got = [(f["path"], f["code"], f["severity"]) for f in r.json()]
    assert ("trap.txt", "EL202", "error") in got
    assert ("fine.txt", "ZZ901", "warning") in got
    message = next(f["message"] for f in r.json() if f["code"] == "EL202")
    assert "ZZ950" in message and "0.05" in message


def test_decode():
    assert decode(b"plain") == ("plain", None)
    assert decode(b"\xef\xbb\xbfbom") == ("bom", None)
    assert decode("wide".encode("utf-16")) == ("wide", None)
    assert decode(b"a\x00b")[1][0] == "EL003"
    assert decode(b"\xc3")[1][0] == "EL002"


def test_engine_notes_are_shown_whatever_the_selection(cli, project):
    write(project / "bin.txt", b"\x00\x00")
    r = cli("check", "bin.txt", "--select", "ZY001", "--format", "json")
    assert [f["code"] for f in r.json()] == ["EL003"]
    assert r.code == 2


def test_no_file_is_ever_written_on_a_normal_run(cli, project):
    write(project / "a.md", "# T\n\nWe frobnicate. <!-- editlint-disable-next-line QQ1 -->\n")
    write(project / "b.html", "<p>A widget.</p>")
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (project / "a.md", project / "b.html")}
    for fmt in ("text", "json", "sarif", "github"):
        cli("check", "a.md", "b.html", "--format", fmt, "--statistics")
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in before} == before


def test_regex_budget_is_shared_by_every_block_of_a_file():
    import regex

    from editlint.kinds import base

    pattern = regex.compile(r"b+")
    base.start_budget(10.0)
    assert [m.span() for m in base.finditer(pattern, "abba b")] == [(1, 3), (5, 6)]
    assert [m.group() for m in base.finditer(regex.compile(r"x*"), "axxb")] == ["xx"]   # empty matches skipped
    left = base._budget.left
    assert 0 < left < 10.0                   # matching time was charged
    base.start_budget(0.0)                   # spent: the next block is not even tried
    with pytest.raises(TimeoutError):
        next(base.finditer(pattern, "bbb"))
    base.start_budget()


def test_a_file_named_twice_is_linted_once(cli, project):
    r = cli("check", "good.txt", "./good.txt", ".", "--format", "json")
    assert [(f["path"], f["code"]) for f in r.json()] == [("good.txt", "ZZ901")]
    r = cli("check", "good.txt", "good.txt")
    assert r.out.splitlines()[-1] == "Found 1 finding (1 warning) in 1 of 1 file."


def test_file_name_that_is_not_utf8(cli, project):
    try:
        with open(os.path.join(os.fsencode(project), b"caf\xe9.txt"), "wb") as fh:
            fh.write(GOOD.encode())
    except OSError:
        pytest.skip("this file system only takes UTF-8 names")
    for fmt in ("text", "json", "sarif", "github"):
        r = cli("check", ".", "--format", fmt)
        assert r.code == 1, (fmt, r.err)
        assert "internal error" not in r.err
    paths = [f["path"] for f in cli("check", ".", "--format", "json").json()]
    assert paths == ["caf\ufffd.txt", "good.txt"]


def test_a_second_link_to_a_folder_is_linted_once_under_its_real_path(cli, project):
    write(project / "site" / "page.txt", GOOD)
    os.symlink(project / "site", project / "alias")          # sorts before "site"
    r = cli("check", "alias", "site", ".", "--format", "json")
    assert [f["path"] for f in r.json()] == ["alias/page.txt", "good.txt"]   # the page once
    r = cli("check", ".", "--format", "json")
    assert [f["path"] for f in r.json()] == ["good.txt", "site/page.txt"]
    assert "loop" not in r.err and "already linted" in r.err
