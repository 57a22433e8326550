import type { Block, BodyItem } from '../parse/ast.js';
import type { BlockRef, Module } from '../model/module.js';
import { findAttribute } from '../rules/rule.js';
import { normalizeSource } from './item-id.js';

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
      const text = normalizeSource(file.text.slice(item.range.start.offset, item.range.end.offset));
      out.set(name, out.has(name) ? `${out.get(name)}\n${text}` : text);
    }
  }
  return out;
}

function itemName(item: BodyItem): string {
  if (item.kind === 'Attribute') return item.name;
  return item.type === 'dynamic' && item.labels[0] ? item.labels[0].value : item.type;
}

/** `moved { from = a, to = b }` blocks of a module: new address → old address. */
export function movedFrom(module: Module | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!module) return out;
  for (const ref of module.movedBlocks) {
    const from = addressArgument(ref, 'from');
    const to = addressArgument(ref, 'to');
    if (from && to) out.set(stripIndex(to), stripIndex(from));
  }
  return out;
}

/**
 * Addresses a `removed` block accounts for, with whether it destroys the
 * object (`lifecycle { destroy = false }` only forgets it; the default destroys).
 */
export function removedBlocks(module: Module | undefined): Map<string, { destroys: boolean }> {
  const out = new Map<string, { destroys: boolean }>();
  if (!module) return out;
  for (const file of module.files) {
    for (const item of file.body) {
      if (item.kind !== 'Block' || item.type !== 'removed') continue;
      const from = addressArgument({ block: item, file }, 'from');
      if (from) out.set(stripIndex(from), { destroys: !keepsObject(item, file.text) });
    }
  }
  return out;
}

function keepsObject(block: Block, text: string): boolean {
  for (const item of block.body) {
    if (item.kind !== 'Block' || item.type !== 'lifecycle') continue;
    const destroy = findAttribute(item, 'destroy');
    if (destroy && normalizeSource(text.slice(destroy.expr.range.start.offset, destroy.expr.range.end.offset)) === 'false') return true;
  }
  return false;
}

function addressArgument(ref: BlockRef, name: string): string | undefined {
  const attr = findAttribute(ref.block, name);
  return attr ? ref.file.text.slice(attr.expr.range.start.offset, attr.expr.range.end.offset).replace(/\s+/g, '') : undefined;
}

/** `aws_x.y[0]` → `aws_x.y`. */
function stripIndex(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}
