"""Small helpers every stage may use: writing files whole (fsutil), text safe to print
(printable), did-you-mean suggestions (suggest), and the digests that key the caches (hashing)."""
