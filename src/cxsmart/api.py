"""lint_paths() and lint_text(): what the CLI, the tests and any editor integration call.

    paths -> files (discovery, config) -> loader -> workspace -> rules -> filters -> sorted findings
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from cxsmart import suppress
from cxsmart.cache import Cache, digest
from cxsmart.catalogue import Catalogue
from cxsmart.config import Config, LoadedConfig, load_config
from cxsmart.diagnostics import Diagnostic, Severity, Span
from cxsmart.discovery import discover
from cxsmart.engine import run_rules
from cxsmart.loader import SourceFile, load_text
from cxsmart.registry import Registry, default_registry
from cxsmart.rule import RuleContext
from cxsmart.packrules import make_rule
from cxsmart.packs import PackData, load_packs
from cxsmart.selection import Selection, check_selector, select_rules
from cxsmart.source import Problem, Unreadable, decode, read_bytes
from cxsmart.workspace import Workspace


@dataclass
class Overrides:
    """Command-line values that win over the configuration file."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    today: dt.date | None = None
    fail_on: str | None = None
    report_unused_ignores: bool = False
    force_exclude: bool = False
    workspace: bool = False          # read the configured workspace too; report only on the named files


@dataclass
class LintResult:
    diagnostics: list[Diagnostic]
    files: int
    goals: int
    fail_on: Severity
    warnings: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)      # every file linted, as shown
    registry: Registry | None = None                    # the rules of this run (built-in, plugins, packs)

    @property
    def failed(self) -> bool:
        return any(d.severity >= self.fail_on for d in self.diagnostics)


def effective(loaded: LoadedConfig, over: Overrides) -> Config:
    cfg = loaded.config
    return cfg.model_copy(update={
        "select": over.select if over.select is not None else cfg.select,
        "extend_select": [*cfg.extend_select, *over.extend_select],
        "ignore": [*cfg.ignore, *over.ignore],
        "today": over.today or cfg.today,
        "fail_on": over.fail_on or cfg.fail_on,
        "report_unused_ignores": over.report_unused_ignores or cfg.report_unused_ignores,
    })


def lint_paths(paths: list[Path], loaded: LoadedConfig, over: Overrides | None = None,
               cwd: Path | None = None, registry: Registry | None = None, cache: Cache | None = None) -> LintResult:
    """Lint files and folders. Raises ConfigError, SelectionError, DiscoveryError, PackError,
    RegistryError (all exit 2)."""
    cwd = cwd or Path.cwd()
    over = over or Overrides()
    cache = cache or Cache(None)
    cfg = effective(loaded, over)
    run = _prepare(cfg, loaded.root, registry)
    files = discover(paths, loaded.root, cfg.include, cfg.exclude, cfg.respect_gitignore, over.force_exclude)
    named = {p.resolve() for p in files}
    if over.workspace and paths:
        everything = discover([], loaded.root, cfg.include, cfg.exclude, cfg.respect_gitignore)
        files = sorted({p.resolve(): p for p in [*everything, *files]}.values(), key=lambda p: p.as_posix())
    raw = [(p, _display(p, cwd), _read(p, cfg)) for p in files]
    key = _result_key(raw, cfg, run, over, sorted(str(p) for p in named)) if cache.enabled else ""
    cached = cache.result(key) if key else None
    if cached is not None:
        restored = _restore(cached, cfg, run)
        if restored is not None:
            return restored
    prose = _start_prose(run, raw, cache)
    sources = []
    for _, display, data in raw:
        source = _source(display, data, cfg)
        sources.append(source)
        if prose is not None:
            prose.feed(source)
    if prose is not None:
        prose.worker.finish()
    result = _lint(sources, cfg, loaded.root, run, {s.path: p for s, p in zip(sources, files)}, cache,
                   prose.worker if prose is not None else None)
    if over.workspace and paths:
        shown = {s.path for s, p in zip(sources, files) if p.resolve() in named}
        result.diagnostics = [d for d in result.diagnostics if d.path in shown]
        result.paths = [p for p in result.paths if p in shown]
        result.files = len(result.paths)
    if key:
        cache.store_result(key, _stored(result))
    return result


def lint_text(texts: dict[str, str] | str, config: Config | None = None, registry: Registry | None = None,
              **over) -> LintResult:
    """Lint in-memory files ({path: text}, or one text named goals.yaml), as tests and editors do."""
    if isinstance(texts, str):
        texts = {"goals.yaml": texts}
    loaded = LoadedConfig(config=config or Config(), root=Path.cwd())
    cfg = effective(loaded, Overrides(**over))
    run = _prepare(cfg, loaded.root, registry)
    sources = [load_text(path, text, cfg.fiscal_year_start) for path, text in texts.items()]
    return _lint(sources, cfg, loaded.root, run, {p: Path(p) for p in texts})


@dataclass
class _Run:
    packs: PackData
    registry: Registry
    selection: Selection


def _prepare(cfg: Config, root: Path, registry: Registry | None) -> _Run:
    """Rule packs first (they add metrics, words and rules), then which rules run."""
    packs = load_packs([root / p for p in cfg.rule_packs])
    registry = (registry or default_registry()).extended([(make_rule(spec, where), f"rule pack {where}")
                                                          for spec, where in packs.rules])
    selection = select_rules(registry, cfg.select, cfg.extend_select, cfg.ignore, cfg.severity, cfg.rules,
                             cfg.report_unused_ignores)
    return _Run(packs, registry, selection)


def _read(path: Path, cfg: Config) -> bytes | str:
    """The file's bytes, or why it cannot be read (a message)."""
    try:
        return read_bytes(str(path), cfg.max_file_size * 1024 * 1024)
    except Unreadable as e:
        return str(e).replace(str(path), "the file")


def _source(display: str, data: bytes | str, cfg: Config) -> SourceFile:
    if isinstance(data, str):
        return SourceFile(display, problems=[Problem("F001", data, Span(1, 1, 1, 2))])
    limit = cfg.max_file_size * 1024 * 1024
    text, problem = decode(data, limit)
    if problem is not None:
        return SourceFile(display, problems=[problem])
    return load_text(display, text, cfg.fiscal_year_start)


def _display(path: Path, cwd: Path) -> str:
    if not path.is_absolute():
        return path.as_posix()
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:
        return path.as_posix()
    return path.as_posix() if rel.startswith("..") else rel


class _Prose:
    """Hands each loaded file's new sentences to the worker that reads prose in parallel."""

    def __init__(self, worker, known: set[str]):
        self.worker = worker
        self.known = known

    def feed(self, source: SourceFile) -> None:
        from cxsmart.nlp import text_hash

        texts = [t for item in source.sections["goals"] for t in (item.model.title, item.model.description) if t]
        self.worker.feed([t for t in texts if not self.known or text_hash(t) not in self.known])


def _start_prose(run: _Run, raw, cache: Cache) -> _Prose | None:
    from cxsmart.nlp import worker

    if not any(rule.needs_text for rule in run.selection.rules) or not worker.available():
        return None
    if sum(len(data) for _, _, data in raw if isinstance(data, bytes)) < worker.MIN_BYTES:
        return None
    from cxsmart.nlp import cached_texts

    known = cached_texts(run.packs, cache)
    try:
        return _Prose(worker.ProseWorker(run.packs, encoded=cache.enabled), known)
    except OSError:
        return None


def _lint(sources: list[SourceFile], cfg: Config, root: Path, run: _Run, real_paths: dict[str, Path],
          cache: Cache | None = None, prose=None) -> LintResult:
    today = cfg.today or dt.date.today()
    ws = Workspace.build(sources, Catalogue.from_metrics(run.packs.metrics), today, cfg.fiscal_year_start)
    ctx = RuleContext(ws, today, cfg.fiscal_year_start, run.selection.severities)
    found = run_rules(ws, run.selection.rules, ctx, run.packs, cache, prose)
    found = _apply_file_ignores(found, cfg, root, real_paths, run.registry)
    found = _apply_suppressions(found, sources, run.selection, run.registry, ctx)
    found = sorted(set(found), key=lambda d: d.sort_key)
    return LintResult(found, len(sources), len(ws.goals), Severity.parse(cfg.fail_on), list(run.registry.warnings),
                      [s.path for s in sources], run.registry)


def _result_key(raw, cfg: Config, run: _Run, over: Overrides, named: list[str]) -> str:
    """Everything that can change the findings of a run."""
    files = [(display, hashlib.sha256(data).hexdigest() if isinstance(data, bytes) else data)
             for _, display, data in raw]
    rules = [(r.code, r.__module__, type(r).__qualname__, str(r.options)) for r in run.selection.rules]
    today = (cfg.today or dt.date.today()).isoformat()
    metrics = [m.model_dump(mode="json") for m in run.packs.metrics]     # ranges and bounds, not only names
    return digest(cfg.model_dump(mode="json"), run.packs.key(), metrics, rules, run.registry.warnings, today,
                  over.workspace, over.force_exclude, named, files)


def _stored(result: LintResult) -> dict:
    return {"diagnostics": [{**d.to_json(), "subject": d.subject} for d in result.diagnostics],
            "files": result.files, "goals": result.goals, "paths": result.paths, "warnings": result.warnings}


def _restore(doc: dict, cfg: Config, run: _Run) -> LintResult | None:
    """A stored result, or None if the entry is not what cxsmart writes (the cache is untrusted)."""
    try:
        diagnostics = [Diagnostic(code=str(d["code"]), name=str(d["name"]), severity=Severity.parse(d["severity"]),
                                  message=str(d["message"]), path=str(d["path"]),
                                  span=Span(int(d["line"]), int(d["column"]), int(d["end_line"]), int(d["end_column"])),
                                  goal=_text(d["goal"]), hint=_text(d["hint"]), subject=_text(d.get("subject")))
                       for d in doc["diagnostics"]]
        return LintResult(diagnostics, int(doc["files"]), int(doc["goals"]), Severity.parse(cfg.fail_on),
                          [str(w) for w in doc["warnings"]], [str(p) for p in doc["paths"]], run.registry)
    except (KeyError, TypeError, ValueError):
        return None


def _text(value) -> str | None:
    return None if value is None else str(value)


def _apply_file_ignores(found: list[Diagnostic], cfg: Config, root: Path, real_paths: dict[str, Path],
                        registry: Registry) -> list[Diagnostic]:
    if not cfg.per_file_ignores:
        return found
    rules = []
    for pattern, codes in cfg.per_file_ignores.items():
        checked = [check_selector(c, registry, f"per-file-ignores.\"{pattern}\"") for c in codes]
        rules.append((pathspec.GitIgnoreSpec.from_lines([pattern]), checked))
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


def _apply_suppressions(found: list[Diagnostic], sources: list[SourceFile], selection: Selection,
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
