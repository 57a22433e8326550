import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { defineRule, findAttribute, type Rule, type RuleMeta } from '../../server/src/engine/rules/rule.js';
import { checkRuleBudget, DEFAULT_RULE_TIME_BUDGET_MS, RuleBudgetExceeded, runWithinBudget } from '../../server/src/engine/time-budget.js';
import { ruleTimeBudgetMs } from '../../server/src/engine/config/effective.js';
import { defaultConfig } from '../../server/src/engine/config/load-config.js';
import { main } from '../../server/src/cli/cli.js';
import type { CliIO } from '../../server/src/cli/io.js';
import { writeTree } from './matching-support.js';

const HANG = { timeout: 60_000 };

function meta(id: string, severity: RuleMeta['severity'] = 'warning'): RuleMeta {
  return { id, title: id, problem: id, category: 'test', severity, rationale: 'test', remediation: 'test', equivalents: {}, examples: { failing: '', passing: '' } };
}

/** Reports one finding per resource, then runs until stopped, asking the context to evaluate as it goes (never returns on its own). */
const slowRule = defineRule({
  meta: meta('test/slow'),
  check(ctx) {
    for (const r of ctx.module.resources) ctx.report({ file: r.file, range: r.block.typeRange, message: 'partial finding of the slow rule' });
    const first = ctx.module.resources[0]!;
    for (;;) ctx.attributeValue(first.block, first.file, 'bucket');
  },
});

/** One evaluation that takes far longer than the budget: the evaluator's own recursion has to stop it. */
const slowEvaluationRule = defineRule({
  meta: meta('test/slow-evaluation'),
  check(ctx) {
    const local = ctx.module.locals.get('square')!;
    ctx.evaluate(local.attribute.expr, local.file);
    ctx.report({ file: local.file, range: local.attribute.nameRange, message: 'evaluated the square' });
  },
});

/** Catches the budget's exception, reports, and returns as if nothing happened: still stopped, its findings still dropped. */
const swallowingRule = defineRule({
  meta: meta('test/swallowing'),
  check(ctx) {
    const first = ctx.module.resources[0]!;
    try {
      for (;;) ctx.attributeValue(first.block, first.file, 'bucket');
    } catch {
      // a rule that hides its errors
    }
    try {
      ctx.report({ file: first.file, range: first.block.typeRange, message: 'reported after the deadline' });
    } catch {
      // likewise
    }
  },
});

/** A quick rule: its findings stay whatever the others do. */
const quickRule = defineRule({
  meta: meta('test/quick', 'error'),
  check(ctx) {
    for (const r of ctx.module.resources) {
      const bucket = findAttribute(r.block, 'bucket');
      if (bucket) ctx.report({ file: r.file, range: bucket.range, message: `bucket of ${r.address}` });
    }
  },
});

/** Two buckets, and a local whose evaluation takes `items`² steps (3000² takes seconds). */
function moduleFiles(items = 3000): Record<string, string> {
  return {
    'main.tf': 'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
    'locals.tf': `locals {\n  items  = [${Array.from({ length: items }, (_, i) => i).join(', ')}]\n  square = [for a in local.items : [for b in local.items : a]]\n}\n`,
  };
}
const MODULE = moduleFiles();

function review(rules: Rule<any>[], budgetSeconds = 0.2, files = MODULE) {
  const dir = writeTree({ ...files, '.iac-review.json': JSON.stringify({ ruleTimeBudget: budgetSeconds }) });
  return { dir, result: analyzeWorkspace({ cwd: dir, paths: [dir], rules }) };
}

describe('per-rule time budget (issue 10)', () => {
  it('a rule past its budget is one internal error naming the rule and the module; its partial findings are dropped, the others kept', HANG, () => {
    const { dir, result } = review([slowRule, quickRule]);
    expect(result.configErrors).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ kind: 'internal' });
    expect(result.errors[0]!.message).toContain('rule test/slow stopped: it exceeded its time budget of 0.2 s');
    expect(result.errors[0]!.message).toContain(`on the module in ${dir}`);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['test/quick', 'test/quick']);
  });

  it('the evaluator checks the budget inside one long evaluation', HANG, () => {
    const { result } = review([slowEvaluationRule, quickRule]);
    expect(result.errors.map((e) => e.message)).toEqual([expect.stringContaining('rule test/slow-evaluation stopped')]);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['test/quick', 'test/quick']);
  });

  it('a rule that swallows the exception is still stopped, and what it reports late is dropped', HANG, () => {
    const { result } = review([swallowingRule, quickRule]);
    expect(result.errors.map((e) => e.message)).toEqual([expect.stringContaining('rule test/swallowing stopped')]);
    expect(result.findings.every((f) => f.ruleId === 'test/quick')).toBe(true);
  });

  it('every rule has its own budget: rules after a stopped one run normally', HANG, () => {
    const { result } = review([slowRule, swallowingRule, quickRule, slowEvaluationRule]);
    expect(result.errors.map((e) => e.message.split(' stopped')[0])).toEqual(['rule test/slow', 'rule test/swallowing', 'rule test/slow-evaluation']);
    expect(result.findings.map((f) => f.message)).toEqual(['bucket of aws_s3_bucket.a', 'bucket of aws_s3_bucket.b']);
  });

  it('a generous budget lets the same evaluation finish', HANG, () => {
    const { result } = review([slowEvaluationRule], 60, moduleFiles(300));
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => f.message)).toEqual(['evaluated the square']);
  });

  it('the CLI reports the stopped rule in errors[] and keeps the other findings; the exit status follows as for any internal error', HANG, () => {
    const dir = writeTree({ ...MODULE, '.iac-review.json': JSON.stringify({ ruleTimeBudget: 0.2 }) });
    const rules = [slowRule, quickRule];
    const run = (args: string[]) => {
      let stdout = '';
      const io: CliIO = { cwd: dir, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: () => undefined };
      const code = main(['check', '.', '--format', 'json', ...args], io, {
        rules: rules.map((r) => r.meta),
        analyze: (options) => analyzeWorkspace({ ...options, rules }),
      });
      return { code, report: JSON.parse(stdout) as { findings: { ruleId: string; severity: string }[]; errors: { message: string }[] } };
    };
    const failing = run([]);
    expect(failing.report.errors.map((e) => e.message)).toEqual([expect.stringContaining('rule test/slow stopped')]);
    expect(failing.report.findings.map((f) => f.ruleId)).toEqual(['test/quick', 'test/quick']);
    // The quick rule's findings are errors: exit 1, as they alone would give.
    expect(failing.code).toBe(1);
    expect(run(['--fail-on', 'never']).code).toBe(0);
  });

  it('defaults to 10 s; the config sets it within bounds', () => {
    expect(DEFAULT_RULE_TIME_BUDGET_MS).toBe(10_000);
    expect(ruleTimeBudgetMs(defaultConfig('/repo'))).toBe(10_000);
    expect(ruleTimeBudgetMs({ ...defaultConfig('/repo'), ruleTimeBudget: 2.5 })).toBe(2_500);
  });
});

describe('runWithinBudget', () => {
  it('is a no-op outside a budget and reports an exceeded deadline inside one', () => {
    expect(() => checkRuleBudget()).not.toThrow();
    const run = runWithinBudget(1, () => {
      const end = performance.now() + 20;
      while (performance.now() < end) {
        // busy
      }
      checkRuleBudget();
      return 'done';
    });
    expect(run).toEqual({ exceeded: true, budgetMs: 1 });
    expect(() => checkRuleBudget()).not.toThrow();
  });

  it('passes other errors through and returns values within the budget', () => {
    expect(runWithinBudget(1000, () => 42)).toEqual({ exceeded: false, value: 42 });
    expect(() => runWithinBudget(1000, () => { throw new TypeError('boom'); })).toThrow(TypeError);
    expect(new RuleBudgetExceeded(250).message).toBe('exceeded its time budget of 0.25 s');
  });

  it('a nested budget never outlives the enclosing one', () => {
    const outer = runWithinBudget(5, () =>
      runWithinBudget(60_000, () => {
        const end = performance.now() + 30;
        while (performance.now() < end) {
          // busy
        }
        checkRuleBudget();
      }),
    );
    expect(outer).toEqual({ exceeded: true, budgetMs: 5 });
  });
});
