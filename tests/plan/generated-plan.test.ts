import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SENSITIVE, UNKNOWN_AFTER_APPLY } from '../../server/src/engine/plan/plan-model.js';
import { planIndex } from '../../server/src/engine/plan/plan-index.js';
import { readPlan } from '../../server/src/engine/plan/read-plan.js';
import { everyString, printable } from './plan-json.js';

// The bench's plan (scripts/make-plan.mjs), small: what the bench measures is what these tests read.
describe('scripts/make-plan.mjs plans read through readPlan', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'iac-make-plan-')), 'plan.json');
  execFileSync(process.execPath, [join(import.meta.dirname, '../../scripts/make-plan.mjs'), '800', file]);
  const text = readFileSync(file, 'utf8');
  const plan = readPlan(file);

  it('reads every change, every action kind, the modules and the drift', () => {
    // 800 instances: the data sources read while planning are in prior_state, the rest are changes.
    expect(plan.dataSources.length).toBeGreaterThan(0);
    expect(plan.dataSources.every((r) => r.mode === 'data' && r.actions[0] === 'no-op')).toBe(true);
    expect(plan.resourceChanges.length + plan.dataSources.length).toBe(800);
    const kinds = new Set(plan.resourceChanges.map((r) => r.actions.join(',')));
    expect([...kinds].sort()).toEqual(['create', 'create,delete', 'delete', 'delete,create', 'no-op', 'read', 'update']);
    expect(plan.drift.length).toBeGreaterThan(0);
    expect(plan.moduleCalls.map((c) => c.path)).toEqual(['module.platform', 'module.service', 'module.service.module.net']);
    const index = planIndex(plan);
    expect(index.get('module.service["svc-0.eu"]')?.get('aws_s3_bucket.main')).toHaveLength(1);
    expect(index.get('module.platform')?.get('aws_iam_role.this')?.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    expect(plan.resourceChanges.some((r) => r.previousAddress !== undefined)).toBe(true);
  });

  it('keeps the values the review reads, marks the unknown and the sensitive, drops no-op befores', () => {
    const created = plan.resourceChanges.find((r) => r.type === 'aws_s3_bucket' && r.actions[0] === 'create')!;
    expect((created.after as Record<string, unknown>).arn).toBe(UNKNOWN_AFTER_APPLY);
    expect((created.after as Record<string, unknown>).tags).toMatchObject({ environment: 'prod' });
    const db = plan.resourceChanges.find((r) => r.type === 'aws_db_instance' && r.actions[0] === 'update')!;
    expect((db.after as Record<string, unknown>).password).toBe(SENSITIVE);
    expect((db.before as Record<string, unknown>).password).toBe(SENSITIVE);
    for (const r of plan.resourceChanges) if (r.actions[0] === 'no-op') expect(r.before).toBe(r.after);
  });

  it('no sensitive value of the file survives', () => {
    const secrets = [...text.matchAll(/generated-secret-\d+|token-\d+-secret/g)].map((m) => m[0]);
    expect(secrets.length).toBeGreaterThan(100);
    const printed = printable(plan);
    const strings = new Set(everyString(plan));
    for (const secret of new Set(secrets)) {
      expect(printed).not.toContain(secret);
      expect(strings.has(secret)).toBe(false);
    }
  });
});
