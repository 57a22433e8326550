import { isSeverity, type Severity } from '../../server/src/engine/severity.js';

/** One `# expect: rule-id[severity]` written in a fixture. */
export interface Expectation {
  file: string;
  /** 1-based line where the finding must start. */
  line: number;
  ruleId: string;
  severity?: Severity;
}

const EXPECT = /(?:#|\/\/)\s*expect:\s*(.+?)\s*$/;

/**
 * Reads the expectations of a fixture file. A trailing `# expect: id` refers
 * to its own line; a line holding only the comment refers to the next line
 * that is not itself an expect-only line.
 */
export function parseExpectations(file: string, text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const out: Expectation[] = [];
  let pending: Array<Omit<Expectation, 'line'>> = [];
  lines.forEach((line, i) => {
    const m = EXPECT.exec(line);
    const before = m ? line.slice(0, m.index).trim() : line.trim();
    const items = m ? parseItems(file, m[1]!) : [];
    if (m && before === '') {
      pending.push(...items);
      return;
    }
    for (const p of pending) out.push({ ...p, line: i + 1 });
    pending = [];
    for (const item of items) out.push({ ...item, line: i + 1 });
  });
  if (pending.length) throw new Error(`${file}: an expect comment at the end of the file refers to no line`);
  return out;
}

function parseItems(file: string, list: string): Array<Omit<Expectation, 'line'>> {
  return list.split(',').map((raw) => {
    const m = /^\s*([a-z0-9-]+(?:\/[a-z0-9-]+)?)(?:\[(\w+)\])?\s*$/.exec(raw);
    if (!m) throw new Error(`${file}: cannot read expectation "${raw}"`);
    const severity = m[2];
    if (severity !== undefined && !isSeverity(severity)) throw new Error(`${file}: unknown severity "${severity}"`);
    return severity ? { file, ruleId: m[1]!, severity } : { file, ruleId: m[1]! };
  });
}

/** Rule ids named in `iac-review:ignore` comments, so the harness runs the rules they suppress. */
export function suppressedRuleIds(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(/iac-review:ignore(?:-file)?\s+([a-z0-9/,\s-]+?)(?:\s+until=|\s+--|\s*$)/gm)) {
    for (const id of m[1]!.split(',')) if (id.trim().includes('/')) ids.push(id.trim());
  }
  return ids;
}

/**
 * Extra rules a case is run under, from `# fixture-rules: a/b, c/d`: one
 * fixture (a database protected by every argument) can prove several rules
 * silent without being copied into each rule's folder.
 */
export function fixtureRuleIds(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(/(?:#|\/\/)\s*fixture-rules:\s*(.+?)\s*$/gm)) {
    for (const id of m[1]!.split(',')) if (id.trim()) ids.push(id.trim());
  }
  return ids;
}
