import { defineRule, findAttribute, findBlocks, headerRange } from '../../server/src/engine/rules/rule.js';
import type { RuleContext } from '../../server/src/engine/rules/rule.js';
import type { Block } from '../../server/src/engine/parse/ast.js';
import type { ResourceRef } from '../../server/src/engine/model/module.js';
import { EMPTY_SCOPE, type Scope } from '../../server/src/engine/evaluate/scope.js';
import { argumentIsSet, expectBool, judgeArgument } from '../../server/src/engine/protection/argument.js';
import { dynamicBlocks, dynamicContent, dynamicInstances, instances, type Instance } from '../../server/src/engine/evaluate/existence.js';
import {
  BLOCK_DEVICES,
  ENCRYPTION_ARGUMENTS,
  type BlockDevicePath,
  type EncryptionArgument,
} from '../../server/src/engine/protection/encryption-arguments.js';
import { insertAttributeFix, setAttributeValueFix } from '../../server/src/engine/fix/block-edits.js';
import { instanceKey } from '../../server/src/engine/plan/planned-module.js';

type Decision = { kind: 'encrypted' } | { kind: 'unencrypted' } | { kind: 'unknown'; reason: string };

export default defineRule({
  meta: {
    id: 'encryption/at-rest',
    title: 'Storage is encrypted at rest',
    problem: 'not encrypted',
    category: 'encryption',
    severity: 'warning',
    fixable: true,
    rationale:
      'Unencrypted volumes, databases, file systems and caches leave the data — and every snapshot and backup made ' +
      'from it — readable to anyone who obtains a copy: a shared or leaked snapshot, a mis-scoped backup vault. ' +
      'Encryption at rest cannot be turned on later without copying the data to new storage, so it has to be right ' +
      'when the resource is created. Checked: aws_db_instance, aws_rds_cluster, aws_docdb_cluster, aws_neptune_cluster ' +
      '(`storage_encrypted`), aws_ebs_volume and the block devices of aws_instance, aws_launch_configuration and ' +
      'aws_launch_template (`encrypted`), aws_efs_file_system (`encrypted`), aws_elasticache_replication_group ' +
      '(`at_rest_encryption_enabled`, default on for Valkey), aws_redshift_cluster (`encrypted`). What AWS already ' +
      'encrypts on its own (S3 objects, DynamoDB tables, new Redshift clusters) is only reported when the code opts out. ' +
      'Storage restored from a snapshot or replicated from a source inherits its encryption, and a root volume follows ' +
      'the AMI: those are left to the review checklist when the argument is absent. A module that turns on ' +
      '`aws_ebs_encryption_by_default` covers its EBS volumes.',
    remediation:
      'Set the argument to true when the resource is created (`storage_encrypted = true`, `encrypted = true`, ' +
      '`at_rest_encryption_enabled = true`), with `kms_key_id` for a customer managed key. Existing unencrypted ' +
      'storage must be copied: snapshot, copy the snapshot with encryption, restore.',
    equivalents: {
      checkov: ['CKV_AWS_16', 'CKV_AWS_96', 'CKV_AWS_3', 'CKV_AWS_8', 'CKV_AWS_42', 'CKV_AWS_29', 'CKV_AWS_74', 'CKV_AWS_44'],
      tfsec: [
        'aws-rds-encrypt-instance-storage-data',
        'aws-rds-encrypt-cluster-storage-data',
        'aws-ec2-enable-launch-config-at-rest-encryption',
      ],
      trivy: ['AVD-AWS-0080', 'AVD-AWS-0079', 'AVD-AWS-0026', 'AVD-AWS-0131', 'AVD-AWS-0008', 'AVD-AWS-0037', 'AVD-AWS-0045'],
    },
    examples: {
      failing: `resource "aws_db_instance" "orders" {
  identifier     = "orders"
  engine         = "postgres"
  instance_class = "db.t3.medium"
}
`,
      passing: `resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  storage_encrypted = true
}
`,
    },
  },

  check(ctx) {
    const ebsByDefault = accountEbsEncryption(ctx);
    for (const resource of ctx.module.resources) {
      if (resource.mode !== 'managed') continue;
      const spec = ENCRYPTION_ARGUMENTS.get(resource.type);
      const devices = BLOCK_DEVICES.get(resource.type);
      if (!spec && !devices) continue;
      const each = instances(ctx, resource.block, resource.file);
      if (each.length === 0) continue;
      if (spec) checkArgument(ctx, resource, each.map((i) => i.scope), spec, ebsByDefault);
      for (const path of devices ?? []) checkBlockDevices(ctx, resource, each, path, ebsByDefault);
    }
  },
});

/** Whether the module turns on EBS encryption by default for its account and region (the resource's `enabled` defaults to true). */
function accountEbsEncryption(ctx: RuleContext): boolean {
  return ctx.module.resources.some((r) => {
    if (r.mode !== 'managed' || r.type !== 'aws_ebs_encryption_by_default') return false;
    const verdict = judgeArgument(ctx, r.block, r.file, 'enabled', [EMPTY_SCOPE], expectBool(true), 'ok');
    return verdict.kind === 'ok' || verdict.kind === 'default';
  });
}

function checkArgument(ctx: RuleContext, resource: ResourceRef, scopes: Scope[], spec: EncryptionArgument, ebsByDefault: boolean): void {
  const { block, file, address } = resource;
  const { argument } = spec;
  const verdict = judgeArgument(ctx, block, file, argument, scopes, expectBool(true), 'ok');
  const title = `Set ${argument} = true`;
  switch (verdict.kind) {
    case 'ok':
      return;
    case 'bad':
      ctx.report({
        file,
        range: verdict.attribute.range,
        address,
        message: `${address} stores its data unencrypted (${argument} = ${verdict.text}): set it to true when the resource is created.`,
        fix: setAttributeValueFix(file, verdict.attribute, 'true', title),
      });
      return;
    case 'unknown':
      ctx.undecided({
        file,
        range: verdict.attribute.range,
        address,
        text: `Confirm that ${address} is encrypted at rest (${argument} = true).`,
        reason: verdict.reason,
      });
      return;
    case 'default':
      break;
  }
  if (spec.ebs && ebsByDefault) return;
  const byDefault = defaultEncryption(ctx, resource, scopes, spec);
  if (byDefault.kind === 'encrypted') return;
  if (byDefault.kind === 'unknown') {
    ctx.undecided({
      file,
      range: headerRange(block),
      address,
      text: `Confirm that ${address} is encrypted at rest, or set ${argument} = true.`,
      reason: byDefault.reason,
    });
    return;
  }
  ctx.report({
    file,
    range: headerRange(block),
    address,
    message: `${address} stores its data unencrypted (${argument} defaults to false): add \`${argument} = true\`.`,
    fix: () => insertAttributeFix(file, block, argument, 'true', title),
  });
}

/** What an absent argument means for this resource: the provider default, or the encryption of the source it copies. */
function defaultEncryption(ctx: RuleContext, resource: ResourceRef, scopes: Scope[], spec: EncryptionArgument): Decision {
  const { block, file } = resource;
  for (const source of spec.inheritsFrom) {
    if (findBlocks(block, source).length > 0) {
      return { kind: 'unknown', reason: `it is restored from a source (${source}) whose encryption it inherits` };
    }
    const set = argumentIsSet(ctx, block, file, source, scopes);
    if (set.kind === 'yes') return { kind: 'unknown', reason: `it is created from ${source}, whose encryption it inherits` };
    if (set.kind === 'unknown') return { kind: 'unknown', reason: `whether it copies ${source} is not known statically: ${set.reason}` };
  }
  const byDefault = spec.encryptedByDefault;
  if (typeof byDefault === 'boolean') return { kind: byDefault ? 'encrypted' : 'unencrypted' };
  const selector = findAttribute(block, byDefault.argument);
  let unknownReason: string | undefined;
  let encrypted = false;
  let unencrypted = false;
  for (const scope of selector ? scopes : []) {
    const v = ctx.evaluate(selector!.expr, file, scope);
    if (v.kind === 'unknown') unknownReason ??= v.reason;
    else if (v.kind === 'string' && byDefault.encryptedWhen.includes(v.value)) encrypted = true;
    else unencrypted = true;
  }
  if (!selector) return { kind: byDefault.encryptedWhen.includes(byDefault.absentMeans) ? 'encrypted' : 'unencrypted' };
  if (unencrypted) return { kind: 'unencrypted' };
  if (unknownReason !== undefined) return { kind: 'unknown', reason: `the default depends on ${byDefault.argument}: ${unknownReason}` };
  return { kind: encrypted ? 'encrypted' : 'unencrypted' };
}

function checkBlockDevices(ctx: RuleContext, resource: ResourceRef, each: Instance[], path: BlockDevicePath, ebsByDefault: boolean): void {
  const { file, address } = resource;
  const [outer, inner] = path.blocks as [string, string | undefined];
  type Device = { block: Block; dynamic: boolean; instances: Instance[] };
  const collect = (parent: Device, type: string): Device[] => [
    ...findBlocks(parent.block, type).map((block) => ({ block, dynamic: parent.dynamic, instances: parent.instances })),
    ...dynamicBlocks(parent.block, type).flatMap((d) => {
      const content = dynamicContent(d);
      const generated = parent.instances.flatMap((i) => dynamicInstances(ctx, d, file, i));
      return content ? [{ block: content, dynamic: true, instances: generated }] : [];
    }),
  ];
  const devices: Device[] = [];
  for (const first of collect({ block: resource.block, dynamic: false, instances: each }, outer)) {
    if (inner === undefined) devices.push(first);
    else for (const d of collect(first, inner)) devices.push(d);
  }

  const device = path.blocks.join('.');
  for (const { block, dynamic, instances: generated } of devices) {
    if (generated.length === 0) continue;
    const scopes = generated.map((i) => i.scope);
    const verdict = judgeArgument(ctx, block, file, 'encrypted', scopes, expectBool(true), 'ok');
    if (verdict.kind === 'ok') continue;
    if (verdict.kind === 'bad') {
      ctx.report({
        file,
        range: verdict.attribute.range,
        address,
        message: `${address} has an unencrypted ${device} (encrypted = ${verdict.text}): set it to true.`,
        fix: setAttributeValueFix(file, verdict.attribute, 'true', 'Set encrypted = true'),
      });
      continue;
    }
    if (verdict.kind === 'unknown') {
      ctx.undecided({
        file,
        range: verdict.attribute.range,
        address,
        text: `Confirm that the ${device} volumes of ${address} are encrypted.`,
        reason: verdict.reason,
      });
      continue;
    }
    if (ebsByDefault) continue;
    // Absent: a new empty volume is unencrypted; one made from a snapshot (the AMI's, for a root device) follows it.
    const fromSnapshot = argumentIsSet(ctx, block, file, 'snapshot_id', scopes);
    const why =
      path.root === 'yes'
        ? "a root volume is created from the AMI's snapshot and is encrypted only if that snapshot is"
        : path.root === 'unknown'
          ? "the mapping may override the AMI's root device, whose volume follows the AMI's snapshot"
          : fromSnapshot.kind === 'yes'
            ? 'the volume is created from snapshot_id and inherits its encryption'
            : fromSnapshot.kind === 'unknown'
              ? `whether it is created from a snapshot is not known statically: ${fromSnapshot.reason}`
              : dynamic
                ? 'the block is generated by a dynamic block at plan time'
                : undefined;
    if (why !== undefined) {
      // The plan knows what the provider will set (SPEC §10).
      const planned = plannedEncryption(ctx, block, scopes);
      if (planned === 'encrypted') continue;
      if (planned) {
        ctx.report({
          file,
          range: headerRange(block),
          address,
          message: `${address}${planned.unencrypted} has an unencrypted ${device} volume (the plan's encrypted = false): set \`encrypted = true\`.`,
          fix: () => insertAttributeFix(file, block, 'encrypted', 'true', 'Set encrypted = true'),
        });
        continue;
      }
      ctx.undecided({
        file,
        range: headerRange(block),
        address,
        text: `Confirm that the ${device} volume of ${address} is encrypted, or set encrypted = true.`,
        reason: why,
      });
      continue;
    }
    ctx.report({
      file,
      range: headerRange(block),
      address,
      message: `${address} attaches a new ${device} volume without encryption (encrypted defaults to false): add \`encrypted = true\`.`,
      fix: () => insertAttributeFix(file, block, 'encrypted', 'true', 'Set encrypted = true'),
    });
  }
  // An instance without any root_block_device block: its root volume follows the AMI.
  if (path.root === 'yes' && devices.length === 0 && !ebsByDefault) {
    const planned = plannedEncryption(ctx, resource.block, each.map((i) => i.scope), outer);
    if (planned === 'encrypted') return;
    if (planned) {
      ctx.report({
        file,
        range: headerRange(resource.block),
        address,
        message: `${address}${planned.unencrypted} has an unencrypted root volume (the plan's ${outer}.encrypted = false): encrypt the AMI, turn on EBS encryption by default, or add ${outer} { encrypted = true }.`,
      });
      return;
    }
    ctx.undecided({
      file,
      range: headerRange(resource.block),
      address,
      text: `Confirm that the root volume of ${address} is encrypted (an encrypted AMI, EBS encryption by default, or root_block_device { encrypted = true }).`,
      reason: "the root volume is created from the AMI's snapshot and is encrypted only if that snapshot is",
    });
  }
}

/**
 * `encrypted` of a device block the code leaves to the provider, as the plan
 * has it in every instance (SPEC §10); undefined when the plan does not say
 * for all of them (no plan, known only after apply).
 */
function plannedEncryption(ctx: RuleContext, block: Block, scopes: readonly Scope[], absentBlock?: string): 'encrypted' | { unencrypted: string } | undefined {
  const bad: string[] = [];
  for (const scope of scopes) {
    const v = ctx.plannedArgument(block, 'encrypted', scope, absentBlock);
    if (v?.kind !== 'bool') return undefined;
    const key = instanceKey(scope);
    if (!v.value) bad.push(key === undefined ? '' : `[${JSON.stringify(key)}]`);
  }
  if (scopes.length === 0) return undefined;
  if (bad.length === 0) return 'encrypted';
  // Instances named when only some of them are unencrypted.
  return { unencrypted: bad.length < scopes.length ? ` (instances ${bad.join(', ')})` : '' };
}
