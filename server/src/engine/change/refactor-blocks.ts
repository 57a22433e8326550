import type { Block, SourceFile } from '../parse/ast.js';
import type { BlockRef, Module } from '../model/module.js';
import { findAttribute } from '../rules/rule.js';
import { sourceText } from './source-text.js';

/**
 * What a module's `moved` and `removed` blocks say about addresses: read by
 * refactor/missing-moved-block, by diff mode (a renamed block keeps its
 * findings' identity) and by the review checklist.
 */

/** `moved` blocks (`from = a`, `to = b`) of a module: new address → old address. */
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
      if (from) out.set(stripIndex(from), { destroys: !keepsObject(item, file) });
    }
  }
  return out;
}

function keepsObject(block: Block, file: SourceFile): boolean {
  for (const item of block.body) {
    if (item.kind !== 'Block' || item.type !== 'lifecycle') continue;
    const destroy = findAttribute(item, 'destroy');
    if (destroy && sourceText(file, destroy.expr).trim() === 'false') return true;
  }
  return false;
}

export function addressArgument(ref: BlockRef, name: string): string | undefined {
  const attr = findAttribute(ref.block, name);
  return attr ? sourceText(ref.file, attr.expr).replace(/\s+/g, '') : undefined;
}

/** `aws_x.y[0]` → `aws_x.y`: what `/\[[^\]]*\]$/` removes, without its quadratic retry from every `[`. */
export function stripIndex(address: string): string {
  if (!address.endsWith(']')) return address;
  const open = address.indexOf('[', address.lastIndexOf(']', address.length - 2) + 1);
  return open < 0 ? address : address.slice(0, open);
}
