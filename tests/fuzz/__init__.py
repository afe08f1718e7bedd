"""The mutation fuzzer of issue 11: goal files, configurations, rule packs, baselines and cache
entries (and, since issues 12 and 13, files to --fix and workspaces to report on), mutated as an attacker and as an unlucky user would (bytes, line breaks, hostile
tokens, deep nesting, long runs, wrong types, links and special files), each linted in a fresh
workspace. Every run must exit 0, 1 or 2 with no traceback and no internal error, print JSON
that parses, keep every finding inside its file, show nothing from outside the workspace,
stay within a time and memory bound, and, for the cache, print exactly what an uncached run
prints.

CI runs a fixed budget (tests/test_fuzz.py, through hypothesis, so a failure shrinks). The
long run is by hand:

    nice -n 10 .venv/bin/python benchmarks/tree_memory.py -- .venv/bin/python -m tests.fuzz \\
        --goal-files 3000 --configs 1000 --packs 1000 --baselines 1000 --cache 1000 --fixes 1000 \\
        --reports 1000 --gitignores 1000 --trees 1000 --fix-races 1000 --seed 1

It prints the counts per kind and writes each failing case to a folder for replay; the
wrapper prints the peak resident memory of the whole process tree.
"""
