import { defineRule } from '../../server/src/engine/rules/rule.js';
import { expectBool, judgeArgument } from '../../server/src/engine/protection/argument.js';
import { instances } from '../../server/src/engine/evaluate/existence.js';
import { setAttributeValueFix } from '../../server/src/engine/fix/block-edits.js';

/**
 * Database types with a `publicly_accessible` argument. Absent is private for
 * all of them in current providers (aws_redshift_cluster since AWS provider
 * 6.0; AWS itself creates new Redshift clusters private since January 2025).
 */
const DATABASE_TYPES = new Set([
  'aws_db_instance',
  'aws_rds_cluster_instance',
  'aws_redshift_cluster',
  'aws_redshiftserverless_workgroup',
  'aws_dms_replication_instance',
]);

export default defineRule({
  meta: {
    id: 'network/public-database',
    title: 'Databases are not publicly accessible',
    problem: 'publicly accessible',
    category: 'network',
    severity: 'error',
    fixable: true,
    rationale:
      '`publicly_accessible = true` gives the database a public DNS name and address, so the only thing between the ' +
      'internet and the database login is a security group rule — one `0.0.0.0/0` away from credential stuffing and ' +
      'exploits against the engine. Applications reach databases from inside the VPC; people reach them through a ' +
      'bastion, SSM port forwarding or a VPN. Checked types: aws_db_instance, aws_rds_cluster_instance, ' +
      'aws_redshift_cluster, aws_redshiftserverless_workgroup, aws_dms_replication_instance.',
    remediation:
      'Set `publicly_accessible = false` (or remove it: private is the default), place the database in private ' +
      'subnets, and give operators access through a bastion, SSM Session Manager port forwarding or a VPN.',
    equivalents: {
      checkov: ['CKV_AWS_17', 'CKV_AWS_87', 'CKV_AWS_89'],
      tfsec: ['aws-rds-no-public-db-access'],
      trivy: ['AVD-AWS-0180'],
    },
    examples: {
      failing: `resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = true
}
`,
      passing: `resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = false
}
`,
    },
  },

  check(ctx) {
    for (const resource of ctx.module.resources) {
      if (resource.mode !== 'managed' || !DATABASE_TYPES.has(resource.type)) continue;
      const scopes = instances(ctx, resource.block, resource.file).map((i) => i.scope);
      if (scopes.length === 0) continue;
      const verdict = judgeArgument(ctx, resource.block, resource.file, 'publicly_accessible', scopes, expectBool(false), 'ok');
      if (verdict.kind === 'bad') {
        ctx.report({
          file: resource.file,
          range: verdict.attribute.range,
          address: resource.address,
          message:
            `${resource.address} is publicly accessible (publicly_accessible = ${verdict.text}): it gets a public endpoint ` +
            'that only a security group separates from the internet.',
          fix: setAttributeValueFix(resource.file, verdict.attribute, 'false', 'Set publicly_accessible = false'),
        });
      } else if (verdict.kind === 'unknown') {
        ctx.undecided({
          file: resource.file,
          range: verdict.attribute.range,
          address: resource.address,
          text: `Confirm that ${resource.address} is not publicly accessible.`,
          reason: verdict.reason,
        });
      }
    }
  },
});
