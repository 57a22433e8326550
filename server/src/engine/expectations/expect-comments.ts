import { isSeverity, type Severity } from '../severity.js';

/**
 * Expectations written in fixture files (`# expect: rule-id[severity]`):
 * the rule fixtures' harness and `iac-review policy test` read them alike.
 */
export interface Expectation {
  file: string;
  /** 1-based line where the finding must start. */
  line: number;
  ruleId: string;
  severity?: Severity;
}

export interface ReadExpectations {
  expectations: Expectation[];
  /** Comments that could not be read, as sentences with their line. */
  problems: string[];
}

const EXPECT = /(?:#|\/\/)\s*expect:\s*(.+?)\s*$/;

/**
 * Reads the expectations of a fixture file. A trailing `# expect: id` refers
 * to its own line; a line holding only the comment refers to the next line
 * that is not itself an expect-only line.
 */
export function readExpectations(file: string, text: string): ReadExpectations {
  const lines = text.split(/\r?\n/);
  const out: Expectation[] = [];
  const problems: string[] = [];
  let pending: Array<Omit<Expectation, 'line'>> = [];
  lines.forEach((line, i) => {
    const m = EXPECT.exec(line);
    const before = m ? line.slice(0, m.index).trim() : line.trim();
    const items = m ? parseItems(file, i + 1, m[1]!, problems) : [];
    if (m && before === '') {
      pending.push(...items);
      return;
    }
    for (const p of pending) out.push({ ...p, line: i + 1 });
    pending = [];
    for (const item of items) out.push({ ...item, line: i + 1 });
  });
  if (pending.length) problems.push(`${file}: an expect comment at the end of the file refers to no line`);
  return { expectations: out, problems };
}

function parseItems(file: string, line: number, list: string, problems: string[]): Array<Omit<Expectation, 'line'>> {
  const out: Array<Omit<Expectation, 'line'>> = [];
  for (const raw of list.split(',')) {
    const m = /^\s*([a-z0-9-]+(?:\/[a-z0-9-]+)?)(?:\[(\w+)\])?\s*$/.exec(raw);
    if (!m) {
      problems.push(`${file}:${line}: cannot read expectation "${raw}"`);
      continue;
    }
    const severity = m[2];
    if (severity !== undefined && !isSeverity(severity)) {
      problems.push(`${file}:${line}: unknown severity "${severity}"`);
      continue;
    }
    out.push(severity ? { file, ruleId: m[1]!, severity } : { file, ruleId: m[1]! });
  }
  return out;
}
