"""JSON Lines exports as input: one article a line, findings at the article's id with
line and column inside its text; bad records are EL006 at the export's line; title and
keyphrase act as front matter; --jobs, the cache and every format work on them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from ci_helpers import content_folder, run, run_json

from editlint import exports
from editlint.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _write(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def house(tmp_path, monkeypatch):
    """A folder whose only rule is ZZ901 (it flags 'frobnicate' and 'gizmo')."""
    content_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_finding_is_at_the_article_id_line_and_column(house, capsys):
    _write(house / "archive.jsonl", [
        {"id": "2004/05/port-deal", "text": "First line.\nThe second line has a gizmo in it.\n"},
        {"id": 42, "html": "<p>Nothing.</p>\n<p>Then <b>frobnicate</b>.</p>", "title": "Numbers"},
    ])
    status, findings = run_json(capsys, "check", "archive.jsonl")
    assert status == 1
    assert [(f["path"], f["line"], f["column"], f["end_column"]) for f in findings] == [
        ("2004/05/port-deal", 2, 23, 28), ("42", 2, 12, 22)]
    status, out, err = run(capsys, "check", "archive.jsonl")
    assert out.splitlines()[0].startswith("2004/05/port-deal:2:23: ZZ901 Avoid 'gizmo'.")
    assert out.splitlines()[-1] == "Found 2 findings (2 warnings) in 2 of 2 files."


def test_bad_records_are_one_el006_each_and_the_rest_is_linted(house, capsys):
    _write(house / "archive.jsonl", [
        {"id": "a", "text": "A gizmo."},
        '{"id": "b", "text": "unterminated',
        "",                                                     # blank lines are skipped, not bad
        ["not", "an", "object"],
        {"text": "no id"},
        {"id": "c"},
        {"id": "d", "text": 12},
        {"id": "e", "text": "fine", "date": 2005},
        {"id": "f", "text": "fine", "keyphrase": ["ok", 3]},
        {"id": "g", "text": "x", "format": "docx"},
        {"id": "a", "text": "a repeated id"},
        {"id": "h", "text": "Another gizmo."},
    ])
    with (house / "archive.jsonl").open("ab") as fh:
        fh.write(b'{"id": "i", "text": "caf\xe9"}\n')
    status, findings = run_json(capsys, "check", "archive.jsonl")
    assert status == 2                              # records that cannot be linted are errors
    notes = [(f["line"], f["column"], f["message"]) for f in findings if f["code"] == "EL006"]
    assert all(f["path"] == "archive.jsonl" and f["severity"] == "error" for f in findings if f["code"] == "EL006")
    assert [n[0] for n in notes] == [2, 4, 5, 6, 7, 8, 9, 10, 11, 13]
    messages = dict((line, message) for line, _, message in notes)
    assert "not valid JSON: Unterminated string" in messages[2]
    assert notes[0][1] == 21                        # the column JSON gives: where the string starts
    assert "JSON array, not an object" in messages[4]
    assert "no 'id'" in messages[5]
    assert "neither 'text' nor 'html'" in messages[6]
    assert "'text' must be a string, not a number" in messages[7]
    assert "'date' must be a string" in messages[8]
    assert "'keyphrase' must be a string or a list of strings" in messages[9]
    assert "'format' must be one of markdown, html, text" in messages[10]
    assert "record id 'a' is already used at archive.jsonl:1" in messages[11]
    assert "not valid UTF-8" in messages[13]
    assert all(m.endswith("not linted") for m in messages.values())
    linted = sorted({f["path"] for f in findings if f["code"] == "ZZ901"})
    assert linted == ["a", "h"]
    status, out, err = run(capsys, "check", "archive.jsonl", "--select", "house-style", "--format", "text")
    assert "in 3 of 12 files" in out.splitlines()[-1]     # every record counts, good or bad


def test_title_and_keyphrase_act_as_front_matter(tmp_path, capsys, monkeypatch):
    """The export of an article with front matter gives the article's own findings, at the
    same places in its body; the rules see the record's title and keyphrase as the article's."""
    monkeypatch.chdir(tmp_path)
    source = (EXAMPLES / "keyword-stuffing.md").read_text(encoding="utf-8")
    head, body = source.split("---\n", 2)[1:]
    shift = source[:source.index(body)].count("\n")
    meta = {k.strip(): v.strip().strip('"') for k, v in (line.split(":", 1) for line in head.splitlines())}
    (tmp_path / "article.md").write_text(source, encoding="utf-8")
    record = {"id": "article", "text": body, "title": meta["title"], "keyphrase": meta["keyphrase"]}
    _write(tmp_path / "with.jsonl", [record])
    _, as_file = run_json(capsys, "check", "--isolated", "article.md")
    _, with_meta = run_json(capsys, "check", "--isolated", "with.jsonl")
    assert as_file and [(f["code"], f["line"] - shift, f["column"]) for f in as_file] == \
           [(f["code"], f["line"], f["column"]) for f in with_meta]
    # what the rules read: the Document's title and declared keyphrase
    from editlint.api import Session
    from editlint.work import ArticleItem, lint_item
    [article] = exports.read(tmp_path / "with.jsonl", "with.jsonl", {})
    session = Session(isolated=True)
    kept: list = []
    original = session.linter.run
    session.linter.run = lambda doc, *a, **k: (kept.append(doc), original(doc, *a, **k))[1]
    linted = lint_item(session.linter, ArticleItem(str(tmp_path / "with.jsonl"), article.id, "with.jsonl", article.line,
                                                   article.text, article.format, article.digest, article.front))
    [doc] = kept
    assert doc.title == meta["title"] and doc.keyphrases == [meta["keyphrase"].lower()]
    assert (linted.info.title, linted.info.export, linted.info.record) == (meta["title"], "with.jsonl", 1)
    # and stats reports the keyphrase as declared, as for the file
    status, out, err = run(capsys, "stats", "--format", "json", "with.jsonl", "article.md")
    rows = json.loads(out)
    assert [r["keyphrase"]["source"] for r in rows] == ["declared", "declared"]


def test_text_format_comes_from_the_field_the_id_or_the_text(house, capsys):
    rows = [
        {"id": "plain", "text": "Title line\n\n* not a list: a gizmo"},
        {"id": "as-text", "text": "Title line\n\n* a list item with a gizmo", "format": "text"},
        {"id": "page.html", "text": "<p>a <i>gizmo</i></p>"},
        {"id": "sniffed", "text": "<p>a <i>gizmo</i></p>"},
    ]
    _write(house / "archive.jsonl", rows)
    records = list(exports.read(house / "archive.jsonl", "archive.jsonl", {}))
    assert [r.format for r in records] == ["markdown", "text", "html", "html"]


def test_jobs_cache_and_every_format_work_on_exports(house, capsys):
    rows = [{"id": f"2005/{i:02d}", "text": f"Article {i}.\n\nA gizmo, then frobnicate.\n" * (1 + i % 3),
             "section": "tech" if i % 2 else "sport", "date": f"2005-{i % 12 + 1:02d}-01"} for i in range(40)]
    _write(house / "big.jsonl", rows)
    with gzip.open(house / "big2.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "zipped", "text": "A gizmo."}) + "\n")
    for fmt in ("text", "json", "sarif", "github", "html"):
        sequential = run(capsys, "check", "big.jsonl", "big2.jsonl.gz", "--no-cache", "--jobs", "1", "--format", fmt)
        parallel = run(capsys, "check", "big.jsonl", "big2.jsonl.gz", "--no-cache", "--jobs", "2", "--format", fmt)
        assert parallel == sequential
        assert sequential[0] == 1 and "zipped" in sequential[1] and "2005/07" in sequential[1]
    cold = run(capsys, "check", "big.jsonl", "--format", "html")
    warm = run(capsys, "check", "big.jsonl", "--format", "html")
    assert warm == cold and "archive-summary" in cold[1]
    # one changed record is linted again, the others come from the cache
    rows[3]["text"] = "Clean now."
    _write(house / "big.jsonl", rows)
    from editlint import cache as cache_module
    calls = []
    original = cache_module.Cache.put
    try:
        cache_module.Cache.put = lambda self, display, *a, **k: (calls.append(display), original(self, display, *a, **k))
        status, findings = run_json(capsys, "check", "big.jsonl")
    finally:
        cache_module.Cache.put = original
    assert calls == ["2005/03"]
    assert not [f for f in findings if f["path"] == "2005/03"]


def test_an_unreadable_or_missing_export(house, capsys):
    (house / "broken.jsonl.gz").write_bytes(b"this is not gzip")
    status, findings = run_json(capsys, "check", "broken.jsonl.gz")
    assert status == 2 and [f["code"] for f in findings] == ["EL001"]
    assert "cannot read the export" in findings[0]["message"]
    status, out, err = run(capsys, "check", "missing.jsonl")
    assert status == 2 and "missing.jsonl: no such file or directory" in err


def test_exports_in_a_folder_are_read_when_extensions_list_them(house, capsys):
    (house / "dump").mkdir()
    _write(house / "dump" / "a.jsonl", [{"id": "x", "text": "A gizmo."}])
    status, findings = run_json(capsys, "check", "dump")
    assert findings == []                          # .jsonl is not among the default extensions
    (house / "editlint.toml").write_text('rule-paths = ["house"]\nselect = ["house-style"]\n'
                                         'extensions = [".md", ".jsonl"]\n')
    status, findings = run_json(capsys, "check", "dump")
    assert [f["path"] for f in findings] == ["x"]


def test_per_file_ignores_match_article_ids(house, capsys):
    (house / "editlint.toml").write_text('rule-paths = ["house"]\nselect = ["house-style"]\n'
                                         '[per-file-ignores]\n"2004/**" = ["ZZ901"]\n')
    _write(house / "archive.jsonl", [{"id": "2004/01/a", "text": "A gizmo."}, {"id": "2005/01/b", "text": "A gizmo."}])
    status, findings = run_json(capsys, "check", "archive.jsonl")
    assert [f["path"] for f in findings] == ["2005/01/b"]


def test_stats_measures_each_article_of_an_export(house, capsys):
    _write(house / "archive.jsonl", [{"id": "one", "text": "A short note. Nothing more.\n"}, "oops"])
    assert main(["stats", "--format", "json", "archive.jsonl"]) == 2
    out, err = capsys.readouterr()
    assert [(r["path"], r["words"]) for r in json.loads(out)] == [("one", 5)]
    assert "archive.jsonl:2: record is not valid JSON" in err
