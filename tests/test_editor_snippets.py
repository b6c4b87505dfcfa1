"""The editor set-ups in examples/editors/ start `editlint server` and parse as what they are."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

EDITORS = Path(__file__).resolve().parents[1] / "examples" / "editors"


def test_vscode_extension_starts_editlint_server():
    manifest = json.loads((EDITORS / "vscode" / "package.json").read_text())
    assert manifest["main"] == "./extension.js" and "vscode-languageclient" in manifest["dependencies"]
    assert manifest["contributes"]["configuration"]["properties"]["editlint.command"]["default"] == ["editlint", "server"]
    assert {"onLanguage:markdown", "onLanguage:html", "onLanguage:plaintext"} <= set(manifest["activationEvents"])
    if shutil.which("node"):
        done = subprocess.run(["node", "--check", str(EDITORS / "vscode" / "extension.js")], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


def test_neovim_config_starts_editlint_server():
    lua = (EDITORS / "neovim" / "editlint.lua").read_text()
    assert "cmd = { 'editlint', 'server' }" in lua and "'markdown', 'html', 'text'" in lua
    if shutil.which("luac"):
        assert subprocess.run(["luac", "-p", str(EDITORS / "neovim" / "editlint.lua")]).returncode == 0


def test_zed_extension_declares_the_server_for_the_three_formats():
    manifest = tomllib.loads((EDITORS / "zed" / "extension.toml").read_text())
    assert manifest["language_servers"]["editlint"]["languages"] == ["Markdown", "HTML", "Plain Text"]
    lib = (EDITORS / "zed" / "src" / "lib.rs").read_text()
    assert '.which("editlint")' in lib and 'vec!["server".into()]' in lib
    settings = (EDITORS / "zed" / "settings.json").read_text()
    settings = json.loads(re.sub(r"^\s*//.*$", "", settings, flags=re.M))
    assert all(v["language_servers"][0] == "editlint" for v in settings["languages"].values())


@pytest.mark.parametrize("name", ["vscode/extension.js", "neovim/editlint.lua", "zed/src/lib.rs"])
def test_snippets_are_documented_in_the_readme(name):
    readme = (EDITORS.parents[1] / "README.md").read_text()
    assert f"(examples/editors/{name.split('/')[0]}/" in readme
