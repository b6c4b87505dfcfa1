"""Third-party plugins, loaded through the real entry-point machinery.

Each test writes a throwaway plugin module and a fake installed distribution
(``NAME-0.0.1.dist-info`` with an ``entry_points.txt`` in the ``editlint`` group) into a
temporary folder, puts that folder on PYTHONPATH and runs ``python -m editlint`` in a
subprocess: importlib.metadata discovers the ``*.dist-info`` folders on sys.path exactly as
it does for a package installed with pip. Nothing is installed into the shared environment.

The example plugin in examples/editlint-plugin-example is tested the same way, and by
importing its module from its source folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from editlint.config import Config, ConfigResolver
from editlint.engine import Linter
from editlint.parsers import parse
from editlint.plugins import collect, plugin_manager
from editlint.rule import RuleError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PLUGIN = ROOT / "examples" / "editlint-plugin-example"

# A plugin with a Python rule that flags the made-up word "wibble".
GOOD_PLUGIN = '''
from editlint import hookimpl
from editlint.document import Document
from editlint.rule import Docs, Example, Rule


class NoWibble(Rule):
    def check(self, doc: Document):
        for block in doc.blocks:
            start = block.text.lower().find("wibble")
            while start != -1:
                yield self.report(doc, block, start, start + 6)
                start = block.text.lower().find("wibble", start + 6)


@hookimpl
def register_rules(register):
    register(NoWibble(
        code="ZP901", name="no-wibble", family="house-style", message="Avoid '{match}'.",
        docs=Docs(summary="The word wibble.", what="Reports wibble.", why="House style."),
        flags=[Example("A wibble here.\\n")], passes=[Example("Nothing here.\\n")]))
'''

ARTICLE = textwrap.dedent("""\
    A short headline

    The first paragraph is plain and says nothing remarkable.

    <!-- editlint-disable-next-line QQ999 -->
    The second paragraph mentions a wibble in passing.
    """)


def install_fake(site: Path, dist: str, module: str, source: str | None, entry: str | None = None) -> None:
    """Write ``module.py`` (when ``source`` is given) and a dist-info whose entry point in the
    ``editlint`` group is named ``dist`` and points at ``entry`` (default: the module)."""
    if source is not None:
        (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = site / f"{dist.replace('-', '_')}-0.0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[editlint]\n{dist} = {entry or module}\n", encoding="utf-8")


def editlint(site: Path, cwd: Path, *args: str, extra_path: tuple[Path, ...] = ()) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in (site, *extra_path))
    return subprocess.run([sys.executable, "-m", "editlint", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def site(tmp_path):
    path = tmp_path / "site"
    path.mkdir()
    return path


@pytest.fixture
def work(tmp_path):
    path = tmp_path / "work"
    path.mkdir()
    (path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return path


def codes(proc: subprocess.CompletedProcess) -> list[str]:
    return [f["code"] for f in json.loads(proc.stdout)]


# -- a working plugin ------------------------------------------------------------
def test_plugin_rule_is_listed_explained_and_fires(site, work):
    install_fake(site, "wibble-plugin", "wibble_plugin", GOOD_PLUGIN)

    listed = editlint(site, work, "rules", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    rule = next(r for r in json.loads(listed.stdout) if r["code"] == "ZP901")
    assert rule["family"] == "house-style" and rule["name"] == "no-wibble"
    assert rule["origin"] == "plugin wibble-plugin"

    explained = editlint(site, work, "explain", "ZP901")
    assert explained.returncode == 0 and "Reports wibble." in explained.stdout

    checked = editlint(site, work, "check", "article.txt", "--format", "json")
    assert checked.returncode == 1, checked.stderr
    found = json.loads(checked.stdout)
    wibble = [f for f in found if f["code"] == "ZP901"]
    assert [(f["line"], f["column"], f["end_column"]) for f in wibble] == [(6, 33, 39)]
    assert wibble[0]["message"] == "Avoid 'wibble'." and wibble[0]["family"] == "house-style"
    assert "EL103" in codes(checked)       # the built-in rules ran as well
    assert not checked.stderr


def test_without_the_plugin_the_rule_is_unknown(site, work):
    proc = editlint(site, work, "check", "article.txt", "--select", "ZP901")
    assert proc.returncode == 2
    assert "ZP901" in proc.stderr


# -- broken plugins ----------------------------------------------------------------
def test_plugin_that_fails_to_import_is_reported_and_the_rest_run(site, work):
    install_fake(site, "broken-plugin", "broken_plugin", "raise RuntimeError('boom at import')\n")
    install_fake(site, "wibble-plugin", "wibble_plugin", GOOD_PLUGIN)

    proc = editlint(site, work, "check", "article.txt", "--format", "json")
    assert proc.returncode == 2
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 1, proc.stderr
    assert "broken-plugin" in errors[0] and "boom at import" in errors[0]
    assert "Traceback" not in proc.stderr
    found = codes(proc)
    assert "EL103" in found and "ZP901" in found     # built-in rules and the good plugin still ran


def test_plugin_with_a_missing_module_is_reported(site, work):
    install_fake(site, "ghost-plugin", "ghost_plugin", None)     # entry point names no module
    proc = editlint(site, work, "check", "article.txt", "--format", "json")
    assert proc.returncode == 2
    assert "ghost-plugin" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert "EL103" in codes(proc)


def test_rule_that_crashes_is_an_EL201_finding_and_the_run_goes_on(site, work):
    install_fake(site, "crashy-plugin", "crashy_plugin", GOOD_PLUGIN + '''

class Crashy(Rule):
    def check(self, doc):
        if doc.blocks:
            raise ZeroDivisionError("rule fell over")
        yield from ()


@hookimpl(specname="register_rules")
def register_crashy(register):
    register(Crashy(code="ZP902", name="crashy", family="house-style",
                    docs=Docs(summary="Crashes.", what="Crashes.", why="To test.")))
''')
    (work / "second.txt").write_text("Another wibble appears.\n", encoding="utf-8")
    proc = editlint(site, work, "check", "article.txt", "second.txt", "--format", "json")
    found = json.loads(proc.stdout)
    crashes = [f for f in found if f["code"] == "EL201"]
    assert {Path(f["path"]).name for f in crashes} == {"article.txt", "second.txt"}
    assert all("ZP902" in f["message"] and "rule fell over" in f["message"] for f in crashes)
    assert all(f["severity"] == "error" and f["family"] == "engine" for f in crashes)
    # the other rules, the plugin's own included, still checked both files
    assert {Path(f["path"]).name for f in found if f["code"] == "ZP901"} == {"article.txt", "second.txt"}
    assert "EL103" in codes(proc)
    assert proc.returncode == 2        # a file that was only partly checked is an error
    assert "Traceback" not in proc.stderr


def test_plugin_registering_a_bad_object_is_reported(site, work):
    install_fake(site, "bad-plugin", "bad_plugin", '''
from editlint import hookimpl

@hookimpl
def register_rules(register):
    register("not a rule")
''')
    proc = editlint(site, work, "check", "article.txt", "--format", "json")
    assert proc.returncode == 2
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 1 and "bad-plugin" in errors[0] and "register_rules" in errors[0], proc.stderr
    assert "EL103" in codes(proc)


def test_plugin_reusing_a_builtin_code_is_a_configuration_error(site, work):
    install_fake(site, "clash-plugin", "clash_plugin", GOOD_PLUGIN.replace("ZP901", "EL101"))
    proc = editlint(site, work, "check", "article.txt")
    assert proc.returncode == 2
    assert "EL101" in proc.stderr and "clash-plugin" in proc.stderr
    assert "Traceback" not in proc.stderr


# -- the example plugin ------------------------------------------------------------------
@pytest.fixture(scope="module")
def example_module():
    sys.path.insert(0, str(EXAMPLE_PLUGIN))
    try:
        import editlint_plugin_example
        yield editlint_plugin_example
    finally:
        sys.path.remove(str(EXAMPLE_PLUGIN))
        sys.modules.pop("editlint_plugin_example", None)


@pytest.fixture(scope="module")
def example_linter(example_module):
    pm, errors = plugin_manager(extra=(example_module,), entry_points=False)
    registry = collect(pm, errors)
    assert not registry.errors
    return Linter(registry, ConfigResolver(isolated=True))


def _example_rules(example_linter):
    return [r for r in example_linter.ruleset(Config()) if r.code.startswith("XP")]


def test_example_plugin_registers_its_rules(example_linter):
    rules = _example_rules(example_linter)
    assert [r.code for r in rules] == ["XP101", "XP102"]
    for rule in rules:
        assert rule.family == "house-style"
        assert rule.docs.summary and rule.docs.what and rule.docs.why and rule.docs.fix
        assert rule.flags and rule.passes and rule.OPTIONS


def test_example_plugin_examples(example_linter):
    cfg = Config()
    for rule in _example_rules(example_linter):
        for example in rule.flags:
            doc = parse(example.text, f"x.{ {'markdown': 'md', 'html': 'html', 'text': 'txt'}[example.format] }",
                        example.format)
            assert rule.code in [f.code for f in example_linter.run(doc, cfg, [rule])], example.text
        for example in rule.passes:
            doc = parse(example.text, "x.md", example.format)
            assert not example_linter.run(doc, cfg, [rule]), example.text


def test_example_plugin_on_its_sample_article(example_linter):
    path = EXAMPLE_PLUGIN / "sample-article.md"
    rules = _example_rules(example_linter)
    found = example_linter.lint_text(path.read_text(encoding="utf-8"), str(path), Config(), rules)
    lines = path.read_text(encoding="utf-8").splitlines()
    dates = [f for f in found if f.code == "XP101"]
    assert [f.excerpt for f in dates] == ["04/05/2025", "01/02/2025"]
    for f in dates:
        assert lines[f.line - 1][f.column - 1:f.end_column - 1] == f.excerpt
    assert dates[0].suggestion == "4 May 2025"
    assert "XP102" in [f.code for f in found]


def test_example_plugin_options(example_module, example_linter):
    date = example_module.AmbiguousNumericDate()

    def run(rule, text):
        return example_linter.run(parse(text, "x.md", "markdown"), Config(), [rule])

    assert not run(date, "Christmas falls on 25/12/2025.\n")
    every = date.configured({"ambiguous-only": False})
    assert [f.suggestion for f in run(every, "Christmas falls on 25/12/2025.\n")] == ["25 December 2025"]
    american = date.configured({"order": "mdy", "assume": "mdy"})
    assert [f.suggestion for f in run(american, "Filed on 03/04/2025.\n")] == ["March 4, 2025"]
    assert not run(date, "Version 1.2.2025 shipped.\n")
    dotted = date.configured({"separators": ["/", "."]})
    assert [f.excerpt for f in run(dotted, "Filed on 03.04.2025.\n")] == ["03.04.2025"]
    with pytest.raises(RuleError):
        date.configured({"order": "ymd"})


def test_example_plugin_through_its_entry_point(site):
    """As if installed with pip: `editlint rules` lists its rules, and `editlint check
    examples/` shows them at work on the sample article."""
    install_fake(site, "example", "editlint_plugin_example", None)
    listed = editlint(site, ROOT, "rules", extra_path=(EXAMPLE_PLUGIN,))
    assert listed.returncode == 0, listed.stderr
    assert "XP101" in listed.stdout and "ambiguous-numeric-date" in listed.stdout
    checked = editlint(site, ROOT, "check", "examples/", "--format", "json", "--select", "XP",
                       extra_path=(EXAMPLE_PLUGIN,))
    assert checked.returncode == 1, checked.stderr
    found = json.loads(checked.stdout)
    assert {Path(f["path"]).name for f in found} == {"sample-article.md"}
    assert sorted(f["code"] for f in found) == ["XP101", "XP101", "XP102", "XP102"]
