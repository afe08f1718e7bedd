"""The engine: a workspace of goals with references resolved, rules and their selection, the run
that checks every goal once, and suppressions."""
