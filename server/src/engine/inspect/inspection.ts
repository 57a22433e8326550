import type { ModuleAnalysis } from '../analyze.js';
import type { Module, ModuleCallRef, ResourceRef } from '../model/module.js';
import { rangeContains, type Location, type Position } from '../range.js';
import type { ReviewConfig } from '../config/types.js';
import { asString, describe, type Value } from '../evaluate/value.js';
import type { RuleContext } from '../rules/rule.js';
import { effectiveTags, findTag } from '../tagging/effective-tags.js';
import { tagWord } from '../tagging/taggable-types.js';
import { policiesOf } from '../iam/policy-sources.js';
import { evaluateExistence } from '../evaluate/existence.js';
import type { Certain, PolicyStatement, StatementLocation, UndecidedPolicy } from '../iam/policy-statement.js';
import { definitionAt, rangeContainsPosition } from './definition-at.js';
import { inspectModuleCall, type ModuleCallInspection } from './module-call.js';

/**
 * What the review sees of one top-level block (SPEC §9, hover): the values
 * the rules work from, after evaluation, with where each came from.
 */
export interface Inspection {
  kind: 'resource' | 'data' | 'module';
  /** `aws_s3_bucket.logs`, `data.aws_iam_policy_document.x`, `module.vpc`. */
  address: string;
  /** Resource or data source type; absent for module calls. */
  type?: string;
  /** The whole block. */
  location: Location;
  /** Taggable managed resources only. */
  tags?: TagsInspection;
  /** Policy statements written in this block, or that this block's policies use. */
  policies?: PoliciesInspection;
  /** Module calls only. */
  moduleCall?: ModuleCallInspection;
}

export interface TagsInspection {
  /** `tags` or `labels`, as the provider calls them. */
  word: 'tags' | 'labels';
  /** The tags the resource ends up with, provider defaults first; an overridden default is left out. */
  entries: InspectedTag[];
  /** What could add keys the review cannot see; when non-empty, a key missing from `entries` may still be set. */
  unknownReasons: string[];
}

export interface InspectedTag {
  key: string;
  value: Certain<string>;
  source: 'provider-default' | 'resource';
  /** The resource's own tag replaces a provider default with the same key. */
  overridesDefault: boolean;
  /** Where the value was written, and the definition that holds it (`local.common_tags`, `var.owner`, …). */
  origin?: { location: Location; definedIn?: string };
}

export interface PoliciesInspection {
  statements: InspectedStatement[];
  /** Policies of this block that could not be read, with why. */
  undecided: UndecidedPolicy[];
}

export interface InspectedStatement {
  statement: PolicyStatement;
  /** Set when the statement is written elsewhere and reaches this block through a reference (`data.aws_iam_policy_document.x`, a local). */
  via?: string;
}

export interface InspectOptions {
  /** The configuration in force (rule options, e.g. `requireExact`); default: the `recommended` preset. */
  config?: ReviewConfig;
}

/**
 * Inspects the top-level `resource`, `data` or `module` block of `file` that
 * contains `position` (1-based, anywhere from the block type to the closing
 * brace). Undefined when the position is in no such block.
 */
export function inspectAt(
  analysis: ModuleAnalysis,
  file: string,
  position: Position,
  options: InspectOptions = {},
): Inspection | undefined {
  const { module, evaluator } = analysis;
  const ref = [...module.resources, ...module.dataSources, ...module.moduleCalls].find(
    (r) => r.file.path === file && rangeContainsPosition(r.block.range, position),
  );
  if (!ref) return undefined;
  const ctx: Pick<RuleContext, 'module' | 'evaluate' | 'existence' | 'attributeValue'> = {
    module,
    evaluate: (expr, f, scope) => evaluator.evaluate(expr, f, scope),
    existence: (expr, f, scope) => evaluateExistence(evaluator, expr, f, scope),
    attributeValue: (block, f, name) => evaluator.attributeValue(block, f, name),
  };
  const location: Location = { file: ref.file.path, range: ref.block.range };

  if (!isResource(ref)) {
    return { kind: 'module', address: ref.address, location, moduleCall: inspectModuleCall(module, ref, evaluator, options.config) };
  }
  const inspection: Inspection = { kind: ref.mode === 'managed' ? 'resource' : 'data', address: ref.address, type: ref.type, location };
  if (ref.mode === 'managed') {
    const tags = tagsOf(module, ref, ctx);
    if (tags) inspection.tags = tags;
  }
  const policies = policiesOfBlock(ref, ctx);
  if (policies) inspection.policies = policies;
  return inspection;
}

function isResource(ref: ResourceRef | ModuleCallRef): ref is ResourceRef {
  return 'mode' in ref;
}

function tagsOf(module: Module, ref: ResourceRef, ctx: Pick<RuleContext, 'evaluate' | 'existence'>): TagsInspection | undefined {
  const tags = effectiveTags(module, ref, ctx);
  if (!tags) return undefined;
  const entries: InspectedTag[] = [];
  for (const entry of tags.entries) {
    // The AWS provider merges by exact key: the last entry with a key is the one in force.
    if (findTag(tags, entry.key, true) !== entry) continue;
    const overridesDefault =
      entry.source === 'resource' && tags.entries.some((e) => e.source === 'provider-default' && e.key === entry.key);
    const inspected: InspectedTag = { key: entry.key, value: tagValue(entry.value), source: entry.source, overridesDefault };
    if (entry.origin) {
      const definedIn = definitionAt(module, entry.origin);
      inspected.origin = definedIn ? { location: entry.origin, definedIn } : { location: entry.origin };
    }
    entries.push(inspected);
  }
  return { word: tagWord(ref.type), entries, unknownReasons: [...tags.unknownReasons] };
}

function tagValue(value: Value): Certain<string> {
  if (value.kind === 'unknown') return { known: false, reason: value.reason };
  return { known: true, value: asString(value) ?? describe(value) };
}

/**
 * The statements of this block: those read from its own policy arguments
 * (same address), those written inside it (a `statement` block, an inline
 * `jsonencode`), and those it uses from elsewhere (a policy document's `.json`,
 * a shared local), which the policy reader records as related uses.
 */
function policiesOfBlock(ref: ResourceRef, ctx: Pick<RuleContext, 'module' | 'evaluate' | 'existence'>): PoliciesInspection | undefined {
  const set = policiesOf(ctx);
  const inBlock = (file: string, range: Location['range']) => file === ref.file.path && rangeContains(ref.block.range, range);
  const belongs = (location: StatementLocation) =>
    location.address === ref.address || inBlock(location.file.path, location.range) || location.related.some((r) => inBlock(r.file, r.range));
  const statements: InspectedStatement[] = [];
  for (const statement of set.statements) {
    if (!belongs(statement.location)) continue;
    const via = inBlock(statement.location.file.path, statement.location.range) ? undefined : viaOf(ctx.module, statement.location);
    statements.push(via ? { statement, via } : { statement });
  }
  const undecided = set.undecided.filter((u) => belongs(u.location));
  if (statements.length === 0 && undecided.length === 0) return undefined;
  return { statements, undecided };
}

/** Where a statement written outside the block is defined: `local.policy`, `data.aws_iam_policy_document.x`. */
function viaOf(module: Module, location: StatementLocation): string | undefined {
  return definitionAt(module, { file: location.file.path, range: location.range }) ?? location.address;
}
