import { defineRule, headerRange } from '../../server/src/engine/rules/rule.js';
import { boolOf, judgeArgument } from '../../server/src/engine/protection/argument.js';
import { instances } from '../../server/src/engine/evaluate/existence.js';
import { DELETION_PROTECTION_ARGUMENTS } from '../../server/src/engine/protection/deletion-protection-arguments.js';
import { insertAttributeFix, setAttributeValueFix } from '../../server/src/engine/fix/block-edits.js';

export default defineRule({
  meta: {
    id: 'resilience/deletion-protection',
    title: 'Databases, clusters and load balancers have deletion protection on',
    problem: 'no deletion guard',
    category: 'resilience',
    blockLocal: true,
    severity: 'warning',
    fixable: true,
    rationale:
      'Deletion protection is the cloud provider refusing to delete the resource until someone first turns the flag off: ' +
      'a `terraform destroy` in the wrong workspace, a renamed resource that Terraform replaces, or a console click then ' +
      'fails instead of dropping a production database. Where the provider already protects the resource by default ' +
      '(Google SQL instances, GKE clusters, Bigtable instances, BigQuery tables, Spanner databases, QLDB ledgers), only ' +
      'turning it off is reported. Checked types: aws_db_instance, aws_rds_cluster, aws_rds_global_cluster, ' +
      'aws_docdb_cluster, aws_neptune_cluster (`deletion_protection`), aws_dynamodb_table (`deletion_protection_enabled`), ' +
      'aws_lb / aws_alb (`enable_deletion_protection`), aws_cognito_user_pool (`deletion_protection = "ACTIVE"`), ' +
      'aws_qldb_ledger, google_sql_database_instance, google_container_cluster, google_bigtable_instance, ' +
      'google_bigquery_table, google_spanner_database (`deletion_protection`).',
    remediation:
      'Set the argument to true (`deletion_protection = true`, `enable_deletion_protection = true`, ' +
      '`deletion_protection_enabled = true`). To delete the resource on purpose, turn it off in one apply and remove the ' +
      'resource in the next.',
    equivalents: {
      checkov: ['CKV_AWS_293', 'CKV_AWS_139', 'CKV_AWS_150'],
      trivy: ['AVD-AWS-0177', 'AVD-AWS-0343'],
    },
    examples: {
      failing: `resource "aws_rds_cluster" "orders" {
  cluster_identifier = "orders"
  engine             = "aurora-postgresql"
}
`,
      passing: `resource "aws_rds_cluster" "orders" {
  cluster_identifier  = "orders"
  engine              = "aurora-postgresql"
  deletion_protection = true
}
`,
    },
  },

  check(ctx) {
    for (const resource of ctx.module.resources) {
      if (resource.mode !== 'managed') continue;
      const spec = DELETION_PROTECTION_ARGUMENTS.get(resource.type);
      if (!spec) continue;
      const scopes = instances(ctx, resource.block, resource.file).map((i) => i.scope);
      if (scopes.length === 0) continue;
      const { argument, protectedText } = spec;
      const verdict = judgeArgument(
        ctx,
        resource.block,
        resource.file,
        argument,
        scopes,
        (value) => {
          if (value.kind === 'null') return 'default';
          // Terraform converts "true"/"false" to bool for bool arguments; string arguments compare as written.
          const known = boolOf(value) ?? (value.kind === 'string' ? value.value : undefined);
          if (known === undefined) return undefined;
          return spec.unprotected.includes(known) ? 'bad' : 'ok';
        },
        spec.protectedByDefault ? 'ok' : 'bad',
      );
      const title = `Set ${argument} = ${protectedText}`;
      switch (verdict.kind) {
        case 'ok':
          break;
        case 'default':
          if (spec.protectedByDefault) break;
          ctx.report({
            file: resource.file,
            range: headerRange(resource.block),
            address: resource.address,
            message:
              `${resource.address} has no deletion protection (${argument} defaults to off): ` +
              `add \`${argument} = ${protectedText}\`.`,
            fix: () => insertAttributeFix(resource.file, resource.block, argument, protectedText, title),
          });
          break;
        case 'bad':
          ctx.report({
            file: resource.file,
            range: verdict.attribute.range,
            address: resource.address,
            message: `${resource.address} turns deletion protection off (${argument} = ${verdict.text}): set it to ${protectedText}.`,
            fix: setAttributeValueFix(resource.file, verdict.attribute, protectedText, title),
          });
          break;
        case 'unknown':
          ctx.undecided({
            file: resource.file,
            range: verdict.attribute.range,
            address: resource.address,
            text: `Confirm that ${resource.address} has deletion protection on (${argument} = ${protectedText}).`,
            reason: verdict.reason,
          });
          break;
      }
    }
  },
});
