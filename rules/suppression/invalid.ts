import { defineRule } from '../../server/src/engine/rules/rule.js';

/** Findings come from the suppression pass (server/src/engine/suppress), not from a check. */
export default defineRule({
  meta: {
    id: 'suppression/invalid',
    title: 'Suppression comment that suppresses nothing because it is invalid',
    problem: 'invalid suppression',
    category: 'suppression',
    severity: 'warning',
    rationale:
      'A suppression is a decision to accept a risk, and the reason is the audit trail of that decision. ' +
      'A suppression without a reason (or with only "TODO"), past its `until` date, naming an unknown rule or ' +
      'placed where it applies to nothing silently stops protecting anyone: the finding comes back, ' +
      'and the comment misleads the next reader into thinking it was accepted.',
    remediation:
      'Write why the finding is accepted after `--` (e.g. `# iac-review:ignore iam/wildcard-resource -- read-only audit role, SEC-142`), ' +
      'renew or remove an expired `until=YYYY-MM-DD`, fix the rule id, and put the comment on the line above the block or attribute ' +
      '(`ignore-file` goes among the comments at the top of the file). Or fix the finding and delete the comment.',
    equivalents: {},
    examples: {
      failing: [
        '# iac-review:ignore hardcoded/region -- TODO',
        'resource "aws_s3_bucket" "logs" {',
        '  bucket = "logs"',
        '}',
      ].join('\n'),
      passing: [
        '# iac-review:ignore lifecycle/prevent-destroy until=2099-03-31 -- scratch bucket, removed with the Q1 migration',
        'resource "aws_s3_bucket" "scratch" {',
        '  bucket = "scratch"',
        '}',
      ].join('\n'),
    },
  },
});
