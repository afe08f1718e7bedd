"""`cxsmart server`'s latency as a real editor sees it: headless Neovim (its built-in LSP client,
Debian's `neovim`) edits one file of the 10,000-goal workspace of benchmarks/server.py. Not a
test: run it by hand and quote its lines.

    python benchmarks/server_nvim.py [--goals 10000] [--files 100] [--edits 40]

The same edits as benchmarks/server.py (half change a title, half a `review:` value, 0.3 s
apart), typed into the buffer with nvim_buf_set_lines: Neovim sends each as the range it changed
(debounce off), and the time is from the buffer change to Neovim's handler of the file's
publishDiagnostics having run (the diagnostics set in the buffer). Neovim parses the JSON in C,
where benchmarks/server.py's pygls client structures every diagnostic in Python: the difference
between the two is the client's part. The server logs its clock of each edit
(CXSMART_SERVER_TIMING=1), and Neovim's clock (vim.loop.hrtime) is the same monotonic clock: the
last lines split a no-prose edit into Neovim's sending, the server's part, and Neovim's receipt.
Results, with the machine's load: benchmarks/server-results.md.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from server import arguments, percentile  # noqa: E402 - the benchmarks' shared helpers
from speed import generate  # noqa: E402

DRIVER = r"""
local out_path, edits = os.getenv("BENCH_OUT"), tonumber(os.getenv("BENCH_EDITS"))
local id = vim.lsp.start_client({ name = "cxsmart", cmd = { os.getenv("BENCH_PYTHON"), "-m", "cxsmart", "server" },
                                  root_dir = vim.fn.getcwd(), flags = { debounce_text_changes = 0 } })
vim.cmd("edit team-0000.yaml")
local buf = vim.api.nvim_get_current_buf()
local uri, count, at, clock = vim.uri_from_bufnr(buf), 0, 0, nil
local shown = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["window/logMessage"] = function(err, result)   -- the server's clock of an edit
  local arrived, written = result.message:match("arrived ([%d.]+),.* written ([%d.]+)%)")
  if arrived then clock = { tonumber(arrived) * 1000, tonumber(written) * 1000 } end
end
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  shown(err, result, ctx, config)
  if result and result.uri == uri then count, at = count + 1, vim.loop.hrtime() end
end
vim.lsp.buf_attach_client(buf, id)
local report = { title = {}, plain = {}, error = vim.NIL, steps = {}, cpu = vim.NIL }
local cpu
if not vim.wait(600000, function() return count > 0 end, 10) then
  report.error = "no diagnostics within 10 minutes"
else
  vim.wait(3000)                                        -- the first lint's other publishes
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local titles, reviews = {}, {}
  for i, line in ipairs(lines) do
    if line:find("^    title: Improve ") then table.insert(titles, i - 1) end
    if line == "    review: monthly" then table.insert(reviews, i - 1) end
  end
  local usage = vim.loop.getrusage()
  cpu = usage.utime.sec * 1e3 + usage.utime.usec / 1e3 + usage.stime.sec * 1e3 + usage.stime.usec / 1e3
  for n = 0, edits - 1 do
    local is_title = n % 2 == 0
    local rows = is_title and titles or reviews
    local row = rows[math.floor(n / 2) % #rows + 1]
    local old = vim.api.nvim_buf_get_lines(buf, row, row + 1, false)[1]
    local new
    if is_title then new = old:gsub("Improve ", "Improve word" .. n .. "x ", 1)
    elseif old:find("monthly$") then new = "    review: quarterly" else new = "    review: monthly" end
    local before, t = count, vim.loop.hrtime()
    clock = nil
    vim.api.nvim_buf_set_lines(buf, row, row + 1, false, { new })
    if vim.wait(10000, function() return count > before end, 50) then   -- timed in the handler, not here
      table.insert(is_title and report.title or report.plain, (at - t) / 1e6)
      vim.wait(300)
      if clock and not is_title then      -- ms after the change: the server's arrival and write, shown
        local t0 = t / 1e6
        table.insert(report.steps, { 0, clock[1] - t0, clock[2] - t0, at / 1e6 - t0 })
      end
    else
      vim.wait(300)
    end
  end
end
if cpu then
  local usage = vim.loop.getrusage()
  report.cpu = (usage.utime.sec * 1e3 + usage.utime.usec / 1e3 + usage.stime.sec * 1e3 + usage.stime.usec / 1e3
                - cpu) / edits
end
local f = io.open(out_path, "w")
f:write(vim.fn.json_encode(report))
f:close()
vim.cmd("qall!")
"""


def main() -> None:
    args = arguments(__doc__)
    nvim = shutil.which("nvim")
    if nvim is None:
        raise SystemExit("nvim is not installed (apt-get install neovim)")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        root.mkdir()
        generate(root, args.goals, args.files)
        (root / "cxsmart.toml").write_text("today = 2026-12-01\n")
        (Path(tmp) / "driver.lua").write_text(DRIVER)
        out = Path(tmp) / "report.json"
        env = {**os.environ, "BENCH_OUT": str(out), "BENCH_EDITS": str(args.edits), "BENCH_PYTHON": sys.executable,
               "CXSMART_SERVER_TIMING": "1",
               "XDG_STATE_HOME": tmp, "XDG_DATA_HOME": tmp, "XDG_CONFIG_HOME": tmp}
        proc = subprocess.run([nvim, "--headless", "-n", "-i", "NONE", "-u", "NONE", "-c", f"luafile {tmp}/driver.lua"],
                              cwd=root, env=env, capture_output=True, text=True, timeout=1800)
        if not out.exists():
            raise SystemExit(f"nvim wrote no report (exit {proc.returncode}): {proc.stderr[-2000:]}")
        report = json.loads(out.read_text())
    if report["error"]:
        raise SystemExit(report["error"])
    print(f"workspace: {args.goals:,} goals in {args.files} files; Neovim {_version(nvim)}, changes sent as ranges")
    for name, values in (("title edit (spaCy)", report["title"]), ("no-prose edit", report["plain"])):
        print(f"buffer change -> diagnostics shown, {name}: p50 {percentile(values, 50):.0f} ms, "
              f"p95 {percentile(values, 95):.0f} ms, max {max(values):.0f} ms ({len(values)} edits)")
    if report["cpu"] is not None:
        print(f"Neovim's CPU time per edit (pauses included): {report['cpu']:.1f} ms")
    if report["steps"]:
        print("  no-prose edit, step by step (p50 / p95, ms):")
        for i, step in enumerate(("Neovim sends the change -> the server's handler has it",
                                  "-> the server has written the publish", "-> Neovim has set the diagnostics")):
            values = [e[i + 1] - e[i] for e in report["steps"]]
            print(f"    {step:<56} {percentile(values, 50):5.1f} / {percentile(values, 95):5.1f}")


def _version(nvim: str) -> str:
    return subprocess.run([nvim, "--version"], capture_output=True, text=True).stdout.split("\n")[0].split()[-1]


if __name__ == "__main__":
    main()
