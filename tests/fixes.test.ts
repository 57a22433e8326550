import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../server/src/engine/analyze.js';
import { applyEdits } from '../server/src/engine/fix/apply-edits.js';
import { parseSource } from '../server/src/engine/parse/parse-file.js';
import { RULES } from '../server/src/engine/rules/registry.generated.js';
import { BASE_FOLDER, diffCaseOptions } from './support/diff-case.js';

/**
 * Fix tests: next to a failing fixture `x.tf` (or in a case folder), `x.tf.fixed`
 * is the exact text after applying every fix of the folder's rule in that file,
 * one at a time as a user would (re-analysing in between). The result must
 * match byte for byte, parse, and no longer carry the findings that were fixed.
 */
const ROOT = join(import.meta.dirname, '..', 'test-fixtures');
const NOW = new Date('2026-11-23T12:00:00Z');

interface FixCase {
  ruleId: string;
  input: string;
  expected: string;
  /** Files that make up the module (for a one-file case: just the input, plus a config). */
  moduleFiles: string[];
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function collect(): FixCase[] {
  const cases: FixCase[] = [];
  for (const expected of walk(ROOT).filter((f) => f.endsWith('.fixed'))) {
    const rel = relative(ROOT, expected).split('/');
    const ruleId = `${rel[0]}/${rel[1]}`;
    const input = expected.slice(0, -'.fixed'.length);
    const ruleDir = join(ROOT, rel[0]!, rel[1]!);
    const moduleFiles =
      dirname(input) === ruleDir
        ? [input, ...[join(ruleDir, '.iac-review.json')].filter(existsSync)]
        : readdirSync(dirname(input))
            .map((n) => join(dirname(input), n))
            .filter((p) => statSync(p).isFile() && !p.endsWith('.fixed'));
    cases.push({ ruleId, input, expected, moduleFiles });
  }
  return cases;
}

function findingsIn(dir: string, file: string, ruleId: string) {
  const rule = RULES.find((r) => r.meta.id === ruleId);
  if (!rule) throw new Error(`unknown rule ${ruleId}`);
  const result = analyzeWorkspace({ cwd: dir, paths: [dir], rules: [rule], now: NOW, ...diffCaseOptions(dir) });
  return { findings: result.findings.filter((f) => f.file === file && f.ruleId === ruleId && !f.suppression), errors: result.errors };
}

const cases = collect();

describe('fixes', () => {
  it('exist for the fixable rules', () => {
    const fixable = RULES.filter((r) => r.meta.fixable).map((r) => r.meta.id);
    for (const id of fixable.filter((id) => !id.startsWith('suppression/') && !id.startsWith('versioning/'))) {
      expect(cases.some((c) => c.ruleId === id), `${id} is fixable but has no .fixed test`).toBe(true);
    }
  });

  for (const c of cases) {
    it(`${c.ruleId} › ${relative(ROOT, c.input)}`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'iac-fix-'));
      for (const f of c.moduleFiles) copyFileSync(f, join(dir, basename(f)));
      const base = join(dirname(c.input), BASE_FOLDER);
      if (existsSync(base)) cpSync(base, join(dir, BASE_FOLDER), { recursive: true });
      const target = join(dir, basename(c.input));
      const before = findingsIn(dir, target, c.ruleId).findings;
      expect(before.some((f) => f.fix), 'the fixture has a fixable finding').toBe(true);
      for (let round = 0; round < 50; round++) {
        const fixable = findingsIn(dir, target, c.ruleId).findings.find((f) => f.fix);
        if (!fixable) break;
        const text = readFileSync(target, 'utf8');
        writeFileSync(target, applyEdits(text, fixable.fix!.edits.filter((e) => e.file === target)));
      }
      const fixed = readFileSync(target, 'utf8');
      expect(fixed).toBe(readFileSync(c.expected, 'utf8'));
      expect(parseSource(target, fixed).errors).toEqual([]);
      const after = findingsIn(dir, target, c.ruleId);
      expect(after.errors).toEqual([]);
      const remaining = new Set(after.findings.map((f) => f.message));
      for (const f of before.filter((b) => b.fix)) expect(remaining.has(f.message), `still reported: ${f.message}`).toBe(false);
    });
  }
});
