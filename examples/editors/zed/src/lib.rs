//! Starts `editlint server` from the PATH of the worktree (install editlint first:
//! `pip install 'editlint[lsp]'`).
use zed_extension_api::{self as zed, LanguageServerId, Result};

struct Editlint;

impl zed::Extension for Editlint {
    fn new() -> Self {
        Editlint
    }

    fn language_server_command(
        &mut self,
        _language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let command = worktree
            .which("editlint")
            .ok_or_else(|| "editlint is not on PATH: pip install 'editlint[lsp]'".to_string())?;
        Ok(zed::Command {
            command,
            args: vec!["server".into()],
            env: Default::default(),
        })
    }
}

zed::register_extension!(Editlint);
