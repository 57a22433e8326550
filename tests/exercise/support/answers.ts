// A model candidate for scoring tests: writes a REVIEW comment with the right words above each problem's block.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnswerKey, KeyProblem } from '../../../server/src/engine/exercise/answer-key.js';

/** What a strong candidate would write for each category. */
export const ANSWER_WORDS: Record<string, string> = {
  iam: 'too broad — wildcard, not least privilege',
  tagging: 'missing a required tag (CostCenter/Owner)',
  naming: 'name does not follow the naming convention',
  versioning: 'not pinned to a version',
  secrets: 'secret in plaintext — use a sensitive variable / Secrets Manager',
  hardcoded: 'hard-coded value, should be a variable or data source',
  lifecycle: 'no prevent_destroy lifecycle protection',
  resilience: 'no deletion protection / backups',
  encryption: 'not encrypted at rest (KMS)',
  network: 'open to 0.0.0.0/0 — exposed to the internet',
  observability: 'log retention missing, logs kept forever',
  state: 'state backend has no locking',
  variables: 'variable needs a type and description',
  refactor: 'renamed without a moved block — destroy and recreate (forced replacement)',
};

/** Text with lines inserted, as given, before the given 1-based line numbers of the original. */
export function insertLines(text: string, inserts: Record<number, string[]>): string {
  const lines = text.split('\n');
  for (const at of Object.keys(inserts).map(Number).sort((a, b) => b - a)) lines.splice(at - 1, 0, ...inserts[at]!);
  return lines.join('\n');
}

/**
 * What a candidate who understood the problem writes: its rule and, in their
 * own words, the explanation — never the key's `subjects` (scoring must credit
 * an answer that says what the problem is, however the key spells it).
 */
export function modelAnswer(p: KeyProblem): string {
  return `${p.ruleId ?? ANSWER_WORDS[p.category] ?? p.category}: ${p.explanation.replace(/\s+/g, ' ')}`;
}

/** Answers every key problem with one comment directly above its block. */
export function answerEveryProblem(dir: string, key: AnswerKey): void {
  const byFile = new Map<string, Record<number, string[]>>();
  for (const p of key.problems) {
    const inserts = byFile.get(p.file) ?? {};
    (inserts[p.lines[0]] ??= []).push(`# REVIEW: ${modelAnswer(p)}`);
    byFile.set(p.file, inserts);
  }
  for (const [file, inserts] of byFile) {
    const path = join(dir, file);
    writeFileSync(path, insertLines(readFileSync(path, 'utf8'), inserts));
  }
}
