import json

from editlint.cli import main


ARTICLE = (
    "The council met on Tuesday. It approved the new bridge after a long debate about the cost "
    "of the work and the effect it would have on traffic in the old town centre.\n\n"
    "Work starts in May. It should take a year.\n"
)


def test_stats_json_has_one_object_per_file(tmp_path, capsys):
    a = tmp_path / "a.md"
    b = tmp_path / "b.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    b.write_text("A short note. Nothing more.\n", encoding="utf-8")
    assert main(["stats", "--format", "json", str(a), str(b)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["path"] for r in rows] == [str(a), str(b)]
    first = rows[0]
    for key in ("path", "words", "sentences", "paragraphs", "flesch_reading_ease", "grade_level",
                "long_sentence_share", "dale_chall", "longest_sentence"):
        assert key in first
    assert first["sentences"] == 4
    assert first["paragraphs"] == 2
    assert first["long_sentences"] == 1          # the 29-word sentence
    assert first["long_sentence_share"] == 0.25
    assert rows[1]["words"] == 5


def test_stats_text_table_lists_each_file(tmp_path, capsys):
    (tmp_path / "x.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("not an article", encoding="utf-8")
    assert main(["stats", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["path", "words", "sents"]
    assert len(out) == 2 and out[1].startswith(str(tmp_path / "x.md"))


def test_bad_and_missing_files_exit_2_but_others_are_measured(tmp_path, capsys):
    good = tmp_path / "good.md"
    good.write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"caf\xe9 au lait\n")
    code = main(["stats", "--format", "json", str(bad), str(tmp_path / "missing.md"), str(good)])
    captured = capsys.readouterr()
    assert code == 2
    assert [r["path"] for r in json.loads(captured.out)] == [str(good)]
    errors = captured.err.strip().splitlines()
    assert len(errors) == 2
    assert "bad.md" in errors[0] and "UTF-8" in errors[0]
    assert "missing.md" in errors[1]


def test_thresholds_come_from_configuration(tmp_path, capsys):
    (tmp_path / "editlint.toml").write_text("[rules.RD102]\nlong-words = 10\n", encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    assert main(["stats", "--format", "json", str(article)]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    assert row["long_sentences"] == 1
    (tmp_path / "editlint.toml").write_text("[rules.RD102]\nlong-words = 4\n", encoding="utf-8")
    assert main(["stats", "--format", "json", str(article)]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    assert row["long_sentences"] == 3            # every sentence of more than four words
