import { defineRule } from '../../server/src/engine/rules/rule.js';
import {
  argumentOwners,
  forEachLiteralString,
  rangeInLiteral,
  type ArgumentOwner,
  type LiteralString,
} from '../../server/src/engine/hardcoded/literal-strings.js';
import { embeddedAccountIds, isAccountIdString, type PatternMatch } from '../../server/src/engine/hardcoded/aws-patterns.js';

/** Arguments and map keys whose whole value is an account id (`source_account`, `allowed_account_ids`, a policy's `AWS` principal …). */
const ACCOUNT_KEYS = new Set(['owner', 'owner_id', 'owners', 'principal', 'principals', 'aws', 'registry_id', 'source_owner']);

/** Data sources whose `owners` are AMI publishers (Canonical's 099720109477), the same in every account. */
const AMI_LOOKUPS = new Set(['aws_ami', 'aws_ami_ids']);

const SKIP = new Set(['description']);

/** The start of `"AWS": "123456789012"` / `"AWS": ["…", …]` inside a JSON policy written as a string. */
const JSON_AWS_KEY = /"AWS"\s*:\s*/g;

/**
 * The values of `"AWS":` keys (a string or a list, as written), with their
 * offsets: what `/"AWS"\s*:\s*(\[[^\]]*\]|"[^"]*")/g` finds, without its
 * quadratic rescans when a `[` or `"` is never closed.
 */
function jsonAwsPrincipals(text: string): { list: string; start: number }[] {
  const out: { list: string; start: number }[] = [];
  const lastBracket = text.lastIndexOf(']');
  JSON_AWS_KEY.lastIndex = 0;
  for (let m = JSON_AWS_KEY.exec(text); m; m = JSON_AWS_KEY.exec(text)) {
    const start = m.index + m[0].length;
    const open = text[start];
    const close = open === '[' ? (start < lastBracket ? text.indexOf(']', start) : -1) : open === '"' ? text.indexOf('"', start + 1) : -1;
    if (close < 0) continue;
    out.push({ list: text.slice(start, close + 1), start });
    JSON_AWS_KEY.lastIndex = close + 1;
  }
  return out;
}

function isAccountKey(s: LiteralString, owner: ArgumentOwner): boolean {
  const key = s.key?.toLowerCase();
  if (key === undefined) return false;
  if (key === 'owners' && owner.kind === 'data' && owner.type && AMI_LOOKUPS.has(owner.type)) return false;
  if (key.includes('account')) return true;
  if (ACCOUNT_KEYS.has(key)) return true;
  // data "aws_iam_policy_document": principals { type = "AWS", identifiers = ["123456789012"] }
  return key === 'identifiers' && s.siblings.get('type') === 'AWS';
}

/** An account id found, and whether it names a principal (an account trusted or granted access). */
interface AccountIdMatch extends PatternMatch {
  principal: boolean;
}

/**
 * Arguments and keys whose account ids name principals: trust and resource
 * policies' `AWS` principals, `identifiers` of a principals block, `principal`
 * of a permission, and the `trusted_*` inputs of role modules.
 */
function isPrincipalKey(s: LiteralString): boolean {
  const key = s.key?.toLowerCase();
  if (key === undefined) return false;
  return key === 'aws' || key === 'identifiers' || key.includes('principal') || key.startsWith('trusted');
}

/** `arn:aws:iam::123456789012:root` is the whole account as a principal, wherever it is written. */
function isAccountRootArn(text: string, match: PatternMatch): boolean {
  return text.startsWith(':root', match.index + match.value.length);
}

function accountIdsIn(s: LiteralString, owner: ArgumentOwner): AccountIdMatch[] {
  const text = s.part.value;
  const principalKey = isPrincipalKey(s);
  if (s.whole && isAccountIdString(text)) return isAccountKey(s, owner) ? [{ value: text, index: 0, principal: principalKey }] : [];
  const found: AccountIdMatch[] = embeddedAccountIds(text).map((m) => ({ ...m, principal: principalKey || isAccountRootArn(text, m) }));
  for (const { list, start: listStart } of jsonAwsPrincipals(text)) {
    for (const id of list.matchAll(/"(\d{12})"/g)) {
      if (!isAccountIdString(id[1]!)) continue;
      const index = listStart + id.index! + 1;
      if (!found.some((f) => f.index === index)) found.push({ value: id[1]!, index, principal: true });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * What to write instead. The caller's identity is the account applying the
 * configuration: right for the module's own resources, wrong for a principal
 * (a trust policy or a grant names another account, usually) and impossible in
 * a provider block (the provider would have to be configured to read it).
 */
function advice(owner: ArgumentOwner, match: AccountIdMatch): string {
  if (owner.kind === 'provider') {
    return 'a provider block is configured before any data source can be read, so take it from a variable of the root module or a local that names the account.';
  }
  if (match.principal) {
    return 'it names the account trusted or granted access here, usually not the one applying, so take it from a variable or a local that names that account.';
  }
  return 'use `data.aws_caller_identity.current.account_id`, or a variable or local that names the account.';
}

export default defineRule({
  meta: {
    id: 'hardcoded/account-id',
    title: 'AWS account ids are not written into resources',
    problem: 'account id in code',
    category: 'hardcoded',
    blockLocal: true,
    severity: 'warning',
    rationale:
      'An account id written into a resource ties the module to one account: deployed to staging or another region\'s ' +
      'account it silently points back at production (roles assumed, buckets trusted, keys shared), and reviewers cannot ' +
      'see which account a value belongs to. Reported: a 12-digit id in an ARN\'s account field (`arn:aws:iam::123456789012:role/x`, ' +
      'also with an interpolated partition), in an ECR registry host (`123456789012.dkr.ecr…`), in a JSON policy\'s `"AWS"` ' +
      'principal, and a whole 12-digit string given to an account-like argument or key (`*account*`, `owner_id`, `principal`, ' +
      '`AWS`, `identifiers` of an AWS principals block) — in resource, data source, module and provider arguments. Not reported: ' +
      'variables, locals and tfvars (that is where such values belong, so `local.prod_account` in a resource is fine); ' +
      'AWS-managed ARNs (`arn:aws:iam::aws:policy/…`); `description` text; other 12-digit numbers (timestamps, names); ' +
      '`000000000000` (LocalStack/moto\'s stand-in); and the `owners` of `data "aws_ami"` / `aws_ami_ids`, which are AMI ' +
      'publishers (Canonical\'s 099720109477) — the same constant in every account, not an environment value.',
    remediation:
      'For the current account use `data.aws_caller_identity.current.account_id` (and `data.aws_partition.current.partition`); ' +
      'for other accounts — principals of trust and resource policies, `:root` ARNs — declare a variable or a local ' +
      '(`local.log_archive_account_id`) and build the ARN from it. In a provider block (`allowed_account_ids`, ' +
      '`assume_role { role_arn }`) no data source can be read: use a variable of the root module or a local.',
    equivalents: {},
    examples: {
      failing: `resource "aws_iam_role_policy_attachment" "ci" {
  role       = "ci"
  policy_arn = "arn:aws:iam::123456789012:policy/ci-deploy"
}
`,
      passing: `data "aws_caller_identity" "current" {}

resource "aws_iam_role_policy_attachment" "ci" {
  role       = "ci"
  policy_arn = "arn:aws:iam::\${data.aws_caller_identity.current.account_id}:policy/ci-deploy"
}

resource "aws_iam_role_policy_attachment" "read_only" {
  role       = "ci"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`,
    },
  },
  check(ctx) {
    for (const owner of argumentOwners(ctx.module, ['resource', 'data', 'module', 'provider'])) {
      forEachLiteralString(
        owner.block,
        owner.file,
        (s) => {
          for (const m of accountIdsIn(s, owner)) {
            ctx.report({
              file: s.file,
              range: rangeInLiteral(s.file, s.part, m.index, m.value.length),
              address: owner.address,
              message: `Account id ${m.value} is written literally in ${owner.address}${s.key ? ` (${s.key})` : ''}: ${advice(owner, m)}`,
            });
          }
        },
        // Only blocks whose text could hold one are walked (an account id is 12 digits).
        { skipAttributes: SKIP, sourceFilter: /\d{12}/ },
      );
    }
  },
});
