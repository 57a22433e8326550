/**
 * A module the review cannot read (a registry or git module `terraform init`
 * has not installed here) stood in for by what the plan says its resources
 * will be (SPEC §10): one block per planned instance, its arguments the
 * planned values. Rules review it like a downloaded module: through the call,
 * each finding placed on the module block of the workspace's own code.
 */
import { join } from 'node:path';
import type { Attribute, Block, BodyItem, Expression, ObjectItem, SourceFile } from '../parse/ast.js';
import type { Range } from '../range.js';
import type { Module } from '../model/module.js';
import { buildModule } from '../model/build-module.js';
import { SENSITIVE, UNKNOWN_AFTER_APPLY, type PlannedResource, type PlanValue } from './plan-model.js';
import { AFTER_APPLY_REASON, PLANNED_UNKNOWN, SENSITIVE_REASON } from './plan-value.js';


/** The modules built so far, by module instance address: a module called from many places is built once per instance. */
export interface StandInResources {
  /** `module.rds` or `module.rds["a"]`: the instance the resources are under. */
  instanceAddress: string;
  /** Each planned resource with its address inside the instance (`module.db_instance.aws_db_instance.this[0]`). */
  resources: Array<{ resource: PlannedResource; local: string }>;
}

export function standInModule(callerDir: string, callerFile: SourceFile, header: Range, name: string, group: StandInResources): Module {
  const blocks: BodyItem[] = [];
  const addresses: string[] = [];
  for (const { resource, local } of group.resources) {
    if (resource.deposed || (resource.actions.length === 1 && (resource.actions[0] === 'delete' || resource.actions[0] === 'forget'))) continue;
    if (resource.after === null || typeof resource.after !== 'object' || Array.isArray(resource.after)) continue;
    blocks.push(block(resource.mode === 'data' ? 'data' : 'resource', [resource.type, `plan${blocks.length}`], body(resource.after as Record<string, PlanValue>, header, true), header));
    addresses.push(local);
  }
  const file: SourceFile = { ...callerFile, body: blocks, comments: [], errors: [] };
  // A virtual directory (nothing is read from it), always under `.terraform/modules`: a call label cannot lead it elsewhere.
  const module = buildModule(join(callerDir, '.terraform', 'modules', `plan-${encodeURIComponent(name)}`), [file], []);
  // The address a reviewer reads is the plan's, inside the module instance (`module.db_instance.aws_db_instance.this[0]`).
  module.byAddress.clear();
  [...module.resources, ...module.dataSources].forEach((ref, i) => {
    ref.address = addresses[i]!;
    module.byAddress.set(ref.address, ref);
  });
  module.planned = true;
  return module;
}

function body(value: Record<string, PlanValue>, at: Range, top: boolean): BodyItem[] {
  const items: BodyItem[] = [];
  // tags_all holds every tag the resource gets (provider default tags included): what the tags rules should see.
  const tagsAll = top ? value.tags_all : undefined;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'tags_all' || v === null) continue;
    const written = key === 'tags' && tagsAll !== undefined && tagsAll !== null && typeof tagsAll === 'object' && !Array.isArray(tagsAll) ? tagsAll : v;
    if (Array.isArray(written) && written.length > 0 && written.every((e) => e !== null && typeof e === 'object' && !Array.isArray(e))) {
      for (const element of written) items.push(block(key, [], body(element as Record<string, PlanValue>, at, false), at));
      continue;
    }
    items.push(attribute(key, expression(written, at), at));
  }
  return items;
}

function expression(v: PlanValue, at: Range): Expression {
  if (v === SENSITIVE) return { kind: 'Variable', name: `${PLANNED_UNKNOWN}${SENSITIVE_REASON}`, range: at };
  if (v === UNKNOWN_AFTER_APPLY) return { kind: 'Variable', name: `${PLANNED_UNKNOWN}${AFTER_APPLY_REASON}`, range: at };
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return { kind: 'Literal', value: v, range: at };
  if (typeof v === 'string') return { kind: 'Template', parts: [{ kind: 'TemplateLiteral', value: v, range: at }], range: at };
  if (Array.isArray(v)) return { kind: 'Tuple', items: v.map((item) => expression(item, at)), range: at };
  const items: ObjectItem[] = Object.entries(v).map(([k, item]) => ({
    key: { kind: 'Template', parts: [{ kind: 'TemplateLiteral', value: k, range: at }], range: at },
    keyIsIdentifier: false,
    value: expression(item, at),
    range: at,
  }));
  return { kind: 'Object', items, range: at };
}

function attribute(name: string, expr: Expression, at: Range): Attribute {
  return { kind: 'Attribute', name, nameRange: at, expr, range: at };
}

function block(type: string, labels: string[], items: BodyItem[], at: Range): Block {
  return {
    kind: 'Block',
    type,
    typeRange: at,
    labels: labels.map((value) => ({ value, range: at, quoted: true })),
    body: items,
    openBrace: at,
    closeBrace: at,
    range: at,
  };
}
