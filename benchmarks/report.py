"""The HTML report on a large goals repository: how long `cxsmart report` takes, how big the
page is, and how soon Chromium shows it and answers a filter. Not a test: run it by hand and
quote the figures.

    python benchmarks/report.py [--goals 10000] [--files-per-1000 10] [--repeat 3]
                                [--chromium /usr/bin/chromium]

The repository is the one benchmarks/speed.py writes (same generator, same seed). Measured:
- `cxsmart lint --no-cache` (for comparison) and `cxsmart report --no-cache` in a new process;
  `cxsmart report` again with the cache the first run filled;
- the page's size (the issue's bound: under 10 MB);
- in headless Chromium (Playwright driving the system browser), from navigation start: first
  contentful paint, DOMContentLoaded (the script has run: filters work from here), load; and
  how long one filter (severity = error) takes to apply to every goal.
Times are the best of --repeat rounds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from speed import generate, timed  # noqa: E402  (the same repository as the speed benchmark)

TODAY = "2026-12-01"


def browser_times(page_path: Path, chromium: str, repeat: int) -> dict:
    from playwright.sync_api import sync_playwright

    best: dict[str, float] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_path.resolve().as_uri(), wait_until="load", timeout=120_000)
            timing = page.evaluate("""() => {
                const nav = performance.getEntriesByType('navigation')[0];
                const fcp = performance.getEntriesByName('first-contentful-paint')[0];
                return {fcp: fcp ? fcp.startTime : NaN, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd};
            }""")
            start = time.perf_counter()
            page.select_option("#f-sev", "error")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))")
            timing["filter"] = (time.perf_counter() - start) * 1000
            timing["shown"] = page.inner_text("#shown")
            if errors:
                raise SystemExit(f"the page logged errors: {errors[:3]}")
            for k, v in timing.items():
                if isinstance(v, float):
                    best[k] = min(best.get(k, v), v)
                else:
                    best[k] = v
            page.close()
        browser.close()
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--goals", type=int, default=10000)
    ap.add_argument("--files-per-1000", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    files = max(1, args.goals * args.files_per_1000 // 1000)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, args.goals, files)
        cxsmart = [sys.executable, "-m", "cxsmart"]
        lint = [*cxsmart, "lint", ".", "--format", "json", "--today", TODAY, "--no-cache"]
        report = [*cxsmart, "report", ".", "-o", "report.html", "--today", TODAY]
        lint_s = min(timed(lint, root)[0] for _ in range(args.repeat))
        cold = [timed([*report, "--no-cache"], root) for _ in range(args.repeat)]
        timed(report, root)                                 # fill the cache
        warm = min(timed(report, root)[0] for _ in range(args.repeat))
        size = (root / "report.html").stat().st_size
        shown = browser_times(root / "report.html", args.chromium, args.repeat)
    print(f"| goals | files | lint --no-cache | report --no-cache | report (warm cache) | peak RSS report "
          f"| page size | first contentful paint | DOMContentLoaded (interactive) | load | one filter |")
    print("| " + " | ".join(["---"] * 11) + " |")
    print(f"| {args.goals:,} | {files + 1} | {lint_s:.2f} s | {min(c[0] for c in cold):.2f} s | {warm:.2f} s "
          f"| {max(c[1] for c in cold):.0f} MiB | {size / 1e6:.2f} MB | {shown['fcp']:.0f} ms | {shown['dcl']:.0f} ms "
          f"| {shown['load']:.0f} ms | {shown['filter']:.0f} ms |")
    print(f"\nAfter the filter (severity = error): {shown['shown']} Best of {args.repeat} rounds.")


if __name__ == "__main__":
    main()
