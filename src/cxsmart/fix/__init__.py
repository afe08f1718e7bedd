"""Fixing goal files: edits a finding carries, applied with the file kept as the user wrote it."""
