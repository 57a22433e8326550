import type { SourceFile } from './ast.js';

/** The text of a 1-based line, without its line ending; '' past the end of the file. */
export function lineText(file: SourceFile, line: number): string {
  const start = file.lineStarts[line - 1];
  if (start === undefined) return '';
  const next = file.lineStarts[line];
  return file.text.slice(start, next === undefined ? file.text.length : next).replace(/\r?\n$/, '');
}
