import type { SourceFile } from '../parse/ast.js';
import type { BlockRef } from '../model/module.js';
import { offsetAt, rangeText, type Range } from '../range.js';

/** The text of a node (block, attribute, expression) as written in its file. */
export function sourceText(file: SourceFile, node: { range: Range }): string {
  return rangeText(file, node.range);
}

export function blockText(ref: BlockRef): string {
  return sourceText(ref.file, ref.block);
}

/** The text inside a block's braces (without its type and labels: what stays the same when the block is renamed). */
export function blockBodyText(ref: BlockRef): string {
  return ref.file.text.slice(offsetAt(ref.file.lineStarts, ref.block.openBrace.end), offsetAt(ref.file.lineStarts, ref.block.range.end));
}

/** Source text with layout removed: a realignment by `terraform fmt` or re-indentation is not a change. */
export function normalizeSource(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
