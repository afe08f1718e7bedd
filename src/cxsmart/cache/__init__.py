"""What a run keeps between runs: the cache on disk (store), a file's parse in its JSON form
(parsed), and the result of a run with its cached form (results)."""
