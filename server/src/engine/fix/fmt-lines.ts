/**
 * The part of `terraform fmt` a fix must respect: vertical alignment of `=`
 * in runs of consecutive single-line assignments, and of trailing comments
 * (hclwrite's formatCells). A line has an "assign cell" when it holds a `=`
 * (not `==`, `<=`, `>=`, `!=`, `=>`) whose right-hand side opens no more
 * brackets than it closes; blank lines, comment lines, lines inside heredocs
 * and lines that open a multi-line value end a run.
 */

export interface LineCells {
  /** Index of the assigning `=`, when the line has an assign cell. */
  assign: number;
  /** Index of a trailing `#`/`//` comment after other tokens, else -1. */
  comment: number;
}

const NO_CELLS: LineCells = { assign: -1, comment: -1 };

/** Classifies every line of a text (heredoc bodies and block comments carry no cells). */
export function classifyLines(lines: readonly string[]): LineCells[] {
  const out: LineCells[] = [];
  let heredoc: string | undefined;
  let inBlockComment = false;
  for (const line of lines) {
    if (heredoc !== undefined) {
      out.push(NO_CELLS);
      if (line.trim() === heredoc) heredoc = undefined;
      continue;
    }
    const scanned = scanLine(line, inBlockComment);
    inBlockComment = scanned.inBlockComment;
    heredoc = scanned.heredoc;
    out.push(scanned.cells);
  }
  return out;
}

function scanLine(line: string, startsInComment: boolean): { cells: LineCells; inBlockComment: boolean; heredoc?: string } {
  let i = 0;
  let inBlockComment = startsInComment;
  let assign = -1;
  let depthAfterAssign = 0;
  let comment = -1;
  let sawToken = false;
  let heredoc: string | undefined;
  const n = line.length;
  while (i < n) {
    if (inBlockComment) {
      const end = line.indexOf('*/', i);
      if (end < 0) return { cells: NO_CELLS, inBlockComment: true };
      i = end + 2;
      inBlockComment = false;
      continue;
    }
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#' || (c === '/' && line[i + 1] === '/')) {
      if (sawToken) comment = i;
      break;
    }
    if (c === '/' && line[i + 1] === '*') {
      inBlockComment = true;
      i += 2;
      continue;
    }
    if (c === '"') {
      // Quoted template: `${` and `%{` open a bracket that the matching `}` closes.
      i++;
      let depth = 0;
      while (i < n) {
        const d = line[i]!;
        if (d === '\\') {
          i += 2;
          continue;
        }
        if ((d === '$' || d === '%') && line[i + 1] === '{') {
          depth++;
          i += 2;
          continue;
        }
        if (d === '}' && depth > 0) depth--;
        else if (d === '"' && depth === 0) break;
        i++;
      }
      i++;
      sawToken = true;
      continue;
    }
    if (c === '<' && line[i + 1] === '<') {
      const m = /^<<-?([A-Za-z_][\w-]*)\s*$/.exec(line.slice(i));
      if (m) {
        heredoc = m[1];
        sawToken = true;
        break;
      }
    }
    if (c === '=') {
      const prev = line[i - 1];
      const next = line[i + 1];
      const isAssign = next !== '=' && next !== '>' && prev !== '=' && prev !== '!' && prev !== '<' && prev !== '>';
      if (isAssign && assign < 0 && sawToken) {
        assign = i;
        i++;
        continue;
      }
    }
    if (assign >= 0) {
      if (c === '{' || c === '[' || c === '(') depthAfterAssign++;
      else if (c === '}' || c === ']' || c === ')') depthAfterAssign--;
    }
    sawToken = true;
    i++;
  }
  const cells: LineCells = { assign: assign >= 0 && depthAfterAssign === 0 ? assign : -1, comment };
  return heredoc !== undefined ? { cells, inBlockComment, heredoc } : { cells, inBlockComment };
}

/**
 * Realigns the `=` runs and trailing-comment runs that contain any line in
 * [from, to] (0-based, inclusive), as terraform fmt would. Other lines are
 * left exactly as they are.
 */
export function realign(lines: string[], from: number, to: number): string[] {
  const out = [...lines];
  let cells = classifyLines(out);
  const runAround = (index: number, has: (c: LineCells) => boolean): [number, number] | undefined => {
    if (index < 0 || index >= out.length || !has(cells[index]!)) return undefined;
    let a = index;
    let b = index;
    while (a > 0 && has(cells[a - 1]!)) a--;
    while (b < out.length - 1 && has(cells[b + 1]!)) b++;
    return [a, b];
  };
  const runs = (has: (c: LineCells) => boolean): Array<[number, number]> => {
    const found = new Map<number, [number, number]>();
    for (let i = Math.max(0, from - 1); i <= Math.min(out.length - 1, to + 1); i++) {
      const run = runAround(i, has);
      if (run) found.set(run[0], run);
    }
    return [...found.values()];
  };
  for (const [a, b] of runs((c) => c.assign >= 0)) {
    let width = 0;
    for (let i = a; i <= b; i++) width = Math.max(width, out[i]!.slice(0, cells[i]!.assign).trimEnd().length);
    for (let i = a; i <= b; i++) {
      const line = out[i]!;
      const lead = line.slice(0, cells[i]!.assign).trimEnd();
      out[i] = lead + ' '.repeat(width - lead.length + 1) + line.slice(cells[i]!.assign);
    }
  }
  cells = classifyLines(out);
  for (const [a, b] of runs((c) => c.comment >= 0)) {
    let width = 0;
    for (let i = a; i <= b; i++) width = Math.max(width, out[i]!.slice(0, cells[i]!.comment).trimEnd().length);
    for (let i = a; i <= b; i++) {
      const line = out[i]!;
      const before = line.slice(0, cells[i]!.comment).trimEnd();
      out[i] = before + ' '.repeat(width - before.length + 1) + line.slice(cells[i]!.comment);
    }
  }
  return out;
}
