import { defineRule, findAttribute, headerRange } from '../../server/src/engine/rules/rule.js';
import { asString } from '../../server/src/engine/evaluate/value.js';
import { insertAttributeFix, setAttributeValueFix } from '../../server/src/engine/fix/block-edits.js';

/** One year: the retention most audit standards ask of logs (and the value Checkov's CKV_AWS_338 expects). */
const DEFAULT_RETENTION_DAYS = 365;

export default defineRule({
  meta: {
    id: 'observability/log-retention',
    title: 'CloudWatch log groups set a retention period',
    problem: 'no log retention',
    category: 'observability',
    blockLocal: true,
    severity: 'warning',
    fixable: true,
    rationale:
      'A CloudWatch log group without `retention_in_days` (or with `retention_in_days = 0`) keeps every event forever. ' +
      'Storage is billed per GB-month, so the bill grows with every day of logs nobody reads, and data that should ' +
      'have expired (personal data, secrets logged by mistake) stays discoverable. Retention should be a decision: ' +
      'long enough for investigations and audits, short enough to stop paying for noise. Log groups created by AWS ' +
      'services on first use (Lambda, ECS) are also never expiring; declaring them in Terraform with a retention is ' +
      'the usual fix. A retention that comes from an input the module cannot see is listed in the review checklist.',
    remediation:
      `Set \`retention_in_days\` to one of the values CloudWatch accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, ` +
      `365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653). The quick fix adds \`retention_in_days = ` +
      `${DEFAULT_RETENTION_DAYS}\` (one year, a common audit minimum); shorten it for chatty debug logs.`,
    equivalents: {
      checkov: ['CKV_AWS_66', 'CKV_AWS_338'],
    },
    examples: {
      failing: `resource "aws_cloudwatch_log_group" "app" {
  name = "/app/api"
}
`,
      passing: `resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/api"
  retention_in_days = 90
}
`,
    },
  },

  check(ctx) {
    for (const resource of ctx.module.resources) {
      if (resource.mode !== 'managed' || resource.type !== 'aws_cloudwatch_log_group') continue;
      const { block, file, address } = resource;
      const attribute = findAttribute(block, 'retention_in_days');
      const fixTitle = `Keep logs for ${DEFAULT_RETENTION_DAYS} days`;
      if (!attribute) {
        ctx.report({
          file,
          range: headerRange(block),
          address,
          message:
            `${address} sets no retention_in_days, so its logs never expire: ` +
            `add \`retention_in_days = ${DEFAULT_RETENTION_DAYS}\` (or the period your log policy asks for).`,
          fix: () => insertAttributeFix(file, block, 'retention_in_days', String(DEFAULT_RETENTION_DAYS), fixTitle),
        });
        continue;
      }
      const value = ctx.evaluate(attribute.expr, file);
      if (value.kind === 'unknown') {
        ctx.undecided({
          file,
          range: attribute.range,
          address,
          text: `Check that ${address} keeps its logs for a limited period (retention_in_days is not 0 or null)`,
          reason: value.reason,
        });
        continue;
      }
      // null means "not set" to Terraform; "0" converts to the number 0.
      const days = value.kind === 'null' ? 0 : Number(asString(value));
      if (days !== 0) continue;
      // Fix only a value written here: one that comes from a variable or local is changed where it is defined.
      const literal = attribute.expr.kind === 'Literal' || (attribute.expr.kind === 'Template' && attribute.expr.parts.length <= 1);
      ctx.report({
        ...(literal ? { fix: setAttributeValueFix(file, attribute, String(DEFAULT_RETENTION_DAYS), fixTitle) } : {}),
        file,
        range: attribute.range,
        address,
        message:
          `${address} has retention_in_days = ${value.kind === 'null' ? 'null' : '0'}, so its logs never expire: ` +
          `set it to ${DEFAULT_RETENTION_DAYS} (or the period your log policy asks for).`,
      });
    }
  },
});
