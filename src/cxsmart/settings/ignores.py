"""What a run reports after the rules: per-file ignores from the configuration, and the
`# cxsmart: ignore[...]` comments in the goal files (F006 malformed, F007 unused)."""

from __future__ import annotations

from pathlib import Path

from cxsmart.settings.config import Config
from cxsmart.diagnostics import Diagnostic
from cxsmart.engine import suppress
from cxsmart.read.globs import spec as glob_spec
from cxsmart.read.loader import SourceFile
from cxsmart.settings.registry import Registry
from cxsmart.rule import RuleContext
from cxsmart.settings.selection import Selection, check_selector


def apply_file_ignores(found: list[Diagnostic], cfg: Config, root: Path, real_paths: dict[str, Path],
                        registry: Registry) -> list[Diagnostic]:
    if not cfg.per_file_ignores:
        return found
    rules = []
    for pattern, codes in cfg.per_file_ignores.items():
        checked = [check_selector(c, registry, f"per-file-ignores.\"{pattern}\"") for c in codes]
        rules.append((glob_spec([pattern], f'per-file-ignores "{pattern}"'), checked))
    keep = []
    for d in found:
        real = real_paths.get(d.path, Path(d.path))
        try:
            rel = real.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            rel = real.as_posix()
        if not any(spec.match_file(rel) and any(d.code.startswith(c) or c == "ALL" for c in codes)
                   for spec, codes in rules):
            keep.append(d)
    return keep


def apply_suppressions(found: list[Diagnostic], sources: list[SourceFile], selection: Selection,
                        registry: Registry, ctx: RuleContext) -> list[Diagnostic]:
    known = set(registry.rules)
    per_file = {s.path: suppress.parse(s.text, known, s.index) for s in sources}
    keep = [d for d in found if d.path not in per_file or not suppress.suppressed(d, per_file[d.path])]
    rules = {r.code: r for r in selection.rules}
    for path, supps in sorted(per_file.items()):
        if "F006" in rules:
            for span, message in supps.malformed:
                keep.append(ctx.report(rules["F006"], None, message, at=span, path=path,
                                       hint="name the codes, e.g. '# cxsmart: ignore[S001,M002]'"))
        if "F007" in rules:
            for supp in supps.all:
                unused = [c for c in supp.codes if c not in supp.used]
                if unused:
                    keep.append(ctx.report(rules["F007"], None, f"suppression of {', '.join(unused)} suppresses nothing",
                                           at=supp.span, path=path, hint="remove it, or the unused codes"))
    return keep
