-- Drives Neovim's built-in LSP client for tests/test_editors.py: waits for cxsmart's
-- diagnostics on the current buffer, applies the quick fix of the finding with the code in
-- $CXSMART_FIX_CODE, types two more lines, writes the buffer, and records what it saw (before
-- the fix, and after the typing) in $CXSMART_NVIM_OUT.
local out_path = os.getenv("CXSMART_NVIM_OUT")
local code = os.getenv("CXSMART_FIX_CODE")
local buf = vim.api.nvim_get_current_buf()
local report = { diagnostics = {}, applied = vim.NIL, error = vim.NIL }

local function code_of(d)
  if d.code then return d.code end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code or vim.NIL
end

local function seen()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, { code = code_of(d), line = d.lnum, col = d.col, message = d.message })
  end
  return list
end

local got = vim.wait(120000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
if not got then
  report.error = "no diagnostics within 120 s"
else
  vim.wait(1000)                                   -- the whole-workspace lint may republish
  report.diagnostics = seen()
  local client = vim.lsp.get_active_clients()[1]
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code_of(d) == code then
      local params = {
        textDocument = { uri = vim.uri_from_bufnr(buf) },
        range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } },
        context = { diagnostics = {} },
      }
      local response = client.request_sync("textDocument/codeAction", params, 60000, buf)
      for _, action in ipairs((response and response.result) or {}) do
        if action.kind == "quickfix" and action.title:sub(1, #code) == code and not action.title:find("ignore") then
          vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
          report.applied = action.title
          break
        end
      end
      break
    end
  end
  -- typed after the fix: a line inserted at the top, and a word in the middle of the file (Neovim
  -- sends each as the range it changed); the findings then are recorded, for the CLI's on the file
  local before = vim.fn.json_encode(seen())
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { "# edited in Neovim" })
  local middle = math.floor(vim.api.nvim_buf_line_count(buf) / 2)
  vim.api.nvim_buf_set_lines(buf, middle, middle, false, { "# and here" })
  vim.wait(30000, function() return vim.fn.json_encode(seen()) ~= before end, 50)
  vim.wait(1500)                                   -- the other files' check may republish
  report.after = seen()
  vim.cmd("silent write")
end
local f = io.open(out_path, "w")
f:write(vim.fn.json_encode(report))
f:close()
vim.cmd("qall!")
