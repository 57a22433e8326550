import { defineRule, findAttribute, findBlocks, headerRange } from '../../server/src/engine/rules/rule.js';
import type { RuleContext } from '../../server/src/engine/rules/rule.js';
import type { Attribute } from '../../server/src/engine/parse/ast.js';
import type { Fix } from '../../server/src/engine/finding.js';
import type { ResourceRef } from '../../server/src/engine/model/module.js';
import type { Scope } from '../../server/src/engine/evaluate/scope.js';
import type { Value } from '../../server/src/engine/evaluate/value.js';
import {
  argumentIsSet,
  expectBool,
  judgeArgument,
  type ArgumentVerdict,
} from '../../server/src/engine/protection/argument.js';
import { dynamicBlocks, dynamicContent, dynamicInstances, instances, type Instance } from '../../server/src/engine/evaluate/existence.js';
import {
  insertAttributeFix,
  insertNestedBlockFix,
  setAttributeValueFix,
} from '../../server/src/engine/fix/block-edits.js';
import { fileLines, spliceLines } from '../../server/src/engine/fix/line-splice.js';
import { isPlainString } from '../../server/src/engine/versioning/replace-string.js';
import { rangeText } from '../../server/src/engine/range.js';

/** Types whose `skip_final_snapshot` (default false) deletes every backup with the resource; and their name argument. */
const FINAL_SNAPSHOT_TYPES: ReadonlyMap<string, string> = new Map([
  ['aws_db_instance', 'identifier'],
  ['aws_rds_cluster', 'cluster_identifier'],
  ['aws_docdb_cluster', 'cluster_identifier'],
  ['aws_neptune_cluster', 'cluster_identifier'],
  ['aws_redshift_cluster', 'cluster_identifier'],
]);

/**
 * Retention arguments where 0 turns automated backups off. Absent is not 0:
 * RDS keeps automated backups for 1 day by default (the argument is computed
 * by the API), Redshift keeps automated snapshots for 1 day.
 */
const RETENTION_ARGUMENTS: ReadonlyMap<string, string> = new Map([
  ['aws_db_instance', 'backup_retention_period'],
  ['aws_redshift_cluster', 'automated_snapshot_retention_period'],
]);

const RETENTION_DAYS = '7';

export default defineRule({
  meta: {
    id: 'resilience/backups',
    title: 'Databases keep their backups',
    problem: 'backups off',
    category: 'resilience',
    blockLocal: true,
    severity: 'warning',
    fixable: true,
    rationale:
      'Backups are what is left after a bad migration, a deleted table or a destroyed database. ' +
      '`skip_final_snapshot = true` deletes a database without a last snapshot — and RDS deletes its automated backups ' +
      'with it — so one mistaken destroy or replacement loses everything. `backup_retention_period = 0` ' +
      '(`automated_snapshot_retention_period = 0` on Redshift) turns automated backups and point-in-time restore off; ' +
      'leaving the argument out keeps the provider default of 1 day, which is not reported. A DynamoDB table without ' +
      '`point_in_time_recovery { enabled = true }` can only be restored from on-demand backups someone remembered to take. ' +
      'Read replicas (`replicate_source_db`) take neither final snapshots nor their own backups and are not reported.',
    remediation:
      'Set `skip_final_snapshot = false` and name the snapshot in `final_snapshot_identifier`; keep automated backups ' +
      '(`backup_retention_period` of 7 days or more); add `point_in_time_recovery { enabled = true }` to DynamoDB tables.',
    equivalents: {
      checkov: ['CKV_AWS_28', 'CKV_AWS_133'],
      tfsec: ['aws-dynamodb-enable-recovery', 'aws-rds-specify-backup-retention'],
      trivy: ['AVD-AWS-0024', 'AVD-AWS-0077'],
    },
    examples: {
      failing: `resource "aws_db_instance" "orders" {
  identifier              = "orders"
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  backup_retention_period = 0
  skip_final_snapshot     = true
}
`,
      passing: `resource "aws_db_instance" "orders" {
  identifier                = "orders"
  engine                    = "postgres"
  instance_class            = "db.t3.medium"
  backup_retention_period   = 14
  final_snapshot_identifier = "orders-final"
}
`,
    },
  },

  check(ctx) {
    for (const resource of ctx.module.resources) {
      if (resource.mode !== 'managed') continue;
      const nameArgument = FINAL_SNAPSHOT_TYPES.get(resource.type);
      const retentionArgument = RETENTION_ARGUMENTS.get(resource.type);
      const dynamo = resource.type === 'aws_dynamodb_table';
      if (!nameArgument && !retentionArgument && !dynamo) continue;
      const each = instances(ctx, resource.block, resource.file);
      if (each.length === 0) continue;
      const scopes = each.map((i) => i.scope);
      if (dynamo) {
        checkPointInTimeRecovery(ctx, resource, each);
        continue;
      }
      if (resource.type === 'aws_db_instance') {
        const replica = argumentIsSet(ctx, resource.block, resource.file, 'replicate_source_db', scopes);
        if (replica.kind === 'yes') continue;
        if (replica.kind === 'unknown') {
          if (['skip_final_snapshot', 'backup_retention_period'].some((n) => findAttribute(resource.block, n))) {
            ctx.undecided({
              file: resource.file,
              range: findAttribute(resource.block, 'replicate_source_db')!.range,
              address: resource.address,
              text: `Unless ${resource.address} is a read replica, confirm it keeps automated backups and a final snapshot.`,
              reason: `whether it is a read replica is not known statically: ${replica.reason}`,
            });
          }
          continue;
        }
      }
      if (nameArgument) checkFinalSnapshot(ctx, resource, scopes, nameArgument);
      if (retentionArgument) checkRetention(ctx, resource, scopes, retentionArgument);
    }
  },
});

function checkFinalSnapshot(ctx: RuleContext, resource: ResourceRef, scopes: Scope[], nameArgument: string): void {
  const { block, file, address } = resource;
  const verdict = judgeArgument(ctx, block, file, 'skip_final_snapshot', scopes, expectBool(false), 'ok');
  if (verdict.kind === 'bad') {
    ctx.report({
      file,
      range: verdict.attribute.range,
      address,
      message:
        `${address} is deleted without a final snapshot (skip_final_snapshot = ${verdict.text}): a destroy or replacement ` +
        'loses the data and its automated backups.',
      ...optional(finalSnapshotFix(resource, verdict.attribute, nameArgument)),
    });
  } else undecidedIfUnknown(ctx, resource, verdict, `Confirm that ${address} takes a final snapshot when it is deleted.`);
}

/**
 * `skip_final_snapshot = false` needs `final_snapshot_identifier`, or the
 * delete fails: the fix sets both, naming the snapshot after the resource's
 * identifier. Without an identifier to name it after there is no fix.
 */
function finalSnapshotFix(resource: ResourceRef, attribute: Attribute, nameArgument: string): Fix | undefined {
  const { block, file } = resource;
  const title = 'Take a final snapshot (skip_final_snapshot = false)';
  if (findAttribute(block, 'final_snapshot_identifier')) return setAttributeValueFix(file, attribute, 'false', title);
  const name = findAttribute(block, nameArgument);
  if (!name || name.range.start.line !== name.range.end.line || attribute.range.start.line !== attribute.range.end.line) {
    return undefined;
  }
  const nameText = rangeText(file, name.expr.range);
  const snapshotName = isPlainString(name.expr)
    ? JSON.stringify(JSON.parse(nameText) + '-final')
    : `"\${${nameText}}-final"`;
  const lineIndex = attribute.range.start.line - 1;
  const line = fileLines(file)[lineIndex]!;
  const indent = /^[ \t]*/.exec(line)![0];
  const first = line.slice(0, attribute.expr.range.start.column - 1) + 'false' + line.slice(attribute.expr.range.end.column - 1);
  return {
    title: 'Take a final snapshot (skip_final_snapshot = false, final_snapshot_identifier)',
    edits: [spliceLines(file, lineIndex, 1, [first.replace(/\r$/, ''), `${indent}final_snapshot_identifier = ${snapshotName}`])],
  };
}

function checkRetention(ctx: RuleContext, resource: ResourceRef, scopes: Scope[], argument: string): void {
  const { block, file, address } = resource;
  const read = (v: Value) => (v.kind === 'null' ? 'default' : v.kind === 'number' ? (v.value === 0 ? 'bad' : 'ok') : undefined);
  const verdict = judgeArgument(ctx, block, file, argument, scopes, read, 'ok');
  if (verdict.kind === 'bad') {
    ctx.report({
      file,
      range: verdict.attribute.range,
      address,
      message: `${address} has automated backups turned off (${argument} = 0): there is no point-in-time restore.`,
      fix: setAttributeValueFix(file, verdict.attribute, RETENTION_DAYS, `Keep automated backups for ${RETENTION_DAYS} days`),
    });
  } else undecidedIfUnknown(ctx, resource, verdict, `Confirm that ${address} keeps automated backups (${argument} ≥ 1).`);
}

function checkPointInTimeRecovery(ctx: RuleContext, resource: ResourceRef, each: Instance[]): void {
  const { block, file, address } = resource;
  let pitr = findBlocks(block, 'point_in_time_recovery')[0];
  let scopes: Scope[] = each.map((i) => i.scope);
  const dynamic = dynamicBlocks(block, 'point_in_time_recovery')[0];
  if (!pitr && dynamic) {
    // Generated: its content in every instance it generates; an instance of the table without one has no recovery.
    const perTable = each.map((i) => dynamicInstances(ctx, dynamic, file, i));
    const content = dynamicContent(dynamic);
    if (content && perTable.every((generated) => generated.length > 0)) {
      pitr = content;
      scopes = perTable.flat().map((i) => i.scope);
    } else {
      ctx.report({
        file,
        range: headerRange(dynamic),
        address,
        message: `${address} has no point-in-time recovery: its dynamic "point_in_time_recovery" block generates none; generate \`point_in_time_recovery { enabled = true }\`.`,
      });
      return;
    }
  }
  if (!pitr) {
    ctx.report({
      file,
      range: headerRange(block),
      address,
      message: `${address} has no point-in-time recovery: add \`point_in_time_recovery { enabled = true }\`.`,
      fix: () => insertNestedBlockFix(file, block, 'point_in_time_recovery', [['enabled', 'true']], 'Enable point-in-time recovery'),
    });
    return;
  }
  const verdict = judgeArgument(ctx, pitr, file, 'enabled', scopes, expectBool(true), 'bad');
  if (verdict.kind === 'default') {
    ctx.report({
      file,
      range: headerRange(pitr),
      address,
      message: `${address} has a point_in_time_recovery block without \`enabled = true\`, so recovery is off.`,
      fix: () => insertAttributeFix(file, pitr, 'enabled', 'true', 'Enable point-in-time recovery'),
    });
  } else if (verdict.kind === 'bad') {
    ctx.report({
      file,
      range: verdict.attribute.range,
      address,
      message: `${address} has point-in-time recovery turned off (enabled = ${verdict.text}).`,
      fix: setAttributeValueFix(file, verdict.attribute, 'true', 'Enable point-in-time recovery'),
    });
  } else undecidedIfUnknown(ctx, resource, verdict, `Confirm that ${address} has point-in-time recovery enabled.`);
}

function undecidedIfUnknown(ctx: RuleContext, resource: ResourceRef, verdict: ArgumentVerdict, text: string): void {
  if (verdict.kind !== 'unknown') return;
  ctx.undecided({ file: resource.file, range: verdict.attribute.range, address: resource.address, text, reason: verdict.reason });
}

function optional(fix: Fix | undefined): { fix?: Fix } {
  return fix ? { fix } : {};
}
