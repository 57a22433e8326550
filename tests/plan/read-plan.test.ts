import { describe, expect, it } from 'vitest';
import { SENSITIVE, UNKNOWN_AFTER_APPLY } from '../../server/src/engine/plan/plan-model.js';
import { parsePlan, readPlan } from '../../server/src/engine/plan/read-plan.js';
import { indexResources, planIndex } from '../../server/src/engine/plan/plan-index.js';
import { change, everyString, plan1, printable, writePlan } from './plan-json.js';

describe('readPlan: resource changes', () => {
  it('reads actions, before, after, replace paths, reason and previous address', () => {
    const plan = readPlan(
      writePlan(
        plan1({
          resource_changes: [
            change('aws_s3_bucket.new', { actions: ['create'], after: { bucket: 'new', tags: { team: 'a' } } }),
            change(
              'aws_db_instance.db',
              {
                actions: ['delete', 'create'],
                before: { engine: 'postgres', identifier: 'db-1' },
                after: { engine: 'postgres', identifier: 'db-2' },
                replace_paths: [['identifier'], ['tags', 'x'], ['ingress', 0, 'cidr']],
              },
              { action_reason: 'replace_because_cannot_update' },
            ),
            change('aws_iam_role.renamed', { actions: ['no-op'], before: { name: 'r' }, after: { name: 'r' } }, { previous_address: 'aws_iam_role.old' }),
          ],
        }),
      ),
    );
    expect(plan.formatVersion).toBe('1.2');
    expect(plan.terraformVersion).toBe('1.9.8');
    const [create, replace, moved] = plan.resourceChanges;
    expect(create).toMatchObject({ address: 'aws_s3_bucket.new', moduleAddress: '', mode: 'managed', type: 'aws_s3_bucket', name: 'new', actions: ['create'], before: null });
    expect(create!.after).toEqual({ bucket: 'new', tags: { team: 'a' } });
    expect(create!.replacePaths).toEqual([]);
    expect(create!.providerName).toBe('registry.terraform.io/hashicorp/aws');
    expect(replace).toMatchObject({
      actions: ['delete', 'create'],
      before: { engine: 'postgres', identifier: 'db-1' },
      replacePaths: [['identifier'], ['tags', 'x'], ['ingress', 0, 'cidr']],
      actionReason: 'replace_because_cannot_update',
    });
    expect(moved!.previousAddress).toBe('aws_iam_role.old');
    // A no-op keeps one value: before is after.
    expect(moved!.before).toBe(moved!.after);
  });

  it('marks after_unknown paths UNKNOWN_AFTER_APPLY: leaves, whole subtrees, list elements', () => {
    const plan = parsePlan(
      JSON.stringify(
        plan1({
          resource_changes: [
            change('aws_instance.web', {
              actions: ['create'],
              // Terraform omits unknown attributes from `after` and keeps list positions with null.
              after: { ami: 'ami-1', tags: { Name: 'web' }, ebs: [{ size: 8 }, { size: 20 }], sgs: [null, 'sg-2'], nested: { a: 1 } },
              after_unknown: { id: true, arn: true, ebs: [{ volume_id: true }, false], sgs: [true, false], nested: true, tags_all: true },
            }),
            change('aws_s3_bucket.all_unknown', { actions: ['create'], after: null, after_unknown: true }),
          ],
        }),
      ),
      'plan.json',
    );
    const after = plan.resourceChanges[0]!.after as Record<string, unknown>;
    expect(after.ami).toBe('ami-1');
    expect(after.id).toBe(UNKNOWN_AFTER_APPLY);
    expect(after.arn).toBe(UNKNOWN_AFTER_APPLY);
    expect(after.tags_all).toBe(UNKNOWN_AFTER_APPLY);
    expect(after.tags).toEqual({ Name: 'web' });
    expect(after.ebs).toEqual([{ size: 8, volume_id: UNKNOWN_AFTER_APPLY }, { size: 20 }]);
    expect(after.sgs).toEqual([UNKNOWN_AFTER_APPLY, 'sg-2']);
    expect(after.nested).toBe(UNKNOWN_AFTER_APPLY);
    expect(plan.resourceChanges[1]!.after).toBe(UNKNOWN_AFTER_APPLY);
  });

  it('a mark whose shape disagrees with the value makes the whole value unknown, never half-known', () => {
    const plan = parsePlan(
      JSON.stringify(plan1({ resource_changes: [change('aws_instance.web', { actions: ['create'], after: { tags: 'x', keep: 1 }, after_unknown: { tags: { a: true }, keep: { b: false } } })] })),
      'plan.json',
    );
    expect(plan.resourceChanges[0]!.after).toEqual({ tags: UNKNOWN_AFTER_APPLY, keep: 1 });
  });

  it('accepts entries without after_unknown or sensitivity marks (Terraform 0.12)', () => {
    const entry = change('aws_s3_bucket.b', { actions: ['create'], after: { bucket: 'b' } });
    const c = entry.change as Record<string, unknown>;
    delete c.after_unknown;
    delete c.before_sensitive;
    delete c.after_sensitive;
    const plan = parsePlan(JSON.stringify({ format_version: '0.1', terraform_version: '0.12.31', planned_values: {}, resource_changes: [entry] }), 'old.json');
    expect(plan.formatVersion).toBe('0.1');
    expect(plan.resourceChanges[0]!.after).toEqual({ bucket: 'b' });
    expect(plan.drift).toEqual([]);
    expect(plan.notes.join('\n')).toMatch(/no sensitivity marks/);
  });

  it('reads resource_drift', () => {
    const plan = parsePlan(
      JSON.stringify(
        plan1({
          resource_drift: [change('aws_s3_bucket.b', { actions: ['update'], before: { acl: 'private' }, after: { acl: 'public-read' } })],
        }),
      ),
      'plan.json',
    );
    expect(plan.drift).toHaveLength(1);
    expect(indexResources(plan.drift).get('')?.get('aws_s3_bucket.b')).toEqual(plan.drift);
    expect(plan.drift[0]).toMatchObject({ actions: ['update'], before: { acl: 'private' }, after: { acl: 'public-read' } });
    expect(plan.notes).toEqual([]);
  });

  it('notes a plan of a failed run and an incomplete plan', () => {
    const plan = parsePlan(JSON.stringify(plan1({ errored: true, complete: false })), 'plan.json');
    expect(plan.notes).toEqual([
      'plan.json: the plan is of a `terraform plan` that failed (errored): resources after the error may be missing',
      'plan.json: the plan is incomplete (deferred changes or -target): resources not planned are not in it',
    ]);
    expect(parsePlan(JSON.stringify(plan1({ errored: false, complete: true })), 'plan.json').notes).toEqual([]);
  });

  it('takes null for an absent part, as Go prints nil lists and maps', () => {
    const plan = parsePlan(JSON.stringify(plan1({ resource_changes: null, resource_drift: null, configuration: null })), 'plan.json');
    expect(plan.resourceChanges).toEqual([]);
    const nested = parsePlan(JSON.stringify(plan1({ configuration: { root_module: { resources: null, module_calls: null } } })), 'plan.json');
    expect(nested.rootResources).toEqual([]);
  });

  it('reads the forget action (a removed block with destroy = false)', () => {
    const plan = parsePlan(JSON.stringify(plan1({ resource_changes: [change('aws_s3_bucket.kept', { actions: ['forget'], before: { bucket: 'kept' } })] })), 'plan.json');
    expect(plan.resourceChanges[0]!.actions).toEqual(['forget']);
  });

  it('reads a compact one-line plan as Terraform prints it, and a plan with no changes', () => {
    const compact = JSON.stringify(plan1({ resource_changes: [change('aws_s3_bucket.b', { actions: ['create'], after: { bucket: 'b' } })] }));
    expect(compact).not.toContain('\n');
    expect(parsePlan(compact, 'plan.json').resourceChanges).toHaveLength(1);
    const { resource_changes: _, ...empty } = plan1({});
    expect(parsePlan(JSON.stringify(empty), 'plan.json').resourceChanges).toEqual([]);
  });

  it('reads module instances, instance keys and deposed objects', () => {
    const plan = parsePlan(
      JSON.stringify(
        plan1({
          resource_changes: [
            change('module.site["a.b"].aws_s3_bucket.b[0]', { actions: ['create'], after: { bucket: 'x' } }),
            change('module.site["a.b"].aws_s3_bucket.b[1]', { actions: ['create'], after: { bucket: 'y' } }),
            change('module.site["c"].data.aws_iam_policy_document.p', { actions: ['read'], after: { json: '{}' } }),
            change('aws_instance.web', { actions: ['delete'], before: { ami: 'a' } }, { deposed: '00000001' }),
            change('aws_instance.web', { actions: ['create'], after: { ami: 'b' } }),
          ],
        }),
      ),
      'plan.json',
    );
    const [first, , data, deposed] = plan.resourceChanges;
    expect(first).toMatchObject({ moduleAddress: 'module.site["a.b"]', index: 0 });
    expect(data).toMatchObject({ moduleAddress: 'module.site["c"]', mode: 'data', type: 'aws_iam_policy_document', name: 'p' });
    expect(data!.index).toBeUndefined();
    expect(deposed!.deposed).toBe('00000001');

    const index = planIndex(plan);
    expect([...index.keys()]).toEqual(['module.site["a.b"]', 'module.site["c"]', '']);
    expect(index.get('module.site["a.b"]')!.get('aws_s3_bucket.b')!.map((r) => r.index)).toEqual([0, 1]);
    expect(index.get('module.site["c"]')!.get('data.aws_iam_policy_document.p')).toEqual([data]);
    // The deposed copy is not an instance of the block; the current object is.
    expect(index.get('')!.get('aws_instance.web')!.map((r) => r.actions)).toEqual([['create']]);
  });

  it('reads the data sources read while planning from prior_state, root and child modules, once', () => {
    const dataEntry = (address: string, values: unknown, extra: Record<string, unknown> = {}) => {
      const [, type, name] = /data\.([a-z_]+)\.([a-z_]+)/.exec(address)!;
      return { address, mode: 'data', type, name, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values, sensitive_values: {}, ...extra };
    };
    const plan = parsePlan(
      JSON.stringify(
        plan1({
          prior_state: {
            format_version: '1.0',
            terraform_version: '1.9.8',
            values: {
            outputs: { x: { sensitive: false, value: 1 } },
            root_module: {
              resources: [
                { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', values: { bucket: 'b' } },
                dataEntry('data.aws_caller_identity.me', { account_id: '123456789012' }),
                // Also in resource_changes (read at apply time): that entry stands, this one is not repeated.
                dataEntry('data.aws_ami.latest', {}),
              ],
              child_modules: [
                {
                  address: 'module.app["a"]',
                  resources: [dataEntry('module.app["a"].data.aws_iam_policy_document.p', { json: '{}', statement: [] }, { index: undefined })],
                  child_modules: [{ address: 'module.app["a"].module.inner', resources: [dataEntry('module.app["a"].module.inner.data.aws_region.r[0]', { name: 'eu-west-1' }, { index: 0 })] }],
                },
              ],
            },
            },
          },
          resource_changes: [
            change('aws_s3_bucket.b', { actions: ['create'], after: { bucket: 'b' } }),
            change('data.aws_ami.latest', { actions: ['read'], after: {}, after_unknown: { id: true } }),
          ],
        }),
      ),
      'plan.json',
    );
    expect(plan.dataSources.map((r) => [r.address, r.moduleAddress, r.index])).toEqual([
      ['data.aws_caller_identity.me', '', undefined],
      ['module.app["a"].data.aws_iam_policy_document.p', 'module.app["a"]', undefined],
      ['module.app["a"].module.inner.data.aws_region.r[0]', 'module.app["a"].module.inner', 0],
    ]);
    expect(plan.dataSources[0]).toMatchObject({ mode: 'data', type: 'aws_caller_identity', name: 'me', actions: ['no-op'], after: { account_id: '123456789012' } });
    expect(plan.dataSources[0]!.before).toBe(plan.dataSources[0]!.after);
    const index = planIndex(plan);
    expect(index.get('')!.get('data.aws_ami.latest')!.map((r) => r.actions)).toEqual([['read']]);
    expect(index.get('module.app["a"].module.inner')!.get('data.aws_region.r')![0]!.after).toEqual({ name: 'eu-west-1' });
  });

  it('reads the configuration: root resources and module calls recursively, outermost first', () => {
    const plan = parsePlan(
      JSON.stringify(
        plan1({
          configuration: {
            provider_config: { aws: { name: 'aws' } },
            root_module: {
              resources: [
                { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', expressions: { bucket: { constant_value: 'b' } } },
                { address: 'data.aws_caller_identity.me', mode: 'data', type: 'aws_caller_identity', name: 'me' },
              ],
              module_calls: {
                vpc: {
                  source: 'terraform-aws-modules/vpc/aws',
                  version_constraint: '~> 5.0',
                  module: { resources: [{ address: 'aws_vpc.this' }], module_calls: { inner: { source: './inner', module: {} } } },
                },
                site: { source: './site', for_each_expression: { references: ['var.sites'] }, module: {} },
              },
            },
          },
        }),
      ),
      'plan.json',
    );
    expect(plan.rootResources).toEqual(['aws_s3_bucket.b', 'data.aws_caller_identity.me']);
    expect(plan.moduleCalls).toEqual([
      { path: 'module.vpc', name: 'vpc', source: 'terraform-aws-modules/vpc/aws', versionConstraint: '~> 5.0' },
      { path: 'module.vpc.module.inner', name: 'inner', source: './inner' },
      { path: 'module.site', name: 'site', source: './site' },
    ]);
  });
});

describe('readPlan: sensitive values never survive reading', () => {
  const SECRET = 'hunter2-very-secret-Pa55';
  const plan = parsePlan(
    JSON.stringify(
      plan1({
        variables: { db_password: { value: SECRET } },
        planned_values: { root_module: { resources: [{ address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', values: { password: SECRET }, sensitive_values: { password: true } }] } },
        prior_state: {
          values: {
            root_module: {
              resources: [
                { address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', values: { password: SECRET }, sensitive_values: { password: true } },
                { address: 'data.aws_secretsmanager_secret_version.v', mode: 'data', type: 'aws_secretsmanager_secret_version', name: 'v', values: { secret_string: SECRET, arn: 'arn:x' }, sensitive_values: { secret_string: true } },
              ],
            },
          },
        },
        output_changes: { pw: { before: SECRET, after: SECRET, before_sensitive: true, after_sensitive: true } },
        resource_changes: [
          change('aws_db_instance.db', {
            actions: ['update'],
            before: { password: SECRET, username: 'admin', nested: [{ token: SECRET, keep: 'k' }], whole: { a: SECRET } },
            after: { password: SECRET, username: 'admin', nested: [{ token: SECRET, keep: 'k' }], whole: { a: SECRET } },
            before_sensitive: { password: true, nested: [{ token: true }], whole: true },
            after_sensitive: { password: true, nested: [{ token: true }], whole: true },
          }),
          change('aws_db_instance.same', { actions: ['no-op'], before: { password: SECRET }, after: { password: SECRET }, before_sensitive: { password: true }, after_sensitive: { password: true } }),
          change('aws_secretsmanager_secret_version.v', { actions: ['create'], after: { secret_string: SECRET }, after_unknown: { secret_string: true }, after_sensitive: { secret_string: true } }),
          change('aws_ssm_parameter.p', { actions: ['delete'], before: { value: SECRET, name: 'p' }, before_sensitive: { value: true } }),
          // A mark of another shape than the value: the whole value goes.
          change('aws_ssm_parameter.odd', { actions: ['create'], after: { value: SECRET }, after_sensitive: [true] }),
        ],
        resource_drift: [
          change('aws_db_instance.db', { actions: ['update'], before: { password: 'old-' + SECRET }, after: { password: SECRET }, before_sensitive: { password: true }, after_sensitive: { password: true } }),
        ],
        configuration: { root_module: { variables: { db_password: { sensitive: true, default: SECRET } }, resources: [{ address: 'aws_db_instance.db', expressions: { password: { constant_value: SECRET } } }] } },
      }),
    ),
    'plan.json',
  );

  it('the secret is in no field, printed or walked', () => {
    expect(printable(plan)).not.toContain(SECRET);
    expect(everyString(plan).some((s) => s.includes(SECRET))).toBe(false);
  });

  it('marked values are SENSITIVE, the rest stays', () => {
    const [db, same, secret, deleted, odd] = plan.resourceChanges;
    expect(db!.after).toEqual({ password: SENSITIVE, username: 'admin', nested: [{ token: SENSITIVE, keep: 'k' }], whole: SENSITIVE });
    expect(db!.before).toEqual(db!.after);
    expect(same!.after).toEqual({ password: SENSITIVE });
    // Unknown and sensitive: sensitive wins, so nothing can ever print it.
    expect(secret!.after).toEqual({ secret_string: SENSITIVE });
    expect(deleted!.before).toEqual({ value: SENSITIVE, name: 'p' });
    expect(odd!.after).toBe(SENSITIVE);
    expect(plan.drift[0]!.before).toEqual({ password: SENSITIVE });
    expect(plan.dataSources[0]!.after).toEqual({ secret_string: SENSITIVE, arn: 'arn:x' });
  });

  it('a mark named __proto__ reaches no prototype', () => {
    const polluted = parsePlan(
      `{"format_version":"1.2","planned_values":{},"resource_changes":[{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","change":{"actions":["create"],"after":{"__proto__":{"x":"v"}},"after_sensitive":{"__proto__":{"polluted":true}},"after_unknown":{"constructor":{"prototype":{"p2":true}}}}}]}`,
      'plan.json',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).p2).toBeUndefined();
    const after = polluted.resourceChanges[0]!.after as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(after, '__proto__')?.value).toEqual({ x: 'v', polluted: SENSITIVE });
  });
});
