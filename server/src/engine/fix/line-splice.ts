import type { TextEdit } from '../finding.js';
import type { SourceFile } from '../parse/ast.js';
import { rangeFromOffsets } from '../range.js';
import { realign } from './fmt-lines.js';

/** The file's lines without their `\n` (a CRLF file keeps `\r` at each line end). */
export function fileLines(file: SourceFile): string[] {
  return file.text.split('\n');
}

export function isCrlf(file: SourceFile): boolean {
  const nl = file.text.indexOf('\n');
  return nl > 0 && file.text.charCodeAt(nl - 1) === 13;
}

/** Leading whitespace of a 1-based line. */
export function indentOf(file: SourceFile, line: number): string {
  const text = fileLines(file)[line - 1] ?? '';
  return /^[ \t]*/.exec(text)![0];
}

/**
 * Replaces `deleteCount` lines starting at 0-based `index` with `insert`
 * (lines without line endings), realigns the `=`/comment runs around them as
 * terraform fmt does, and returns the smallest whole-line edit.
 */
export function spliceLines(file: SourceFile, index: number, deleteCount: number, insert: string[]): TextEdit {
  const old = fileLines(file);
  const cr = isCrlf(file) ? '\r' : '';
  const added = insert.map((l) => l + cr);
  const spliced = [...old.slice(0, index), ...added, ...old.slice(index + deleteCount)];
  const next = realign(spliced, index, index + Math.max(added.length, 1) - 1);
  let first = 0;
  while (first < old.length && first < next.length && old[first] === next[first]) first++;
  let oldEnd = old.length - 1;
  let newEnd = next.length - 1;
  while (oldEnd >= first && newEnd >= first && old[oldEnd] === next[newEnd]) {
    oldEnd--;
    newEnd--;
  }
  const start = file.lineStarts[first] ?? file.text.length;
  const replacesLast = oldEnd >= old.length - 1;
  const end = replacesLast ? file.text.length : file.lineStarts[oldEnd + 1]!;
  const newLines = next.slice(first, newEnd + 1);
  const newText = replacesLast ? newLines.join('\n') : newLines.map((l) => l + '\n').join('');
  return { file: file.path, range: rangeFromOffsets(file.lineStarts, start, end), newText };
}
