import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyzeWorkspace, type AnalysisResult } from '../../server/src/engine/analyze.js';
import { defineRule, type Rule } from '../../server/src/engine/rules/rule.js';
import { policiesOf, type PolicySet } from '../../server/src/engine/iam/policy-sources.js';

const NOW = new Date('2026-11-23T12:00:00Z');

/** Writes a module to a temporary directory. */
export function writeModule(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iac-review-iam-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** The normalised policies of a module, read through the real parser, model and evaluator. */
export function readPolicies(files: Record<string, string>): PolicySet {
  const dir = writeModule(files);
  let captured: PolicySet | undefined;
  const probe = defineRule({
    meta: {
      id: 'test/iam-probe',
      title: 'probe',
      problem: 'probe',
      category: 'test',
      severity: 'info',
      rationale: 'test',
      remediation: 'test',
      equivalents: {},
      examples: { failing: '', passing: '' },
    },
    check(ctx) {
      captured = policiesOf(ctx);
    },
  });
  const result = analyzeWorkspace({ cwd: dir, paths: [dir], rules: [probe], now: NOW });
  if (result.errors.length) throw new Error(result.errors.map((e) => e.message).join('\n'));
  if (!captured) throw new Error('the probe rule did not run');
  return captured;
}

/** Runs rules over a module. */
export function runRules(files: Record<string, string>, rules: Rule<any>[]): AnalysisResult {
  const dir = writeModule(files);
  return analyzeWorkspace({ cwd: dir, paths: [dir], rules, now: NOW });
}
