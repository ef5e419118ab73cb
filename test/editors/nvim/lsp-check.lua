-- Headless Neovim (0.7+) as an LSP client of tfjs-lint-server: attach to the current buffer,
-- wait for diagnostics, ask for code actions on the first tfjs-lint diagnostic, apply the
-- preferred quick fix, wait for the diagnostics that follow, and print it all as one JSON line.
-- Inputs (environment): TFJS_LINT_SERVER (server script), TFJS_LINT_ROOT (workspace root),
-- TFJS_LINT_WAIT_MS (how long to wait for each round of diagnostics).
local server = assert(os.getenv('TFJS_LINT_SERVER'), 'TFJS_LINT_SERVER not set')
local root = assert(os.getenv('TFJS_LINT_ROOT'), 'TFJS_LINT_ROOT not set')
local wait_ms = tonumber(os.getenv('TFJS_LINT_WAIT_MS') or '15000')
local result = { nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch) }
local server_log = {}
local published = {} -- the raw LSP diagnostics, by uri, as the server last published them

local function emit()
  io.stdout:write('TFJS_LINT_RESULT ' .. vim.json.encode(result) .. '\n')
  io.stdout:flush()
end

local function tfjs_diagnostics(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    local code = d.code or lsp.code
    table.insert(out, {
      line = d.lnum + 1, -- 1-based, as editors show it
      col = d.col + 1,
      code = code and tostring(code) or vim.NIL,
      source = d.source or lsp.source or vim.NIL,
      severity = d.severity,
      message = d.message,
      href = (lsp.codeDescription and lsp.codeDescription.href) or vim.NIL,
      lsp = lsp,
    })
  end
  table.sort(out, function(a, b) return a.line < b.line or (a.line == b.line and a.col < b.col) end)
  return out
end

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  -- `-u NONE` skips filetype detection; the filetype is the languageId the server sees.
  if vim.bo.filetype == '' then
    vim.cmd('filetype on')
    vim.cmd('filetype detect')
  end
  result.filetype = vim.bo.filetype
  local exited = false
  local client_id = vim.lsp.start_client({
    name = 'tfjs-lint',
    cmd = { 'node', server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'workspace' } },
    handlers = {
      ['window/logMessage'] = function(_, params) table.insert(server_log, params.message) end,
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        published[params.uri] = params.diagnostics
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, params, ctx, config)
      end,
    },
    on_exit = function(code) exited = true; result.server_exit_code = code end,
  })
  if not client_id then
    result.error = 'start_client failed'
    return
  end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local got = vim.wait(wait_ms, function() return #vim.diagnostic.get(bufnr) > 0 or exited end, 50)
  local client = vim.lsp.get_client_by_id(client_id)
  result.initialized = client ~= nil and client.initialized == true
  if client and client.server_capabilities then
    result.code_action_provider = client.server_capabilities.codeActionProvider ~= nil
  end
  result.diagnostics = tfjs_diagnostics(bufnr)
  if exited then
    result.error = 'the server exited'
    return
  end
  if not got then
    result.timed_out = true
    return
  end

  -- Hover on `sigmoid(` in the flagged line, as `K` (vim.lsp.buf.hover) would ask.
  local first_line = result.diagnostics[1].line
  local text = vim.api.nvim_buf_get_lines(bufnr, first_line - 1, first_line, false)[1] or ''
  local at = string.find(text, 'sigmoid', 1, true)
  if at then
    local hover = client.request_sync('textDocument/hover', {
      textDocument = vim.lsp.util.make_text_document_params(bufnr),
      position = { line = first_line - 1, character = at + 1 },
    }, wait_ms, bufnr)
    local contents = hover and hover.result and hover.result.contents
    if contents then
      result.hover = table.concat(vim.lsp.util.convert_input_to_markdown_lines(contents), '\n')
    end
  end

  -- Code actions for the first diagnostic, as `:lua vim.lsp.buf.code_action()` would ask.
  local first = result.diagnostics[1]
  local raw = (published[vim.uri_from_bufnr(bufnr)] or {})[1]
  if not raw then
    result.error = 'diagnostics were not published for this buffer (pull only?)'
    return
  end
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = raw.range,
    context = { diagnostics = { raw }, only = { 'quickfix' } },
  }
  local response = client.request_sync('textDocument/codeAction', params, wait_ms, bufnr)
  local actions = (response and response.result) or {}
  result.code_actions = {}
  local chosen
  for _, action in ipairs(actions) do
    table.insert(result.code_actions, { title = action.title, kind = action.kind or vim.NIL, isPreferred = action.isPreferred or false })
    if action.edit and (action.isPreferred or not chosen) then
      if not (chosen and chosen.isPreferred) then chosen = action end
    end
  end
  if not chosen then
    result.error = 'no code action with an edit'
    return
  end
  result.applied = chosen.title
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
  result.fixed_text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')

  -- The edit reaches the server as didChange; wait for the diagnostic to go.
  local code, line = first.code, first.line
  local cleared = vim.wait(wait_ms, function()
    for _, d in ipairs(tfjs_diagnostics(bufnr)) do
      if d.code == code then return false end
    end
    return true
  end, 50)
  result.cleared = cleared
  result.diagnostics_after_fix = tfjs_diagnostics(bufnr)
  result.fixed_line = line
end

local ok, err = pcall(run)
if not ok then result.error = tostring(err) end
-- Drop the raw LSP payloads before printing: the test reads the summary fields.
for _, list in ipairs({ result.diagnostics or {}, result.diagnostics_after_fix or {} }) do
  for _, d in ipairs(list) do d.lsp = nil end
end
result.server_log = server_log
emit()
