"""F: the file cannot be read, or its references do not resolve.

The loader and the workspace find these while reading; the rules here report them, so that
they can be selected, ignored, re-graded and documented like every other rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxsmart.diagnostics import Diagnostic, Severity
from cxsmart.rule import Rule, RuleContext


class _ReadingProblem(Rule):
    def check_workspace(self, ws, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = [(f, p) for f in ws.files for p in f.problems] + ws.problems
        for file, problem in found:
            if problem.code == self.code:
                yield Diagnostic(self.code, self.name, ctx.severities.get(self.code, self.severity),
                                 problem.message, file.path, problem.span, goal=problem.goal,
                                 hint=problem.hint, subject=problem.subject)


class YamlSyntax(_ReadingProblem):
    """The file is not valid YAML, or not UTF-8 text, so none of its goals can be checked.

    The finding points at the line and column where the YAML parser gave up. Files that are
    too large, nest too deeply, or use aliases that expand without bound ("billion laughs")
    are refused here too, without being loaded.

    ## Why it matters
    A goal file that does not parse hides every goal in it: the CI gate would pass a file no
    one can read. The other files of the workspace are still linted.

    ## Example
    ```yaml
    goals:
      - title: Increase CSAT: from 72% to 80%
    ```

    ## Use instead
    ```yaml
    goals:
      - title: "Increase CSAT: from 72% to 80%"
    ```
    """

    code = "F001"
    name = "yaml-syntax"
    severity = Severity.ERROR


class Schema(_ReadingProblem):
    """A value has the wrong type, or a quantity or date cannot be read.

    Only what cannot be read is a schema finding, one at the value: a goal that lacks a
    metric, a baseline or a deadline is reported by the rule for that, not here, and no rule
    judges what the unreadable value would have said. Keys the format does not know are the
    team's own (a near-miss of a known key is F009). A section may be a list of entries with
    `id:` or a mapping from id to entry.

    ## Why it matters
    A typo in a key or a value that is not a quantity means the goal says something other
    than what its author thinks, and every later check reads the wrong thing.

    ## Example
    ```yaml
    - title: Reduce average handling time from 7 min to 6 min by 2026-06-30
      target: six-ish minutes
    ```

    ## Use instead
    ```yaml
    - title: Reduce average handling time from 7 min to 6 min by 2026-06-30
      target: 6 min
    ```
    """

    code = "F002"
    name = "schema"
    severity = Severity.ERROR


class MisspeltKey(_ReadingProblem):
    """A key one or two edits from a key the format knows (`deadine:`, `baseine:`, `ownr:`).

    Keys the format does not know are the team's own (`notes`, `definition`, `sponsor`,
    `lead`, `tags`) and are kept without a finding. A near-miss of a known key is different:
    it reads as a typo, so the value is read under the key it resembles and this warning
    says so, at the key, with the rename. A key in another case or with dashes (`Deadline`,
    `paired-with`) and common synonyms (`due`, `target_date`, `kpi` on a goal) are read as
    the known key without a finding. With `strict-keys = true` in the configuration, every
    unknown key is this warning too, for teams that want a closed format; an unknown
    top-level key (nothing under it is read) always is.

    A thousands comma inside braces cuts a value in two for YAML (`{value: 1,250}` is 1 and a
    key `250`). cxsmart reads the value as written; when the cut is in a number, every other
    reader of the file sees another number, so this warning says so at the cut, with the
    quoting that mends it. Cut words (`{unit: per 10,000 accounts}`) change no value and are
    said only under `strict-keys`.

    ## Why it matters
    A misspelt `deadine:` would otherwise leave the goal with no deadline while its author
    sees one on the screen: the slip hides what the goal says. Kiruthu: a goal with no time
    frame is never measured, so the date must reach the checks.

    ## Example
    ```yaml
    - title: Reduce average handling time from 7 min to 6 min by 2026-06-30
      deadine: 2026-06-30
    ```

    ## Use instead
    ```yaml
    - title: Reduce average handling time from 7 min to 6 min by 2026-06-30
      deadline: 2026-06-30
    ```
    """

    code = "F009"
    name = "misspelt-key"
    severity = Severity.WARNING


class DuplicateId(_ReadingProblem):
    """Two goals, objectives, owners or metrics share an id, or a mapping repeats a key.

    Ids are one namespace across every file linted together, so a team file cannot reuse
    an id from another team's file. A repeated YAML key is reported at the second one.

    ## Why it matters
    A `parent:` or `objective:` that names a duplicated id is ambiguous: the cascade from
    corporate to team to individual goals can no longer be traced.

    ## Example
    ```yaml
    - id: csat-2026
      title: Increase CSAT from 72% to 78% by 2026-12-31
    - id: csat-2026
      title: Increase CSAT in stores from 70% to 75% by 2026-12-31
    ```

    ## Use instead
    ```yaml
    - id: csat-2026
      title: Increase CSAT from 72% to 78% by 2026-12-31
    - id: csat-stores-2026
      title: Increase CSAT in stores from 70% to 75% by 2026-12-31
    ```
    """

    code = "F003"
    name = "duplicate-id"
    severity = Severity.ERROR


class UnknownReference(_ReadingProblem):
    """A `parent`, `objective`, `owner`, `paired_with` or action `owner` names nothing.

    References resolve across every file linted together, so `objectives.yaml`,
    `owners.yaml` and one file per team work as one workspace. Metrics resolve against the
    built-in catalogue too, by id, name or alias.

    ## Why it matters
    A goal that points at an objective no one defined traces to nothing: it only looks
    aligned to the business.

    ## Example
    ```yaml
    objectives:
      - id: grow-retention
        title: Grow recurring revenue by reducing customer churn
    goals:
      - title: Reduce churn rate from 3% to 2.5% by 2026-12-31
        objective: grow-retension
    ```

    ## Use instead
    ```yaml
    objectives:
      - id: grow-retention
        title: Grow recurring revenue by reducing customer churn
    goals:
      - title: Reduce churn rate from 3% to 2.5% by 2026-12-31
        objective: grow-retention
    ```
    """

    code = "F004"
    name = "unknown-reference"
    severity = Severity.ERROR


class CascadeCycle(_ReadingProblem):
    """The `parent` chain of goals (or of owners) loops back on itself.

    Reported once per loop, at the goal that comes first in the files, with the whole chain.

    ## Why it matters
    Goals cascade from corporate to team to individual. Kiruthu (ICX Kenya): set the company's
    goals first, then each team's, then each person's. A loop has no top, so no goal in it
    traces to a business objective.

    ## Example
    ```yaml
    - id: team-csat
      title: Increase CSAT from 72% to 78% by 2026-12-31
      parent: agent-csat
    - id: agent-csat
      title: Increase my CSAT from 70% to 76% by 2026-12-31
      parent: team-csat
    ```

    ## Use instead
    ```yaml
    - id: team-csat
      title: Increase CSAT from 72% to 78% by 2026-12-31
    - id: agent-csat
      title: Increase my CSAT from 70% to 76% by 2026-12-31
      parent: team-csat
    ```
    """

    code = "F005"
    name = "cascade-cycle"
    severity = Severity.ERROR


class SuppressionSyntax(Rule):
    """A `# cxsmart: ignore` comment names no code, or a code that no rule has.

    Suppressions must say what they suppress: a blanket ignore hides findings nobody has
    looked at, and a misspelt code suppresses nothing while looking as if it did.

    ## Why it matters
    A suppression is a decision someone made about one finding; it should be visible and
    exact, like ruff's `# noqa: E501`.

    ## Example
    ```yaml
    - title: Reduce churn rate from 3% to 2.5% by 2026-12-31  # cxsmart: ignore
    ```

    ## Use instead
    ```yaml
    - title: Reduce churn rate from 3% to 2.5% by 2026-12-31  # cxsmart: ignore[R002]
    ```
    """

    code = "F006"
    name = "suppression-syntax"
    severity = Severity.WARNING


class UnusedSuppression(Rule):
    """A `# cxsmart: ignore[...]` comment suppresses nothing (off unless selected).

    Enable it with `--report-unused-ignores`, `report-unused-ignores = true`, or by
    selecting F007. It points at the suppression comment and names the unused codes.

    ## Why it matters
    A suppression outlives the finding it was written for; left behind, it silently hides
    the next real problem on that line.

    ## Example
    ```yaml
    - title: Reduce churn rate from 3% to 2.5% by 2026-12-31  # cxsmart: ignore[T001]
      deadline: 2026-12-31
    ```

    ## Use instead
    ```yaml
    - title: Reduce churn rate from 3% to 2.5% by 2026-12-31
      deadline: 2026-12-31
    ```
    """

    code = "F007"
    name = "unused-suppression"
    severity = Severity.WARNING
    default_enabled = False


class InternalError(Rule):
    """A rule failed on a goal: a bug in cxsmart or a plugin, not in the goal file.

    The run goes on; the finding names the rule and the error so that it can be reported.
    It cannot be produced by a goal file on purpose, so it has no example.
    """

    code = "F008"
    name = "internal-error"
    severity = Severity.ERROR
