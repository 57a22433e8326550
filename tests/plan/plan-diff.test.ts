// Plan-aware review of a change (SPEC §10 with §7): `reviewChange` with `--base` and a plan.
import { describe, expect, it } from 'vitest';
import { reviewChange } from '../../server/src/engine/change/review-change.js';
import { parsePlan } from '../../server/src/engine/plan/read-plan.js';
import { TestRepo } from '../support/git-repo.js';
import { change, plan1 } from './plan-json.js';

const NOW = new Date('2026-11-23T12:00:00Z');

const DB = `variable "public" {
  type        = bool
  description = "Whether the database is public."
}

resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = var.public
}
`;
const CACHE = `resource "aws_dynamodb_table" "cache" {
  name     = "cache"
  hash_key = "id"
}
`;

function planOf(changes: Record<string, unknown>[], roots: string[]) {
  return parsePlan(JSON.stringify(plan1({ resource_changes: changes, configuration: { root_module: { resources: roots.map((address) => ({ address })) } } })), 'plan.json');
}

describe('a change reviewed with its plan', () => {
  const repo = new TestRepo();
  repo.write({ 'db.tf': DB, 'cache.tf': CACHE }).commit('base');
  repo.branch('change');
  repo.write({ 'cache.tf': null, 'notes.tf': '# the cache table is retired\n' }).commit('retire the cache table');
  const plan = planOf(
    [
      change('aws_db_instance.orders', { actions: ['no-op'], before: { publicly_accessible: true }, after: { publicly_accessible: true } }),
      change('aws_dynamodb_table.cache', { actions: ['delete'], before: { name: 'cache' }, after: null }, { action_reason: 'delete_because_no_resource_config' }),
    ],
    ['aws_db_instance.orders'],
  );
  const review = reviewChange({ cwd: repo.root, base: 'main', plan, now: NOW });
  const introduced = [...review.introduced].map((f) => `${f.file.slice(repo.root.length + 1)}:${f.range.start.line} ${f.ruleId}`);

  it('places what the plan destroys at the removed block\'s last place, the base of the change, and counts it as introduced', () => {
    expect(introduced).toContain('cache.tf:1 plan/destroys-stateful');
  });

  it('does not count as introduced what the plan decides on code the change did not touch', () => {
    // The database is public in the plan: a finding, but one the base (with the same values) has too.
    expect(review.head.findings.some((f) => f.ruleId === 'network/public-database')).toBe(true);
    expect(introduced.filter((k) => k.includes('network/public-database'))).toEqual([]);
  });
});
