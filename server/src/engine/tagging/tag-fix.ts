import type { Attribute, SourceFile } from '../parse/ast.js';
import type { Fix } from '../finding.js';
import type { ResourceRef } from '../model/module.js';
import { addMapEntriesFix, insertAttributeFix, insertNestedBlockFix, mapKeyText } from '../fix/block-edits.js';
import type { EffectiveTags } from './effective-tags.js';

/**
 * The value a fix writes for a missing tag. It is reported until a human
 * fills it in (tagging/required-tags), so a fix never silently invents data.
 */
export const TAG_PLACEHOLDER = 'TODO';

export function isTagPlaceholder(value: string): boolean {
  return value.trim().toUpperCase() === TAG_PLACEHOLDER;
}

/** Google label keys are lower case: `CostCenter` becomes `cost_center`. */
function keyFor(resource: ResourceRef, key: string): string {
  if (!resource.type.startsWith('google_')) return key;
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase();
}

/**
 * Adds the missing keys with placeholder values: into the literal `tags` map,
 * into the last literal map of a `merge(…)`, or as a new `tags` argument;
 * `tag { }` blocks for aws_autoscaling_group. Undefined when the tags come
 * from somewhere a fix cannot safely edit (a variable, a local).
 */
export function missingTagsFix(file: SourceFile, resource: ResourceRef, tags: EffectiveTags, missing: string[]): Fix | undefined {
  const keys = missing.map((k) => keyFor(resource, k));
  const title = `Add the missing ${keys.length === 1 ? 'tag' : 'tags'} ${keys.join(', ')} (values to fill in)`;
  const value = JSON.stringify(TAG_PLACEHOLDER);
  const site = tags.site;
  if (site.kind === 'key-value-blocks') {
    // One `tag { }` block per fix: with several keys missing there is no fix yet (each insert would realign the same lines).
    const fix = insertNestedBlockFix(file, resource.block, site.block, [['key', JSON.stringify(keys[0]!)], ['value', value], ['propagate_at_launch', 'true']], title);
    return keys.length === 1 ? fix : undefined;
  }
  if (site.kind !== 'attribute') return undefined;
  const entries = keys.map((k) => [k, value] as const);
  const existing = tags.tagsAttribute?.attribute;
  if (existing) return addToExisting(file, existing, entries, title);
  let width = 0;
  for (const k of keys) width = Math.max(width, mapKeyText(k).length);
  const body = entries.map(([k, v]) => `  ${mapKeyText(k).padEnd(width)} = ${v}`).join('\n');
  return insertAttributeFix(file, resource.block, site.name, `{\n${body}\n}`, title);
}

function addToExisting(file: SourceFile, attribute: Attribute, entries: ReadonlyArray<readonly [string, string]>, title: string): Fix | undefined {
  const direct = addMapEntriesFix(file, attribute, entries, title);
  if (direct) return direct;
  const expr = attribute.expr;
  if (expr.kind === 'Call' && expr.name === 'merge') {
    const last = expr.args[expr.args.length - 1];
    if (last?.kind === 'Object') return addMapEntriesFix(file, { ...attribute, expr: last }, entries, title);
  }
  return undefined;
}
