import type { BodyItem } from '../parse/ast.js';
import type { BlockRef } from '../model/module.js';
import { normalizeSource, sourceText } from '../change/source-text.js';

/** Arguments no provider replaces a resource for, and that grant, expose or version nothing: a change to them alone asks nothing. */
const METADATA_ARGUMENTS = new Set(['tags', 'labels', 'tags_all']);

/**
 * The top-level arguments and nested block types whose source differs
 * between the base and the head of a block (layout and comments aside), in
 * the order the head writes them, then those only the base had.
 */
export function changedArguments(base: readonly BlockRef[], head: readonly BlockRef[]): string[] {
  const before = argumentTexts(base);
  const after = argumentTexts(head);
  const out: string[] = [];
  for (const [name, text] of after) if (before.get(name) !== text) out.push(name);
  for (const name of before.keys()) if (!after.has(name)) out.push(name);
  return out;
}

/** True when a change touched something besides tags/labels. */
export function changesMoreThanMetadata(changed: readonly string[]): boolean {
  return changed.some((name) => !METADATA_ARGUMENTS.has(name));
}

function argumentTexts(refs: readonly BlockRef[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const { block, file } of refs) {
    for (const item of block.body) {
      const name = itemName(item);
      const text = normalizeSource(sourceText(file, item));
      out.set(name, out.has(name) ? `${out.get(name)}\n${text}` : text);
    }
  }
  return out;
}

function itemName(item: BodyItem): string {
  if (item.kind === 'Attribute') return item.name;
  return item.type === 'dynamic' && item.labels[0] ? item.labels[0].value : item.type;
}
