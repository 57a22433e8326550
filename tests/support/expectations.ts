import { readExpectations, type Expectation } from '../../server/src/engine/expectations/expect-comments.js';

export type { Expectation };

/**
 * Reads the expectations of a fixture file (the engine's reader, shared with
 * `iac-review policy test`); a comment that cannot be read fails the test.
 */
export function parseExpectations(file: string, text: string): Expectation[] {
  const { expectations, problems } = readExpectations(file, text);
  if (problems.length) throw new Error(problems.join('\n'));
  return expectations;
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
