"""lint_paths() and lint_text(): what the CLI, the tests and any editor integration call.

    paths -> files (discovery, config) -> loader -> workspace -> rules -> filters -> sorted findings

Named files are linted in their workspace (discovery.workspace): every file of it is loaded,
so references, duplicate ids and counts such as A003 see all of it, but only the named files
are checked goal by goal and reported on. `isolated` reads only the named files. Each file's
parse comes from the cache when its bytes are unchanged, so after an edit only the edited
file is parsed again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from cxsmart.api.files import (RawFile, date_order, display, load, may_define, parse, read_all, read_file,
                               with_workspace)
from cxsmart.cache.store import Cache
from cxsmart.cache.parsed import parse_key
from cxsmart.settings.config import Config, LoadedConfig
from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.engine.run import run_rules
from cxsmart.engine.workspace import Workspace
from cxsmart.fix.run import withhold
from cxsmart.common import prefork
from cxsmart.common.hashing import code_stamp, digest
from cxsmart.settings.ignores import apply_file_ignores, apply_suppressions
from cxsmart.model.catalogue import Catalogue
from cxsmart.model.timeframes import real_today
from cxsmart.read.dateorder import with_notice as with_date_notice
from cxsmart.read.discovery import discover, take_warnings, workspace
from cxsmart.read.loader import SourceFile
from cxsmart.read.packrules import make_rule
from cxsmart.read.packs import PackData, load_packs
from cxsmart.read.source import normalise_breaks
from cxsmart.read.yamlread import Parsed, parse_yaml
from cxsmart.settings.registry import Registry, default_registry
from cxsmart.cache.results import LintResult
from cxsmart.cache.results import restored as restored_result
from cxsmart.cache.results import stored as stored_result
from cxsmart.rule import Rule, RuleContext
from cxsmart.settings.selection import Selection, select_rules, unfixable_codes


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
    isolated: bool = False           # read only the named files (default: their whole workspace)
    workspace: bool = True           # no longer needed: named files are linted in their workspace
    contents: dict[str, bytes] = field(default_factory=dict)    # path as shown -> bytes linted instead of
                                                                # the file's (--diff's later passes)
    date_order: str | None = None    # --fix's later passes: the order the first pass read the workspace in


def effective(loaded: LoadedConfig, over: Overrides) -> Config:
    cfg = loaded.config
    return cfg.model_copy(update={
        "select": over.select if over.select is not None else cfg.select,
        "extend_select": [*cfg.extend_select, *over.extend_select],
        "ignore": [*cfg.ignore, *over.ignore],
        "today": over.today or cfg.today,
        "fail_on": over.fail_on or cfg.fail_on,
        "report_unused_ignores": over.report_unused_ignores or cfg.report_unused_ignores,
        "date_order": cfg.date_order or over.date_order,
    })


def lint_paths(paths: list[Path], loaded: LoadedConfig, over: Overrides | None = None,
               cwd: Path | None = None, registry: Registry | None = None, cache: Cache | None = None) -> LintResult:
    """Lint files and folders. Raises ConfigError, SelectionError, DiscoveryError, PackError,
    RegistryError (all exit 2). What discovery skipped (a link that leads nowhere, a folder too
    deep) comes first among the result's warnings."""
    cwd = cwd or Path.cwd()
    over = over or Overrides()
    nested: list[Path] = []
    take_warnings()
    result = _lint_paths(paths, loaded, over, cwd, registry, cache or Cache(None), nested)
    skipped = take_warnings()
    if skipped:
        result.warnings = [*skipped, *(w for w in result.warnings if w not in skipped)]
    for folder in nested:               # said on every run, the cached ones too
        result.notes.append(f"{display(folder, cwd)}/ is not read: it has a cxsmart configuration of its own, "
                               "which makes it a workspace of its own; lint it in a run of its own")
    return result


def _lint_paths(paths: list[Path], loaded: LoadedConfig, over: Overrides, cwd: Path, registry: Registry | None,
                cache: Cache, nested: list[Path]) -> LintResult:
    cfg = effective(loaded, over)
    run = _prepare(cfg, loaded.root, registry)
    files = discover(paths, loaded.root, cfg.include, cfg.exclude, cfg.respect_gitignore, over.force_exclude, nested)
    shown: set[str] | None = None                   # None: report on every file read
    if paths and not over.isolated:
        shown = {display(p, cwd) for p in files}
        if files:
            files = with_workspace(files, paths, loaded, cfg)
        if len(shown) == len(files) and all(display(p, cwd) in shown for p in files):
            shown = None                            # the named files are the whole workspace ('lint .')
    shown_as = [display(p, cwd) for p in files]
    raw = read_all(files, shown_as, cfg, over.contents, [loaded.root])
    key = _result_key(raw, cfg, run, over, sorted(shown) if shown is not None else None) if cache.enabled else ""
    cached = cache.result(key) if key else None
    if cached is not None:
        restored = restored_result(cached, Severity.parse(cfg.fail_on), run.registry)
        if restored is not None:
            return restored
    if shown is not None:                           # the rest of the workspace is read for what it defines
        cache.keep_parsed(parse_key(r.sha) for r in raw if r.sha)
        raw = [r for r in raw if r.display in shown or may_define(r.data)]
    # files to parse first, then the ones the cache has: a sentence the facts cache lacks (an
    # edited file) is then known early, and the prose worker's spaCy import overlaps the rest
    stored = {r.display for r in raw if r.sha and cache.has_parsed(parse_key(r.sha))}
    order = sorted(range(len(raw)), key=lambda i: raw[i].display in stored)
    prose = _start_prose(run, [r for r in raw if r.display not in stored], cache)
    left = sum(len(r.data) for r in raw)
    reads: dict[int, SourceFile | tuple[str, Parsed]] = {}
    for i in order:                                 # each file's sentences go to the worker once parsed
        reads[i] = parse(raw[i], cfg, cache, cache.parsed(parse_key(raw[i].sha)) if raw[i].display in stored else None)
        left -= len(raw[i].data)
        if prose is not None and not isinstance(reads[i], SourceFile):
            prose.feed_parsed(reads[i][1].data, len(raw[i].data), left)
    cfg, guess = date_order(cfg, [(raw[i].display, reads[i]) for i in range(len(raw))])
    loaded_files: dict[int, SourceFile] = {}
    for i in order:
        loaded_files[i] = source = load(raw[i].display, reads[i], cfg)
        if prose is not None:
            prose.feed_loaded(source)
    sources = with_date_notice([loaded_files[i] for i in range(len(raw))], guess)
    if prose is not None and prose.worker is not None:
        prose.worker.finish()
    result = _lint(sources, cfg, loaded.root, run, {r.display: r.path for r in raw}, cache,
                   prose.worker if prose is not None else None, shown)
    cache.prune_files()
    if key:
        cache.store_result(key, stored_result(result))
    return result


def lint_text(texts: dict[str, str] | str, config: Config | None = None, registry: Registry | None = None,
              **over) -> LintResult:
    """Lint in-memory files ({path: text}, or one text named goals.yaml), as tests and editors do."""
    if isinstance(texts, str):
        texts = {"goals.yaml": texts}
    loaded = LoadedConfig(config=config or Config(), root=Path.cwd())
    cfg = effective(loaded, Overrides(**over))
    run = _prepare(cfg, loaded.root, registry)
    reads = {path: (text, parse_yaml(normalise_breaks(text))) for path, text in texts.items()}
    cfg, guess = date_order(cfg, list(reads.items()))
    sources = with_date_notice([load(path, read, cfg) for path, read in reads.items()], guess)
    return _lint(sources, cfg, loaded.root, run, {p: Path(p) for p in texts})


@dataclass
class _Run:
    packs: PackData
    registry: Registry
    selection: Selection


def prepare(cfg: Config, root: Path, registry: Registry | None = None) -> _Run:
    """What a run checks with: the rule packs, the registry and the selected rules."""
    return _prepare(cfg, root, registry)


def _prepare(cfg: Config, root: Path, registry: Registry | None) -> _Run:
    """Rule packs first (they add metrics, words and rules), then which rules run."""
    packs = load_packs([root / p for p in cfg.rule_packs], within=root)
    registry = (registry or default_registry()).extended([(make_rule(spec, where), f"rule pack {where}")
                                                          for spec, where in packs.rules])
    selection = select_rules(registry, cfg.select, cfg.extend_select, cfg.ignore, cfg.severity, cfg.rules,
                             cfg.report_unused_ignores)
    selection.unfixable = unfixable_codes(registry, cfg.fixable, cfg.unfixable)
    return _Run(packs, registry, selection)


def _start_prose(run: _Run, to_parse: list[RawFile], cache: Cache):
    """The hand-over of sentences to a prose worker, when a rule reads prose and a worker can run."""
    from cxsmart.language import worker

    if not any(rule.needs_text for rule in run.selection.rules) or not worker.available():
        return None
    from cxsmart.language import cached_texts
    from cxsmart.language.handover import Handover

    size = sum(len(r.data) for r in to_parse if isinstance(r.data, bytes))
    early = prefork.waiting()                       # spaCy loaded there already: worth it for any size
    return Handover(run.packs, cache.enabled, cached_texts(run.packs, cache), start=early or size >= worker.MIN_BYTES)


def _lint(sources: list[SourceFile], cfg: Config, root: Path, run: _Run, real_paths: dict[str, Path],
          cache: Cache | None = None, prose=None, shown: set[str] | None = None) -> LintResult:
    """Lint the workspace `sources`; with `shown`, report only on those paths (the rest is
    the workspace they are read in)."""
    today = cfg.today or real_today()
    ws = Workspace.build(sources, Catalogue.from_metrics(run.packs.metrics), today, cfg.fiscal_year_start,
                         cfg.date_order)
    return check_built(ws, cfg, root, run, real_paths, cache, prose, shown)


def check_built(ws: Workspace, cfg: Config, root: Path, run: "_Run", real_paths: dict[str, Path],
                cache: Cache | None = None, prose=None, shown: set[str] | None = None,
                fresh: list | None = None) -> LintResult:
    """The findings on a workspace already built, as _lint gives them. An editor keeps its
    workspace and rebuilds only an edited file's part: `fresh` are the goals whose prose is
    still to read (default all; the others have their facts from an earlier check), and with
    `shown`, the shown files' goals are among them."""
    sources = ws.files
    ctx = RuleContext(ws, ws.today, cfg.fiscal_year_start, run.selection.severities)
    rules = run.selection.rules
    if shown is not None:
        named_goals = [g for g in (ws.goals if fresh is None else fresh) if g.path in shown]
        rules = [_ShownOnly.wrap(r, named_goals) for r in rules]
    found = run_rules(ws, rules, ctx, run.packs, cache, prose, fresh, halves=True)
    return finish(found, ws, ctx, cfg, root, run, real_paths, shown, None if shown is None else len(named_goals))


def finish(found: list, ws: Workspace, ctx: RuleContext, cfg: Config, root: Path, run: "_Run",
           real_paths: dict[str, Path], shown: set[str] | None, goals: int | None) -> LintResult:
    """The rules' findings on `ws` as a run reports them: the `shown` files' only (default all;
    `goals`: how many goals they hold), ignores and suppressions applied, sorted, fixes withheld."""
    sources = ws.files
    reported = sources
    if shown is not None:
        found = [d for d in found if d.path in shown or not d.path]     # no path: the run itself (F008)
        reported = [s for s in sources if s.path in shown]
    found = apply_file_ignores(found, cfg, root, real_paths, run.registry)
    found = apply_suppressions(found, reported, run.selection, run.registry, ctx)
    found = _once(sorted(set(found), key=lambda d: d.sort_key))
    if run.selection.unfixable:
        found = [replace(d, fix=None) if d.fix and d.code in run.selection.unfixable else d for d in found]
    found, withheld = withhold(found, reported)
    goals = len(ws.goals) if goals is None else goals
    return LintResult(found, len(reported), goals, Severity.parse(cfg.fail_on), list(run.registry.warnings),
                      [s.path for s in reported], run.registry, withheld=withheld, workspace=ws)


def _once(found: list[Diagnostic]) -> list[Diagnostic]:
    """One finding per slip: a value behind an anchor, merged into several goals, gives each of
    them the same finding at the same place; it is reported once, for the first goal."""
    out: list[Diagnostic] = []
    for d in found:
        if out and d.goal and out[-1].goal and d.sort_key[:7] == out[-1].sort_key[:7]:
            continue
        out.append(d)
    return out


class _ShownOnly(Rule):
    """A rule that checks only the goals of the named files. Its workspace-wide check still
    sees every goal (A003 counts an owner's goals in all files); what it reports on other
    files is dropped afterwards. Its goal checks run here, from the workspace check, so the
    engine does not call it for every goal of the workspace; a goal check that fails is one
    F008 on that goal and ends the rule, as in the engine."""

    def __init__(self, rule: Rule, goals: list):
        self.rule = rule
        self.goals = goals              # the named files' goals, filled once the workspace is built
        self.code, self.name, self.severity = rule.code, rule.name, rule.severity
        self.needs_text, self.options = rule.needs_text, rule.options

    @classmethod
    def wrap(cls, rule: Rule, goals: list) -> Rule:
        return cls(rule, goals) if type(rule).check is not Rule.check else rule

    def check_workspace(self, ws, ctx: RuleContext):
        from cxsmart.engine.run import _internal_error

        yield from self.rule.check_workspace(ws, ctx)
        for goal in self.goals:
            try:
                yield from self.rule.check(goal, ctx)
            except Exception as exc:  # noqa: BLE001 - as the engine does
                yield _internal_error(self.rule, goal, exc)
                return


def _result_key(raw: list[RawFile], cfg: Config, run: _Run, over: Overrides, shown: list[str] | None) -> str:
    """Everything that can change the findings of a run."""
    files = [(r.display, r.sha or r.data) for r in raw]
    rules = [(r.code, r.__module__, type(r).__qualname__, str(r.options)) for r in run.selection.rules]
    today = (cfg.today or real_today()).isoformat()
    metrics = [m.model_dump(mode="json") for m in run.packs.metrics]     # ranges and bounds, not only names
    return digest(cfg.model_dump(mode="json"), run.packs.key(), metrics, rules, run.registry.warnings, today,
                  over.force_exclude, shown, files, code_stamp())


def read_workspace(paths: list[Path], loaded: LoadedConfig, over: Overrides | None = None,
                   cwd: Path | None = None, cache: Cache | None = None) -> Workspace:
    """The workspace a lint of `paths` reads, with no rule run: its goals, owners, objectives
    and cascade, for the reports (which take the findings from lint_paths). Parses come from
    the cache when the lint just stored them."""
    cwd = cwd or Path.cwd()
    over = over or Overrides()
    cache = cache or Cache(None)
    cfg = effective(loaded, over)
    packs = load_packs([loaded.root / p for p in cfg.rule_packs], within=loaded.root)
    files = discover(paths, loaded.root, cfg.include, cfg.exclude, cfg.respect_gitignore, over.force_exclude)
    if paths and not over.isolated and files:
        files = with_workspace(files, paths, loaded, cfg)
    raws = [RawFile(path, display(path, cwd), read_file(path, cfg, [loaded.root])) for path in files]
    reads = [(raw.display, parse(raw, cfg, cache, cache.parsed(parse_key(raw.sha)) if raw.sha else None))
             for raw in raws]
    cfg, guess = date_order(cfg, reads)
    sources = with_date_notice([load(name, read, cfg) for name, read in reads], guess)
    return Workspace.build(sources, Catalogue.from_metrics(packs.metrics), cfg.today or real_today(),
                           cfg.fiscal_year_start, cfg.date_order)
