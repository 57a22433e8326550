import type { SourceFile } from '../parse/ast.js';
import type { BlockRef } from '../model/module.js';
import { rangeText, type Range } from '../range.js';

/** The text of a node (block, attribute, expression) as written in its file. */
export function sourceText(file: SourceFile, node: { range: Range }): string {
  return rangeText(file, node.range);
}

export function blockText(ref: BlockRef): string {
  return sourceText(ref.file, ref.block);
}

/** The text inside a block's braces (without its type and labels: what stays the same when the block is renamed). */
export function blockBodyText(ref: BlockRef): string {
  return rangeText(ref.file, { start: ref.block.openBrace.end, end: ref.block.range.end });
}

/** Source text with layout removed: a realignment by `terraform fmt` or re-indentation is not a change. */
export function normalizeSource(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
