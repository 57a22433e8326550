import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../server/src/engine/analyze.js';
import { NodeFileHost, type DirEntry, type FileHost } from '../server/src/engine/host.js';
import { sourceKind } from '../server/src/engine/discover.js';
import { RULES } from '../server/src/engine/rules/registry.generated.js';
import type { Rule } from '../server/src/engine/rules/rule.js';
import { diffCaseOptions, isBaseFile } from './support/diff-case.js';
import { existsSync } from 'node:fs';
import { parsePlan, readPlan } from '../server/src/engine/plan/read-plan.js';
import { fixtureRuleIds, parseExpectations, suppressedRuleIds, type Expectation } from './support/expectations.js';

/**
 * Plan-aware review cases (SPEC §10): `plan-cases/<case>/` holds a module and
 * the plan of it (`plan.json`); the rules a case checks are those its
 * expectations and `# fixture-rules:` name.
 */
const PLAN_CASES = 'plan-cases';
const ROOT = join(dirname(new URL(import.meta.url).pathname), '..', 'test-fixtures');
/** Fixture trees that are not rule fixtures. */
const NOT_RULE_FIXTURES = new Set(['example', 'exercises', 'parser', 'bad-input', 'policies', PLAN_CASES]);
const NOW = new Date('2026-11-23T12:00:00Z');

const ruleById = new Map(RULES.map((r) => [r.meta.id, r]));

interface FixtureCase {
  ruleId: string;
  name: string;
  /** The directory analysed. */
  dir: string;
  /** For single-file cases: the only file the module consists of. */
  onlyFile?: string;
  files: string[];
  /** Rules the case also runs under (`# fixture-rules:`); it counts as their case too. */
  alsoFor: string[];
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else if (sourceKind(name)) out.push(p);
  }
  return out;
}

function collectCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const category of readdirSync(ROOT).sort()) {
    if (NOT_RULE_FIXTURES.has(category) || !statSync(join(ROOT, category)).isDirectory()) continue;
    for (const rule of readdirSync(join(ROOT, category)).sort()) {
      const ruleDir = join(ROOT, category, rule);
      if (!statSync(ruleDir).isDirectory()) continue;
      const ruleId = `${category}/${rule}`;
      for (const name of readdirSync(ruleDir).sort()) {
        const p = join(ruleDir, name);
        const files = statSync(p).isDirectory() ? listFiles(p).filter((f) => !isBaseFile(p, f)) : sourceKind(name) === 'config' ? [p] : [];
        if (files.length === 0 && !statSync(p).isDirectory()) continue;
        const alsoFor = files.flatMap((f) => fixtureRuleIds(readFileSync(f, 'utf8')));
        cases.push(statSync(p).isDirectory() ? { ruleId, name, dir: p, files, alsoFor } : { ruleId, name, dir: ruleDir, onlyFile: p, files, alsoFor });
      }
    }
  }
  const planCases = join(ROOT, PLAN_CASES);
  for (const name of existsSync(planCases) ? readdirSync(planCases).sort() : []) {
    const dir = join(planCases, name);
    if (!statSync(dir).isDirectory()) continue;
    const files = listFiles(dir).filter((f) => !isBaseFile(dir, f));
    cases.push({ ruleId: '', name: `plan › ${name}`, dir, files, alsoFor: files.flatMap((f) => fixtureRuleIds(readFileSync(f, 'utf8'))) });
  }
  return cases;
}

/** The plan a case is reviewed with: `plan.json` beside its files. */
function planOf(dir: string) {
  const file = join(dir, 'plan.json');
  return existsSync(file) ? { plan: readPlan(file) } : {};
}

/** Shows a single-file case as a module of that one file, hiding its sibling cases. */
class SingleFileHost implements FileHost {
  private readonly inner: NodeFileHost;
  constructor(
    readonly workspaceRoot: string,
    private readonly onlyFile: string,
  ) {
    this.inner = new NodeFileHost(workspaceRoot);
  }
  readText(path: string, maxBytes?: number) {
    return this.inner.readText(path, maxBytes);
  }
  readDirectory(path: string): DirEntry[] | undefined {
    const entries = this.inner.readDirectory(path);
    if (!entries || path !== dirname(this.onlyFile)) return entries;
    return entries.filter((e) => e.name === basename(this.onlyFile) || e.name === '.iac-review.json');
  }
}

function runCase(c: FixtureCase) {
  const expectations: Expectation[] = [];
  const ruleIds = new Set([c.ruleId, ...c.alsoFor].filter((id) => id !== ''));
  for (const file of c.files) {
    const text = readFileSync(file, 'utf8');
    expectations.push(...parseExpectations(file, text));
    for (const id of suppressedRuleIds(text)) ruleIds.add(id);
  }
  for (const e of expectations) if (e.ruleId !== 'syntax-error') ruleIds.add(e.ruleId);
  const rules: Rule<any>[] = [];
  for (const id of ruleIds) {
    const rule = ruleById.get(id);
    if (!rule) throw new Error(`${c.dir}: fixture refers to unknown rule ${id}`);
    rules.push(rule);
  }
  const result = analyzeWorkspace({
    cwd: c.dir,
    paths: [c.dir],
    rules,
    now: NOW,
    ...(c.onlyFile ? { host: new SingleFileHost(c.dir, c.onlyFile) } : { ...diffCaseOptions(c.dir), ...planOf(c.dir) }),
  });
  const rel = (f: string) => relative(ROOT, f);
  const actual = [
    ...result.findings
      .filter((f) => !f.suppression)
      .map((f) => ({ key: `${rel(f.file)}:${f.range.start.line} ${f.ruleId}`, severity: f.severity, message: f.message })),
    ...result.errors.map((e) => ({
      key: `${rel(e.file)}:${e.range?.start.line ?? 1} syntax-error`,
      severity: undefined,
      message: e.message,
    })),
  ];
  return { expectations, actual, result, rel };
}

const cases = collectCases();

describe('rule fixtures', () => {
  for (const c of cases) {
    it(`${c.ruleId} › ${c.name}`, () => {
      const { expectations, actual, rel } = runCase(c);
      const expected = expectations.map((e) => `${rel(e.file)}:${e.line} ${e.ruleId}`).sort();
      expect(actual.map((a) => a.key).sort(), actual.map((a) => `${a.key}: ${a.message}`).join('\n')).toEqual(expected);
      for (const e of expectations) {
        if (!e.severity) continue;
        const match = actual.find((a) => a.key === `${rel(e.file)}:${e.line} ${e.ruleId}`);
        expect(match?.severity, `${rel(e.file)}:${e.line} ${e.ruleId}`).toBe(e.severity);
      }
    });
  }
});

describe('rule catalog coverage', () => {
  const checked = RULES.filter((r) => r.check && !r.meta.diffOnly);
  it('has rules', () => {
    expect(RULES.length).toBeGreaterThan(0);
  });
  for (const rule of RULES) {
    const id = rule.meta.id;
    it(`${id} has ≥ 3 failing and ≥ 3 passing fixture cases`, () => {
      const own = cases.filter((c) => c.ruleId === id || c.alsoFor.includes(id));
      const failing = own.filter((c) =>
        c.files.some((f) => parseExpectations(f, readFileSync(f, 'utf8')).some((e) => e.ruleId === id)),
      );
      expect(failing.length, `failing cases of ${id}`).toBeGreaterThanOrEqual(3);
      expect(own.length - failing.length, `passing cases of ${id}`).toBeGreaterThanOrEqual(3);
    });
    it(`${id} metadata is complete`, () => {
      const m = rule.meta;
      expect(m.id).toBe(`${m.category}/${m.id.split('/')[1]}`);
      for (const field of [m.title, m.rationale, m.remediation, m.examples.failing, m.examples.passing]) {
        expect(field.trim().length).toBeGreaterThan(0);
      }
      expect(['error', 'warning', 'info']).toContain(m.severity);
      // A checklist row's label: short, and plain text (the editor shows it as is).
      expect(m.problem.length).toBeGreaterThan(0);
      expect(m.problem.length).toBeLessThanOrEqual(19);
      expect(m.problem).not.toMatch(/[`\n]|\.$/);
    });
  }
  for (const rule of checked) {
    it(`${rule.meta.id} metadata examples behave as documented`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'iac-review-example-'));
      const { options } = rule.meta.examples;
      if (options) {
        writeFileSync(join(dir, '.iac-review.json'), JSON.stringify({ rules: { [rule.meta.id]: [rule.meta.severity, options] } }));
      }
      const check = (text: string, plan?: string) => {
        writeFileSync(join(dir, 'main.tf'), text);
        const r = analyzeWorkspace({ cwd: dir, paths: [dir], rules: [rule], now: NOW, ...(plan ? { plan: parsePlan(plan, 'plan.json') } : {}) });
        expect(r.errors, 'example must parse').toEqual([]);
        expect(r.configErrors, 'example options must be valid').toEqual([]);
        return r.findings.filter((f) => f.ruleId === rule.meta.id && !f.suppression).length;
      };
      const plan = rule.meta.examples.plan;
      expect(check(rule.meta.examples.failing, plan?.failing), 'failing example reports').toBeGreaterThan(0);
      expect(check(rule.meta.examples.passing, plan?.passing), 'passing example is clean').toBe(0);
    });
  }
});
