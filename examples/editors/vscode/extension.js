// A minimal VS Code extension that starts `editlint server` for Markdown, HTML and plain
// text. Build it with `npm install && npx @vscode/vsce package`, then install the .vsix
// (Extensions view > ... > Install from VSIX).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("editlint");
  const [command, ...args] = settings.get("command");
  const languages = ["markdown", "html", "plaintext"];
  client = new LanguageClient(
    "editlint",
    "editlint",
    { command, args },
    {
      documentSelector: languages.flatMap((language) => [
        { scheme: "file", language },
        { scheme: "untitled", language },
      ]),
      initializationOptions: { debounce: settings.get("debounce") },
      // editlint reads its configuration again when one of these changes
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/{editlint.toml,.editlint.toml,pyproject.toml,*.yml,*.yaml}"),
      },
    },
  );
  client.start();
  context.subscriptions.push(client);
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
