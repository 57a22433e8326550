import type { Finding } from '../../server/src/engine/finding.js';
import type { RuleMeta } from '../../server/src/engine/rules/rule.js';
import type { CheckReport, FormatContext } from '../../server/src/cli/format/report.js';

export const CWD = '/work/repo';

function range(line: number, column: number, endLine: number, endColumn: number) {
  return {
    start: { line, column, offset: 0 },
    end: { line: endLine, column: endColumn },
  };
}

export function meta(id: string, severity: RuleMeta['severity'], extra: Partial<RuleMeta> = {}): RuleMeta {
  return {
    id,
    title: `Title of ${id}`,
    problem: `problem of ${id}`,
    category: id.split('/')[0]!,
    severity,
    rationale: `Why ${id} matters.`,
    remediation: `How to fix ${id}.`,
    equivalents: {},
    examples: { failing: 'resource "x" "bad" {}', passing: 'resource "x" "good" {}' },
    ...extra,
  };
}

export const RULE_METAS: RuleMeta[] = [
  meta('iam/wildcard-action', 'error', { equivalents: { checkov: ['CKV_AWS_62'] }, fixable: false }),
  meta('hardcoded/region', 'info'),
  meta('tagging/required-tags', 'warning', {
    fixable: true,
    options: { tags: { type: 'string[]', description: 'Required keys', default: ['Owner'] } },
  }),
];

export const WILDCARD: Finding = {
  ruleId: 'iam/wildcard-action',
  severity: 'error',
  category: 'iam',
  message: 'Statement grants every action ("*"): list the actions the role needs.',
  file: `${CWD}/modules/app/iam.tf`,
  range: range(12, 5, 12, 23),
  address: 'aws_iam_policy.admin',
};

export const TAGS: Finding = {
  ruleId: 'tagging/required-tags',
  severity: 'warning',
  category: 'tagging',
  message: 'aws_s3_bucket.logs is missing tags: Owner, CostCenter',
  file: `${CWD}/main.tf`,
  range: range(3, 1, 3, 30),
  address: 'aws_s3_bucket.logs',
  fix: { title: 'Add the missing tags', edits: [] },
};

export const REGION_SUPPRESSED: Finding = {
  ruleId: 'hardcoded/region',
  severity: 'info',
  category: 'hardcoded',
  message: 'Literal region "eu-west-1"',
  file: `${CWD}/main.tf`,
  range: range(8, 12, 8, 23),
  suppression: {
    reason: 'single-region service, ADR-7',
    until: '2027-03-31',
    form: 'iac-review',
    location: { file: `${CWD}/main.tf`, range: range(7, 3, 7, 60) },
  },
};

export const REPORT: CheckReport = {
  findings: [WILDCARD, TAGS, REGION_SUPPRESSED],
  errors: [{ file: `${CWD}/broken.tf`, message: 'expected "}" to close the block', kind: 'syntax', range: range(4, 1, 4, 2) }],
  files: [`${CWD}/main.tf`, `${CWD}/broken.tf`, `${CWD}/modules/app/iam.tf`],
  modules: [CWD, `${CWD}/modules/app`],
};

export const CONTEXT: FormatContext = { cwd: CWD, rules: RULE_METAS, color: false };
