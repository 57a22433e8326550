import { defineRule } from '../../server/src/engine/rules/rule.js';
import type { RuleContext } from '../../server/src/engine/rules/rule.js';
import { asString } from '../../server/src/engine/evaluate/value.js';
import { replaceStringFix } from '../../server/src/engine/versioning/replace-string.js';
import {
  blockHeader,
  firstRequiredProvidersBlock,
  settingsTerraformBlock,
} from '../../server/src/engine/versioning/module-anchor.js';
import type { AnchoredRange } from '../../server/src/engine/versioning/module-anchor.js';
import { providerRequirements, providerUses } from '../../server/src/engine/versioning/provider-requirements.js';
import type { ProviderRequirement, ProviderUse } from '../../server/src/engine/versioning/provider-requirements.js';
import {
  hasUpperBound,
  parseVersionConstraint,
  suggestBoundedConstraint,
} from '../../server/src/engine/versioning/version-constraint.js';

/** Providers published under the `hashicorp` namespace, to suggest a real `source` in messages. */
const HASHICORP_PROVIDERS = new Set([
  'aws', 'azurerm', 'azuread', 'google', 'google-beta', 'kubernetes', 'helm', 'random', 'null', 'tls', 'local',
  'archive', 'http', 'time', 'external', 'vault', 'consul', 'nomad', 'dns', 'cloudinit', 'tfe', 'hcp', 'awscc',
  'azurestack', 'ad',
]);

function sourceHint(name: string): string {
  return HASHICORP_PROVIDERS.has(name) ? `hashicorp/${name}` : `<namespace>/${name}`;
}

export default defineRule({
  meta: {
    id: 'versioning/provider-pinned',
    title: 'Providers are declared with a source and a version',
    problem: 'provider unpinned',
    category: 'versioning',
    writtenCodeOnly: true,
    severity: 'warning',
    fixable: true,
    rationale:
      'Without a `required_providers` entry, Terraform guesses the provider (`hashicorp/<name>`, wrong for every ' +
      'partner provider) and installs its newest release, breaking changes included. The `source` says which ' +
      'provider is meant; the `version` says which releases the code was written for. A reusable module should state ' +
      'a minimum (`>= 5.0`) and leave the choice of release to its callers; a root module decides what is installed, ' +
      'so there an unbounded constraint (`>= 5.0`) also lets the next major version in when the lock file is ' +
      'regenerated or absent. A provider counts as used when a resource, data source, ephemeral resource or ' +
      '`provider` block names it (by type prefix or `provider =`), or when a module call passes it in `providers`. ' +
      'The built-in `terraform` provider (`terraform_data`, `terraform_remote_state`) needs no declaration, and a ' +
      'provider declared with a built-in source (`terraform.io/builtin/…`) needs no version: it ships with Terraform. The ' +
      'legacy form `aws = "~> 5.0"` has a version but no source.',
    remediation:
      'Add an entry per provider: `terraform { required_providers { aws = { source = "hashicorp/aws", version = "~> 5.0" } } }`. ' +
      'In a root module use a bounded constraint (`~> 5.0`); in a reusable module a minimum (`>= 5.0`) is enough.',
    equivalents: {
      tflint: ['terraform_required_providers'],
    },
    examples: {
      failing: [
        'terraform {',
        '  required_providers {',
        '    aws = "~> 5.0"',
        '  }',
        '}',
        '',
        'resource "random_id" "suffix" {',
        '  byte_length = 4',
        '}',
        '',
        'resource "aws_s3_bucket" "logs" {',
        '  bucket = "logs-${random_id.suffix.hex}"',
        '}',
      ].join('\n'),
      passing: [
        'terraform {',
        '  required_providers {',
        '    aws    = { source = "hashicorp/aws", version = ">= 5.0" }',
        '    random = { source = "hashicorp/random", version = ">= 3.5" }',
        '  }',
        '}',
        '',
        'resource "random_id" "suffix" {',
        '  byte_length = 4',
        '}',
        '',
        'resource "aws_s3_bucket" "logs" {',
        '  bucket = "logs-${random_id.suffix.hex}"',
        '}',
      ].join('\n'),
    },
  },

  check(ctx) {
    const uses = providerUses(ctx.module);
    if (uses.length === 0) return;
    const requirements = providerRequirements(ctx.module, (expr, file) => ctx.evaluate(expr, file));
    const firstUse = new Map<string, ProviderUse>();
    for (const use of uses) if (!firstUse.has(use.name)) firstUse.set(use.name, use);

    for (const [name, use] of firstUse) {
      const req = requirements.get(name);
      if (!req) reportUndeclared(ctx, name, use);
      else if (!req.builtin) checkRequirement(ctx, req);
    }
  },
});

function reportUndeclared(ctx: RuleContext, name: string, use: ProviderUse): void {
  const rp = firstRequiredProvidersBlock(ctx.module);
  const settings = settingsTerraformBlock(ctx.module);
  const anchor: AnchoredRange = rp ? blockHeader(rp) : settings ? blockHeader(settings) : blockHeader(use);
  const where = rp ? 'required_providers' : settings ? 'a required_providers block in this terraform block' : 'terraform { required_providers }';
  const descriptor = {
    file: anchor.file,
    range: anchor.range,
    message:
      `Provider "${name}" (used by ${use.user}) is not declared: add \`${name} = { source = "${sourceHint(name)}", ` +
      `version = "${pinsAsRoot(ctx) ? '~> X.Y' : '>= X.Y'}" }\` to ${where}.`,
  };
  ctx.report(!rp && !settings && use.address ? { ...descriptor, address: use.address } : descriptor);
}

function checkRequirement(ctx: RuleContext, req: ProviderRequirement): void {
  const entry = { file: req.file, range: req.attribute.nameRange };
  if (req.unknownReason !== undefined) {
    ctx.undecided({
      ...entry,
      text: `Check that required_providers.${req.name} has a source and a version constraint.`,
      reason: `the entry is not known statically: ${req.unknownReason}`,
    });
    return;
  }

  const problems: string[] = [];
  const fixes: string[] = [];

  if (!req.source) {
    problems.push(req.legacy ? 'uses the legacy string form, which has no source' : 'has no source');
    fixes.push(`source = "${sourceHint(req.name)}"`);
  } else if (req.source.value.kind === 'unknown') {
    ctx.undecided({
      file: req.file,
      range: req.source.expr.range,
      text: `Check the source of provider "${req.name}".`,
      reason: `its source is not known statically: ${req.source.value.reason}`,
    });
  }

  let unbounded: { text: string; suggestion?: string } | undefined;
  if (!req.version) {
    problems.push('has no version constraint');
    fixes.push(`version = "${pinsAsRoot(ctx) ? '~> X.Y' : '>= X.Y'}"`);
  } else if (req.version.value.kind === 'unknown') {
    ctx.undecided({
      file: req.file,
      range: req.version.expr.range,
      text: `Check the version constraint of provider "${req.name}".`,
      reason: `its version is not known statically: ${req.version.value.reason}`,
    });
  } else if (pinsAsRoot(ctx)) {
    const text = asString(req.version.value);
    const parsed = text === undefined ? undefined : parseVersionConstraint(text);
    if (text !== undefined && parsed?.ok && !hasUpperBound(parsed.clauses, 'provider')) {
      const suggestion = suggestBoundedConstraint(parsed.clauses);
      unbounded = suggestion === undefined ? { text } : { text, suggestion };
    }
  }

  if (problems.length === 0 && unbounded) {
    // Only the constraint is wrong: the fix is made on the version value.
    const fix = unbounded.suggestion
      ? replaceStringFix(`Use version "${unbounded.suggestion}"`, req.file, req.version!.expr, unbounded.suggestion)
      : undefined;
    ctx.report({
      ...(fix ? { fix } : {}),
      file: req.file,
      range: req.version!.expr.range,
      message:
        `Provider "${req.name}" version "${unbounded.text}" sets no upper bound in this root module, so the next major ` +
        `release is installed whenever the lock file is regenerated: ` +
        (unbounded.suggestion ? `use \`version = "${unbounded.suggestion}"\`.` : 'add one, e.g. `~> X.Y`.'),
    });
    return;
  }
  if (problems.length === 0) return;
  if (unbounded) {
    problems.push(`sets no upper bound ("${unbounded.text}")`);
    fixes.push(`version = "${unbounded.suggestion ?? '~> X.Y'}"`);
  }
  const fix = req.legacy
    ? `write \`${req.name} = { ${[...fixes, ...(unbounded ? [] : [`version = ${JSON.stringify(asString(req.version!.value) ?? '')}`])].join(', ')} }\``
    : `add \`${fixes.join(', ')}\` to the entry`;
  ctx.report({
    ...entry,
    message: `Provider "${req.name}" in required_providers ${joinProblems(problems)}: ${fix}.`,
  });
}

function joinProblems(problems: string[]): string {
  if (problems.length <= 1) return problems.join('');
  return `${problems.slice(0, -1).join(', ')} and ${problems[problems.length - 1]}`;
}

/** A root module pins an upper bound; an example is copied into other roots, so like a module a lower bound is enough (SPEC §2a). */
function pinsAsRoot(ctx: RuleContext): boolean {
  return ctx.module.isRoot && ctx.role !== 'example';
}
