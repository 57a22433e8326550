import type { Block, SourceFile } from '../parse/ast.js';
import type { BlockRef, Module, ModuleCallRef, ResourceRef } from '../model/module.js';
import { findAttribute } from '../rules/rule.js';
import { blockBodyText, normalizeSource, sourceText } from './source-text.js';

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

/**
 * Blocks renamed without a `moved` block but with their body unchanged
 * (SPEC §7: the same object across the change): head address → base
 * address, for a resource, data source or module call the base lacks that
 * matches exactly one base block of the same kind and type the head lacks,
 * body for body (white space aside).
 */
export function renamedUnchanged(base: Module | undefined, head: Module): Map<string, string> {
  const out = new Map<string, string>();
  if (!base) return out;
  const gone = new Map<string, string[]>();
  for (const ref of blocksOf(base)) {
    if (head.byAddress.has(ref.address)) continue;
    const key = `${kindOf(ref)}\u0000${normalizeSource(blockBodyText(ref))}`;
    gone.set(key, [...(gone.get(key) ?? []), ref.address]);
  }
  if (gone.size === 0) return out;
  const added = new Map<string, string[]>();
  for (const ref of blocksOf(head)) {
    if (base.byAddress.has(ref.address)) continue;
    const key = `${kindOf(ref)}\u0000${normalizeSource(blockBodyText(ref))}`;
    added.set(key, [...(added.get(key) ?? []), ref.address]);
  }
  for (const [key, to] of added) {
    const from = gone.get(key);
    // Only a one-to-one match is a rename: two identical new blocks could be copies of either.
    if (from?.length === 1 && to.length === 1) out.set(to[0]!, from[0]!);
  }
  return out;
}

function blocksOf(module: Module): Array<ResourceRef | ModuleCallRef> {
  return [...module.resources, ...module.dataSources, ...module.moduleCalls];
}

function kindOf(ref: ResourceRef | ModuleCallRef): string {
  return 'type' in ref ? `${ref.mode} ${ref.type}` : 'module';
}
