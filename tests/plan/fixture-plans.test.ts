import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SENSITIVE, UNKNOWN_AFTER_APPLY, type Plan, type PlannedResource } from '../../server/src/engine/plan/plan-model.js';
import { planIndex } from '../../server/src/engine/plan/plan-index.js';
import { parseAddress } from '../../server/src/engine/plan/plan-address.js';
import { readPlan } from '../../server/src/engine/plan/read-plan.js';
import { everyString, printable } from './plan-json.js';

// The hand-made plans of test-fixtures/plan-cases/<case>/ (written from Terraform's
// documented JSON output format), read through readPlan: each is a plan of the
// main.tf beside it.
const ROOT = join(import.meta.dirname, '..', '..', 'test-fixtures', 'plan-cases');
const read = (name: string): Plan => readPlan(join(ROOT, name, 'plan.json'));
const at = (plan: Plan, address: string): PlannedResource => {
  const found = plan.resourceChanges.find((r) => r.address === address);
  if (!found) throw new Error(`${plan.file}: no ${address}`);
  return found;
};
const field = (value: unknown, name: string): unknown => (value as Record<string, unknown>)[name];

/** The `resource "T" "N"` / `data "T" "N"` blocks of a module's .tf files, as resource keys. */
function blocksOf(dir: string): Set<string> {
  const keys = new Set<string>();
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.tf')) continue;
    for (const m of readFileSync(join(dir, name), 'utf8').matchAll(/^(resource|data) "([^"]+)" "([^"]+)"/gm)) {
      keys.add(`${m[1] === 'data' ? 'data.' : ''}${m[2]}.${m[3]}`);
    }
  }
  return keys;
}

describe('fixture plans', () => {
  const cases = readdirSync(ROOT).sort();

  it('every case has a plan and its code', () => {
    // The cases read here; plan-cases/ holds the fusion's cases too.
    expect(cases).toEqual(expect.arrayContaining([
      'create',
      'delete',
      'drift',
      'for-each-module',
      'format-0.x',
      'known-in-plan',
      'moved',
      'registry-module',
      'replace-create-delete',
      'replace-delete-create',
      'sensitive',
      'unknown-after',
      'update-in-place',
    ]));
  });

  for (const name of cases) {
    it(`${name}: the plan is of the code beside it (each planned block is in the code; configuration lists the code's root blocks)`, () => {
      const plan = read(name);
      const root = blocksOf(join(ROOT, name));
      expect([...plan.rootResources].sort()).toEqual([...root].sort());
      for (const r of plan.resourceChanges) {
        const parsed = parseAddress(r.address)!;
        if (r.actionReason === 'delete_because_no_resource_config') {
          expect(root.has(parsed.resourceKey), `${r.address} is deleted because the code no longer has it`).toBe(false);
          continue;
        }
        const call = parsed.modules.length === 0 ? undefined : plan.moduleCalls.find((c) => c.path === `module.${parsed.modules[0]!.name}`);
        if (parsed.modules.length === 0) expect(root.has(parsed.resourceKey), r.address).toBe(true);
        else if (call?.source?.startsWith('./')) expect(blocksOf(join(ROOT, name, call.source)).has(parsed.resourceKey), r.address).toBe(true);
      }
    });
  }

  it('create: known after-values, unknown computed attributes', () => {
    const plan = read('create');
    const bucket = at(plan, 'aws_s3_bucket.logs');
    expect(bucket.actions).toEqual(['create']);
    expect(bucket.before).toBeNull();
    expect(field(bucket.after, 'bucket')).toBe('acme-prod-logs');
    expect(field(bucket.after, 'tags_all')).toEqual({ environment: 'prod', team: 'platform' });
    expect(field(bucket.after, 'arn')).toBe(UNKNOWN_AFTER_APPLY);
    expect(field(bucket.after, 'server_side_encryption_configuration')).toBe(UNKNOWN_AFTER_APPLY);
    const versioning = at(plan, 'aws_s3_bucket_versioning.logs');
    expect(field(versioning.after, 'bucket')).toBe(UNKNOWN_AFTER_APPLY);
    expect(field(versioning.after, 'versioning_configuration')).toEqual([{ status: 'Enabled', mfa_delete: UNKNOWN_AFTER_APPLY }]);
  });

  it('known in the plan, unknown in the code: default tags (tags_all), a data source read while planning, the rendered policy', () => {
    const plan = read('known-in-plan');
    const required = { Owner: 'analytics', Environment: 'prod', CostCenter: 'cc-042' };
    expect(field(at(plan, 'aws_s3_bucket.reports').after, 'tags_all')).toEqual({ ...required, Name: 'reports' });
    const policy = at(plan, 'aws_iam_policy.reader');
    expect(field(policy.after, 'tags_all')).toEqual(required);
    expect(JSON.parse(field(policy.after, 'policy') as string).Statement[0].Action).toEqual(['s3:GetObject', 's3:ListBucket']);
    // The data source is not a change: it is read from prior_state, and found through the index like the rest.
    expect(plan.resourceChanges.some((r) => r.mode === 'data')).toBe(false);
    expect(plan.dataSources.map((r) => r.address)).toEqual(['data.aws_iam_policy_document.reader']);
    const [document] = planIndex(plan).get('')!.get('data.aws_iam_policy_document.reader')!;
    expect(document!.actions).toEqual(['no-op']);
    expect(field(document!.after, 'statement')).toMatchObject([{ actions: ['s3:GetObject', 's3:ListBucket'], resources: ['arn:aws:s3:::acme-reports/*'] }]);
  });

  it('update in place: before and after both kept (the policy widened)', () => {
    const policy = at(read('update-in-place'), 'aws_iam_policy.deploy');
    expect(policy.actions).toEqual(['update']);
    expect(JSON.parse(field(policy.before, 'policy') as string).Statement[0].Action).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(JSON.parse(field(policy.after, 'policy') as string).Statement[0].Action).toEqual(['s3:*']);
  });

  it('replace, delete then create: replace_paths and the reason', () => {
    const db = at(read('replace-delete-create'), 'aws_db_instance.orders');
    expect(db.actions).toEqual(['delete', 'create']);
    expect(db.replacePaths).toEqual([['identifier']]);
    expect(db.actionReason).toBe('replace_because_cannot_update');
    expect(field(db.before, 'identifier')).toBe('orders-db');
    expect(field(db.after, 'identifier')).toBe('orders-db-v2');
    expect(field(db.after, 'endpoint')).toBe(UNKNOWN_AFTER_APPLY);
  });

  it('replace, create then delete (create_before_destroy)', () => {
    const table = at(read('replace-create-delete'), 'aws_dynamodb_table.sessions');
    expect(table.actions).toEqual(['create', 'delete']);
    expect(table.replacePaths).toEqual([['name']]);
    expect(field(table.after, 'point_in_time_recovery')).toEqual([{ enabled: true }]);
  });

  it('delete: the removed block, and the untouched one as no-op', () => {
    const plan = read('delete');
    const removed = at(plan, 'aws_s3_bucket.old_uploads');
    expect(removed.actions).toEqual(['delete']);
    expect(removed.after).toBeNull();
    expect(field(removed.before, 'bucket')).toBe('acme-old-uploads');
    expect(removed.actionReason).toBe('delete_because_no_resource_config');
    const kept = at(plan, 'aws_s3_bucket.assets');
    expect(kept.before).toBe(kept.after);
  });

  it('for_each module: each instance keyed, found through the index', () => {
    const plan = read('for-each-module');
    const index = planIndex(plan);
    expect([...index.keys()]).toEqual(['module.queue["emails"]', 'module.queue["orders"]']);
    const orders = index.get('module.queue["orders"]')!.get('aws_sqs_queue.this')!;
    expect(orders).toHaveLength(1);
    expect(field(orders[0]!.after, 'name')).toBe('acme-orders');
    expect(field(orders[0]!.after, 'redrive_policy')).toBe(UNKNOWN_AFTER_APPLY);
    expect(plan.moduleCalls).toEqual([{ path: 'module.queue', name: 'queue', source: './modules/queue' }]);
  });

  it('registry module: source and version, count instances inside it', () => {
    const plan = read('registry-module');
    expect(plan.moduleCalls).toEqual([{ path: 'module.vpc', name: 'vpc', source: 'terraform-aws-modules/vpc/aws', versionConstraint: '5.8.1' }]);
    const subnets = planIndex(plan).get('module.vpc')!.get('aws_subnet.public')!;
    expect(subnets.map((s) => [s.index, field(s.after, 'map_public_ip_on_launch')])).toEqual([
      [0, false],
      [1, false],
    ]);
  });

  it('moved: the previous address', () => {
    const bucket = at(read('moved'), 'aws_s3_bucket.logs');
    expect(bucket.actions).toEqual(['no-op']);
    expect(bucket.previousAddress).toBe('aws_s3_bucket.log_bucket');
  });

  it('unknown after-values stay unknown: a rendered policy, list elements, nested block attributes', () => {
    const plan = read('unknown-after');
    expect(field(at(plan, 'aws_iam_role_policy.uploads').after, 'policy')).toBe(UNKNOWN_AFTER_APPLY);
    const instance = at(plan, 'aws_instance.web').after;
    expect(field(instance, 'vpc_security_group_ids')).toEqual([UNKNOWN_AFTER_APPLY]);
    expect(field(instance, 'metadata_options')).toEqual([
      { http_endpoint: 'enabled', http_tokens: 'required', http_protocol_ipv6: UNKNOWN_AFTER_APPLY, http_put_response_hop_limit: UNKNOWN_AFTER_APPLY, instance_metadata_tags: UNKNOWN_AFTER_APPLY },
    ]);
    expect(field(at(plan, 'aws_s3_bucket.uploads').after, 'bucket')).toBe(UNKNOWN_AFTER_APPLY);
    const group = at(plan, 'aws_security_group.web').after;
    expect(field(group, 'vpc_id')).toBe('vpc-0123456789abcdef0');
    expect(field(group, 'egress')).toBe(UNKNOWN_AFTER_APPLY);
  });

  it('sensitive values: marked, and the secrets of the file (values and variables) survive nowhere', () => {
    const file = join(ROOT, 'sensitive', 'plan.json');
    const text = readFileSync(file, 'utf8');
    const secrets = ['fixture-db-password-NOT-REAL-4711', 'fixture-api-key-NOT-REAL-0815'];
    for (const secret of secrets) expect(text).toContain(secret);
    const plan = readPlan(file);
    expect(field(at(plan, 'aws_db_instance.reports').before, 'password')).toBe(SENSITIVE);
    expect(field(at(plan, 'aws_db_instance.reports').after, 'password')).toBe(SENSITIVE);
    expect(field(at(plan, 'aws_db_instance.reports').after, 'backup_retention_period')).toBe(14);
    expect(field(at(plan, 'aws_ssm_parameter.api_key').after, 'value')).toBe(SENSITIVE);
    const printed = printable(plan);
    const strings = everyString(plan);
    for (const secret of secrets) {
      expect(printed).not.toContain(secret);
      expect(strings.some((s) => s.includes(secret))).toBe(false);
    }
  });

  it('drift: what changed outside Terraform, and the change that restores it', () => {
    const plan = read('drift');
    expect(plan.drift).toHaveLength(1);
    expect(plan.drift[0]).toMatchObject({ address: 'aws_s3_bucket_public_access_block.site', actions: ['update'] });
    expect(field(plan.drift[0]!.before, 'block_public_policy')).toBe(true);
    expect(field(plan.drift[0]!.after, 'block_public_policy')).toBe(false);
    expect(field(at(plan, 'aws_s3_bucket_public_access_block.site').after, 'block_public_policy')).toBe(true);
  });

  it('format 0.x (Terraform 0.12): accepted without drift, replace paths, reasons, provider names or sensitivity marks', () => {
    const plan = read('format-0.x');
    expect(plan.formatVersion).toBe('0.1');
    expect(plan.terraformVersion).toBe('0.12.31');
    expect(plan.drift).toEqual([]);
    const bucket = at(plan, 'aws_s3_bucket.archive');
    expect(bucket.actions).toEqual(['create']);
    // No after_unknown in this entry: nothing is marked unknown, and nothing invented.
    expect(field(bucket.after, 'acl')).toBe('private');
    expect(bucket.providerName).toBeUndefined();
    const role = at(plan, 'aws_iam_role.lambda');
    expect(field(role.before, 'tags')).toEqual({ owner: 'records' });
    expect(field(role.after, 'tags')).toEqual({ team: 'records' });
    expect(plan.notes.join('\n')).toMatch(/no sensitivity marks/);
  });
});
