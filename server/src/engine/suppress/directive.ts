import type { Comment } from '../parse/ast.js';

/**
 * What one comment says about suppressions, before it is placed in a file.
 * The iac-review form is validated here; the legacy forms (tfsec, trivy,
 * checkov) are only recognised — whether their ids map to our rules is
 * decided against the rule catalog later.
 */
export type SuppressionComment = NativeSuppression | LegacySuppression;

export interface NativeSuppression {
  form: 'iac-review';
  /** `ignore`: the next block or attribute (or this line's attribute); `ignore-file`: the whole file. */
  scope: 'next' | 'file';
  ruleIds: string[];
  reason?: string;
  until?: string;
  /** Why the comment is invalid (empty when it is well-formed). Placement and rule ids are checked later. */
  problems: string[];
}

export interface LegacySuppression {
  form: 'tfsec' | 'trivy' | 'checkov';
  scope: 'next';
  entries: LegacyEntry[];
}

export interface LegacyEntry {
  /** The other tool's check id, e.g. `aws-s3-enable-bucket-encryption`, `AVD-AWS-0088`, `CKV_AWS_20`. */
  id: string;
  /** tfsec/trivy `:exp:YYYY-MM-DD`. */
  until?: string;
  /** checkov's `:reason`. */
  reason?: string;
}

const NATIVE = /^iac-review:(\S*)(.*)$/s;
const REASON_SEPARATOR = /(?:^|\s)--(?:\s|$)/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TFSEC_TRIVY = /(?:^|[\s,])(tfsec|trivy):ignore:([A-Za-z0-9_.*-]+)((?::[A-Za-z]+:[^\s:]+)*)/g;
const CHECKOV = /(?:^|\s)checkov:skip=([A-Za-z0-9_]+)(?::(.*))?$/s;

/** The text of a comment without its markers, trimmed. */
export function commentBody(comment: Comment): string {
  let text = comment.text;
  if (comment.style === 'hash') text = text.replace(/^#/, '');
  else if (comment.style === 'slash') text = text.replace(/^\/\//, '');
  else text = text.replace(/^\/\*/, '').replace(/\*\/$/, '');
  return text.trim();
}

/** Recognises a suppression comment; undefined for every other comment. */
export function parseSuppressionComment(comment: Comment, today: string): SuppressionComment | undefined {
  const body = commentBody(comment);
  const native = NATIVE.exec(body);
  if (native) return parseNative(native[1]!, native[2]!, today);
  return parseLegacy(body);
}

function parseNative(keyword: string, rest: string, today: string): NativeSuppression {
  const problems: string[] = [];
  let scope: 'next' | 'file' = 'next';
  if (keyword === 'ignore-file') scope = 'file';
  else if (keyword !== 'ignore') {
    problems.push(`\`iac-review:${keyword}\` is not a directive; write \`iac-review:ignore\` (next block or attribute) or \`iac-review:ignore-file\``);
  }

  const separator = REASON_SEPARATOR.exec(rest);
  const head = separator ? rest.slice(0, separator.index) : rest;
  const reason = separator ? rest.slice(separator.index + separator[0].length).trim() : undefined;

  const ruleIds: string[] = [];
  let until: string | undefined;
  const names: string[] = [];
  for (const token of head.trim().split(/\s+/).filter(Boolean)) {
    const assignment = /^([A-Za-z_]+)=(.*)$/.exec(token);
    if (!assignment) {
      names.push(token);
      continue;
    }
    if (assignment[1] === 'until') until = assignment[2]!;
    else problems.push(`\`${assignment[1]}=\` is not a suppression setting (only \`until=YYYY-MM-DD\` is)`);
  }
  for (const id of names.join(',').split(',')) if (id) ruleIds.push(id);
  if (ruleIds.length === 0 && keyword.startsWith('ignore')) {
    problems.push('it names no rule; write the rule id(s) after the directive, e.g. `iac-review:ignore hardcoded/region -- reason`');
  }

  if (until !== undefined) {
    if (!isValidDate(until)) problems.push(`\`until=${until}\` is not a date; write \`until=YYYY-MM-DD\``);
    else if (until < today) problems.push(`it expired on ${until}; renew the date if the reason still holds, or fix the finding`);
  }

  if (reason === undefined || reason === '') {
    problems.push('it has no reason; add `-- ` and why the finding is accepted (e.g. `-- approved in SEC-142`)');
  } else if (/^todo\b/i.test(reason)) {
    problems.push('"TODO" is not a reason; say why the finding is accepted, or fix it');
  }

  return { form: 'iac-review', scope, ruleIds, ...(reason ? { reason } : {}), ...(until !== undefined ? { until } : {}), problems };
}

function parseLegacy(body: string): LegacySuppression | undefined {
  // Every comment of every file comes here: most name none of the three tools.
  if (!body.includes('checkov:') && !body.includes('tfsec:') && !body.includes('trivy:')) return undefined;
  const checkov = CHECKOV.exec(body);
  if (checkov) {
    const reason = checkov[2]?.trim();
    return { form: 'checkov', scope: 'next', entries: [{ id: checkov[1]!, ...(reason ? { reason } : {}) }] };
  }
  const entries: LegacyEntry[] = [];
  let form: 'tfsec' | 'trivy' | undefined;
  for (const match of body.matchAll(TFSEC_TRIVY)) {
    form ??= match[1] as 'tfsec' | 'trivy';
    const exp = /:exp:(\d{4}-\d{2}-\d{2})/.exec(match[3] ?? '');
    entries.push({ id: match[2]!, ...(exp ? { until: exp[1]! } : {}) });
  }
  return form ? { form, scope: 'next', entries } : undefined;
}

export function isValidDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `YYYY-MM-DD` of a moment, in UTC (what CI machines use), for comparing with `until`. */
export function isoDate(now: Date): string {
  // A review asks once per module with the same moment.
  if (now === lastDate.at && now.getTime() === lastDate.time) return lastDate.iso;
  const iso = now.toISOString().slice(0, 10);
  lastDate = { at: now, time: now.getTime(), iso };
  return iso;
}

let lastDate: { at: Date | undefined; time: number; iso: string } = { at: undefined, time: NaN, iso: '' };

/** The comment a "Suppress with reason…" quick fix writes. */
export function suppressionCommentText(ruleIds: readonly string[], reason: string, until?: string): string {
  return `# iac-review:ignore ${ruleIds.join(',')}${until ? ` until=${until}` : ''} -- ${reason}`;
}
