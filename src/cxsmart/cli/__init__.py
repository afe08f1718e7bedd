"""The `cxsmart` command: its commands (commands), the console script around them (entry),
`cxsmart init` (init), and the bodies of report, tree and markdown (reporting)."""
