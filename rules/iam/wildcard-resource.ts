import { defineRule } from '../../server/src/engine/rules/rule.js';
import { actionIndex, parseAction, type ActionInfo } from '../../server/src/engine/iam/action-index.js';
import { compileWildcard } from '../../server/src/engine/iam/wildcard.js';
import { tickRuleBudget } from '../../server/src/engine/time-budget.js';
import { policiesOf } from '../../server/src/engine/iam/policy-sources.js';
import { couldBe, knownEntries, mayContain, unknownWhere } from '../../server/src/engine/iam/policy-statement.js';
import { resourceScoping } from '../../server/src/engine/iam/resource-scoping-condition.js';
import {
  allowStatus,
  listForMessage,
  reportStatement,
  statementLabel,
  undecidedPolicy,
  undecidedStatement,
} from '../../server/src/engine/iam/statement-findings.js';

interface Options {
  allowedActions: string[];
}

const READ_ONLY = new Set(['List', 'Read']);

/** An action that should not run on `*`: it supports resource-level permissions and is not read-only. */
const isRestrictable = (info: ActionInfo) => info.resourceLevel && !READ_ONLY.has(info.accessLevel);

/** Pattern → its write/permission actions that support resource-level permissions (before allowedActions). */
const restrictableCache = new Map<string, readonly ActionInfo[]>();

/** Bounds of the caches below: a long-running language server sees many patterns and action lists. */
const CACHE_LIMIT = 256;

function restrictableOf(pattern: string): readonly ActionInfo[] {
  let found = restrictableCache.get(pattern);
  if (!found) {
    found = actionIndex()
      .match(pattern)
      .filter(isRestrictable);
    if (restrictableCache.size >= CACHE_LIMIT) restrictableCache.clear();
    restrictableCache.set(pattern, found);
  }
  return found;
}

/** Action lists → restrictable actions, when no `allowedActions` applies: `["*"]` alone is 10,000 actions, not worth copying per statement. */
const combinedCache = new Map<string, readonly ActionInfo[]>();

/**
 * The actions an Allow statement grants that should not run on `*`: they
 * support resource-level permissions and are not read-only. Each action once,
 * however many of the patterns grant it (a list of `*`-like patterns would
 * otherwise hold the index many times over).
 */
function restrictableActions(patterns: string[], allowed: ((action: string) => boolean)[]): readonly ActionInfo[] {
  if (!allowed.length) {
    if (patterns.length === 1) return restrictableOf(patterns[0]!);
    const key = patterns.join('\n');
    let combined = combinedCache.get(key);
    if (!combined) {
      combined = distinctActions(patterns, () => true);
      if (combinedCache.size >= CACHE_LIMIT) combinedCache.clear();
      combinedCache.set(key, combined);
    }
    return combined;
  }
  return distinctActions(patterns, (info) => !allowed.some((matches) => matches(info.qualifiedName)));
}

function distinctActions(patterns: readonly string[], keep: (info: ActionInfo) => boolean): ActionInfo[] {
  const seen = new Set<ActionInfo>();
  for (const pattern of patterns) {
    for (const info of restrictableOf(pattern)) {
      tickRuleBudget();
      if (!seen.has(info) && keep(info)) seen.add(info);
    }
  }
  return [...seen];
}

/**
 * Whether the statement's known actions grant one that should not run on `*`, and how the message names
 * them. A statement granting every action of every service (`*`, `*:…`) is named "every action", so without
 * `allowedActions` the first restrictable action found is all there is to know: the whole index is 22,000
 * actions, most of a one-file `check` when decoded for nothing.
 */
function restrictableGrant(known: string[], allowed: ((action: string) => boolean)[]): { any: boolean; describe: () => string } {
  if (!allowed.length && known.some(grantsEveryService)) {
    return { any: known.some((p) => actionIndex().someMatch(p, isRestrictable)), describe: () => 'every action' };
  }
  const actions = restrictableActions(known, allowed);
  return { any: actions.length > 0, describe: () => describeGrant(known, actions) };
}

function grantsEveryService(pattern: string): boolean {
  return parseAction(pattern)?.service === '*';
}

/** `patterns`: the statement's known actions, as written. */
function describeGrant(patterns: readonly string[], actions: readonly ActionInfo[]): string {
  if (patterns.some(grantsEveryService)) return 'every action';
  const names = [...new Set(actions.map((a) => a.qualifiedName))];
  return names.length > 3 ? `${names.length} write or permission actions (${listForMessage(names)})` : listForMessage(names);
}

export default defineRule<Options>({
  meta: {
    id: 'iam/wildcard-resource',
    title: 'Write actions are scoped to resources, not "*"',
    problem: 'write actions on *',
    category: 'iam',
    severity: 'warning',
    rationale:
      'With `"Resource": "*"` a write or permissions action applies to every resource of that type in the account — every ' +
      'bucket, every queue, every role — not just the one the workload owns. Read-only (List/Read) actions are not reported, ' +
      'and neither are actions that AWS grants only on `*` (such as `ec2:DescribeInstances`, `s3:ListAllMyBuckets`, ' +
      '`sts:GetCallerIdentity`): naming an ARN there is impossible, and flagging them is the false positive users of other ' +
      'tools complain about most. Which actions are which comes from AWS\'s service authorization reference. Resource ' +
      'policies (bucket, key, queue policies) are not checked: there `*` means the resource the policy is attached to. ' +
      'Nor are statements whose Condition narrows the resources: by their tags, account or organisation ' +
      '(`aws:ResourceTag/…`, `ec2:ResourceTag/…`, `aws:ResourceAccount`), by the tags a create or tag request must set ' +
      '(`aws:RequestTag/…`, `aws:TagKeys`), by what a create request makes (`iam:AWSServiceName` on ' +
      '`iam:CreateServiceLinkedRole`, `ec2:CreateAction`, `iam:PermissionsBoundary`, `iam:PolicyARN`) or by where it ' +
      'lives (`ec2:Vpc`) — attribute-based access control, a least-privilege design of its own. Such a condition counts ' +
      'only when it fails on a request without the key (not negated, not `…IfExists`, not `ForAllValues:`, `Null` only ' +
      'with `"false"`). Conditions about the caller or the use (`aws:SourceIp`, `iam:PassedToService`, ' +
      '`kms:ViaService`) leave every resource reachable and do not count.',
    remediation:
      'Name the ARNs the actions need (`aws_s3_bucket.artifacts.arn`, `"${aws_s3_bucket.artifacts.arn}/*"`), or split the ' +
      'statement: one with the actions that only work on `*`, one with the scoped ones. Add deliberate exceptions to the ' +
      '`allowedActions` option.',
    equivalents: {
      tfsec: ['aws-iam-no-policy-wildcards'],
      trivy: ['AVD-AWS-0057'],
      checkov: ['CKV_AWS_111', 'CKV_AWS_290', 'CKV_AWS_355', 'CKV_AWS_356'],
    },
    options: {
      allowedActions: {
        type: 'string[]',
        description: 'Actions (or patterns such as `logs:Put*`) that may be granted on Resource "*".',
        default: [],
      },
    },
    examples: {
      failing: `data "aws_iam_policy_document" "uploader" {
  statement {
    actions   = ["s3:PutObject", "s3:ListAllMyBuckets"]
    resources = ["*"]
  }
}
`,
      passing: `data "aws_iam_policy_document" "uploader" {
  statement {
    actions   = ["s3:ListAllMyBuckets", "ec2:DescribeInstances"]
    resources = ["*"]
  }
  statement {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::acme-uploads/*"]
  }
}
`,
    },
  },
  check(ctx) {
    // IAM wildcards, matched in linear time: the option is input like the policies are.
    const allowed = (ctx.options.allowedActions ?? []).map((pattern) => compileWildcard(pattern.trim()));
    const policies = policiesOf(ctx);
    for (const policy of policies.undecided) {
      if (policy.invalidJson || policy.kind !== 'identity') continue;
      undecidedPolicy(ctx, policy, `Confirm that ${policy.policyName} scopes its write actions to named resources`);
    }
    for (const statement of policies.statements) {
      // A statement with a Principal is a resource or trust policy statement, wherever it ends up.
      if (statement.kind !== 'identity' || statement.principals || statement.notPrincipals) continue;
      const status = allowStatus(statement);
      if (status.applies === false || !statement.actions || !statement.resources) continue;
      const scoping = resourceScoping(statement);
      if (scoping.narrowed === true) continue;
      const star = mayContain(statement.resources, '*');
      if (star === 'no') continue;
      const known = knownEntries(statement.actions);
      const grant = restrictableGrant(known, allowed);
      const label = statementLabel(statement);
      if (grant.any && star === 'yes' && status.applies === true) {
        if (scoping.narrowed === 'unknown') {
          undecidedStatement(ctx, statement, `Confirm that the Condition of ${label} narrows the resources of its write actions`, scoping.reason);
          continue;
        }
        reportStatement(
          ctx,
          statement,
          `${label} allows ${grant.describe()} on Resource "*": name the resources (ARNs) instead`,
        );
        continue;
      }
      const actionsUnknown = unknownWhere(statement.actions);
      const resourcesUnknown = unknownWhere(statement.resources, (e) => couldBe(e, '*'));
      let reason: string | undefined;
      if (grant.any) {
        reason = star === 'yes' ? (status.applies === 'unknown' ? status.reason : undefined) : resourcesUnknown && `the resources are not known statically: ${resourcesUnknown}`;
      } else if (actionsUnknown) {
        reason = `the actions are not known statically: ${actionsUnknown}`;
      }
      if (reason) {
        undecidedStatement(ctx, statement, `Confirm that ${label} does not allow write actions on Resource "*"`, reason);
      }
    }
  },
});
