"""Reading: bytes to text, YAML to values with positions, goal files to models, the files of a
workspace, and the rule packs (words, metrics, pack rules)."""
