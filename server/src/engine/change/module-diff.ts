import type { ModuleAnalysis } from '../analyze.js';
import type { BlockRef, Module } from '../model/module.js';
import { blockText, normalizeSource } from './source-text.js';
import { movedFrom, renamedUnchanged } from './refactor-blocks.js';

export type BlockKind = 'resource' | 'data' | 'module' | 'provider' | 'terraform';

/** One block that a change added, removed or modified, matched by address between base and head. */
export interface BlockDiff {
  /** `aws_s3_bucket.logs`, `data.x.y`, `module.vpc`, `provider.aws.west`, `terraform` (every terraform block together). */
  key: string;
  kind: BlockKind;
  /** Resource or data source type. */
  type?: string;
  status: 'added' | 'removed' | 'modified';
  base?: BlockRef[];
  head?: BlockRef[];
}

/** A module at the base of a change and in the working tree (either may be absent: a new or a deleted module). */
export interface ModuleDiff {
  /** Directory in the working tree (for a deleted module: where it was). */
  dir: string;
  base?: ModuleAnalysis;
  head?: ModuleAnalysis;
  blocks: BlockDiff[];
  /**
   * Blocks renamed by the change that stay the same object (SPEC §7): new
   * address → old, from `moved` blocks and from renames that left the body
   * unchanged.
   */
  renamed: Map<string, string>;
}

interface Keyed {
  kind: BlockKind;
  type?: string;
  refs: BlockRef[];
}

/** Blocks of a module by key; formatting-only edits (whitespace, alignment) are not changes. */
function keyedBlocks(module: Module | undefined): Map<string, Keyed> {
  const out = new Map<string, Keyed>();
  if (!module) return out;
  const add = (key: string, kind: BlockKind, ref: BlockRef, type?: string) => {
    const entry = out.get(key);
    if (entry) entry.refs.push(ref);
    else out.set(key, { kind, refs: [ref], ...(type !== undefined ? { type } : {}) });
  };
  for (const r of module.resources) add(r.address, 'resource', r, r.type);
  for (const d of module.dataSources) add(d.address, 'data', d, d.type);
  for (const m of module.moduleCalls) add(m.address, 'module', m);
  for (const p of module.providers) add(`provider.${p.name}${p.alias ? `.${p.alias}` : ''}`, 'provider', p);
  for (const t of module.terraformBlocks) add('terraform', 'terraform', t);
  return out;
}

/** Source text with layout removed: `terraform fmt` realignment is not a change. */
function normalized(refs: readonly BlockRef[]): string {
  return refs.map((r) => normalizeSource(blockText(r))).join('\n');
}

export function diffModule(dir: string, base: ModuleAnalysis | undefined, head: ModuleAnalysis | undefined): ModuleDiff {
  const before = keyedBlocks(base?.module);
  const after = keyedBlocks(head?.module);
  const blocks: BlockDiff[] = [];
  for (const [key, h] of after) {
    const b = before.get(key);
    const common = { key, kind: h.kind, ...(h.type !== undefined ? { type: h.type } : {}) };
    if (!b) blocks.push({ ...common, status: 'added', head: h.refs });
    else if (normalized(b.refs) !== normalized(h.refs)) blocks.push({ ...common, status: 'modified', base: b.refs, head: h.refs });
  }
  for (const [key, b] of before) {
    if (!after.has(key)) blocks.push({ key, kind: b.kind, ...(b.type !== undefined ? { type: b.type } : {}), status: 'removed', base: b.refs });
  }
  const renamed = head ? new Map([...renamedUnchanged(base?.module, head.module), ...movedFrom(head.module)]) : new Map<string, string>();
  const diff: ModuleDiff = { dir, blocks, renamed };
  if (base) diff.base = base;
  if (head) diff.head = head;
  return diff;
}
