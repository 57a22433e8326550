import type { EffectiveRuleSetting } from '../config/types.js';
import type { Finding, Fix, Suppression } from '../finding.js';
import type { BodyItem, Comment, SourceFile } from '../parse/ast.js';
import { comparePositions, offsetAt, rangeFromOffsets, type Position } from '../range.js';
import type { RuleMeta } from '../rules/rule.js';
import { isoDate, parseSuppressionComment, type LegacySuppression, type NativeSuppression } from './directive.js';
import { lineText } from '../parse/source-line.js';
import { firstCovering, type Target } from './coverage.js';
import { topLevelItemAt } from '../parse/top-level-item.js';
import { groupBy } from '../group-by.js';
import { ownString } from '../own-string.js';

export const INVALID_RULE_ID = 'suppression/invalid';
export const UNUSED_RULE_ID = 'suppression/unused';

interface Directive {
  file: SourceFile;
  comment: Comment;
  target: Target;
  ruleIds: Set<string>;
  suppression: Suppression;
  /** Legacy comments also serve tfsec/trivy/checkov themselves, so they are never reported as unused. */
  reportUnused: boolean;
  matched: Set<string>;
}

/**
 * Applies suppression comments (SPEC §4): returns the findings with
 * `suppression` set where a valid comment covers them, followed by
 * `suppression/invalid` and `suppression/unused` findings (unless those rules
 * are off for the file). `rules` are the rules that ran: suppression comments
 * are checked against them, and `suppression/*` findings appear only when
 * those rules are among them. Pure: the input findings are not modified.
 */
export function applySuppressions(
  findings: Finding[],
  files: SourceFile[],
  rules: readonly RuleMeta[],
  now: Date,
  settingFor: (ruleId: string, file: string) => EffectiveRuleSetting,
): Finding[] {
  const today = isoDate(now);
  const rulesById = rulesByIdOf(rules);
  const legacyIndex = legacyIndexOf(rules);
  const directivesByFile = new Map<string, Directive[]>();
  const generated: Finding[] = [];

  const report = (ruleId: string, file: SourceFile, comment: Comment, message: string, fix?: Fix) => {
    // Only rules that run produce findings (a fixture or a test may run a subset).
    const meta = rulesById.get(ruleId);
    if (!meta) return;
    const severity = settingFor(ruleId, file.path).severity;
    if (severity === 'off') return;
    generated.push({
      ruleId,
      severity,
      category: meta.category,
      message,
      file: file.path,
      range: comment.range,
      ...(fix ? { fix } : {}),
    });
  };

  for (const file of files) {
    const directives: Directive[] = [];
    const firstItemStart: Position | undefined = file.body[0]?.range.start;
    for (const comment of file.comments) {
      const parsed = parseSuppressionComment(comment, today);
      if (!parsed) continue;
      if (parsed.form === 'iac-review') {
        const directive = nativeDirective(parsed, file, comment, firstItemStart, rulesById);
        if (directive.problems.length) {
          report(INVALID_RULE_ID, file, comment, invalidMessage(directive.problems));
        } else {
          directives.push(directive.directive!);
        }
      } else {
        const directive = legacyDirective(parsed, file, comment, legacyIndex, today);
        if (directive) directives.push(directive);
      }
    }
    if (directives.length) directivesByFile.set(file.path, directives);
  }

  // Each file's findings against its directives in one pass (not every finding against every directive).
  const toMatch = groupBy(findings.filter((f) => !f.suppression && directivesByFile.has(f.file)), (f) => f.file);
  const suppressionOf = new Map<Finding, Suppression>();
  for (const [file, list] of toMatch) {
    const first = firstCovering(list, directivesByFile.get(file)!);
    list.forEach((finding, i) => {
      const directive = first[i];
      if (directive) suppressionOf.set(finding, directive.suppression);
    });
  }
  const out = findings.map((finding) => {
    const suppression = suppressionOf.get(finding);
    return suppression ? { ...finding, suppression } : finding;
  });

  for (const directives of directivesByFile.values()) {
    for (const d of directives) {
      if (!d.reportUnused) continue;
      const unused = [...d.ruleIds].filter((id) => {
        if (d.matched.has(id)) return false;
        // A rule that did not run cannot have matched: not evidence that the comment is stale.
        if (rulesById.get(id)?.diffOnly || rulesById.get(id)?.planOnly) return false;
        return settingFor(id, d.file.path).severity !== 'off';
      });
      if (unused.length === 0) continue;
      const where = d.target.kind === 'file' ? 'in this file' : 'where it applies';
      const names = unused.map((id) => `\`${id}\``).join(', ');
      const fix = unused.length === d.ruleIds.size ? removeCommentFix(d.file, d.comment) : undefined;
      report(
        UNUSED_RULE_ID,
        d.file,
        d.comment,
        `This suppression of ${names} matches no finding ${where}; delete it, or move it to the line above the block or attribute it is meant for.`,
        fix,
      );
    }
  }

  return generated.length ? [...out, ...generated] : out;
}

function nativeDirective(
  parsed: NativeSuppression,
  file: SourceFile,
  comment: Comment,
  firstItemStart: Position | undefined,
  rulesById: Map<string, RuleMeta>,
): { directive?: Directive; problems: string[] } {
  const problems = [...parsed.problems];
  for (const id of parsed.ruleIds) {
    if (id.startsWith('suppression/') && rulesById.has(id)) {
      problems.push(`\`${id}\` findings cannot be suppressed by a comment; set the rule to "off" in .iac-review.json instead`);
    } else if (!rulesById.has(id)) {
      problems.push(`\`${id}\` is not a rule id (run \`iac-review rules\` to list them)`);
    }
  }
  let target: Target | undefined;
  if (parsed.scope === 'file') {
    if (firstItemStart && comparePositions(comment.range.start, firstItemStart) > 0) {
      problems.push('`ignore-file` must be among the comments at the top of the file, before the first block');
    }
    target = { kind: 'file' };
  } else {
    target = targetOf(file, comment);
    if (!target) {
      problems.push('it is not directly above (or on the line of) a block or attribute, so it applies to nothing');
    }
  }
  if (problems.length || !target) return { problems };
  return {
    problems,
    directive: {
      file,
      comment,
      target,
      ruleIds: new Set(parsed.ruleIds),
      // Texts copied (ownString): a suppressed finding carries its suppression to the output, past the file's syntax trees.
      suppression: {
        reason: ownString(parsed.reason!),
        ...(parsed.until ? { until: ownString(parsed.until) } : {}),
        location: { file: file.path, range: comment.range },
        form: 'iac-review',
      },
      reportUnused: true,
      matched: new Set(),
    },
  };
}

function legacyDirective(
  parsed: LegacySuppression,
  file: SourceFile,
  comment: Comment,
  legacyIndex: LegacyIndex,
  today: string,
): Directive | undefined {
  const index = parsed.form === 'checkov' ? legacyIndex.checkov : legacyIndex.tfsecTrivy;
  const ruleIds = new Set<string>();
  let reason: string | undefined;
  let until: string | undefined;
  for (const entry of parsed.entries) {
    // tfsec's own semantics: past its :exp: date the comment stops suppressing (and tfsec reports the finding again).
    if (entry.until && entry.until < today) continue;
    const ids = index.get(entry.id.toLowerCase());
    if (!ids) continue;
    for (const id of ids) ruleIds.add(id);
    reason ??= entry.reason;
    until ??= entry.until;
  }
  if (ruleIds.size === 0) return undefined;
  const target = parsed.form === 'checkov' ? enclosingTopLevelBlock(file, comment) ?? targetOf(file, comment) : targetOf(file, comment);
  if (!target) return undefined;
  const label = parsed.form === 'checkov' ? 'checkov:skip' : `${parsed.form}:ignore`;
  return {
    file,
    comment,
    target,
    ruleIds,
    suppression: {
      reason: ownString(reason ?? `suppressed by ${label}`),
      ...(until ? { until: ownString(until) } : {}),
      location: { file: file.path, range: comment.range },
      form: parsed.form,
    },
    reportUnused: false,
    matched: new Set(),
  };
}

interface LegacyIndex {
  /** tfsec and trivy ids (long names and AVD ids) share one namespace: trivy accepts both. */
  tfsecTrivy: Map<string, string[]>;
  checkov: Map<string, string[]>;
}

/** One index per rule list: a review applies suppressions module by module with the same rules. */
const legacyIndexes = new WeakMap<readonly RuleMeta[], LegacyIndex>();

/** Per rule list (one per review, asked once per module). */
const rulesByIdIndexes = new WeakMap<readonly RuleMeta[], Map<string, RuleMeta>>();

function rulesByIdOf(rules: readonly RuleMeta[]): Map<string, RuleMeta> {
  let index = rulesByIdIndexes.get(rules);
  if (!index) rulesByIdIndexes.set(rules, (index = new Map(rules.map((r) => [r.id, r]))));
  return index;
}

function legacyIndexOf(rules: readonly RuleMeta[]): LegacyIndex {
  let index = legacyIndexes.get(rules);
  if (!index) legacyIndexes.set(rules, (index = buildLegacyIndex(rules)));
  return index;
}

function buildLegacyIndex(rules: readonly RuleMeta[]): LegacyIndex {
  const tfsecTrivy = new Map<string, string[]>();
  const checkov = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, id: string, ruleId: string) => {
    const key = id.toLowerCase();
    const list = map.get(key) ?? [];
    if (!list.includes(ruleId)) list.push(ruleId);
    map.set(key, list);
  };
  for (const meta of rules) {
    for (const id of [...(meta.equivalents.tfsec ?? []), ...(meta.equivalents.trivy ?? [])]) add(tfsecTrivy, id, meta.id);
    for (const id of meta.equivalents.checkov ?? []) add(checkov, id, meta.id);
  }
  return { tfsecTrivy, checkov };
}

/**
 * What an `ignore` comment applies to. A trailing comment: the attribute on
 * its line (or the block whose header it ends). A comment on its own line:
 * the block or attribute that starts on the next line that is not a comment.
 */
function targetOf(file: SourceFile, comment: Comment): Target | undefined {
  const line = comment.range.start.line;
  if (isTrailing(file, comment)) {
    const chain = itemsContainingLine(file.body, line);
    const innermost = chain[chain.length - 1];
    if (innermost?.kind === 'Attribute') return { kind: 'item', range: innermost.range };
    if (innermost && innermost.range.start.line === line) return { kind: 'item', range: innermost.range };
    return innermost ? { kind: 'line', line } : undefined;
  }
  const next = nextCodeLine(file, comment);
  if (next === undefined) return undefined;
  const chain = itemsContainingLine(file.body, next);
  // The outermost item starting on that line: `lifecycle { prevent_destroy = true }` means the block.
  const starting = chain.find((item) => item.range.start.line === next);
  if (starting) return { kind: 'item', range: starting.range };
  if (chain.some((item) => item.kind === 'Attribute')) return { kind: 'line', line: next };
  return undefined;
}

/** checkov reads a skip comment anywhere inside the resource it applies to. */
function enclosingTopLevelBlock(file: SourceFile, comment: Comment): Target | undefined {
  const item = topLevelItemAt(file, offsetAt(file.lineStarts, comment.range.start));
  return item?.kind === 'Block' && comparePositions(item.range.start, comment.range.start) < 0 ? { kind: 'item', range: item.range } : undefined;
}

function itemsContainingLine(body: BodyItem[], line: number): BodyItem[] {
  const chain: BodyItem[] = [];
  let items = body;
  for (;;) {
    const item = itemOnLine(items, line);
    if (!item) return chain;
    chain.push(item);
    if (item.kind !== 'Block') return chain;
    items = item.body;
  }
}

/** The first item whose lines hold `line`, by binary search (items are in source order, their end lines never decrease). */
function itemOnLine(items: readonly BodyItem[], line: number): BodyItem | undefined {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.range.end.line >= line) hi = mid;
    else lo = mid + 1;
  }
  const item = items[lo];
  return item && item.range.start.line <= line ? item : undefined;
}

function isTrailing(file: SourceFile, comment: Comment): boolean {
  const lineStart = file.lineStarts[comment.range.start.line - 1] ?? 0;
  return file.text.slice(lineStart, offsetAt(file.lineStarts, comment.range.start)).trim() !== '';
}

/** The first line after the comment that holds code: further comment lines are skipped (stacked suppressions), blank lines are not. */
function nextCodeLine(file: SourceFile, comment: Comment): number | undefined {
  const { lines, starts } = commentPlaces(file);
  let line = comment.range.end.line + 1;
  while (line <= file.lineStarts.length) {
    const text = lineText(file, line).trim();
    if (text === '') return undefined;
    if (!lines.has(line) || !isOnlyComment(file, line, starts)) return line;
    line++;
  }
  return undefined;
}

function isOnlyComment(file: SourceFile, line: number, commentStarts: ReadonlySet<number>): boolean {
  const start = file.lineStarts[line - 1]!;
  const first = start + (lineText(file, line).length - lineText(file, line).trimStart().length);
  return commentStarts.has(first);
}

/** The lines comments cover and the offsets they start at, once per file (every suppression comment asks). */
const commentPlacesCache = new WeakMap<SourceFile, { lines: Set<number>; starts: Set<number> }>();

function commentPlaces(file: SourceFile): { lines: Set<number>; starts: Set<number> } {
  let places = commentPlacesCache.get(file);
  if (!places) {
    places = { lines: new Set(), starts: new Set() };
    for (const c of file.comments) {
      places.starts.add(offsetAt(file.lineStarts, c.range.start));
      for (let l = c.range.start.line; l <= c.range.end.line; l++) places.lines.add(l);
    }
    commentPlacesCache.set(file, places);
  }
  return places;
}


function invalidMessage(problems: string[]): string {
  return `This suppression suppresses nothing: ${problems.join('; ')}.`;
}

/** Deletes the comment: the whole line when it stands alone, else the comment and the spaces before it. */
function removeCommentFix(file: SourceFile, comment: Comment): Fix {
  const startLine = comment.range.start.line;
  const lineStart = file.lineStarts[startLine - 1]!;
  let start: number;
  let end: number;
  if (isTrailing(file, comment)) {
    start = offsetAt(file.lineStarts, comment.range.start);
    while (start > lineStart && /[ \t]/.test(file.text[start - 1]!)) start--;
    end = offsetAt(file.lineStarts, comment.range.end);
  } else {
    start = lineStart;
    const endLine = comment.range.end.line;
    end = endLine < file.lineStarts.length ? file.lineStarts[endLine]! : file.text.length;
  }
  const range = rangeFromOffsets(file.lineStarts, start, end);
  return { title: 'Remove the unused suppression comment', edits: [{ file: file.path, range, newText: '' }] };
}
