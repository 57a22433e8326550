import { defineRule, findAttribute, headerRange } from '../../server/src/engine/rules/rule.js';
import type { RuleContext } from '../../server/src/engine/rules/rule.js';
import type { ModuleCallRef } from '../../server/src/engine/model/module.js';
import type { Attribute } from '../../server/src/engine/parse/ast.js';
import type { ReportDescriptor } from '../../server/src/engine/rules/rule.js';
import { replaceStringFix } from '../../server/src/engine/versioning/replace-string.js';
import { asString } from '../../server/src/engine/evaluate/value.js';
import { classifyGitRef, classifyModuleSource, isVcsSource } from '../../server/src/engine/versioning/module-source.js';
import type { ModuleSource } from '../../server/src/engine/versioning/module-source.js';
import {
  hasUpperBound,
  isExactConstraint,
  parseVersionConstraint,
  suggestBoundedConstraint,
  suggestExactVersion,
} from '../../server/src/engine/versioning/version-constraint.js';

interface Options {
  requireExact: boolean;
  requireCommitHash: boolean;
}

export default defineRule<Options>({
  meta: {
    id: 'versioning/module-source-pinned',
    title: 'Module sources are pinned to a version',
    problem: 'module unpinned',
    category: 'versioning',
    writtenCodeOnly: true,
    severity: 'warning',
    fixable: true,
    rationale:
      'A module that is not pinned changes under you: the next `terraform init` on a laptop or in CI fetches whatever ' +
      'the registry or the branch holds that day, and a plan that was reviewed is no longer the plan that runs. ' +
      'Registry modules need a `version` constraint with an upper bound (`~> 5.1`, `>= 5.1, < 6.0`, or an exact ' +
      '`5.1.2`); `>= 5.1` lets the next major release in. Note that Terraform reads module constraints with ' +
      'go-version, where `~> 5` (one segment) has no upper bound at all. Git, GitHub, Bitbucket and Mercurial ' +
      'sources need `?ref=` naming a tag or a commit: no ref means the default branch, and a branch-like ref moves. ' +
      'Refs reported as branch-like: main, master, develop, development, dev, trunk, default, HEAD, latest, and ' +
      'refs/heads/…, origin/…, feature/…, feat/…, bugfix/…, fix/…, hotfix/…. A ref that carries a version ' +
      '(`v1.2.3`, `1.4`, `vpc-v2.0.1`, `modules/vpc/v1.2.0`, `refs/tags/…`) counts as a tag and a hex ref of 7 or ' +
      'more digits as a commit. Any other name (`stable`, `release/1.2`) could be a tag or a branch — only the ' +
      'repository knows — so it is not reported unless `requireCommitHash` is on. Local paths are exempt: they are ' +
      'versioned with the calling code. Archives fetched from S3, GCS or HTTP(S) have no version selector Terraform ' +
      'could check, so they are not reported; when their address names no version (no `1.2`-style segment, no S3 ' +
      '`?version=`), the review checklist asks a human to confirm the archive is immutable.',
    remediation:
      'Registry: set `version = "~> X.Y"` (or, with `requireExact`, `version = "X.Y.Z"`). Git: append ' +
      '`?ref=vX.Y.Z` (a release tag) or `?ref=<commit SHA>`; with `requireCommitHash`, the full 40-character SHA ' +
      '(keep the tag in a comment for readers).',
    equivalents: {
      tflint: ['terraform_module_pinned_source', 'terraform_module_version'],
      checkov: ['CKV_TF_1', 'CKV_TF_2'],
    },
    options: {
      requireExact: {
        type: 'boolean',
        description: 'Registry modules must be pinned to one version (`= 1.2.3` or `1.2.3`), not a range or a list of constraints.',
        default: false,
      },
      requireCommitHash: {
        type: 'boolean',
        description: 'Git/GitHub/Bitbucket/Mercurial sources must use a full 40-hex commit SHA as `ref`; tags can be moved.',
        default: false,
      },
    },
    examples: {
      failing: [
        'module "vpc" {',
        '  source  = "terraform-aws-modules/vpc/aws"',
        '  version = ">= 5.0"',
        '}',
        '',
        'module "network" {',
        '  source = "git::https://github.com/acme/terraform-network.git?ref=main"',
        '}',
      ].join('\n'),
      passing: [
        'module "vpc" {',
        '  source  = "terraform-aws-modules/vpc/aws"',
        '  version = "~> 5.1"',
        '}',
        '',
        'module "network" {',
        '  source = "git::https://github.com/acme/terraform-network.git?ref=v2.3.1"',
        '}',
      ].join('\n'),
    },
  },

  check(ctx) {
    for (const call of ctx.module.moduleCalls) checkCall(ctx, call);
  },
});

function checkCall(ctx: RuleContext<Options>, call: ModuleCallRef): void {
  const sourceAttr = findAttribute(call.block, 'source');
  if (!sourceAttr) return; // Terraform itself reports a module call without source.
  const sourceValue = ctx.evaluate(sourceAttr.expr, call.file);
  if (sourceValue.kind === 'unknown') {
    ctx.undecided({
      file: call.file,
      range: sourceAttr.expr.range,
      text: `Check that ${call.address} is pinned to a version (registry \`version\` or git \`?ref=\`).`,
      reason: `its source is not known statically: ${sourceValue.reason}`,
      address: call.address,
    });
    return;
  }
  const raw = asString(sourceValue);
  if (raw === undefined) return;
  const source = classifyModuleSource(raw);

  if (source.kind === 'registry') checkRegistry(ctx, call, sourceAttr, source);
  else if (isVcsSource(source)) checkVcs(ctx, call, sourceAttr, source);
  else if (source.kind === 'other' && isArchiveGetter(source) && !source.versionedArchive) {
    ctx.undecided({
      file: call.file,
      range: sourceAttr.expr.range,
      text: `Confirm that the archive behind ${call.address} ("${raw}") cannot change: a versioned object key or path, or an immutable bucket.`,
      reason: 'an archive source has no version selector that Terraform can check',
      address: call.address,
    });
  }
}

function isArchiveGetter(source: ModuleSource): boolean {
  return source.getter === 's3' || source.getter === 'gcs' || source.getter === 'http';
}

function checkRegistry(ctx: RuleContext<Options>, call: ModuleCallRef, sourceAttr: Attribute, source: ModuleSource): void {
  const versionAttr = findAttribute(call.block, 'version');
  const exactHint = 'pin the version `terraform init` selected (see .terraform/modules/modules.json)';
  if (!versionAttr) {
    // A missing argument is reported on the block header (SPEC §2), where `version` is to be added.
    ctx.report({
      file: call.file,
      range: headerRange(call.block),
      message: ctx.options.requireExact
        ? `Registry module "${source.raw}" has no version: add \`version = "X.Y.Z"\` — ${exactHint}.`
        : `Registry module "${source.raw}" has no version, so every \`terraform init\` takes the latest release: add \`version = "~> X.Y"\` for the major version you tested.`,
      address: call.address,
    });
    return;
  }
  const value = ctx.evaluate(versionAttr.expr, call.file);
  if (value.kind === 'unknown') {
    ctx.undecided({
      file: call.file,
      range: versionAttr.expr.range,
      text: `Check that the version constraint of ${call.address} sets an upper bound.`,
      reason: `its version is not known statically: ${value.reason}`,
      address: call.address,
    });
    return;
  }
  const text = asString(value);
  if (text === undefined) return;
  const parsed = parseVersionConstraint(text);
  if (!parsed.ok) {
    // `terraform init` rejects it with its own message; nothing to add about pinning.
    if (text.trim() !== '') return;
    ctx.report({
      file: call.file,
      range: versionAttr.expr.range,
      message: `Registry module "${source.raw}" has an empty version: set \`version = "~> X.Y"\`.`,
      address: call.address,
    });
    return;
  }
  if (ctx.options.requireExact) {
    if (isExactConstraint(parsed.clauses)) return;
    const exact = suggestExactVersion(parsed.clauses);
    const what = parsed.clauses.length > 1 ? 'is a list of constraints, not one version' : 'is a range';
    const descriptor: ReportDescriptor = {
      file: call.file,
      range: versionAttr.expr.range,
      message: exact
        ? `Version "${text}" of "${source.raw}" ${what}; exact versions are required: use \`version = "${exact}"\` or the release you tested.`
        : `Version "${text}" of "${source.raw}" ${what}; exact versions are required: ${exactHint}, e.g. \`version = "X.Y.Z"\`.`,
      address: call.address,
    };
    const fix = exact ? replaceStringFix(`Pin to version ${exact}`, call.file, versionAttr.expr, exact) : undefined;
    ctx.report(fix ? { ...descriptor, fix } : descriptor);
    return;
  }
  if (hasUpperBound(parsed.clauses, 'module')) return;
  const bounded = suggestBoundedConstraint(parsed.clauses);
  const singleSegmentPessimistic = parsed.clauses.some((c) => c.op === '~>' && c.version.segments.length < 2);
  const fix = bounded ? replaceStringFix(`Use version "${bounded}"`, call.file, versionAttr.expr, bounded) : undefined;
  ctx.report({
    ...(fix ? { fix } : {}),
    file: call.file,
    range: versionAttr.expr.range,
    message:
      (singleSegmentPessimistic
        ? `Version "${text}" of "${source.raw}" sets no upper bound (for modules, \`~> N\` with one segment means \`>= N\`)`
        : `Version "${text}" of "${source.raw}" sets no upper bound, so a new major release arrives on the next \`terraform init\``) +
      (bounded ? `: use \`version = "${bounded}"\`.` : ': add one, e.g. `~> X.Y` for the major version you tested.'),
    address: call.address,
  });
}

function checkVcs(ctx: RuleContext<Options>, call: ModuleCallRef, sourceAttr: Attribute, source: ModuleSource): void {
  const param = source.refParam ?? (source.kind === 'mercurial' ? 'rev' : 'ref');
  const report = (message: string) =>
    ctx.report({ file: call.file, range: sourceAttr.expr.range, message, address: call.address });

  if (source.ref === undefined) {
    report(
      ctx.options.requireCommitHash
        ? `Module source "${source.raw}" is not pinned and follows the default branch: append \`?${param}=<40-character commit SHA>\`.`
        : `Module source "${source.raw}" is not pinned and follows the default branch: append \`?${param}=vX.Y.Z\` (a release tag) or \`?${param}=<commit SHA>\`.`,
    );
    return;
  }
  const ref = classifyGitRef(source.ref);
  if (ref.kind === 'branch') {
    report(
      `Module source "${source.raw}" uses ${param} "${source.ref}", a branch that moves: pin it to ` +
        (ctx.options.requireCommitHash ? 'the full 40-character commit SHA.' : 'a release tag (`vX.Y.Z`) or a commit SHA.'),
    );
    return;
  }
  if (!ctx.options.requireCommitHash || (ref.kind === 'commit' && ref.fullCommit)) return;
  report(
    ref.kind === 'commit'
      ? `Module source "${source.raw}" uses the abbreviated commit "${source.ref}": use the full 40-character SHA, which cannot become ambiguous.`
      : `Module source "${source.raw}" uses ${param} "${source.ref}", which can be moved: pin the full 40-character commit SHA it points to (keep the tag in a comment).`,
  );
}
