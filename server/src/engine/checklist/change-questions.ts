import type { ModuleAnalysis } from '../analyze.js';
import type { ChangeReview } from '../change/review-change.js';
import type { BlockDiff, ModuleDiff } from '../change/module-diff.js';
import { blockBodyText, blockText, normalizeSource, sourceText } from '../change/source-text.js';
import type { BlockRef } from '../model/module.js';
import type { SourceFile } from '../parse/ast.js';
import { offsetAt, rangeContains, type Range } from '../range.js';
import { STATEFUL_RESOURCE_TYPES } from '../data/shared-data.generated.js';
import { asString } from '../evaluate/value.js';
import { findAttribute, findBlocks } from '../rules/rule.js';
import { policiesOf } from '../iam/policy-sources.js';
import { evaluateExistence } from '../evaluate/existence.js';
import type { PolicyStatement } from '../iam/policy-statement.js';
import { classifyModuleSource } from '../versioning/module-source.js';
import { providerRequirements } from '../versioning/provider-requirements.js';
import { repoRelativePath } from '../change/git-tree-host.js';
import { movedFrom, removedBlocks } from '../change/refactor-blocks.js';
import { changedArguments, changesMoreThanMetadata } from './block-changes.js';
import { accessChange } from './iam-widening.js';
import { topLevelItemAt } from '../parse/top-level-item.js';
import { groupBy } from '../group-by.js';

/** A question the change raises for its reviewer, placed on the block it is about. */
export interface ChangeQuestion {
  /** The section: a rule category, or `change` for the change as a whole. */
  category: string;
  /** What kind of question (part of the item id): `stateful-change`, `iam-widened`, … */
  topic: string;
  text: string;
  /** Absolute path: in the working tree, or where a removed block was at the base. */
  file: string;
  range: Range;
  address?: string;
  /** `file` and `range` are at the base of the change. */
  removed?: boolean;
  /** Normalized source of the block the question is about. */
  subject: string;
}

export const STATEFUL = new Set(STATEFUL_RESOURCE_TYPES);

/** Resource types that are firewall rules, or guard public access. */
export const NETWORK_TYPES = new Set([
  'aws_security_group',
  'aws_default_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_network_acl',
  'aws_network_acl_rule',
  'aws_default_network_acl',
  'aws_s3_bucket_public_access_block',
  'aws_s3_account_public_access_block',
  'google_compute_firewall',
  'azurerm_network_security_group',
  'azurerm_network_security_rule',
]);

/** Removing one of these lifts a guard: public access becomes possible. */
export const PUBLIC_ACCESS_GUARDS = new Set(['aws_s3_bucket_public_access_block', 'aws_s3_account_public_access_block']);

/** Arguments of any resource that decide whether it is reachable from the internet. */
export const EXPOSURE_ARGUMENTS = new Set(['publicly_accessible', 'associate_public_ip_address', 'map_public_ip_on_launch', 'internal', 'public_network_access_enabled']);

/** Resources that grant access without a policy document of their own: attachments, memberships, role bindings. */
export const ACCESS_GRANT_TYPE = /^(aws_iam_\w*(attachment|membership)|google_\w*_iam_(member|binding|policy)|azurerm_role_assignment)$/;
/** The arguments that say what such a resource grants to whom, for the question's text. */
export const GRANT_ARGUMENTS = ['policy_arn', 'role', 'user', 'group', 'groups', 'users', 'roles', 'member', 'members', 'role_definition_name', 'scope', 'principal_id'];

/**
 * The questions a change raises (SPEC §7), derived from what it touches —
 * never a fixed list: a change that only edits a tag raises none.
 *
 * - a stateful resource modified (beyond tags): plan reviewed for
 *   destroy/replace, backup and rollback if replaced; removed or renamed
 *   without `moved`: backup and rollback before the destroy;
 * - a resource or module call removed with no `moved`/`removed` block (and no
 *   same-type block added: a rename is the refactor rule's finding);
 * - a policy that gained actions, resources, principals or lost a condition:
 *   who approved the wider access; other policy changes, and new or changed
 *   attachments/bindings: a milder confirmation;
 * - firewall rules, public-access guards and exposure arguments changed;
 * - a module's version or ref, a provider's constraint, `required_version` bumped;
 * - a backend or cloud block added, changed or removed;
 * - a whole module directory deleted.
 */
export function changeQuestions(review: ChangeReview): ChangeQuestion[] {
  const out: ChangeQuestion[] = [];
  for (const diff of review.modules) {
    if (!diff.head) {
      if (diff.base) for (const q of deletedModule(diff.base, review.repoRoot)) out.push(q);
      continue;
    }
    moduleQuestions(diff, diff.head, diff.base, out);
  }
  return out;
}

/** Appends the questions of one module to `out` (a change can raise tens of thousands: no spreading into push). */
function moduleQuestions(diff: ModuleDiff, head: ModuleAnalysis, base: ModuleAnalysis | undefined, out: ChangeQuestion[]): void {
  const moved = movedFrom(head.module);
  const movedAway = new Set(moved.values());
  const removedBy = removedBlocks(head.module);
  const blocks = pairMoved(diff.blocks, moved);
  // The first added block of each kind and type (module calls: each source), to tell a rename from a removal.
  const firstAdded = new Map<string, BlockDiff>();
  for (const a of blocks) {
    if (a.status !== 'added') continue;
    const key = renameKey(a, a.head);
    if (!firstAdded.has(key)) firstAdded.set(key, a);
  }

  for (const b of blocks) {
    if (b.status === 'removed') {
      if (movedAway.has(b.key) || (b.kind !== 'resource' && b.kind !== 'module')) {
        if (b.kind === 'terraform') for (const q of terraformQuestions(b, base, head)) out.push(q);
        continue;
      }
      const removal = removedBy.get(b.key);
      const destroys = removal === undefined || removal.destroys;
      const renamedTo = firstAdded.get(renameKey(b, b.base));
      if (b.type && STATEFUL.has(b.type) && destroys) out.push(statefulDestroyed(b, renamedTo?.key));
      if (b.type && PUBLIC_ACCESS_GUARDS.has(b.type)) out.push(guardRemoved(b));
      if (!removal && !renamedTo) out.push(pureRemoval(b));
      continue;
    }
    const headRef = b.head![0]!;
    if (b.kind === 'terraform') {
      for (const q of terraformQuestions(b, base, head)) out.push(q);
      continue;
    }
    if (b.kind === 'module') {
      if (b.status === 'modified' && base) {
        const q = moduleVersionQuestion(b, base, head);
        if (q) out.push(q);
      }
      continue;
    }
    if (b.kind !== 'resource' || !b.type) continue;
    const changed = b.status === 'modified' ? changedArguments(b.base!, b.head!) : argumentsOf(b.head!);
    if (b.status === 'modified' && !changesMoreThanMetadata(changed)) continue;
    if (b.status === 'modified' && STATEFUL.has(b.type)) {
      out.push(
        question('lifecycle', 'stateful-change', headRef, b.key, (what) =>
          `${what} holds data and the change modifies ${list(changed)}: was \`terraform plan\` reviewed for destroy/replace (an argument that forces replacement destroys the data)? If it is replaced, what is the backup and rollback plan?`,
        ),
      );
    }
    if (NETWORK_TYPES.has(b.type)) {
      const verb = b.status === 'added' ? 'is new' : `changes ${list(changed)}`;
      out.push(
        question('network', 'network-rules', headRef, b.key, (what) =>
          `${what} ${verb}: confirm the sources, ports and protocols it allows are intended — what can now reach what, and is any of it the internet?`,
        ),
      );
    } else if (b.status === 'modified') {
      const exposure = changed.filter((c) => EXPOSURE_ARGUMENTS.has(c));
      if (exposure.length) {
        out.push(
          question('network', 'network-exposure', headRef, b.key, (what) =>
            `${what} changes ${list(exposure)}: confirm whether it is now reachable from the internet, and that this is intended.`,
          ),
        );
      }
    }
    if (ACCESS_GRANT_TYPE.test(b.type)) {
      const grants = grantDescription(head, headRef);
      out.push(
        b.status === 'added'
          ? question('iam', 'iam-grant-added', headRef, b.key, (what) => `${what} is new and grants access${grants}: who approved it?`)
          : question('iam', 'iam-grant-changed', headRef, b.key, (what) => `${what} changes ${list(changed)}${grants}: who approved the access it grants now?`),
      );
    }
  }
  for (const q of policyQuestions(head, base, moved)) out.push(q);
}

/** What an added block must share with a removed one to be its rename: the kind and type, or for a module call its source. */
function renameKey(b: BlockDiff, refs: readonly BlockRef[] | undefined): string {
  const [kind, what] = b.kind === 'module' ? ['module', moduleSource(refs)] : [b.kind, b.type];
  return JSON.stringify([kind, what ?? null]);
}

/** An added block that a `moved` block renames from a removed one is a modification of that block. */
function pairMoved(blocks: readonly BlockDiff[], moved: Map<string, string>): BlockDiff[] {
  const removed = new Map(blocks.filter((b) => b.status === 'removed').map((b) => [b.key, b]));
  const out: BlockDiff[] = [];
  const consumed = new Set<string>();
  for (const b of blocks) {
    const from = b.status === 'added' ? moved.get(b.key) : undefined;
    const old = from === undefined ? undefined : removed.get(from);
    if (old && old.type === b.type && old.kind === b.kind) {
      consumed.add(old.key);
      if (normalizeSource(old.base!.map(blockBodyText).join('\n')) !== normalizeSource(b.head!.map(blockBodyText).join('\n'))) {
        out.push({ ...b, status: 'modified', base: old.base! });
      }
    } else out.push(b);
  }
  return out.filter((b) => !(b.status === 'removed' && consumed.has(b.key)));
}

// ---- removals -------------------------------------------------------------------------

function statefulDestroyed(b: BlockDiff, renamedTo: string | undefined): ChangeQuestion {
  // The moved block named argument by argument: a one-line `moved { from = …, to = … }` is not valid HCL.
  const how = renamedTo
    ? `is renamed to \`${renamedTo}\` without a \`moved\` block (one with \`from = ${b.key}\` and \`to = ${renamedTo}\` keeps the object)`
    : 'is removed';
  return removedQuestion('lifecycle', 'stateful-destroyed', b.base![0]!, b.key, (what) =>
    `${what} holds data and ${how}: Terraform will destroy it. Is there a backup (a final snapshot, an export) and a rollback plan, and is the destroy in \`terraform plan\` intended?`,
  );
}

function pureRemoval(b: BlockDiff): ChangeQuestion {
  const target = b.kind === 'module' ? 'every resource in it' : 'it';
  return removedQuestion('refactor', 'removed-without-block', b.base![0]!, b.key, (what) =>
    `${what} is removed: Terraform will destroy ${target}. Is that intended? To keep the objects, add a \`removed\` block with \`lifecycle { destroy = false }\`; if they live on under another address, a \`moved\` block.`,
  );
}

function guardRemoved(b: BlockDiff): ChangeQuestion {
  return removedQuestion('network', 'public-access-guard-removed', b.base![0]!, b.key, (what) =>
    `${what} is removed, which lifts its public-access guard: confirm nothing it protected can now be made public.`,
  );
}

function deletedModule(base: ModuleAnalysis, repoRoot: string): ChangeQuestion[] {
  const { module } = base;
  const first = [...module.resources.filter((r) => r.mode === 'managed'), ...module.moduleCalls][0];
  if (!first) return [];
  const dir = repoRelativePath(repoRoot, module.dir) || '.';
  const managed = module.resources.filter((r) => r.mode === 'managed').length;
  const counted = [managed ? plural(managed, 'resource') : '', module.moduleCalls.length ? plural(module.moduleCalls.length, 'module call') : '']
    .filter(Boolean)
    .join(' and ');
  const text = module.isRoot
    ? `The root module \`${dir}\` (${counted}) is deleted: were its resources destroyed with \`terraform destroy\` first, or its state moved to another configuration? Otherwise they live on, unmanaged.`
    : `The module \`${dir}\` (${counted}) is deleted: does nothing still call it, and are the resources it created in each caller's state destroyed or moved on purpose?`;
  return [{ category: 'change', topic: 'module-deleted', text, file: first.file.path, range: first.block.range, removed: true, subject: normalizeSource(module.files.map((f) => f.text).join('\n')) }];
}

// ---- IAM ------------------------------------------------------------------------------

/** Compares each policy owner's statements at the base and now (also when only a local they read changed). */
function policyQuestions(head: ModuleAnalysis, base: ModuleAnalysis | undefined, moved: Map<string, string>): ChangeQuestion[] {
  const after = statementsByOwner(head);
  const before = base ? statementsByOwner(base) : new Map<string, PolicyStatement[]>();
  const out: ChangeQuestion[] = [];
  const files = new Map(head.module.files.map((f) => [f.path, f]));
  for (const [owner, statements] of after) {
    const previous = before.get(moved.get(owner) ?? owner) ?? [];
    const change = accessChange(previous, statements);
    if (!change) continue;
    const { file, range } = change.location;
    const ref = topLevelBlock(files.get(file.path), range);
    const what = `\`${owner}\``;
    let text: string;
    let topic: string;
    if (change.gained.length && previous.length === 0) {
      topic = 'iam-widened';
      text = `${what} is a new policy granting ${change.gained.join('; ')}: who approved this access?`;
    } else if (change.gained.length) {
      topic = 'iam-widened';
      text = `Who approved widening ${what}? It gains ${change.gained.join('; ')}.`;
    } else if (change.unknown.length) {
      topic = 'iam-changed';
      text = `${what} changed and parts of it cannot be read statically (${change.unknown.join('; ')}): confirm it does not grant more than before.`;
    } else {
      topic = 'iam-changed';
      text = `${what} changed without gaining actions, resources or principals: confirm the new statements grant only what is needed.`;
    }
    out.push({ category: 'iam', topic, text, file: file.path, range, address: owner, subject: ref ? normalizeSource(blockText(ref)) : '' });
  }
  return out;
}

function statementsByOwner(analysis: ModuleAnalysis): Map<string, PolicyStatement[]> {
  const { module, evaluator } = analysis;
  const set = policiesOf({
    module,
    instance: evaluator,
    evaluate: (expr, file, scope) => evaluator.evaluate(expr, file, scope),
    existence: (expr, file, scope) => evaluateExistence(evaluator, expr, file, scope),
  });
  return groupBy(set.statements, (s) => s.location.address ?? s.policyName);
}

function grantDescription(analysis: ModuleAnalysis, ref: BlockRef): string {
  const parts: string[] = [];
  for (const name of GRANT_ARGUMENTS) {
    const value = analysis.evaluator.attributeValue(ref.block, ref.file, name);
    const text = value && asString(value);
    if (text !== undefined) parts.push(`${name} = "${text}"`);
  }
  return parts.length ? ` (${parts.join(', ')})` : '';
}

// ---- versions and backend -------------------------------------------------------------

function moduleVersionQuestion(b: BlockDiff, base: ModuleAnalysis, head: ModuleAnalysis): ChangeQuestion | undefined {
  const [before, after] = [b.base![0]!, b.head![0]!];
  const sourceBefore = stringArgument(base, before, 'source');
  const sourceAfter = stringArgument(head, after, 'source');
  const versionBefore = stringArgument(base, before, 'version');
  const versionAfter = stringArgument(head, after, 'version');
  if (sourceBefore === undefined || sourceAfter === undefined) return undefined;
  const from = classifyModuleSource(sourceBefore);
  const to = classifyModuleSource(sourceAfter);
  if (to.kind === 'local') return undefined;
  const place = findAttribute(after.block, versionAfter !== versionBefore ? 'version' : 'source') ?? after.block;
  const changelog = 'was its changelog read for breaking changes, new required inputs, and resources the new version replaces or destroys?';
  let text: string | undefined;
  if (withoutRef(sourceBefore) !== withoutRef(sourceAfter)) {
    text = `\`${b.key}\` changes its source from \`${sourceBefore}\` to \`${sourceAfter}\`: is it a compatible module, and does \`terraform plan\` show no replacements?`;
  } else if (versionBefore !== versionAfter && versionAfter !== undefined) {
    text = `\`${b.key}\` (${withoutRef(sourceAfter)}) moves from ${versionBefore === undefined ? 'no version constraint' : `\`${versionBefore}\``} to \`${versionAfter}\`: ${changelog}`;
  } else if (from.ref !== to.ref && to.ref !== undefined) {
    text = `\`${b.key}\` moves from ${from.ref === undefined ? 'no ref' : `ref \`${from.ref}\``} to ref \`${to.ref}\`: ${changelog}`;
  }
  if (!text) return undefined;
  return { category: 'versioning', topic: 'module-version', text, file: after.file.path, range: place.range, address: b.key, subject: normalizeSource(blockText(after)) };
}

/** The provider constraints, `required_version`, and the backend of a module's `terraform` blocks. */
function terraformQuestions(b: BlockDiff, base: ModuleAnalysis | undefined, head: ModuleAnalysis): ChangeQuestion[] {
  if (!base) return [];
  const out: ChangeQuestion[] = [];
  const headRefs = b.head ?? [];
  const baseRefs = b.base ?? [];

  const evaluateIn = (a: ModuleAnalysis) => (expr: Parameters<ModuleAnalysis['evaluator']['evaluate']>[0], file: Parameters<ModuleAnalysis['evaluator']['evaluate']>[1]) =>
    a.evaluator.evaluate(expr, file);
  const requirementsBefore = providerRequirements(base.module, evaluateIn(base));
  for (const [name, after] of providerRequirements(head.module, evaluateIn(head))) {
    const before = requirementsBefore.get(name);
    const from = before?.version && asString(before.version.value);
    const to = after.version && asString(after.version.value);
    if (!before || from === undefined || to === undefined || from === to) continue;
    const source = after.source && asString(after.source.value);
    const ref = headRefs.find((r) => r.file === after.file && rangeContains(r.block.range, after.attribute.range));
    out.push({
      category: 'versioning',
      topic: 'provider-version',
      text: `The provider \`${name}\`${source ? ` (${source})` : ''} moves from \`${from}\` to \`${to}\`: were its changelog and upgrade guide read, and is \`.terraform.lock.hcl\` updated with the change?`,
      file: after.file.path,
      range: after.attribute.range,
      address: `provider.${name}`,
      subject: normalizeSource(ref ? blockText(ref) : sourceText(after.file, after.attribute)),
    });
  }

  const versionBefore = requiredVersion(base, baseRefs);
  const versionAfter = requiredVersion(head, headRefs);
  if (versionBefore && versionAfter && versionBefore.text !== versionAfter.text) {
    out.push({
      category: 'versioning',
      topic: 'terraform-version',
      text: `\`required_version\` moves from \`${versionBefore.text}\` to \`${versionAfter.text}\`: do CI and every workstation run a matching Terraform/OpenTofu, and was its upgrade guide read?`,
      file: versionAfter.ref.file.path,
      range: versionAfter.range,
      subject: normalizeSource(blockText(versionAfter.ref)),
    });
  }

  const backendBefore = backendOf(baseRefs);
  const backendAfter = backendOf(headRefs);
  if (normalizeSource(backendBefore?.text ?? '') !== normalizeSource(backendAfter?.text ?? '')) {
    const migration = 'what is the state migration plan — who runs `terraform init -migrate-state`, is the old state backed up, and is nobody applying meanwhile?';
    if (backendAfter) {
      const how = !backendBefore
        ? `adds a \`${backendAfter.label}\` backend (the state was local until now)`
        : backendBefore.label !== backendAfter.label
          ? `moves the state from the \`${backendBefore.label}\` backend to \`${backendAfter.label}\``
          : `edits the \`${backendAfter.label}\` backend's ${list(changedArguments([backendBefore.ref], [backendAfter.ref]))}`;
      out.push({
        category: 'state',
        topic: 'backend-change',
        text: `The change ${how}: ${migration}`,
        file: backendAfter.ref.file.path,
        range: backendAfter.ref.block.range,
        subject: normalizeSource(backendAfter.text),
      });
    } else if (backendBefore) {
      out.push({
        category: 'state',
        topic: 'backend-change',
        text: `The change removes the \`${backendBefore.label}\` backend, so the state goes to a local file: ${migration}`,
        file: backendBefore.ref.file.path,
        range: backendBefore.ref.block.range,
        removed: true,
        subject: normalizeSource(backendBefore.text),
      });
    }
  }
  return out;
}

function requiredVersion(analysis: ModuleAnalysis, refs: readonly BlockRef[]): { text: string; ref: BlockRef; range: Range } | undefined {
  for (const ref of refs) {
    const attr = findAttribute(ref.block, 'required_version');
    if (!attr) continue;
    const value = analysis.evaluator.evaluate(attr.expr, ref.file);
    const text = asString(value);
    if (text !== undefined) return { text, ref, range: attr.range };
  }
  return undefined;
}

/** The `backend "<type>"` or `cloud` block (nested in a `terraform` block), with its label. */
function backendOf(refs: readonly BlockRef[]): { label: string; ref: BlockRef; text: string } | undefined {
  for (const ref of refs) {
    for (const block of [...findBlocks(ref.block, 'backend'), ...findBlocks(ref.block, 'cloud')]) {
      const label = block.type === 'cloud' ? 'cloud' : (block.labels[0]?.value ?? 'backend');
      const nested = { block, file: ref.file };
      return { label, ref: nested, text: blockText(nested) };
    }
  }
  return undefined;
}

// ---- helpers --------------------------------------------------------------------------

function question(category: string, topic: string, ref: BlockRef, address: string, text: (what: string) => string): ChangeQuestion {
  return { category, topic, text: text(`\`${address}\``), file: ref.file.path, range: ref.block.range, address, subject: normalizeSource(blockText(ref)) };
}

/** A question about a block the change removed: placed where it was at the base. */
function removedQuestion(category: string, topic: string, ref: BlockRef, address: string, text: (what: string) => string): ChangeQuestion {
  return { ...question(category, topic, ref, address, text), removed: true };
}

function argumentsOf(refs: readonly BlockRef[]): string[] {
  return changedArguments([], refs);
}

function stringArgument(analysis: ModuleAnalysis, ref: BlockRef, name: string): string | undefined {
  const value = analysis.evaluator.attributeValue(ref.block, ref.file, name);
  return value ? asString(value) : undefined;
}

/** A module call's `source` argument as written, to recognise the same module under a new name. */
function moduleSource(refs: readonly BlockRef[] | undefined): string | undefined {
  const ref = refs?.[0];
  const attr = ref && findAttribute(ref.block, 'source');
  return attr ? normalizeSource(sourceText(ref.file, attr.expr)) : undefined;
}

/** A module source without its `?ref=`/`?rev=` (and the version it names). */
function withoutRef(source: string): string {
  return source.replace(/[?&](ref|rev)=[^&]*/, '').replace(/\?$/, '');
}

function topLevelBlock(file: SourceFile | undefined, range: Range): BlockRef | undefined {
  const item = file && topLevelItemAt(file, offsetAt(file.lineStarts, range.start));
  return item?.kind === 'Block' ? { block: item, file: file! } : undefined;
}

function list(names: readonly string[]): string {
  return names.map((n) => `\`${n}\``).join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
