import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SENSITIVE, UNKNOWN_AFTER_APPLY } from '../../server/src/engine/plan/plan-model.js';

/** A resource_changes[] entry as Terraform 1.x writes it, with the given change members. */
export function change(address: string, changeMembers: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const moduleMatch = /^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*)/.exec(address)![1]!;
  const rest = address.slice(moduleMatch.length);
  const [, data, type, name, key] = /^(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)(\[.*\])?$/.exec(rest)!;
  const entry: Record<string, unknown> = {
    address,
    mode: data ? 'data' : 'managed',
    type,
    name,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { before: null, after: null, after_unknown: {}, before_sensitive: false, after_sensitive: false, ...changeMembers },
    ...extra,
  };
  if (moduleMatch) entry.module_address = moduleMatch.slice(0, -1);
  if (key) entry.index = JSON.parse(key.slice(1, -1));
  return entry;
}

/** A format 1.2 plan around the given changes. */
export function plan1(members: Record<string, unknown>): Record<string, unknown> {
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: {} },
    resource_changes: [],
    configuration: { root_module: {} },
    ...members,
  };
}

export function writePlan(content: string | Buffer | object, name = 'plan.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'iac-plan-'));
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2));
  return file;
}

/** Every string and number in a read value, and symbols by name: what any output could print. */
export function printable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v === SENSITIVE ? '(sensitive)' : v === UNKNOWN_AFTER_APPLY ? '(known after apply)' : v));
}

/** Every string reachable from the value, symbols' descriptions included, keys included. */
export function everyString(value: unknown, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'symbol') out.push(value.description ?? '');
  else if (value !== null && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) {
      out.push(String(key));
      everyString((value as Record<string | symbol, unknown>)[key], out, seen);
    }
  }
  return out;
}
