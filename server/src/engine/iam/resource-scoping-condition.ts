import type { Value } from '../evaluate/value.js';
import type { ConditionTest, PolicyStatement } from './policy-statement.js';

/**
 * Whether a statement's Condition narrows which resources its actions reach, so
 * that `Resource: "*"` does not mean "every resource of the type" (the meaning
 * `iam/wildcard-resource` reports, SPEC §3).
 *
 * A condition narrows the resources when both hold:
 * - its key describes the resource acted on (see RESOURCE_KEYS); keys about the
 *   caller or the network (`aws:SourceIp`, `aws:PrincipalTag/…`,
 *   `aws:RequestedRegion`), or about how the resource is used
 *   (`iam:PassedToService`, `kms:ViaService`), leave every resource reachable;
 * - the test fails when the request does not carry the key. IAM evaluates a
 *   condition on a key absent from the request context as false, except for
 *   negated operators (`StringNotEquals`, `ArnNotLike`, …), `…IfExists`,
 *   `ForAllValues:` (true on a missing key) and `Null` with `"true"` (IAM
 *   reference, "Condition operators"). So a statement granting an action that
 *   never carries the key grants nothing for it, and one that carries it is
 *   bound to the named resources either way.
 */
export function resourceScoping(statement: PolicyStatement): Scoping {
  let unknown: Scoping | undefined;
  for (const test of statement.conditions ?? []) {
    const scoping = narrowsResources(test);
    if (scoping.narrowed === true) return scoping;
    if (scoping.narrowed === 'unknown') unknown ??= scoping;
  }
  return unknown ?? NOT_NARROWED;
}

export type Scoping = { narrowed: boolean } | { narrowed: 'unknown'; reason: string };

const NARROWED: Scoping = { narrowed: true };
const NOT_NARROWED: Scoping = { narrowed: false };

/**
 * Keys that describe the resource a request acts on, from AWS's service
 * authorization reference:
 * - the resource's tags and owner: `aws:ResourceTag/…` and each service's
 *   `<service>:ResourceTag/…`, `aws:ResourceAccount`, `aws:ResourceOrgID`,
 *   `aws:ResourceOrgPaths`;
 * - the tags a create or tag request puts on the resource: `aws:RequestTag/…`,
 *   `<service>:RequestTag/…`, `aws:TagKeys` (attribute-based access control:
 *   only resources created with the tag, later reached through ResourceTag);
 * - what a create request makes: `iam:AWSServiceName` (the service whose
 *   service-linked role `iam:CreateServiceLinkedRole` creates),
 *   `<service>:CreateAction` (tags only as part of the named create call),
 *   `iam:PermissionsBoundary` (only roles and users bound by that boundary),
 *   `iam:PolicyARN` (which managed policy is attached or detached);
 * - where the resource lives: `ec2:Vpc` (resources of that VPC).
 */
const RESOURCE_KEYS: readonly RegExp[] = [
  /^[a-z0-9-]+:(ResourceTag|RequestTag)\/./i,
  /^aws:(TagKeys|ResourceAccount|ResourceOrgID|ResourceOrgPaths)$/i,
  /^iam:(AWSServiceName|PermissionsBoundary|PolicyARN)$/i,
  /^[a-z0-9-]+:CreateAction$/i,
  /^ec2:Vpc$/i,
];

/** Tag keys narrow by the tag's presence: any value, even `*`, needs the tag on the resource or in the request. */
const TAG_KEY = /:(ResourceTag|RequestTag)\/|^aws:TagKeys$/i;

function narrowsResources(test: ConditionTest): Scoping {
  if (!RESOURCE_KEYS.some((pattern) => pattern.test(test.key))) return NOT_NARROWED;
  const operator = test.operator.trim();
  if (/^null$/i.test(operator)) return nullRequiresKey(test);
  if (/IfExists$/i.test(operator) || /^ForAllValues:/i.test(operator)) return NOT_NARROWED;
  if (/Not(Equals|Like)/i.test(operator.replace(/^ForAnyValue:/i, ''))) return NOT_NARROWED;
  // `StringLike iam:AWSServiceName "*"` names every service; tag keys narrow by presence alone.
  return TAG_KEY.test(test.key) || !matchesEverything(test.values) ? NARROWED : NOT_NARROWED;
}

/** `Null` narrows only with `"false"` (the key must be present); with an unknown value, whether it does is unknown. */
function nullRequiresKey(test: ConditionTest): Scoping {
  const items = test.values.kind === 'tuple' ? test.values.items : [test.values];
  const unknown = items.find((v) => v.kind === 'unknown');
  if (unknown?.kind === 'unknown') return { narrowed: 'unknown', reason: `the value of the Null test on ${test.key} is not known statically: ${unknown.reason}` };
  const requiresKey = items.length > 0 && items.every((v) => (v.kind === 'string' && v.value.toLowerCase() === 'false') || (v.kind === 'bool' && !v.value));
  return requiresKey ? NARROWED : NOT_NARROWED;
}

/**
 * A known `*` among the values matches whatever the request says. An unknown
 * value (`data.aws_service_principal.fsx.name`) is taken as naming something:
 * the author wrote a condition to narrow, and nothing in Terraform turns such a
 * value into `*`.
 */
function matchesEverything(values: Value): boolean {
  const items = values.kind === 'tuple' ? values.items : [values];
  return items.some((v) => v.kind === 'string' && /^\*+$/.test(v.value));
}
