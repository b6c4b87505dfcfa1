"""--jobs N gives exactly the sequential result; the cache returns identical findings and
is invalidated by a changed file, configuration or rule pack."""

from __future__ import annotations

import json
import os

import pytest
from ci_helpers import content_folder, run, run_json

from editlint import cache
from editlint.commands import _parallel
from editlint.engine import Linter


def _articles(n: int) -> dict[str, str]:
    out = {}
    for i in range(n):
        body = "\n".join(f"Line {j} of article {i}" + (" with a gizmo" if (i + j) % 3 == 0 else "")
                         for j in range(i % 7 + 2))
        out[f"news/{i % 4}/article{i:02d}.txt"] = f"Article {i}\n\n{body}\nWe frobnicate.\n"
    return out


@pytest.fixture
def archive(tmp_path, monkeypatch):
    content_folder(tmp_path, _articles(40))
    (tmp_path / "news" / "broken.txt").write_bytes(b"caf\xe9 gizmo\n")          # not UTF-8: EL002
    (tmp_path / "news" / "image.txt").write_bytes(b"\x89PNG\x00\x00gizmo")      # binary: EL003
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def spy(monkeypatch):
    """Counts the files linted in this process and the parallel runs that really ran."""
    calls = {"files": 0, "parallel": 0}
    lint_file, lint_parallel = Linter.lint_file, _parallel.lint_parallel

    def counting_lint_file(self, *a, **k):
        calls["files"] += 1
        return lint_file(self, *a, **k)

    def counting_parallel(*a, **k):
        result = lint_parallel(*a, **k)
        calls["parallel"] += result is not None
        return result

    monkeypatch.setattr(Linter, "lint_file", counting_lint_file)
    monkeypatch.setattr(_parallel, "lint_parallel", counting_parallel)
    return calls


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_2_equals_jobs_1(archive, capsys, spy, fmt):
    s1, out1, err1 = run(capsys, "check", "news", "--no-cache", "--jobs", "1", "--format", fmt)
    assert spy["parallel"] == 0
    s2, out2, err2 = run(capsys, "check", "news", "--no-cache", "--jobs", "2", "--format", fmt)
    assert spy["parallel"] == 1
    assert (s2, out2) == (s1, out1)
    assert s1 == 2        # the broken files are EL errors; the rest are still linted
    if fmt == "json":
        codes = {f["code"] for f in json.loads(out1)}
        assert codes == {"ZZ901", "EL002", "EL003"}


def test_cache_hit_returns_identical_findings_without_linting(archive, capsys, spy):
    cold = run(capsys, "check", "news", "--format", "json", "--jobs", "1")
    assert spy["files"] == 42
    assert (archive / ".editlint_cache" / "CACHEDIR.TAG").is_file()
    spy["files"] = 0
    warm = run(capsys, "check", "news", "--format", "json", "--jobs", "1")
    assert warm == cold
    assert spy["files"] == 0          # every file comes from the cache, undecodable ones too
    warm_parallel = run(capsys, "check", "news", "--format", "json", "--jobs", "2")
    assert warm_parallel == cold and spy["parallel"] == 0     # nothing left to lint in parallel


def test_a_changed_file_is_linted_again(archive, capsys, spy):
    run(capsys, "check", "news", "--jobs", "1")
    target = archive / "news" / "0" / "article00.txt"
    target.write_text("Article 0\n\nNo problems here.\n")
    spy["files"] = 0
    status, findings = run_json(capsys, "check", "news", "--jobs", "1")
    assert spy["files"] == 1              # only the changed file
    assert not [f for f in findings if f["path"] == "news/0/article00.txt"]


def test_a_changed_configuration_or_rule_pack_invalidates_the_cache(archive, capsys):
    status, before = run_json(capsys, "check", "news")
    assert any(f["code"] == "ZZ901" for f in before)
    # the configuration changes: ZZ901 is ignored
    (archive / "editlint.toml").write_text('rule-paths = ["house"]\nselect = ["house-style"]\nignore = ["ZZ901"]\n')
    status, after = run_json(capsys, "check", "news")
    assert not any(f["code"] == "ZZ901" for f in after)
    # the rule pack changes: a new token; the configuration is back as it was
    (archive / "editlint.toml").write_text('rule-paths = ["house"]\nselect = ["house-style"]\n')
    pack = archive / "house" / "frob.yml"
    pack.write_text(pack.read_text().replace("tokens: [frobnicate, gizmo]", "tokens: [frobnicate, gizmo, article]"))
    status, again = run_json(capsys, "check", "news")
    assert len([f for f in again if f["code"] == "ZZ901"]) > len([f for f in before if f["code"] == "ZZ901"])
    status, uncached = run_json(capsys, "check", "news", "--no-cache")
    assert again == uncached


def test_the_command_line_selection_is_part_of_the_key(archive, capsys):
    status, everything = run_json(capsys, "check", "news")
    status, engine_only = run_json(capsys, "check", "news", "--select", "EL")
    assert {f["code"] for f in engine_only} == {"EL002", "EL003"}
    status, again = run_json(capsys, "check", "news")
    assert again == everything


def test_corrupt_or_unwritable_cache_is_ignored(archive, capsys):
    status, expected = run_json(capsys, "check", "news", "--no-cache")
    run(capsys, "check", "news")
    for shard in (archive / ".editlint_cache" / cache.LAYOUT).glob("*.json"):
        shard.write_text('{"news/0/article00.txt": ["x", [[1, 2]]], "garbage')
    s, out, err = run(capsys, "check", "news", "--format", "json")
    assert json.loads(out) == expected and err == ""
    blocker = archive / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    s, out, err = run(capsys, "check", "news", "--format", "json", "--cache-dir", str(blocker / "cache"))
    assert json.loads(out) == expected and err == ""


def test_cache_never_touches_the_articles(archive, capsys):
    before = {p: p.read_bytes() for p in (archive / "news").rglob("*")  if p.is_file()}
    run(capsys, "check", "news")
    run(capsys, "check", "news")
    after = {p: p.read_bytes() for p in (archive / "news").rglob("*") if p.is_file()}
    assert after == before


def test_no_cache_writes_nothing_and_cache_dir_moves_it(archive, capsys, tmp_path_factory):
    run(capsys, "check", "news", "--no-cache")
    assert not (archive / ".editlint_cache").exists()
    elsewhere = tmp_path_factory.mktemp("cache")
    run(capsys, "check", "news", "--cache-dir", str(elsewhere))
    assert not (archive / ".editlint_cache").exists()
    assert list((elsewhere / cache.LAYOUT).glob("*.json"))


def test_cache_lives_next_to_the_configuration(archive, capsys, monkeypatch):
    monkeypatch.chdir(archive / "news")
    run(capsys, "check", ".")
    assert (archive / ".editlint_cache").is_dir()
    assert not (archive / "news" / ".editlint_cache").exists()


@pytest.mark.parametrize("value", ["0", "-1", "many"])
def test_bad_jobs_is_a_usage_error(archive, capsys, value):
    status, out, err = run(capsys, "check", "news", "--jobs", value)
    assert status == 2 and "jobs" in err


def test_available_cores_is_positive():
    assert _parallel.available_cores() >= 1
    assert _parallel.available_cores() <= (os.cpu_count() or 1)


def test_old_shards_are_pruned(archive, capsys):
    from editlint import cache
    for i in range(cache.KEEP_SHARDS + 3):
        (archive / "editlint.toml").write_text(f'rule-paths = ["house"]\nselect = ["house-style"]\n# {i}\n')
        run(capsys, "check", "news/0")
    assert len(list((archive / ".editlint_cache" / cache.LAYOUT).glob("*.json"))) == cache.KEEP_SHARDS
