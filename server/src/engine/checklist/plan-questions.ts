import type { Plan, PlannedResource, PlanValue } from '../plan/plan-model.js';
import type { Range } from '../range.js';
import { groupBy } from '../group-by.js';
import { ACCESS_GRANT_TYPE, EXPOSURE_ARGUMENTS, GRANT_ARGUMENTS, NETWORK_TYPES, PUBLIC_ACCESS_GUARDS, STATEFUL, type ChangeQuestion } from './change-questions.js';
import { changeKind } from './plan-summary.js';
import { planAccessChange } from './plan-policies.js';
import { openedIngress, readsIngress } from './plan-network.js';
import { attribute, blockAddress, isOpaque, isPlanObject, pathText, planValueText, sameKnownValue } from './plan-values.js';

/** A question the plan raises, with where it ranks in its section (stateful data first). */
export interface PlanQuestion extends ChangeQuestion {
  /** 0: stateful data replaced or destroyed; 1: drift on stateful data; 2: everything else. */
  rank: number;
}

export interface PlanQuestionContext {
  plan: Plan;
  /** Where the block of a plan address is (the lead's fusion, `AnalysisResult.planPlace`), else a place in the plan file. */
  place: (address: string) => { file: string; range: Range };
  /** Whether a finding of `ruleId` (`plan/replaces-stateful`, …) already stands for this instance: not asked again. */
  answered: (ruleId: string, address: string) => boolean;
}

/** Plan questions that the plan's own rules (SPEC §10) report as findings when they run: the checklist holds one of the two. */
const ANSWERED_BY_RULE: Readonly<Record<string, string>> = {
  'plan-replaces-stateful': 'plan/replaces-stateful',
  'plan-destroys-stateful': 'plan/destroys-stateful',
};

/**
 * The questions a plan raises for its reviewer (SPEC §10), from its
 * before/after values rather than from the code — what `terraform plan` will
 * really do: stateful resources replaced or destroyed (with `replace_paths`
 * and the reason), drift on stateful resources, any other replacement or
 * destroy, IAM widened between before and after (diff mode's widening logic
 * on the rendered policies), ingress opened and exposure switched on,
 * engine and cluster versions moved. Values the plan marks sensitive or
 * known only after apply are named as such, never printed or compared.
 *
 * One question per block and cause: the instances of a `count`/`for_each`
 * block that raise the same question are one item naming them.
 */
export function planQuestions(context: PlanQuestionContext): PlanQuestion[] {
  const drafts: Draft[] = [];
  for (const r of context.plan.resourceChanges) {
    if (r.mode !== 'managed') continue;
    resourceQuestions(r, drafts);
  }
  for (const r of context.plan.drift) {
    if (r.mode === 'managed' && STATEFUL.has(r.type)) drafts.push(driftQuestion(r));
  }
  const kept = drafts.filter((d) => {
    const rule = ANSWERED_BY_RULE[d.topic];
    return !(rule && context.answered(rule, d.resource.address));
  });
  return grouped(kept, context);
}

/** One instance's question before instances of one block are merged. */
interface Draft {
  category: string;
  topic: string;
  rank: number;
  resource: PlannedResource;
  text: (what: string) => string;
}

function resourceQuestions(r: PlannedResource, out: Draft[]): void {
  const kind = changeKind(r.actions);
  if (!kind) return;
  const draft = (category: string, topic: string, rank: number, text: (what: string) => string) => out.push({ category, topic, rank, resource: r, text });
  const stateful = STATEFUL.has(r.type);

  if (kind === 'replace') {
    const how = replacement(r);
    if (stateful) {
      draft('plan', 'plan-replaces-stateful', 0, (what) =>
        `${what} holds data and the plan replaces it (${how}): the old object and its data are destroyed. Is there a backup (a final snapshot, an export) and a rollback plan, and is the replacement intended?`,
      );
    } else if (!r.deposed) {
      draft('plan', 'plan-replace', 2, (what) => `${what} will be replaced (${how}): is the replacement intended, and can what refers to the old object live with a new one?`);
    }
  } else if (kind === 'delete') {
    if (r.deposed) return; // an old copy create_before_destroy left behind: its removal is the plan finishing a replacement
    const why = deleteReason(r.actionReason);
    if (stateful) {
      draft('plan', 'plan-destroys-stateful', 0, (what) =>
        `${what} holds data and the plan destroys it${why}: is there a backup and is the destroy intended? To keep the object, a \`removed\` block with \`lifecycle { destroy = false }\`, or a \`moved\` block if it lives on under another address.`,
      );
    } else {
      draft('plan', 'plan-delete', 2, (what) => `${what} will be destroyed${why}: is that intended?`);
    }
    if (PUBLIC_ACCESS_GUARDS.has(r.type)) {
      draft('network', 'public-access-guard-removed', 2, (what) => `The plan destroys ${what}, which lifts its public-access guard: confirm nothing it protected can now be made public.`);
    }
    return;
  }

  iamQuestion(r, kind, draft);
  networkQuestion(r, kind, draft);
  if (kind !== 'create') {
    const exposure = exposureOpened(r);
    if (exposure.length) {
      draft('network', 'network-exposure', 2, (what) => `${what} turns on ${exposure.join(', ')}: confirm whether it is now reachable from the internet, and that this is intended.`);
    }
    for (const moved of versionsMoved(r)) {
      draft('versioning', 'engine-version', 2, (what) =>
        `${what} moves ${moved}: was the upgrade guide read (breaking changes, a snapshot first, a maintenance window), and can it be rolled back?`,
      );
    }
  }
}

type DraftFn = (category: string, topic: string, rank: number, text: (what: string) => string) => void;

function iamQuestion(r: PlannedResource, kind: string, draft: DraftFn): void {
  const access = planAccessChange(r);
  if (access?.kind === 'widened') {
    draft('iam', 'iam-widened', 2, (what) =>
      access.isNew ? `${what} is a new policy granting ${access.gained.join('; ')}: who approved this access?` : `Who approved widening ${what}? The plan gives it ${access.gained.join('; ')}.`,
    );
  } else if (access?.kind === 'unreadable') {
    draft('iam', 'iam-changed', 2, (what) => `${what} changes a policy the plan does not show (${access.reasons.join('; ')}): confirm it does not grant more than before.`);
  } else if (access?.kind === 'changed') {
    draft('iam', 'iam-changed', 2, (what) => `${what} changes its policy without gaining actions, resources or principals: confirm the new statements grant only what is needed.`);
  }
  if (!ACCESS_GRANT_TYPE.test(r.type)) return;
  const grants = GRANT_ARGUMENTS.filter((name) => attribute(r.after, name) !== undefined && attribute(r.after, name) !== null)
    .map((name) => `${name} = "${planValueText(attribute(r.after, name))}"`)
    .join(', ');
  const granting = grants ? ` (${grants})` : '';
  if (kind === 'create') draft('iam', 'iam-grant-added', 2, (what) => `${what} is new and grants access${granting}: who approved it?`);
  else {
    const changed = changedKeys(r.before, r.after);
    if (changed.length) draft('iam', 'iam-grant-changed', 2, (what) => `${what} changes ${list(changed)}${granting}: who approved the access it grants now?`);
  }
}

function networkQuestion(r: PlannedResource, kind: string, draft: DraftFn): void {
  if (!NETWORK_TYPES.has(r.type)) return;
  if (readsIngress(r.type)) {
    const opened = openedIngress(r) ?? [];
    if (opened.length) {
      draft('network', 'network-rules', 2, (what) =>
        `${what} opens ingress: ${opened.join('; ')}. Confirm it is intended — what can now reach what, and is any of it the internet?`,
      );
    }
    return;
  }
  if (PUBLIC_ACCESS_GUARDS.has(r.type)) {
    const lifted = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].filter(
      (name) => attribute(r.before, name) === true && attribute(r.after, name) !== true,
    );
    if (lifted.length) draft('network', 'network-exposure', 2, (what) => `${what} turns off ${list(lifted)}: confirm nothing it protected can now be made public.`);
    return;
  }
  const changed = kind === 'create' ? [] : changedKeys(r.before, r.after);
  if (kind !== 'create' && changed.length === 0) return;
  const verb = kind === 'create' ? 'is new' : `changes ${list(changed)}`;
  draft('network', 'network-rules', 2, (what) => `${what} ${verb}: confirm the sources, ports and protocols it allows are intended — what can now reach what, and is any of it the internet?`);
}

/** `\`publicly_accessible\` (false → true)`: an exposure argument switched towards the internet, or to a value the plan does not know. */
function exposureOpened(r: PlannedResource): string[] {
  const out: string[] = [];
  for (const name of EXPOSURE_ARGUMENTS) {
    const before = attribute(r.before, name);
    const after = attribute(r.after, name);
    if (before === undefined && after === undefined) continue;
    const opens = name === 'internal' ? before === true && after !== true : before !== true && (after === true || isOpaque(after));
    if (opens && !isOpaque(before)) out.push(`\`${name}\` (${planValueText(before)} → ${planValueText(after)})`);
  }
  return out;
}

/** Arguments that name an engine, runtime or cluster version, for every type; `version` only where it is one. */
const VERSION_ARGUMENTS = ['engine_version', 'kubernetes_version', 'database_version', 'min_master_version', 'node_version', 'cluster_version', 'addon_version'];
const VERSION_TYPES = new Set(['aws_eks_cluster', 'aws_eks_node_group', 'aws_msk_cluster', 'azurerm_kubernetes_cluster', 'google_container_node_pool']);

function versionsMoved(r: PlannedResource): string[] {
  const names = VERSION_TYPES.has(r.type) ? [...VERSION_ARGUMENTS, 'version', 'kafka_version'] : VERSION_ARGUMENTS;
  const out: string[] = [];
  for (const name of names) {
    const before = attribute(r.before, name);
    const after = attribute(r.after, name);
    if (before === undefined || before === null || after === undefined || after === null) continue;
    if (sameKnownValue(before, after) !== false && !(isOpaque(after) && !isOpaque(before))) continue;
    out.push(`\`${name}\` from \`${planValueText(before)}\` to \`${planValueText(after)}\``);
  }
  return out;
}

function driftQuestion(r: PlannedResource): Draft {
  if (changeKind(r.actions) === 'delete' || r.after === null) {
    return {
      category: 'plan',
      topic: 'plan-drift',
      rank: 1,
      resource: r,
      text: (what) => `${what} holds data and was deleted outside Terraform since the last apply: the plan creates it again, empty. Is its data restored from a backup first?`,
    };
  }
  const changed = changedKeys(r.before, r.after);
  const which = changed.length ? ` (${list(changed)})` : ' (in values the plan marks sensitive)';
  return {
    category: 'plan',
    topic: 'plan-drift',
    rank: 1,
    resource: r,
    text: (what) =>
      `${what} holds data and was changed outside Terraform since the last apply${which}: confirm the plan's change keeps it — should the code adopt the change rather than undo it?`,
  };
}

/** Top-level arguments whose values differ, or may (a sensitive or unknown part on one side only). */
function changedKeys(before: PlanValue, after: PlanValue): string[] {
  if (!isPlanObject(before) || !isPlanObject(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: string[] = [];
  for (const key of [...keys].sort()) {
    const same = sameKnownValue(before[key], after[key]);
    if (same === false) out.push(key);
    // Both sides opaque: the plan does not say whether it changed, and a guess would be noise either way.
    else if (same === undefined && isOpaque(before[key]) !== isOpaque(after[key])) out.push(key);
  }
  return out.length > 6 ? [...out.slice(0, 6), `${out.length - 6} more`] : out;
}

/** `destroy, then create; forced by \`ami\` — \`replace_because_cannot_update\``. */
function replacement(r: PlannedResource): string {
  const order = r.actions[0] === 'create' ? 'create the new object, then destroy the old' : 'destroy, then create';
  const paths = r.replacePaths.map(pathText).filter((p) => p !== '');
  const forced = paths.length ? `; forced by ${list(paths)}` : '';
  const reason = r.actionReason ? ` — ${REASONS[r.actionReason] ?? `\`${r.actionReason}\``}` : '';
  return `${order}${forced}${reason}`;
}

const REASONS: Readonly<Record<string, string>> = {
  replace_because_cannot_update: 'an argument that cannot be updated in place changes',
  replace_because_tainted: 'it is tainted',
  replace_by_request: '`-replace` asked for it',
  replace_by_triggers: 'a `replace_triggered_by` reference changed',
  delete_because_no_resource_config: 'its block is no longer in the code',
  delete_because_no_module: 'its module call is no longer in the code',
  delete_because_wrong_repetition: 'its block switched between `count`, `for_each` and neither',
  delete_because_count_index: 'its `count` index is beyond the new count',
  delete_because_each_key: 'its `for_each` key is gone',
  delete_because_no_move_target: 'a `moved` block points at an address that does not exist',
};

function deleteReason(reason: string | undefined): string {
  if (!reason) return '';
  return ` (${REASONS[reason] ?? `\`${reason}\``})`;
}

/** The instances of one block raising the same question become one, naming them (at most five). */
function grouped(drafts: readonly Draft[], context: PlanQuestionContext): PlanQuestion[] {
  const groups = groupBy(drafts, (d) => JSON.stringify([d.category, d.topic, blockAddress(d.resource.address), d.text('\u0000')]));
  const out: PlanQuestion[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const addresses = [...new Set(group.map((d) => d.resource.address))];
    const block = blockAddress(first.resource.address);
    const what = addresses.length === 1 ? `\`${addresses[0]}\`` : `\`${block}\` (instances ${list(addresses.slice(0, 5))}${addresses.length > 5 ? ` and ${addresses.length - 5} more` : ''})`;
    const address = addresses.length === 1 ? addresses[0]! : block;
    const { file, range } = context.place(first.resource.address);
    out.push({
      category: first.category,
      topic: first.topic,
      rank: first.rank,
      text: first.text(what),
      file,
      range,
      address,
      subject: `plan\u0000${address}\u0000${first.resource.actions.join(',')}`,
    });
  }
  return out;
}

function list(names: readonly string[]): string {
  return names.map((n) => (/ more$/.test(n) ? n : `\`${n}\``)).join(', ');
}

