/**
 * Where module-level findings go (SPEC §2): the `terraform` block (or a
 * `required_providers` entry) when there is one, else the first block that
 * uses the provider, else line 1 of the first file.
 */
import type { Block, SourceFile } from '../parse/ast.js';
import type { BlockRef, Module } from '../model/module.js';
import { comparePositions, type Position, type Range } from '../range.js';
import { findBlocks, headerRange } from '../rules/rule.js';

export interface AnchoredRange {
  file: SourceFile;
  range: Range;
}

/**
 * The `terraform` block where version settings belong: the first one that
 * already holds `required_providers` (the `versions.tf` convention), else
 * the first `terraform` block of the module.
 */
export function settingsTerraformBlock(module: Module): BlockRef | undefined {
  return module.terraformBlocks.find((t) => findBlocks(t.block, 'required_providers').length > 0) ?? module.terraformBlocks[0];
}

/** The first `required_providers` block of the module, with the file it is in. */
export function firstRequiredProvidersBlock(module: Module): BlockRef | undefined {
  for (const t of module.terraformBlocks) {
    const rp = findBlocks(t.block, 'required_providers')[0];
    if (rp) return { block: rp, file: t.file };
  }
  return undefined;
}

export function blockHeader(ref: { block: Block; file: SourceFile }): AnchoredRange {
  return { file: ref.file, range: headerRange(ref.block) };
}

/** Line 1 of the module's first file (its text up to the end of the line), or undefined for an empty module. */
export function firstLineOfModule(module: Module): AnchoredRange | undefined {
  const file = module.files[0];
  if (!file) return undefined;
  const end = file.lineStarts.length > 1 ? file.lineStarts[1]! - 1 : file.text.length;
  const endOffset = end > 0 && file.text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  return {
    file,
    range: {
      start: { line: 1, column: 1 },
      end: { line: 1, column: endOffset + 1 },
    },
  };
}

/** Orders places "first in the module": file order, then position in the file. */
export function compareModuleOrder(module: Module, a: { file: SourceFile; at: Position }, b: { file: SourceFile; at: Position }): number {
  const index = (file: SourceFile) => {
    const i = module.files.indexOf(file);
    return i < 0 ? module.files.length : i;
  };
  return index(a.file) - index(b.file) || comparePositions(a.at, b.at);
}
