-- editlint's language server in Neovim 0.11 or later: put this file in
-- ~/.config/nvim/lsp/editlint.lua (or paste the table into vim.lsp.config) and enable it
-- from init.lua with `vim.lsp.enable('editlint')`.
return {
  cmd = { 'editlint', 'server' },          -- or { '/path/to/.venv/bin/editlint', 'server' }
  filetypes = { 'markdown', 'html', 'text' },
  root_markers = { 'editlint.toml', '.editlint.toml', 'pyproject.toml', '.git' },
  init_options = { debounce = 0.15 },
}
