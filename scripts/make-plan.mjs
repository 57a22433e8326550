// `node scripts/make-plan.mjs N OUT`: writes a realistic N-resource plan JSON
// (what `terraform show -json tfplan` prints: one line, format 1.2) for the
// plan reader's bench and tests. Mixed AWS types (S3 with nested encryption
// blocks, IAM policies and roles with rendered policy JSON, security groups,
// databases with sensitive passwords, instances with unknown ids), tags and
// tags_all, root resources, a registry module, a for_each module with a nested
// module; every action kind (no-op most, as in real plans); data sources read
// while planning (in prior_state only) and at apply time (read); planned_values
// and prior_state repeat the values as Terraform does, which is what makes
// real plans large. Written piece by piece, so N can be large.
import { closeSync, openSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const ACTIONS = [
  // [weight, actions, action_reason]
  [70, ['no-op']],
  [10, ['update']],
  [8, ['create']],
  [4, ['delete'], 'delete_because_no_resource_config'],
  [4, ['delete', 'create'], 'replace_because_cannot_update'],
  [2, ['create', 'delete'], 'replace_because_cannot_update'],
  [2, ['no-op']],
];

function policyJson(i, wide) {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::data-${i}`, `arn:aws:s3:::data-${i}/*`] },
      { Sid: 'Logs', Effect: 'Allow', Action: wide ? 'logs:*' : ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:eu-west-1:123456789012:log-group:/svc/${i}:*` },
      { Sid: 'Kms', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } } },
    ],
  });
}

const tags = (i, team) => ({ Name: `res-${i}`, team, environment: 'prod', cost_center: `cc-${i % 17}` });
const withTagsAll = (values, i, team) => ({ ...values, tags: tags(i, team), tags_all: { ...tags(i, team), managed_by: 'terraform' } });

/** Each template: type, values for instance i (version v: 0 before, 1 after), sensitive marks, attributes unknown on create. */
const TEMPLATES = [
  {
    type: 'aws_s3_bucket',
    values: (i, v) =>
      withTagsAll(
        {
          bucket: `data-${i}`,
          arn: `arn:aws:s3:::data-${i}`,
          id: `data-${i}`,
          force_destroy: v === 1,
          object_lock_enabled: false,
          versioning: [{ enabled: true, mfa_delete: false }],
          server_side_encryption_configuration: [
            { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: `arn:aws:kms:eu-west-1:123456789012:key/${i}` }], bucket_key_enabled: true }] },
          ],
          lifecycle_rule: [{ id: 'expire', enabled: true, prefix: 'tmp/', expiration: [{ days: 30 + v, expired_object_delete_marker: false }], noncurrent_version_expiration: [] }],
        },
        i,
        'data',
      ),
    unknown: { id: true, arn: true, bucket_domain_name: true, hosted_zone_id: true, region: true, tags_all: true },
  },
  {
    type: 'aws_iam_policy',
    values: (i, v) => withTagsAll({ name: `svc-${i}`, path: '/', description: 'service policy', policy: policyJson(i, v === 1 && i % 5 === 0), arn: `arn:aws:iam::123456789012:policy/svc-${i}`, id: `arn:aws:iam::123456789012:policy/svc-${i}`, policy_id: `ANPA${i}` }, i, 'platform'),
    unknown: { id: true, arn: true, policy_id: true, tags_all: true },
  },
  {
    type: 'aws_iam_role',
    values: (i) =>
      withTagsAll(
        {
          name: `role-${i}`,
          assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
          max_session_duration: 3600,
          managed_policy_arns: [`arn:aws:iam::123456789012:policy/svc-${i}`],
          inline_policy: [{ name: 'inline', policy: policyJson(i, false) }],
          arn: `arn:aws:iam::123456789012:role/role-${i}`,
          id: `role-${i}`,
          unique_id: `AROA${i}`,
        },
        i,
        'platform',
      ),
    unknown: { id: true, arn: true, unique_id: true, create_date: true, tags_all: true },
  },
  {
    type: 'aws_security_group',
    values: (i, v) =>
      withTagsAll(
        {
          name: `sg-${i}`,
          description: 'service',
          vpc_id: `vpc-${i % 50}`,
          ingress: [
            { from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: [v === 1 && i % 7 === 0 ? '0.0.0.0/0' : '10.0.0.0/8'], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: 'https' },
            { from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['10.1.0.0/16'], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: 'ssh' },
          ],
          egress: [{ from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: '' }],
          id: `sg-${i}`,
          arn: `arn:aws:ec2:eu-west-1:123456789012:security-group/sg-${i}`,
        },
        i,
        'network',
      ),
    unknown: { id: true, arn: true, owner_id: true, tags_all: true },
  },
  {
    type: 'aws_db_instance',
    values: (i, v) =>
      withTagsAll(
        {
          identifier: `db-${i}`,
          engine: 'postgres',
          engine_version: v === 1 ? '16.3' : '15.7',
          instance_class: 'db.t4g.medium',
          allocated_storage: 100,
          storage_encrypted: true,
          username: 'app',
          password: `generated-secret-${i}`,
          backup_retention_period: 7,
          deletion_protection: true,
          skip_final_snapshot: false,
          vpc_security_group_ids: [`sg-${i}`],
          id: `db-${i}`,
          arn: `arn:aws:rds:eu-west-1:123456789012:db:db-${i}`,
        },
        i,
        'data',
      ),
    sensitive: { password: true },
    unknown: { id: true, arn: true, endpoint: true, address: true, tags_all: true },
  },
  {
    type: 'aws_instance',
    values: (i, v) =>
      withTagsAll(
        {
          ami: `ami-${v === 1 ? 'new' : 'old'}${i % 3}`,
          instance_type: 't3.medium',
          subnet_id: `subnet-${i % 12}`,
          vpc_security_group_ids: [`sg-${i}`],
          associate_public_ip_address: false,
          root_block_device: [{ volume_size: 20, volume_type: 'gp3', encrypted: true, delete_on_termination: true }],
          metadata_options: [{ http_tokens: 'required', http_endpoint: 'enabled', http_put_response_hop_limit: 1 }],
          user_data: `#!/bin/bash\necho start ${i}\n`,
          id: `i-${i}`,
          arn: `arn:aws:ec2:eu-west-1:123456789012:instance/i-${i}`,
          private_ip: `10.0.${i % 250}.${i % 200}`,
        },
        i,
        'compute',
      ),
    unknown: { id: true, arn: true, private_ip: true, public_ip: true, primary_network_interface_id: true, tags_all: true },
  },
  {
    type: 'aws_ssm_parameter',
    values: (i) => withTagsAll({ name: `/svc/${i}/token`, type: 'SecureString', value: `token-${i}-secret`, key_id: 'alias/aws/ssm', tier: 'Standard', id: `/svc/${i}/token`, arn: `arn:aws:ssm:eu-west-1:123456789012:parameter/svc/${i}/token`, version: 3 }, i, 'platform'),
    sensitive: { value: true },
    unknown: { id: true, arn: true, version: true, tags_all: true },
  },
  {
    type: 'aws_iam_policy_document',
    data: true,
    values: (i) => ({
      id: `${i}`,
      json: policyJson(i, false),
      statement: [{ sid: 'Read', effect: 'Allow', actions: ['s3:GetObject', 's3:ListBucket'], resources: [`arn:aws:s3:::data-${i}`, `arn:aws:s3:::data-${i}/*`], condition: [], principals: [], not_actions: [], not_resources: [], not_principals: [] }],
      version: '2012-10-17',
    }),
    unknown: { id: true, json: true },
  },
];

/** Per-module layout: the blocks of the for_each module, and how many blocks the root has. */
const BLOCKS_PER_SERVICE = TEMPLATES.length * 2;

function pickActions(i) {
  const total = ACTIONS.reduce((n, [w]) => n + w, 0);
  let r = (i * 2654435761) % total;
  for (const [w, actions, reason] of ACTIONS) {
    if (r < w) return { actions, reason };
    r -= w;
  }
  return { actions: ['no-op'] };
}

/** Sensitive marks of a value: the template's, else none (`false` as Terraform writes it for objects without). */
const marks = (template) => template.sensitive ?? {};

/** Resource instance i: its address parts and change. */
function instance(i, n) {
  const template = TEMPLATES[i % TEMPLATES.length];
  const mode = template.data ? 'data' : 'managed';
  const prefix = template.data ? `data.${template.type}` : template.type;
  let moduleAddress = '';
  let name;
  let index;
  const rootCount = Math.max(TEMPLATES.length, Math.floor(n / 10));
  const registryCount = Math.max(TEMPLATES.length, Math.floor(n / 20));
  if (i < rootCount) {
    name = `r${Math.floor(i / TEMPLATES.length)}`;
  } else if (i < rootCount + registryCount) {
    moduleAddress = 'module.platform';
    name = 'this';
    index = Math.floor((i - rootCount) / TEMPLATES.length);
  } else {
    const j = i - rootCount - registryCount;
    const service = Math.floor(j / BLOCKS_PER_SERVICE);
    const block = j % BLOCKS_PER_SERVICE;
    moduleAddress = `module.service["svc-${service}.eu"]`;
    if (block >= TEMPLATES.length) moduleAddress += '.module.net';
    name = block >= TEMPLATES.length ? 'net' : 'main';
  }
  const keyText = index === undefined ? '' : `[${index}]`;
  const address = `${moduleAddress ? `${moduleAddress}.` : ''}${prefix}.${name}${keyText}`;
  let { actions, reason } = pickActions(i);
  if (template.data) actions = actions[0] === 'no-op' || actions[0] === 'update' ? ['no-op'] : ['read'];
  const creates = actions.includes('create') || actions[0] === 'read';
  const deletes = actions[0] === 'delete' && actions.length === 1;
  const before = creates && actions.length === 1 ? null : template.values(i, 0);
  const after = deletes ? null : template.values(i, actions[0] === 'no-op' ? 0 : 1);
  let afterUnknown = {};
  if (creates && after) {
    afterUnknown = template.unknown;
    for (const key of Object.keys(template.unknown)) delete after[key];
  }
  const change = {
    actions,
    before,
    after,
    after_unknown: afterUnknown,
    before_sensitive: before ? marks(template) : false,
    after_sensitive: after ? marks(template) : false,
  };
  if (actions.length === 2) change.replace_paths = [[template.type === 'aws_db_instance' ? 'identifier' : 'name']];
  const entry = { address, mode, type: template.type, name, provider_name: 'registry.terraform.io/hashicorp/aws', change };
  if (moduleAddress) entry.module_address = moduleAddress;
  if (index !== undefined) entry.index = index;
  if (reason && actions[0] !== 'no-op') entry.action_reason = reason;
  if (i % 997 === 0 && actions[0] === 'no-op') entry.previous_address = `${moduleAddress ? `${moduleAddress}.` : ''}${prefix}.old_${name}${keyText}`;
  return { i, entry, template, moduleAddress, address, mode, name, index, before, after };
}

function stateResource(r, values) {
  const resource = { address: r.address, mode: r.mode, type: r.template.type, name: r.name, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values, sensitive_values: {} };
  if (r.index !== undefined) resource.index = r.index;
  return resource;
}

const configResource = (template, name) => ({
  address: `${template.data ? 'data.' : ''}${template.type}.${name}`,
  mode: template.data ? 'data' : 'managed',
  type: template.type,
  name,
  provider_config_key: 'aws',
  expressions: { tags: { references: ['local.tags'] }, name: { constant_value: name } },
  schema_version: 0,
});

export function writePlan(n, out) {
  const fd = openSync(out, 'w');
  let pending = '';
  const write = (text) => {
    pending += text;
    if (pending.length > 1 << 20) {
      writeSync(fd, pending);
      pending = '';
    }
  };
  /** One top-level member holding an array built from every instance, written element by element. */
  const arrayMember = (name, element, last = false) => {
    write(`${JSON.stringify(name)}:[`);
    let first = true;
    for (let i = 0; i < n; i++) {
      const value = element(instance(i, n));
      if (value === undefined) continue;
      write(`${first ? '' : ','}${JSON.stringify(value)}`);
      first = false;
    }
    write(`]${last ? '' : ','}`);
  };
  write('{"format_version":"1.2","terraform_version":"1.9.8",');
  write('"variables":{"environment":{"value":"prod"},"db_password":{"value":"not-really-used"}},');
  // planned_values and prior_state as flat root_module lists (Terraform nests child_modules; the size is what matters here).
  write('"planned_values":{"root_module":{');
  // A data source read while planning (no-op) is in prior_state only, as Terraform writes it; one read at apply time is a change.
  const readWhilePlanning = (r) => r.template.data && r.entry.change.actions[0] === 'no-op';
  arrayMember('resources', (r) => (r.after && !readWhilePlanning(r) ? stateResource(r, r.after) : undefined), true);
  write('}},');
  arrayMember('resource_drift', (r) => (r.entry.change.actions[0] === 'no-op' && r.i % 41 === 0 && !r.template.data ? { ...r.entry, change: { ...r.entry.change, actions: ['update'] } } : undefined));
  arrayMember('resource_changes', (r) => (readWhilePlanning(r) ? undefined : r.entry));
  write('"output_changes":{"bucket":{"actions":["no-op"],"before":"data-0","after":"data-0","after_unknown":false,"before_sensitive":false,"after_sensitive":false}},');
  write('"prior_state":{"format_version":"1.0","terraform_version":"1.9.8","values":{"root_module":{');
  arrayMember('resources', (r) => (r.before ? stateResource(r, r.before) : undefined), true);
  write('}}},');
  const rootBlocks = Math.max(1, Math.floor(Math.max(TEMPLATES.length, Math.floor(n / 10)) / TEMPLATES.length));
  const rootResources = [];
  for (let b = 0; b < rootBlocks; b++) for (const t of TEMPLATES) rootResources.push(configResource(t, `r${b}`));
  const configuration = {
    provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', version_constraint: '~> 5.0', expressions: { region: { constant_value: 'eu-west-1' } } } },
    root_module: {
      resources: rootResources,
      module_calls: {
        platform: { source: 'acme/platform/aws', version_constraint: '~> 3.1', expressions: {}, module: { resources: TEMPLATES.map((t) => ({ ...configResource(t, 'this'), count_expression: { references: ['var.instances'] } })) } },
        service: {
          source: './modules/service',
          expressions: { name: { references: ['each.key'] } },
          for_each_expression: { references: ['var.services'] },
          module: {
            resources: TEMPLATES.map((t) => configResource(t, 'main')),
            module_calls: { net: { source: './net', expressions: {}, module: { resources: TEMPLATES.map((t) => configResource(t, 'net')) } } },
          },
        },
      },
    },
  };
  write(`"configuration":${JSON.stringify(configuration)},`);
  write('"relevant_attributes":[],"timestamp":"2026-12-05T00:00:00Z","applyable":true,"complete":true,"errored":false}');
  writeSync(fd, pending);
  closeSync(fd);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [n, out] = process.argv.slice(2);
  if (!n || !out || !/^\d+$/.test(n)) {
    console.error('usage: node scripts/make-plan.mjs N OUT');
    process.exit(2);
  }
  writePlan(Number(n), out);
}
