import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main } from '../../server/src/cli/cli.js';
import type { CheckDependencies } from '../../server/src/cli/commands/check.js';
import type { CliIO } from '../../server/src/cli/io.js';
import type { AnalyzeOptions } from '../../server/src/engine/analyze.js';
import { PlanError, type Plan } from '../../server/src/engine/plan/plan-model.js';
import { fileTree } from '../support/file-tree.js';
import { planOf } from '../support/plan-builder.js';
import { CWD, RULE_METAS, TAGS } from './sample-report.js';

const trees: string[] = [];
afterEach(() => {
  for (const t of trees.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** The paths given must exist: a real (empty) directory stands for the working directory of the fake analyses. */
const HERE = fileTree({});
afterAll(() => rmSync(HERE, { recursive: true, force: true }));

function run(argv: string[], deps: Partial<CheckDependencies> = {}, cwd = HERE) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = main(argv, io, { rules: RULE_METAS, ...deps });
  return { code, stdout, stderr };
}

/** A plan the reader gives for any path, recording the paths it was asked for. */
function reader(plan: Plan) {
  const asked: string[] = [];
  return { asked, readPlan: (file: string) => (asked.push(file), { ...plan, file }) };
}

const NOTES = ['aws_s3_bucket.gone: the code has no such block (a plan of other code?)'];

/** A check analysis that records its options and gives the notes a plan fused with the code would give. */
function analyzeWithNotes() {
  const calls: AnalyzeOptions[] = [];
  const analyze: CheckDependencies['analyze'] = (options) => {
    calls.push(options);
    return { findings: [TAGS], errors: [], configErrors: [], files: [`${CWD}/main.tf`], modules: [CWD], ...(options.plan ? { planNotes: NOTES } : {}) };
  };
  return { analyze, calls };
}

describe('check --plan FILE', () => {
  it('reads the plan relative to the working directory and hands it to the analysis', () => {
    const plan = planOf([]);
    const r = reader(plan);
    const a = analyzeWithNotes();
    expect(run(['check', '--plan', 'out/plan.json', '--fail-on', 'never'], { readPlan: r.readPlan, analyze: a.analyze }).code).toBe(0);
    expect(r.asked).toEqual([`${HERE}/out/plan.json`]);
    expect(a.calls[0]!.plan?.file).toBe(`${HERE}/out/plan.json`);
  });

  it('without --plan reads no plan and adds no planNotes field', () => {
    const r = reader(planOf([]));
    const a = analyzeWithNotes();
    const out = run(['check', '--format', 'json'], { readPlan: r.readPlan, analyze: a.analyze });
    expect(r.asked).toEqual([]);
    expect(a.calls[0]!.plan).toBeUndefined();
    expect(JSON.parse(out.stdout)).not.toHaveProperty('planNotes');
  });

  it('a file that is not a usable plan exits 2 with its message on stderr, named as the user wrote it, and no report', () => {
    const readPlan = (file: string): Plan => {
      throw new PlanError(file, 'not valid JSON at line 1, column 1: unexpected "P"');
    };
    for (const command of ['check', 'checklist']) {
      const out = run([command, '--plan', 'tfplan'], { readPlan });
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toBe(`iac-review ${command}: tfplan: not valid JSON at line 1, column 1: unexpected "P"\n`);
    }
  });

  it('a plan the analysis refuses (a plan of other code) exits 2 the same way, named as the user wrote it', () => {
    const plan = planOf([]);
    const analyze: CheckDependencies['analyze'] = (options) => {
      throw new PlanError(options.plan!.file, 'none of its 3 addresses is in the code: it is a plan of other code');
    };
    const out = run(['check', '--plan', 'other/plan.json'], { readPlan: reader(plan).readPlan, analyze });
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('iac-review check: other/plan.json: none of its 3 addresses is in the code: it is a plan of other code\n');
  });

  it('with --format github the plan error is an error annotation', () => {
    const readPlan = (file: string): Plan => {
      throw new PlanError(file, 'format_version 2.0 is not supported');
    };
    const out = run(['check', '--format', 'github', '--plan', 'plan.json'], { readPlan });
    expect(out.code).toBe(2);
    expect(out.stderr).toBe('::error title=iac-review::iac-review check: plan.json: format_version 2.0 is not supported\n');
  });

  it('an empty --plan is a usage error', () => {
    const out = run(['check', '--plan', ''], { readPlan: reader(planOf([])).readPlan });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--plan needs a file');
  });

  it('prints plan notes on stderr beside the text report', () => {
    const out = run(['check', '--plan', 'plan.json', '--fail-on', 'never'], { readPlan: reader(planOf([])).readPlan, analyze: analyzeWithNotes().analyze });
    expect(out.stderr).toBe(`iac-review check: plan note: ${NOTES[0]}\n`);
    expect(out.stdout).not.toContain('plan note');
  });

  it('as notice annotations with --format github', () => {
    const out = run(['check', '--format', 'github', '--plan', 'plan.json', '--fail-on', 'never'], { readPlan: reader(planOf([])).readPlan, analyze: analyzeWithNotes().analyze });
    expect(out.stderr).toBe(`::notice title=iac-review::iac-review check: plan note: ${NOTES[0]}\n`);
  });

  it('in a planNotes field of the JSON report, in SARIF notifications and run properties, and in the Markdown report', () => {
    const deps = { readPlan: reader(planOf([])).readPlan, analyze: analyzeWithNotes().analyze };
    const json = JSON.parse(run(['check', '--format', 'json', '--plan', 'plan.json'], deps).stdout);
    expect(json.planNotes).toEqual(NOTES);
    const sarif = JSON.parse(run(['check', '--format', 'sarif', '--plan', 'plan.json'], deps).stdout);
    expect(sarif.runs[0].properties).toEqual({ planNotes: NOTES });
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toEqual([{ level: 'note', message: { text: NOTES[0] }, descriptor: { id: 'plan-note' } }]);
    const markdown = run(['check', '--format', 'markdown', '--plan', 'plan.json'], deps);
    expect(markdown.stdout).toContain(`Plan notes (parts of the plan the review could not use):\n\n- ${NOTES[0]}\n`);
    expect(markdown.stderr).toBe('');
  });

  it('an empty planNotes list in JSON says the whole plan was used', () => {
    const analyze: CheckDependencies['analyze'] = () => ({ findings: [], errors: [], configErrors: [], files: [], modules: [], planNotes: [] });
    const json = JSON.parse(run(['check', '--format', 'json', '--plan', 'plan.json'], { readPlan: reader(planOf([])).readPlan, analyze }).stdout);
    expect(json.planNotes).toEqual([]);
  });
});

describe('checklist --plan FILE (real analysis)', () => {
  function workspace(): string {
    const root = fileTree({
      '.iac-review.json': JSON.stringify({ extends: 'none', rules: {} }),
      'main.tf': 'resource "aws_db_instance" "orders" {\n  engine = "postgres"\n}\n',
    });
    trees.push(root);
    return root;
  }
  const plan = planOf(
    [{ address: 'aws_db_instance.orders', actions: ['delete', 'create'], before: { engine: 'postgres', identifier: 'a' }, after: { engine: 'postgres', identifier: 'b' }, replacePaths: [['identifier']] }],
    { notes: ['resource_drift: one entry could not be read'] },
  );

  it('markdown: the plan counts first, its notes, then its questions', () => {
    const root = workspace();
    const out = run(['checklist', '--plan', 'plan.json'], { readPlan: reader(plan).readPlan }, root);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual(['## IaC review checklist', '', '**Plan** `plan.json`: 0 to create, 0 to update, 1 to replace, 0 to delete.', '', '- Plan note: resource_drift: one entry could not be read']);
    expect(out.stdout).toContain('### What the plan destroys or replaces');
    expect(out.stdout).toContain('`aws_db_instance.orders` holds data and the plan replaces it (destroy, then create; forced by `identifier`)');
  });

  it('json: a plan field with the file, counts and notes', () => {
    const root = workspace();
    const json = JSON.parse(run(['checklist', '--plan', 'plan.json', '--format', 'json'], { readPlan: reader(plan).readPlan }, root).stdout);
    expect(json.plan).toEqual({ file: 'plan.json', counts: { create: 0, update: 0, replace: 1, delete: 0 }, notes: ['resource_drift: one entry could not be read'] });
    expect(json.sections[0].category).toBe('plan');
  });

  it('the real plan reader: a file that is not plan JSON exits 2', () => {
    const root = workspace();
    writeFileSync(join(root, 'plan.json'), 'Terraform will perform the following actions:\n');
    const out = run(['checklist', '--plan', 'plan.json'], {}, root);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^iac-review checklist: plan\.json: /);
    expect(out.stdout).toBe('');
  });
});
