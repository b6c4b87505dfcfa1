"""YAML rule packs: the house rule of DESIGN.md as written, each built-in kind from YAML,
and strict errors that name the file, the rule and the key."""

from __future__ import annotations

import textwrap

import pytest
from engine_helpers import DESIGN_HOUSE_RULE, OTHER_PACK, InProcess, house_project, write

from editlint.packs import PackError, load_pack_file, load_packs
from editlint.plugins import collect, plugin_manager


@pytest.fixture(scope="module")
def kinds():
    pm, errors = plugin_manager()
    return collect(pm, errors).kinds


@pytest.fixture
def cli(capsys, monkeypatch, tmp_path):
    return InProcess(capsys, monkeypatch, tmp_path)


def pack(tmp_path, text: str, name: str = "rule.yml"):
    return write(tmp_path / "packs" / name, textwrap.dedent(text))


# -- the house rule of DESIGN.md ---------------------------------------------------
def test_design_house_rule_loads_as_written(tmp_path, kinds):
    [rule] = load_pack_file(pack(tmp_path, DESIGN_HOUSE_RULE), kinds)
    assert (rule.code, rule.name, rule.family, rule.severity) == ("ZZ901", "no-frobnicate", "house-style", "warning")
    assert rule.options["tokens"] == ["frobnicate"] and rule.options["ignorecase"] is True


@pytest.mark.parametrize("fmt, name, text, line, col", [
    ("text", "a.txt", "Intro line.\n\nWe must not Frobnicate; FROBNICATE either.\n", 3, 13),
    ("markdown", "a.md", "# Heading\n\nSome *words*, then **frobnicate** it.\n", 3, 22),
    ("html", "a.html", "<html><body>\n<h1>Title</h1>\n<p>Some &amp; more: <b>frobnicate</b></p>\n</body></html>\n", 3, 24),
])
def test_design_house_rule_reports_at_the_right_place(cli, tmp_path, fmt, name, text, line, col):
    house_project(tmp_path)
    write(tmp_path / name, text)
    r = cli("check", name, "--format", "json")
    first = r.json()[0]
    assert (first["code"], first["line"], first["column"]) == ("ZZ901", line, col)
    assert first["end_column"] == col + len("frobnicate")
    assert first["message"] == f"Avoid '{text.splitlines()[line - 1][col - 1:col - 1 + 10]}'."
    assert first["family"] == "house-style" and first["rule"] == "no-frobnicate"


def test_design_house_rule_matches_whole_words_only(cli, tmp_path):
    house_project(tmp_path)
    write(tmp_path / "a.txt", "Frobnicated, frobnicates and unfrobnicate are other words.\n")
    assert cli("check", "a.txt").code == 0


# -- each kind from YAML ---------------------------------------------------------------
def test_list_pack_under_rules(tmp_path, kinds):
    rules = load_packs(pack(tmp_path, OTHER_PACK).parent, kinds)
    assert [(r.code, type(r).KIND) for r in rules] == [
        ("ZY001", "substitution"), ("ZY002", "occurrence"), ("ZY003", "metric")]


def test_define_names_a_fragment_the_rules_share(cli, tmp_path):
    """``define:`` beside ``rules:`` (or in a one-rule pack): ``{{name}}`` stands for the fragment,
    as one group, wherever the rules use it."""
    pack(tmp_path, """\
        define:
          pets: 'cats?|dogs?'
        rules:
          - code: ZZ901
            name: no-pet-talk
            family: house-style
            kind: existence
            message: "Pet talk: '{match}'."
            severity: warning
            patterns: ['\\bmy\\s+{{pets}}\\b']
            exceptions: ['\\bmy\\s+{{ pets }}\\s+show\\b']
        """)
    write(tmp_path / "editlint.toml", 'rule-paths = ["packs"]\n')
    write(tmp_path / "a.txt", "I walked my dog.\n\nMy cats show up at noon.\n\nMy dogsled is red.\n\nMy bird sings.\n")
    out = cli("check", "--select", "ZZ901", "a.txt")
    assert [ln.split(": ", 1)[1] for ln in out.out.splitlines() if "ZZ901" in ln] == [
        "ZZ901 Pet talk: 'my dog'. [house-style]"]
    one = pack(tmp_path, "define: {pets: 'cats?'}\ncode: ZZ902\nname: y\nfamily: house\nkind: existence\n"
                         "patterns: ['{{pets}}']\n", name="one.yml")
    [rule] = load_pack_file(one, collect(*plugin_manager()).kinds)
    assert rule.code == "ZZ902" and rule.options["patterns"] == ["(?:cats?)"]


def test_substitution_suggestion_in_json(cli, tmp_path):
    house_project(tmp_path)
    write(tmp_path / "a.txt", "Hand me that Widget and the doohickey.\n")
    found = cli("check", "a.txt", "--format", "json").json()
    assert [(f["column"], f["message"], f["suggestion"]) for f in found] == [
        (14, "Say 'gadget' instead of 'Widget'.", "gadget"),
        (29, "Say 'gizmo' instead of 'doohickey'.", "gizmo"),
    ]


def test_occurrence_reports_every_one_past_the_maximum_per_document(cli, tmp_path):
    house_project(tmp_path)
    write(tmp_path / "a.txt", "Very nice.\n\nVery good, very fine.\n\nAnd very, very late.\n")
    found = cli("check", "a.txt", "--format", "json").json()
    assert [(f["code"], f["line"], f["column"]) for f in found] == [
        ("ZY002", 3, 12), ("ZY002", 5, 5), ("ZY002", 5, 11)]        # the third, fourth and fifth
    assert found[0]["message"] == "'very' used 5 times; at most 2."


def test_occurrence_per_sentence(cli, tmp_path):
    house_project(tmp_path, "[rules.ZY002]\nper = \"sentence\"\nmax = 1\n")
    write(tmp_path / "a.txt", "Very very good. Very fine. Very, very late.\n")
    found = cli("check", "a.txt", "--format", "json").json()
    assert [f["column"] for f in found] == [6, 34]


def test_metric_per_sentence(cli, tmp_path):
    house_project(tmp_path)
    write(tmp_path / "a.txt", "Short one. This second sentence has a great many words in it, far beyond "
                              "the limit. Short again.\n")
    [f] = cli("check", "a.txt", "--format", "json").json()
    assert (f["code"], f["severity"], f["column"]) == ("ZY003", "info", 12)
    assert f["message"] == "Sentence of 14 words (house limit 12)."
    assert f["end_column"] == 12 + len("This second sentence has a great many words in it, far beyond the limit.")


def test_patterns_only_rule(cli, tmp_path):
    house_project(tmp_path)
    pack(tmp_path, """\
        code: ZZ902
        name: no-shouting-numbers
        family: house-style
        kind: existence
        message: "Spell out '{match}'."
        patterns: ['\\d+ percent']
        """, "pattern.yml")
    write(tmp_path / "editlint.toml", 'rule-paths = ["house", "packs"]\nselect = ["ZZ902"]\n')
    write(tmp_path / "a.txt", "Prices rose 12 percent this year.\n")
    [f] = cli("check", "a.txt", "--format", "json").json()
    assert (f["code"], f["column"], f["message"]) == ("ZZ902", 13, "Spell out '12 percent'.")


def test_exceptions_and_skip_quotes(cli, tmp_path):
    pack(tmp_path, """\
        code: ZZ903
        name: no-bold
        family: house-style
        kind: existence
        tokens: [bold]
        exceptions: [bold type]
        skip-quotes: true
        """)
    write(tmp_path / "editlint.toml", 'rule-paths = ["packs"]\nselect = ["ZZ"]\n')
    write(tmp_path / "a.txt", 'In bold type. She said "a bold plan" at noon. A bold claim.\n')
    assert [f["column"] for f in cli("check", "a.txt", "--format", "json").json()] == [49]


# -- strict errors ---------------------------------------------------------------
@pytest.mark.parametrize("body, needles", [
    ("code: ZZ901\nname: x\nfamily: house\nkind: existence\ntokens: [a]\ncolour: red\n",
     ["ZZ901", "'colour'"]),
    ("code: ZZ901\nname: x\nfamily: house\nkind: frobnicator\ntokens: [a]\n", ["ZZ901", "'frobnicator'"]),
    ("code: KS901\nname: x\nfamily: house\nkind: existence\ntokens: [a]\n", ["KS901", "keyword-stuffing"]),
    ("code: ZZ901\nname: x\nfamily: link-spam\nkind: existence\ntokens: [a]\n", ["ZZ901", "LS"]),
    ("code: ZZ901\nname: x\nfamily: house\nkind: existence\ntokens: [a]\nseverity: fatal\n", ["fatal"]),
    ("code: ZZ901\nname: x\nfamily: house\nkind: existence\n", ["tokens", "patterns"]),
    ("code: ZZ901\nname: x\nfamily: house\nkind: existence\npatterns: ['(open']\n", ["(open"]),
    ("code: ZZ901\nname: x\nfamily: house\nkind: existence\ntokens: frobnicate\n", ["'tokens'"]),
    # a mapping where a regex belongs (a term pasted under `unless:`) is an error, not a pattern
    ("code: ZZ901\nname: x\nfamily: house\nkind: loaded\nterms: [frob]\nunless:\n  - pattern: foo\n    note: y\n",
     ["'unless'", "item 1", "dict"]),
    ("code: ZZ901\nname: x\nfamily: house\nkind: existence\ntokens: [a, 3]\n", ["'tokens'", "item 2"]),
    ("code: ZZ901\nname: x\nfamily: house\nkind: metric\nformula: 'words ** 2'\n", ["formula"]),
    ("code: ZZ901\nname: x\nfamily: house\nkind: metric\nformula: 'open(words)'\n", ["formula"]),
    ("code: ZZ901\nname: x\nfamily: house\nkind: metric\nformula: 'lines'\n", ["'lines'"]),
    ("code: ZZ901\nname: x\nfamily: house\nkind: occurrence\ntokens: [a]\nper: chapter\n", ["'per'"]),
    ("code: ZZ901\nname: x\nfamily: house\nkind: substitution\ntokens: [a]\n", ["'tokens'"]),
    ("code: Z901\nname: x\nfamily: house\nkind: existence\ntokens: [a]\n", ["Z901"]),
    ("code: ZZ901\nname: Not Kebab\nfamily: house\nkind: existence\ntokens: [a]\n", ["Not Kebab"]),
    ("name: x\nfamily: house\nkind: existence\ntokens: [a]\n", ["'code'"]),
    ("code: ZZ901\nname: x\nfamily: house\nkind: existence\ntokens: [a]\nexamples: [oops]\n", ["examples"]),
    ("rules:\n  - code: ZZ901\n    name: x\n    family: house\n    kind: existence\n    tokens: [a]\n"
     "  - code: ZZ902\n    name: y\n    family: house\n    kind: existence\n    tokenz: [a]\n", ["ZZ902", "'tokenz'"]),
    ("rules:\n  - code: ZZ901\n    name: x\n    family: house\n    kind: existence\n    tokens: [a]\nextra: 1\n",
     ["'extra'"]),
    ("rules: {code: ZZ901}\n", ["list"]),
    ("define: {pets: 'cats?|dogs?'}\nrules:\n  - code: ZZ901\n    name: x\n    family: house\n    kind: existence\n"
     "    patterns: ['{{animals}}']\n", ["{{animals}}", "not defined"]),
    ("define: [cats]\nrules: []\n", ["'define'"]),
    ("define: {pets: 'cats', more: '{{pets}}|dogs'}\nrules: []\n", ["'more'", "another definition"]),
    ("- just\n- a list\n", ["mapping"]),
    ("code: [unclosed\n", ["invalid YAML"]),
    ("code: ZZ901\nname: x\nfamily: house\nkind: existence\ntokens: [a]\nmessage: !!python/name:os.system ''\n",
     ["invalid YAML"]),
])
def test_pack_errors_name_the_file_rule_and_key(tmp_path, kinds, body, needles):
    f = pack(tmp_path, body)
    with pytest.raises(PackError) as err:
        load_pack_file(f, kinds)
    message = str(err.value)
    assert message.startswith(str(f))
    for needle in needles:
        assert needle in message


def test_pack_error_from_the_command_line_is_one_line_exit_two(cli, tmp_path):
    pack(tmp_path, "code: ZZ901\nname: x\nfamily: house\nkind: existence\ntokens: [a]\ncolour: red\n")
    write(tmp_path / "editlint.toml", 'rule-paths = ["packs"]\n')
    write(tmp_path / "a.txt", "Text.\n")
    r = cli("check", "a.txt")
    assert r.code == 2
    lines = r.err.strip().splitlines()
    assert len(lines) == 1
    assert "rule.yml" in lines[0] and "ZZ901" in lines[0] and "'colour'" in lines[0]


def test_duplicate_code_across_packs(cli, tmp_path):
    pack(tmp_path, DESIGN_HOUSE_RULE, "one.yml")
    pack(tmp_path, DESIGN_HOUSE_RULE.replace("no-frobnicate", "no-frobnicate-again"), "two.yml")
    write(tmp_path / "editlint.toml", 'rule-paths = ["packs"]\n')
    write(tmp_path / "a.txt", "Text.\n")
    r = cli("check", "a.txt")
    assert r.code == 2 and "ZZ901" in r.err and "twice" in r.err


def test_house_rule_cannot_reuse_a_builtin_code(cli, tmp_path):
    pack(tmp_path, DESIGN_HOUSE_RULE.replace("ZZ901", "EL001").replace("house-style", "engine"))
    write(tmp_path / "editlint.toml", 'rule-paths = ["packs"]\n')
    write(tmp_path / "a.txt", "Text.\n")
    r = cli("check", "a.txt")
    assert r.code == 2 and "EL001" in r.err


def test_pack_file_given_directly_and_yaml_suffix(cli, tmp_path):
    write(tmp_path / "one-rule.yaml", DESIGN_HOUSE_RULE)
    write(tmp_path / "editlint.toml", 'rule-paths = ["one-rule.yaml"]\nselect = ["ZZ"]\n')
    write(tmp_path / "a.txt", "Frobnicate.\n")
    assert cli("check", "a.txt").code == 1
