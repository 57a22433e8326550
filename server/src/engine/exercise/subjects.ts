import type { KeyProblem } from './answer-key.js';

/**
 * Subjects: the words that tell a key problem apart from its neighbours in the
 * same block (SPEC §8) — the service, action, port, argument or resource it is
 * about. A key may list them (`subjects`); otherwise they are derived from the
 * problem's `ruleId`, `address` and what its `explanation` quotes.
 */

/**
 * AWS service prefixes an explanation may name as a plain word ("DynamoDB",
 * "SQS"). Words that are also common English ("logs", "events") are left out:
 * as a subject they would match prose.
 */
const SERVICE_WORDS = [
  's3', 'sqs', 'sns', 'dynamodb', 'kms', 'iam', 'ec2', 'ebs', 'lambda', 'rds', 'ecr', 'ecs', 'eks', 'sts', 'ssm',
  'secretsmanager', 'cloudwatch', 'cloudtrail', 'kinesis', 'glue', 'athena', 'organizations', 'route53', 'elasticache',
  'redis', 'redshift', 'apigateway', 'cloudfront', 'efs', 'elb', 'elasticloadbalancing', 'firehose', 'stepfunctions',
  'ses', 'sagemaker', 'guardduty', 'config', 'backup', 'pagerduty',
];
const SERVICE_RE = new RegExp(`(?<![\\w./-])(${SERVICE_WORDS.join('|')})(?![\\w-])`, 'gi');
/** `sqs:*`, `"s3:GetObject"`, `dynamodb:PutItem`. */
const ACTION_RE = /(?<![\w/-])([a-z][a-z0-9-]*):([A-Za-z*][\w*]*)/g;
/** `PutItem`, `PowerUserAccess`, `NotAction`: CamelCase words are API actions and policy names. */
const CAMEL_RE = /(?<![\w-])([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+)(?![\w-])/g;
/** Argument and resource type names: snake_case identifiers (`publicly_accessible`, `aws_s3_bucket`). */
const SNAKE_RE = /(?<![\w.-])([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?![\w-])/g;
/** `port 22`, `ports 80 and 443`, `(5432)`, `22/tcp`. */
const PORT_RE = /\bports?\s+(\d{1,5})(?:\s*(?:,|-|to|and|or)\s*(\d{1,5}))?|\((\d{2,5})\)|\b(\d{1,5})\/(?:tcp|udp)\b/gi;

/** The problem's subjects: its own list when the key gives one, else the derived ones. Lower case, unique. */
export function problemSubjects(problem: Pick<KeyProblem, 'ruleId' | 'address' | 'explanation' | 'subjects'>): string[] {
  if (problem.subjects && problem.subjects.length > 0) return unique(problem.subjects);
  return deriveSubjects(problem);
}

/** Subjects from the rule id (its name as a phrase), the address (the block's name) and what the explanation quotes. */
export function deriveSubjects(problem: Pick<KeyProblem, 'ruleId' | 'address' | 'explanation'>): string[] {
  const out: string[] = [];
  if (problem.ruleId) {
    const name = problem.ruleId.split('/')[1];
    // The rule's name as a phrase ("wildcard action"): its single words ("action") are too common to tell problems apart.
    if (name) out.push(name);
  }
  const parts = problem.address.split('.');
  const blockName = parts[parts.length - 1];
  if (parts.length > 1 && blockName) out.push(blockName);
  const text = problem.explanation;
  for (const m of text.matchAll(ACTION_RE)) {
    out.push(m[1]!, `${m[1]}:${m[2]}`);
    if (m[2] !== '*') out.push(m[2]!);
  }
  for (const m of text.matchAll(SERVICE_RE)) out.push(m[1]!);
  for (const m of text.matchAll(CAMEL_RE)) out.push(m[1]!);
  for (const m of text.matchAll(SNAKE_RE)) out.push(m[1]!);
  for (const m of text.matchAll(PORT_RE)) for (const port of [m[1], m[2], m[3], m[4]]) if (port) out.push(port);
  return unique(out);
}

function unique(subjects: readonly string[]): string[] {
  return [...new Set(subjects.map((s) => s.trim().toLowerCase()).filter((s) => s !== ''))];
}

const compiled = new Map<string, RegExp>();

/**
 * Whether a comment names a subject: case-insensitive, as a whole word or
 * token (`sqs` in "sqs:*", not in "sqsx"); spaces, `_` and `-` in a subject
 * match each other ("deletion_protection" is named by "deletion protection");
 * a trailing `*` makes the subject a stem.
 */
export function namesSubject(text: string, subject: string): boolean {
  let re = compiled.get(subject);
  if (!re) {
    const stem = subject.endsWith('*') && subject.length > 1;
    const body = (stem ? subject.slice(0, -1) : subject)
      .split(/[\s_-]+/)
      .filter((w) => w !== '')
      .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
      .join('[\\s_-]*');
    const start = /^\w/.test(subject) ? '(?<![\\w])' : '';
    const end = stem ? '' : /\w$/.test(subject) ? '(?![\\w])' : '';
    re = new RegExp(`${start}${body}${end}`, 'i');
    compiled.set(subject, re);
  }
  return re.test(text);
}

/** How many of the subjects a comment names. */
export function subjectMatches(text: string, subjects: readonly string[]): number {
  return subjects.reduce((n, s) => n + (namesSubject(text, s) ? 1 : 0), 0);
}
