import { parseSource } from '../../parse/parse-file.js';
import { locateBlock } from '../block-locator.js';

/** The files of a module being generated: path → text. */
export type ModuleTexts = Map<string, string>;

/** A mutation whose anchor is not where the operator expects it: a bug in the operator, never a user error. */
export class MutationError extends Error {}

/** Rewrites the text of one block (found by address) in one file. */
export function editBlock(files: ModuleTexts, file: string, address: string, edit: (block: string) => string): void {
  const text = files.get(file);
  if (text === undefined) throw new MutationError(`no file ${file}`);
  const parsed = parseSource(`/${file}`, text);
  const location = locateBlock([parsed], address);
  if (!location) throw new MutationError(`no block ${address} in ${file}`);
  const start = parsed.lineStarts[location.startLine - 1]!;
  const end = parsed.lineStarts[location.endLine] ?? text.length;
  const before = text.slice(start, end);
  const after = edit(before);
  if (after === before) throw new MutationError(`editing ${address} in ${file} changed nothing`);
  files.set(file, text.slice(0, start) + after + text.slice(end));
}

/** Replaces the one occurrence of `from`. */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new MutationError(`expected exactly one "${from.trim()}"`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Replaces the value of the one attribute line `name = …` (keeping its indentation and alignment). */
export function setAttribute(block: string, name: string, value: string): string {
  const re = new RegExp(`^(\\s*${name}\\s*=\\s*).*$`, 'gm');
  const matches = block.match(re);
  if (!matches || matches.length !== 1) throw new MutationError(`expected exactly one "${name} =" line`);
  return block.replace(re, (_, prefix: string) => `${prefix}${value}`);
}

/** Removes the one attribute line `name = …`, and a blank line it leaves right after an opening brace. */
export function removeAttribute(block: string, name: string): string {
  const re = new RegExp(`^\\s*${name}\\s*=.*\\n`, 'gm');
  const matches = block.match(re);
  if (!matches || matches.length !== 1) throw new MutationError(`expected exactly one "${name} =" line`);
  return realign(block.replace(re, '').replace(/\{\n\s*\n/g, '{\n'));
}

/** Inserts `name = value` after the line `name = …` named by `after`, aligned with it. */
export function insertAttributeAfter(block: string, after: string, name: string, value: string): string {
  const re = new RegExp(`^(\\s*)${after}(\\s*)=.*\\n`, 'm');
  const m = re.exec(block);
  if (!m) throw new MutationError(`no "${after} =" line`);
  const line = `${m[1]}${name} = ${value}\n`;
  const at = m.index + m[0].length;
  return realign(block.slice(0, at) + line + block.slice(at));
}

/**
 * Aligns the `=` of consecutive single-line attributes at the same
 * indentation, as `terraform fmt` does, so a planted line reads like the rest.
 */
export function realign(text: string): string {
  const lines = text.split('\n');
  const attr = /^(\s*)([\w-]+)\s*=\s(.*)$/;
  let i = 0;
  while (i < lines.length) {
    const first = attr.exec(lines[i]!);
    if (!first) {
      i++;
      continue;
    }
    let j = i;
    const run: RegExpExecArray[] = [];
    while (j < lines.length) {
      const m = attr.exec(lines[j]!);
      if (!m || m[1] !== first[1]) break;
      run.push(m);
      j++;
      // A multi-line value ends the run (fmt aligns across it only in some cases; the base avoids them).
      if (/[{[(]$/.test(m[3]!.trim())) break;
    }
    const width = Math.max(...run.map((m) => m[2]!.length));
    run.forEach((m, k) => {
      lines[i + k] = `${m[1]}${m[2]!.padEnd(width)} = ${m[3]}`;
    });
    i = j;
  }
  return lines.join('\n');
}
