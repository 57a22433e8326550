-- Neovim (0.7+) as a client of `iac-review lsp --stdio`, driven by
-- tests/e2e/neovim.test.ts. The server is started by the README's Neovim
-- snippet, run as it is (IAC_REVIEW_SNIPPET); this file only opens a file and
-- observes. Run as:
--   nvim --headless --clean -n -i NONE -u NONE -c 'luafile client.lua'
-- Environment:
--   IAC_REVIEW_SNIPPET  Lua file: the README's Neovim set-up (`iac-review` on PATH)
--   IAC_REVIEW_FILE     the file to open (the working directory is the workspace)
--   IAC_REVIEW_OUT      where to write the JSON report
--   IAC_REVIEW_FIX_RULE rule id of a finding to quick-fix (its first diagnostic)
--   IAC_REVIEW_HOVER    "line:character" (0-based) to hover
-- Any failure: a message on stderr and exit status 1 (cquit), never a hang.

local TIMEOUT_MS = 20000
local QUIET_MS = 500

local function fail(message)
  io.stderr:write('neovim client: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

local function env(name)
  local value = os.getenv(name)
  if value == nil or value == '' then error('environment variable ' .. name .. ' is not set') end
  return value
end

local function main()
  local snippet = env('IAC_REVIEW_SNIPPET')
  local file = env('IAC_REVIEW_FILE')
  local out = env('IAC_REVIEW_OUT')
  local fix_rule = env('IAC_REVIEW_FIX_RULE')
  local hover_line, hover_char = env('IAC_REVIEW_HOVER'):match('^(%d+):(%d+)$')

  -- Count every publishDiagnostics per URI (and when it came) around the default handler.
  local publishes = {}
  local last_publish = 0
  local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    if result and result.uri then
      local p = publishes[result.uri] or { count = 0, at = 0 }
      p.count = p.count + 1
      p.at = vim.loop.now()
      publishes[result.uri] = p
      last_publish = p.at
    end
    return default_publish(err, result, ctx, config)
  end

  -- The user's configuration: the README snippet, which starts and attaches the server.
  dofile(snippet)

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)

  -- The client joins the buffer's clients once the server has answered `initialize`.
  local client_id = nil
  vim.wait(TIMEOUT_MS, function()
    for id, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if client.name == 'iac-review' then client_id = id end
    end
    return client_id ~= nil
  end, 20)
  if not client_id then return fail('the snippet did not attach an initialized iac-review client to ' .. file) end
  local function stopped() return vim.lsp.client_is_stopped(client_id) end

  -- Settled: at least `after + 1` publishes for the file, and none (for any file) for QUIET_MS.
  local function wait_settled(after, what)
    local ok = vim.wait(TIMEOUT_MS, function()
      if stopped() then return true end
      local p = publishes[uri]
      return p ~= nil and p.count > after and vim.loop.now() - last_publish >= QUIET_MS
    end, 20)
    if stopped() then error('the server stopped while waiting for ' .. what) end
    if not ok then
      local p = publishes[uri]
      error(string.format('no diagnostics for %s within %d ms while waiting for %s (publishes for it: %d)',
        uri, TIMEOUT_MS, what, p and p.count or 0))
    end
    return publishes[uri].count
  end

  local function entry(d)
    local lsp = (d.user_data or {}).lsp or {}
    return {
      line = d.lnum, col = d.col, end_line = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = d.code or lsp.code, message = d.message, source = d.source,
    }
  end

  local function diagnostics()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(list, entry(d)) end
    return list
  end

  -- Everything the server published, by file: the start-up workspace review reaches
  -- files that are not open (Neovim keeps them on unlisted buffers).
  local function workspace_diagnostics()
    local by_file = {}
    for _, d in ipairs(vim.diagnostic.get()) do
      local name = vim.api.nvim_buf_get_name(d.bufnr)
      by_file[name] = by_file[name] or {}
      table.insert(by_file[name], entry(d))
    end
    return by_file
  end

  local seen = wait_settled(0, 'the first diagnostics')
  local report = { uri = uri, diagnostics = diagnostics(), workspace = workspace_diagnostics() }

  -- Hover on a resource.
  local hovers, herr = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = tonumber(hover_line), character = tonumber(hover_char) },
  }, TIMEOUT_MS)
  if not hovers then error('textDocument/hover: ' .. tostring(herr)) end
  local hover = (hovers[client_id] or {})
  if hover.err then error('textDocument/hover failed: ' .. vim.inspect(hover.err)) end
  report.hover = hover.result and hover.result.contents or vim.NIL

  -- Code actions on the range of the chosen finding, with that diagnostic as context.
  local target = nil
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if (d.code or ((d.user_data or {}).lsp or {}).code) == fix_rule then target = d break end
  end
  if not target then error('no diagnostic of ' .. fix_rule .. ' to quick-fix') end
  local range = {
    start = { line = target.lnum, character = target.col },
    ['end'] = { line = target.end_lnum, character = target.end_col },
  }
  local responses, aerr = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = range,
    context = { diagnostics = { {
      range = range, severity = target.severity, source = target.source, message = target.message, code = fix_rule,
    } } },
  }, TIMEOUT_MS)
  if not responses then error('textDocument/codeAction: ' .. tostring(aerr)) end
  local response = responses[client_id] or {}
  if response.err then error('textDocument/codeAction failed: ' .. vim.inspect(response.err)) end
  report.code_actions = response.result or {}
  report.fix_range = range

  -- Apply the rule's own fix (the preferred action of a diagnostic with that code) the way
  -- Neovim applies any code action edit, then wait for the diagnostics of the edited buffer.
  local fix = nil
  for _, action in ipairs(report.code_actions) do
    local codes = {}
    for _, d in ipairs(action.diagnostics or {}) do codes[d.code] = true end
    if action.isPreferred and action.edit and codes[fix_rule] then fix = action break end
  end
  if fix then
    vim.lsp.util.apply_workspace_edit(fix.edit, vim.lsp.get_client_by_id(client_id).offset_encoding)
    wait_settled(seen, 'the diagnostics after the quick fix')
    report.fixed_text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
    report.after_fix = diagnostics()
  end

  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(report))
  f:close()

  vim.lsp.stop_client(client_id)
  vim.wait(2000, stopped, 20)
  vim.cmd('qall!')
end

local ok, err = xpcall(main, debug.traceback)
if not ok then fail(tostring(err)) end
